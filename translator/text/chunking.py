"""Cutting a sentence that is too long for the model into pieces that fit.

Marian encodes at most 512 positions, and quality falls well before that. A sentence
over the input limit is cut at the weakest boundary that works: first after ``;`` or
``:``, then after a comma, then before a conjunction (``yang``, ``dan``, ``tetapi``,
``sehingga`` ...), then at any space, and only as a last resort inside a word. Pieces
are then merged greedily back together while they still fit, so each one keeps as much
context as the limit allows. The pieces are exact, stripped substrings of the sentence;
together they hold every non-space character of it once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

TokenCounter = Callable[[Sequence[str]], list[int]]

_CONJUNCTIONS = (
    "yang dan tetapi namun sehingga karena serta atau sedangkan melainkan padahal agar "
    "supaya bahwa ketika sementara meskipun walaupun hingga lalu kemudian maupun dengan "
    "untuk setelah sebelum sejak jika apabila"
).split()

# Split points, strongest first; each pattern's match end is where a piece ends. All run
# in linear time: a match of the conjunction pattern may only start where a run of spaces
# starts (without the look-behind, every position inside a long run of spaces would be
# tried and backtracked over, which is quadratic).
_LEVELS: tuple[re.Pattern[str], ...] = (
    re.compile(r"[;:]\s+"),
    re.compile(r",\s+"),
    re.compile(r"(?<!\s)\s+(?=(?:" + "|".join(_CONJUNCTIONS) + r")\b)", re.IGNORECASE),
    re.compile(r"\s+"),
)


def split_to_fit(text: str, count_tokens: TokenCounter, max_tokens: int) -> list[str]:
    """Cut ``text`` into pieces of at most ``max_tokens`` tokens each.

    Args:
        text: One sentence (already stripped).
        count_tokens: Returns the model's token count for each string of a list.
        max_tokens: The largest token count a piece may have.

    Returns:
        The pieces in order; ``[text]`` when it already fits.
    """
    if max_tokens < 2:
        raise ValueError("max_tokens must be at least 2")
    if count_tokens([text])[0] <= max_tokens:
        return [text]
    return _split(text, count_tokens, max_tokens, 0)


def _split(text: str, count: TokenCounter, limit: int, level: int) -> list[str]:
    if level == len(_LEVELS):
        return _split_inside_word(text, count, limit)
    atoms = _cut(text, _LEVELS[level])
    if len(atoms) == 1:
        return _split(text, count, limit, level + 1)
    sizes = count(atoms)
    pieces: list[str] = []
    for atom, size in zip(atoms, sizes):
        pieces += [atom] if size <= limit else _split(atom, count, limit, level + 1)
    return _merge(text, pieces, count, limit)


def _cut(text: str, pattern: re.Pattern[str]) -> list[str]:
    """Cut at every match of ``pattern`` (match ends the piece), keeping pieces stripped."""
    pieces, start = [], 0
    for m in pattern.finditer(text):
        if m.start() > start:
            pieces.append(text[start : m.end()].strip())
            start = m.end()
    pieces.append(text[start:].strip())
    return [p for p in pieces if p]


def _merge(text: str, pieces: list[str], count: TokenCounter, limit: int) -> list[str]:
    """Greedily join neighbouring pieces (with their original spacing) while they fit."""
    spans: list[tuple[int, int]] = []  # merged pieces as (start, end) offsets in ``text``
    cursor = 0
    for piece in pieces:
        start = text.index(piece, cursor)
        cursor = end = start + len(piece)
        if spans and count([text[spans[-1][0] : end]])[0] <= limit:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return [text[s:e] for s, e in spans]


def _split_inside_word(text: str, count: TokenCounter, limit: int) -> list[str]:
    """Last resort: the longest prefixes that fit.

    Each prefix is found by doubling its length until it no longer fits, then by
    bisection, so the work follows the length of the pieces, not of the whole text.
    """
    pieces = []
    pos, end = 0, len(text)
    while pos < end:
        lo, size = 1, 2  # lo always fits: one character is at most 2 tokens
        while pos + size < end and count([text[pos : pos + size]])[0] <= limit:
            lo, size = size, 2 * size
        if pos + size >= end:
            if count([text[pos:end]])[0] <= limit:
                pieces.append(text[pos:end])
                break
            hi = end - pos - 1
        else:
            hi = size - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if count([text[pos : pos + mid]])[0] <= limit:
                lo = mid
            else:
                hi = mid - 1
        pieces.append(text[pos : pos + lo])
        pos += lo
        while pos < end and text[pos].isspace():
            pos += 1
    return pieces
