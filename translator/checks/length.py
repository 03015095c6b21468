"""The ``length`` check: a translation far shorter or longer than such sources usually get.

The bounds are the 0.5th and 99.5th percentiles of the ratio (translation characters /
source characters) of human Indonesian -> English translations, per source-length band,
widened by :data:`MARGIN`. Short sources vary more ("Ya." -> "Yes."), so their band is wider.
"""

from __future__ import annotations

import math

#: (shortest source length in characters, lowest ratio, highest ratio), by ascending length.
#: Calibrated by ``python benchmarks/checks.py --calibrate`` on ../shared/data/parallel-dev
#: (NusaX 600 + Tatoeba 4,289 human pairs, less 21 whose reference is elided with "..." or
#: is an annotator's note): per band of source length, the 0.5th and 99.5th percentile of
#: len(reference)/len(source), divided and multiplied by MARGIN.
BANDS: tuple[tuple[int, float, float], ...] = (
    (0, 0.43, 2.41),  # 98 pairs
    (10, 0.42, 2.13),  # 564 pairs
    (20, 0.45, 1.68),  # 2302 pairs
    (40, 0.43, 1.64),  # 1352 pairs
    (80, 0.54, 1.66),  # 552 pairs
)
#: Factor by which the calibrated percentiles are widened.
MARGIN = 1.1
#: Sources shorter than this are never flagged for length.
MIN_SOURCE_CHARS = 4


def bounds(source_chars: int) -> tuple[float, float]:
    """The (lowest, highest) allowed length ratio for a source of ``source_chars`` characters."""
    low, high = BANDS[0][1], BANDS[0][2]
    for start, band_low, band_high in BANDS:
        if source_chars >= start:
            low, high = band_low, band_high
    return low, high


def check_length(source: str, translation: str) -> str | None:
    """The reason the length of ``translation`` is implausible for ``source``, or None."""
    src, out = len(source.strip()), len(translation.strip())
    if src < MIN_SOURCE_CHARS or not out:
        return None
    low, high = bounds(src)
    ratio = out / src
    if ratio < low:  # rounded away from the bound, so the reason never reads "0.45 < 0.45"
        shown = math.floor(ratio * 100) / 100
        return f"the translation is {shown:.2f}x the source's length (usual: at least {low:.2f}x)"
    if ratio > high:
        shown = math.ceil(ratio * 100) / 100
        return f"the translation is {shown:.2f}x the source's length (usual: at most {high:.2f}x)"
    return None
