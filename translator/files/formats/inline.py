"""Putting a translated sentence back on the pieces of inline markup it came from.

A paragraph with a bold word or a link is one unit for the model (its sentences reach the
model whole); its text is held by several *pieces* (the text of each span, run or link,
in document order). :func:`place_runs` cuts the translation into as many pieces again, so
every piece of markup gets its share of the translation and none is lost or duplicated.

The placement here is deterministic and needs no model: sentence by sentence (when source
and translation have the same number of sentences, no text crosses a sentence boundary),
a piece whose text the translation repeats verbatim (a name, a number) is anchored on it,
and the rest is shared by relative position, with cuts moved to the nearest word
boundary. An aligner that uses the model's attention can replace it: it has the same
signature.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: A cut between two sentences: after ".", "!", "?" or "…" (closing quotes or brackets
#: allowed) and before whitespace.
_SENTENCE_END = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u2019)\]]*\s+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``, covering it exactly."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() < len(text):
            spans.append((start, match.end()))
            start = match.end()
    spans.append((start, len(text)))
    return spans


def _snap(text: str, cut: int, low: int, high: int) -> int:
    """``cut`` moved to the nearest place of ``text`` within [low, high] not inside a word."""
    cut = min(max(cut, low), high)

    def boundary(i: int) -> bool:
        return i in (low, high) or not (text[i - 1].isalnum() and text[i].isalnum())

    for distance in range(max(high - low, 0) + 1):
        for i in (cut - distance, cut + distance):
            if low <= i <= high and boundary(i):
                return i
    return cut


def _proportional(lengths: Sequence[int], text: str, start: int, end: int) -> list[int]:
    """Where each piece of source ``lengths`` ends when they share ``text[start:end]``."""
    total = sum(lengths)
    ends, done, low = [], 0, start
    for length in lengths[:-1]:
        done += length
        if not length:
            cut = low  # an empty piece stays empty
        elif done == total:
            cut = end  # the pieces left are empty
        else:
            cut = _snap(text, start + round(done / total * (end - start)), low, end)
        ends.append(cut)
        low = cut
    return [*ends, end]


def _anchor(pieces: Sequence[str], translation: str) -> dict[int, int]:
    """Pieces whose text the translation repeats once, in order: piece -> where it ends."""
    anchors: dict[int, int] = {}
    last = 0
    for i, piece in enumerate(pieces):
        core = piece.strip()
        if len(core) < 2 or translation.count(core) != 1:
            continue
        found = translation.find(core)
        if found >= last:
            anchors[i] = found + len(core)
            last = found + len(core)
    return anchors


def _place_sentence(pieces: Sequence[str], translation: str) -> list[str]:
    """Cut one sentence's translation among its pieces."""
    n = len(pieces)
    if sum(1 for p in pieces if p) <= 1:
        keep = next((i for i, p in enumerate(pieces) if p), 0)
        return [translation if i == keep else "" for i in range(n)]
    anchors = _anchor(pieces, translation)
    ends: list[int] = []
    for k in [*sorted(anchors), n]:
        start = ends[-1] if ends else 0
        group = pieces[len(ends) : k]
        if k < n:
            core = pieces[k].strip()
            begin = anchors[k] - len(core)
        else:
            begin = len(translation)
        if group:
            ends += _proportional([len(p) for p in group], translation, start, begin)
        if k < n:
            # An anchored piece takes the text since the last end (its lead) and ends
            # after its words; the last piece takes the rest.
            end = anchors[k]
            trail = len(pieces[k]) - len(pieces[k].rstrip())
            while trail and end < len(translation) and translation[end].isspace():
                end, trail = end + 1, trail - 1
            ends.append(end if k < n - 1 else len(translation))
    out, prev = [], 0
    for end in ends:
        end = max(end, prev)
        out.append(translation[prev:end])
        prev = end
    out[-1] += translation[prev:]
    return _empty_stays_empty(pieces, out)


def _empty_stays_empty(pieces: Sequence[str], out: list[str]) -> list[str]:
    """Text given to a piece that was empty goes to its nearest non-empty neighbour."""
    for i, piece in enumerate(pieces):
        if piece or not out[i]:
            continue
        before = next((j for j in range(i - 1, -1, -1) if pieces[j]), None)
        if before is not None:
            out[before] += out[i]
        else:
            after = next(j for j in range(i + 1, len(pieces)) if pieces[j])
            out[after] = out[i] + out[after]
        out[i] = ""
    return out


def place_runs(pieces: Sequence[str], translation: str) -> list[str]:
    """Cut ``translation`` into one piece per source piece (markup kept on its words).

    Args:
        pieces: The source text of each piece of inline markup, in order; their
            concatenation is what was translated.
        translation: The translation of that concatenation.

    Returns:
        As many strings as ``pieces``; their concatenation is ``translation``. A piece
        that was empty stays empty (unless every piece was); when source and
        translation have as many sentences, each sentence's translation is shared only
        among the pieces of that sentence.
    """
    pieces = list(pieces)
    if not pieces:
        return []
    source = "".join(pieces)
    if translation == source:
        return pieces
    if len(pieces) == 1:
        return [translation]
    source_sentences = sentence_spans(source)
    target_sentences = sentence_spans(translation)
    if len(source_sentences) != len(target_sentences):
        source_sentences, target_sentences = [(0, len(source))], [(0, len(translation))]
    # Cut each piece at the source's sentence boundaries.
    out = [""] * len(pieces)
    starts = []
    pos = 0
    for piece in pieces:
        starts.append(pos)
        pos += len(piece)
    for (s_start, s_end), (t_start, t_end) in zip(source_sentences, target_sentences):
        owners, parts = [], []
        for i, piece in enumerate(pieces):
            a, b = max(starts[i], s_start), min(starts[i] + len(piece), s_end)
            if a < b or (not piece and s_start <= starts[i] < s_end):
                owners.append(i)
                parts.append(source[a:b] if a < b else "")
        if not owners:  # an empty source sentence: keep its translation on the last piece
            out[-1] += translation[t_start:t_end]
            continue
        placed = _place_sentence(parts, translation[t_start:t_end])
        for owner, text in zip(owners, placed):
            out[owner] += text
    return out
