"""Putting a paragraph's translation back on its runs (bold words, links, fields).

A paragraph whose text is cut by inline formatting into runs ("Menurut ", "Badan Pusat
Statistik" in bold, ", harga beras naik.") is translated whole; :func:`place_runs` then
cuts the translation into as many pieces as there were runs, so each piece goes back into
its run and the formatting lands on (about) the right words.

Without an alignment from the model this is a deterministic, honest fallback:

* every run gets exactly one piece (no run is lost or duplicated; the pieces joined are
  the translation, nothing is lost or repeated);
* a run boundary never moves across a sentence boundary: when the source and the
  translation have as many sentences, a boundary inside source sentence *k* lands inside
  translated sentence *k*, and a boundary between sentences stays between them;
* within a sentence a boundary keeps its relative position (by characters), moved to the
  nearest place between words, so a bold phrase or link in the middle of a sentence gets
  the corresponding share of the translated words, and a run with words gets at least one
  word when its neighbours can spare one.

An aligner (cross-attention from the model) can replace :func:`place_runs`: it has the
same inputs (the source runs' texts and the whole translation) and output.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from itertools import accumulate

#: A function from the source runs' texts and the paragraph's translation to the
#: translated runs' texts (as many as there are source runs).
PlaceRuns = Callable[[Sequence[str], str], list[str]]

_LETTER = re.compile(r"[^\W\d_]")


#: Where a sentence may end inside a text (without one, the text is one sentence).
_MAY_END = re.compile(r"[.!?\u2026\u3002][\"'\u201d\u2019)\]]*\s+\S|\n")


def _sentence_cuts(text: str) -> list[int]:
    """0, the start of every sentence after the first, and ``len(text)``."""
    if not _MAY_END.search(text):
        return [0, len(text)]
    from translator.text.segment.spans import sentence_spans

    spans = sentence_spans(text)
    return [0] + [start for start, _ in spans[1:]] + [len(text)]


def _between_words(text: str) -> list[int]:
    """Positions of ``text`` that are not inside a word (ascending)."""
    return [p for p in range(len(text) + 1)
            if p in (0, len(text)) or not (text[p - 1].isalnum() and text[p].isalnum())]


def _nearest(allowed: list[int], x: float, low: int, high: int) -> int:
    """The allowed position nearest ``x`` within ``[low, high]`` (``low`` if none)."""
    i = bisect.bisect_left(allowed, x)
    near = [p for p in allowed[max(i - 1, 0) : i + 1] if low <= p <= high]
    return min(near, key=lambda p: abs(p - x)) if near else low


def place_runs(sources: Sequence[str], translation: str) -> list[str]:
    """Cut ``translation`` into one piece per source run (see the module docstring).

    Args:
        sources: The texts of a paragraph's runs, in order (their whitespace included).
        translation: The translation of ``"".join(sources)``.

    Returns:
        ``len(sources)`` strings whose concatenation is ``translation``.
    """
    if len(sources) <= 1:
        return [translation] if sources else []
    source = "".join(sources)
    bounds = list(accumulate(len(s) for s in sources))[:-1]
    src_cuts, tgt_cuts = _sentence_cuts(source), _sentence_cuts(translation)
    if len(src_cuts) != len(tgt_cuts):
        src_cuts, tgt_cuts = [0, len(source)], [0, len(translation)]
    allowed = _between_words(translation)
    positions: list[int] = []
    regions: list[tuple[int, int]] = []
    for b in bounds:
        j = max(bisect.bisect_right(src_cuts, b) - 1, 0)
        j = min(j, len(src_cuts) - 2)
        s0, s1 = src_cuts[j], src_cuts[j + 1]
        t0, t1 = tgt_cuts[j], tgt_cuts[j + 1]
        if b <= s0:
            x = t0
        elif b >= s1:
            x = t1
        else:
            x = _nearest(allowed, t0 + (b - s0) / (s1 - s0) * (t1 - t0), t0, t1)
        if positions and x < positions[-1]:
            x = positions[-1]
        positions.append(x)
        regions.append((t0, t1))
    _give_words(sources, translation, positions, regions, allowed)
    cuts = [0, *positions, len(translation)]
    return [translation[a:b] for a, b in zip(cuts, cuts[1:])]


def _give_words(sources: Sequence[str], translation: str, positions: list[int],
                regions: list[tuple[int, int]], allowed: list[int]) -> None:
    """Give a word to each run with words whose piece has none, from a neighbour."""

    def has_word(i: int, cuts: list[int]) -> bool:
        return bool(_LETTER.search(translation[cuts[i] : cuts[i + 1]]))

    for i, text in enumerate(sources):
        cuts = [0, *positions, len(translation)]
        if not _LETTER.search(text) or has_word(i, cuts):
            continue
        # Grow to the right: move this run's end (boundary i) past the next word.
        if i < len(positions):
            low, high = regions[i]
            for q in allowed[bisect.bisect_right(allowed, cuts[i + 1]) :]:
                if q > min(high, cuts[i + 2]):
                    break
                trial = cuts[:i + 1] + [q] + cuts[i + 2:]
                if has_word(i, trial):
                    if has_word(i + 1, trial) or not _LETTER.search(sources[i + 1]):
                        positions[i] = q
                    break
            cuts = [0, *positions, len(translation)]
            if has_word(i, cuts):
                continue
        # Grow to the left: move this run's start (boundary i - 1) before the last word.
        if i > 0:
            low, high = regions[i - 1]
            for q in reversed(allowed[: bisect.bisect_left(allowed, cuts[i])]):
                if q < max(low, cuts[i - 1]):
                    break
                trial = cuts[:i] + [q] + cuts[i + 1:]
                if has_word(i, trial):
                    if has_word(i - 1, trial) or not _LETTER.search(sources[i - 1]):
                        positions[i - 1] = q
                    break
