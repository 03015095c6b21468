"""The ``numbers`` check: every number of the source has a counterpart in the translation.

Numbers are read with Indonesian *and* English conventions, because either may appear on
either side: ``1.500`` and ``1,500`` both read as 1500 (and as 1.5), ``1,5`` as 1.5,
``Rp1.500.000`` and ``IDR 1.5 million`` as 1500000, ``1,5 juta`` as 1.5 million,
``07.30 WIB`` and ``7:30 a.m.`` as the time 07:30, ``ke-17`` and ``17th`` as 17. Each number
becomes a set of candidate values; two numbers match when their sets meet.

Written-out English numbers (``five``, ``twenty-one``, ``twice``, month names) are *weak*:
they may stand in for a digit number on the other side, but one without a counterpart is
not reported, because such words have other meanings ("one of them", "May", "second").
Digit numbers, Indonesian cardinals from two up (``lima``, ``dua puluh satu``) and
Indonesian month names are *strong*: one without a counterpart is reported. URLs and other
spans are left to the ``spans`` check.
Tokens that mix letters and digits (``COVID-19``, ``MP3``, ``192.168.1.1``) are compared
as strings, case-insensitively. The words around a number add readings
(:mod:`translator.checks.quantities`): ``150 km`` may be ``93 miles``, ``19.30 WIB``
``1230 GMT``, ``2010–11`` ends in 2011; a conversion added in brackets needs no counterpart.
"""

from __future__ import annotations

import unicodedata

from translator.checks.digits import Key, Num, digit_numbers
from translator.checks.numwords import word_numbers
from translator.checks.quantities import annotate, settle
from translator.checks.spans import find_spans

__all__ = ["Num", "check_numbers", "digit_numbers", "find_numbers", "normalise", "word_numbers"]


def normalise(text: str) -> str:
    """NFKC-normalise (CO₂ -> CO2, full-width digits -> ASCII) for the number readers."""
    return unicodedata.normalize("NFKC", text)


def find_numbers(text: str) -> list[Num]:
    """All numbers of ``text``: digit numbers (strong) and number words (weak).

    Each is read with its unit, currency or time zone (:mod:`translator.checks.quantities`).
    """
    text = normalise(text)
    return annotate(text, digit_numbers(text) + word_numbers(text))


def _match(left: list[Num], right: list[Num]) -> list[Num]:
    """Strong items of ``left`` left over by a maximum matching into ``right``.

    Kuhn's augmenting paths, searched breadth-first without recursion, so a text with
    thousands of numbers cannot exhaust the stack.
    """
    by_key: dict[Key, list[int]] = {}
    by_conv: dict[Key, list[int]] = {}
    for j, item in enumerate(right):
        for key in item.keys:
            by_key.setdefault(key, []).append(j)
        for key in item.conv:
            by_conv.setdefault(key, []).append(j)
    owner: dict[int, int] = {}  # right index -> left index
    partner: dict[int, int] = {}  # left index -> right index
    missing = []
    for start, item in enumerate(left):
        if not item.strong:
            continue
        reached_from: dict[int, int] = {}
        frontier, free = [start], None
        while frontier and free is None:
            following = []
            for i in frontier:
                keys, conv = left[i].keys, left[i].conv
                near = {j for key in keys | conv for j in by_key.get(key, ())}
                near |= {j for key in keys for j in by_conv.get(key, ())}
                for j in sorted(near):
                    if j in reached_from:
                        continue
                    reached_from[j] = i
                    if j not in owner:
                        free = j
                        break
                    following.append(owner[j])
                if free is not None:
                    break
            frontier = following
        if free is None:
            missing.append(item)
            continue
        j = free
        while True:  # flip the path back to the start
            i = reached_from[j]
            previous = partner.get(i)
            owner[j], partner[i] = i, j
            if i == start:
                break
            j = previous  # type: ignore[assignment]
    return missing


def check_numbers(source: str, translation: str) -> str | None:
    """The reason the numbers of ``source`` and ``translation`` disagree, or None.

    A matching that covers every strong number of both sides exists exactly when one
    covers the source's and one covers the translation's (Mendelsohn-Dulmage), so the two
    sides are matched one way each.
    """
    for span in find_spans(source) + find_spans(translation):
        source, translation = source.replace(span, " "), translation.replace(span, " ")
    src, out = find_numbers(source), find_numbers(translation)
    src, out = settle(normalise(source), src, out), settle(normalise(translation), out, src)
    if not any(n.strong for n in src + out):
        return None
    missing, extra = _match(src, out), _match(out, src)
    parts = []
    if missing:
        parts.append("not in the translation: " + ", ".join(repr(n.text) for n in missing))
    if extra:
        parts.append("not in the source: " + ", ".join(repr(n.text) for n in extra))
    return "; ".join(parts) or None
