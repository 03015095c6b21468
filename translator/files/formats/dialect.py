"""The dialect of a CSV file: which of ``,`` ``;`` tab ``|`` separates its cells.

Spreadsheets write one of four delimiters (Excel in many European and Indonesian locales
writes ``;``) and quote with double quotes, doubled to escape. A header row that uses only
one of them (outside quotes) decides, and one that uses none is one column (``,``); when
it uses several, the delimiter :class:`csv.Sniffer` finds consistent over the first rows
(restricted to the four) is taken if the header has it, else the one the header uses
most. A ``.tsv`` file is tab-separated. The quote character is always ``"``: the
sniffer's guesses of others are wrong on ordinary text with apostrophes.
"""

from __future__ import annotations

import csv
import re

DELIMITERS = ",;\t|"
#: Characters of the file's start the sniffer looks at.
SAMPLE_CHARS = 64 * 1024
_QUOTED = re.compile(r'"[^"]*"')
_HEADER = re.compile(r'(?:"[^"]*"|[^"\r\n])*')  # the header row, quoted line breaks included
_NAMES = {",": "comma", ";": "';'", "\t": "tab", "|": "'|'"}


def _header_counts(sample: str) -> dict[str, int]:
    header = _QUOTED.sub("", sample[: _HEADER.match(sample).end()])  # type: ignore[union-attr]
    return {d: header.count(d) for d in DELIMITERS}


def sniff_delimiter(sample: str, source: str = "") -> str:
    """The delimiter of the CSV text that starts with ``sample`` (see the module docstring)."""
    if source.lower().endswith(".tsv"):
        return "\t"
    counts = _header_counts(sample)
    used = [d for d in DELIMITERS if counts[d]]
    if len(used) <= 1:  # none: one column, whatever its cells hold
        return used[0] if used else ","
    text = sample[:SAMPLE_CHARS]
    if len(sample) > SAMPLE_CHARS:  # whole rows only (a cut inside quotes is harmless)
        text = text[: max(text.rfind("\n"), 0)] or text
    try:
        guess = csv.Sniffer().sniff(text, delimiters=DELIMITERS).delimiter
    except csv.Error:
        guess = ""
    if guess and guess in DELIMITERS and counts[guess]:
        return guess
    return max(DELIMITERS, key=lambda d: counts[d])  # first on ties: ","


def describe(delimiter: str) -> str:
    """``';'-separated`` for the summary; "" for a comma."""
    return "" if delimiter == "," else f"{_NAMES.get(delimiter, repr(delimiter))}-separated"
