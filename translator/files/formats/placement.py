"""Putting a paragraph's translation back on the pieces of inline markup it came from.

A paragraph whose text is cut by inline markup into *pieces* (Office runs, ODF spans, the
text between HTML or Markdown inline tags: "Menurut ", "Badan Pusat Statistik" in bold,
", harga beras naik.") is translated whole, so its sentences reach the model whole;
:func:`place_runs` then cuts the translation into as many pieces again, so each piece of
markup gets its share of the translation.

There is no alignment from the model here (CTranslate2's ``return_attention`` and
transformers' cross-attentions are not used yet): the placement is a deterministic,
honest fallback. What it guarantees:

* every piece gets exactly one string, and the strings joined are the translation:
  nothing is lost or repeated, no piece of markup is dropped or duplicated;
* an unchanged translation comes back cut exactly as the source (identity), and so does
  one that differs only by case;
* a piece that was empty (a bookmark, a note citation) stays empty;
* sentence by sentence: when source and translation have as many sentences, a sentence's
  translation is shared only among the pieces of that sentence, so markup never moves
  across a sentence boundary;
* a piece whose words the translation repeats exactly once (a name, a number, a
  code span) is pinned on them;
* the rest is shared by relative position (by characters), each cut moved to the nearest
  place between words (a cut is never inside a word), and a piece with words gets at
  least one word when a neighbour can spare one;
* whitespace at a cut goes to the side it was on in the source ("**BPS**, " keeps the
  space outside the bold), so emphasis markers stay next to their words.

What it cannot do: follow word order changes the translation makes ("harga beras" ->
"rice prices" is fine; a link that moves from the start to the end of a sentence in
English stays at the start). An aligner can replace :func:`place_runs`: it has the same
inputs and output (:data:`PlaceRuns`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import accumulate

#: A function from the source pieces' texts and the paragraph's translation to the
#: translated pieces' texts (as many as there are source pieces).
PlaceRuns = Callable[[Sequence[str], str], list[str]]

_LETTER = re.compile(r"[^\W\d_]")
#: Where a sentence may end inside a text (without one, the text is one sentence).
_MAY_END = re.compile(r"[.!?\u2026\u3002][\"'\u201d\u2019)\]]*\s+\S|\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``, covering it exactly.

    The cuts are the Indonesian sentence splitter's (:mod:`translator.text.segment`), so
    the pieces are shared as the model's sentences are.
    """
    if not _MAY_END.search(text):
        return [(0, len(text))]
    from translator.text.segment.spans import sentence_spans as spans

    starts = [start for start, _ in spans(text)[1:] if 0 < start < len(text)]
    cuts = [0, *sorted(set(starts)), len(text)]
    return list(zip(cuts, cuts[1:]))


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
        if (len(core) < 2 and not core.isdigit()) or translation.count(core) != 1:
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
    out = _empty_stays_empty(pieces, out)
    _give_words(pieces, out, set(anchors))
    return out


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


_FIRST_WORD = re.compile(r"\s*\S+\s*")
_LAST_WORD = re.compile(r"\s*\S+\s*\Z")


def _words(text: str) -> int:
    return len(re.findall(r"\S+", text)) if _LETTER.search(text) else 0


def _give_words(pieces: Sequence[str], out: list[str], pinned: set[int]) -> None:
    """Give a word to each piece with words whose share has none, from a neighbour.

    Only between neighbours that are both non-empty in the source; a donor keeps a word
    (unless its source had none) and a pinned piece gives nothing.
    """
    for i, piece in enumerate(pieces):
        if not _LETTER.search(piece) or _LETTER.search(out[i]):
            continue
        j = i + 1
        if j < len(pieces) and pieces[j] and j not in pinned and (
            _words(out[j]) >= 2 or (not _LETTER.search(pieces[j]) and _words(out[j]))
        ):
            moved = _FIRST_WORD.match(out[j])
            if moved:
                out[i] += moved.group(0)
                out[j] = out[j][moved.end() :]
                continue
        j = i - 1
        if j >= 0 and pieces[j] and j not in pinned and (
            _words(out[j]) >= 2 or (not _LETTER.search(pieces[j]) and _words(out[j]))
        ):
            moved = _LAST_WORD.search(out[j])
            if moved:
                out[i] = moved.group(0) + out[i]
                out[j] = out[j][: moved.start()]


def _whitespace_to_its_side(pieces: Sequence[str], out: list[str]) -> None:
    """At each cut, whitespace goes to the piece whose source had whitespace at that edge.

    When only one side's source had it, the other side's share gives its whitespace at
    the cut to that side ("**BPS** data": the space stays outside the bold); when
    neither had it ("Statistik" then ", harga"), it goes to the right.
    """
    for i in range(1, len(out)):
        left, right = i - 1, i
        if not (pieces[left] and pieces[right] and out[left].strip() and out[right].strip()):
            continue
        left_has = pieces[left][-1:].isspace()
        right_has = pieces[right][:1].isspace()
        if left_has and right_has:
            continue
        lead = len(out[right]) - len(out[right].lstrip())
        trail = len(out[left]) - len(out[left].rstrip())
        if left_has and lead:
            out[left] += out[right][:lead]
            out[right] = out[right][lead:]
        elif not left_has and trail:
            out[right] = out[left][-trail:] + out[right]
            out[left] = out[left][:-trail]


def place_runs(pieces: Sequence[str], translation: str) -> list[str]:
    """Cut ``translation`` into one string per source piece (markup kept on its words).

    Args:
        pieces: The source text of each piece of inline markup (runs, spans, the text
            between inline tags), in order, whitespace included; their concatenation is
            what was translated.
        translation: The translation of that concatenation.

    Returns:
        As many strings as ``pieces``; their concatenation is ``translation``. See the
        module docstring for where the cuts go.
    """
    pieces = list(pieces)
    if not pieces:
        return []
    source = "".join(pieces)
    if translation == source:
        return pieces
    if len(translation) == len(source) and translation.lower() == source.lower():
        cuts = [0, *accumulate(len(p) for p in pieces)]
        return [translation[a:b] for a, b in zip(cuts, cuts[1:])]  # the source but for case
    if len(pieces) == 1:
        return [translation]
    source_sentences = sentence_spans(source)
    target_sentences = sentence_spans(translation)
    if len(source_sentences) != len(target_sentences):
        source_sentences, target_sentences = [(0, len(source))], [(0, len(translation))]
    out = [""] * len(pieces)
    starts, pos = [], 0
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
    _whitespace_to_its_side(pieces, out)
    return out


def place_around_fixed(pieces: Sequence[str], fixed: Sequence[bool], translation: str,
                       place: PlaceRuns = place_runs) -> list[str]:
    """:func:`place_runs` where some pieces are kept verbatim (code spans, ``translate="no"``).

    The fixed pieces were part of the text translated (so the sentence reached the model
    whole); each comes back as its source text. Whatever the placement gave a fixed piece
    beyond its own words (the model rewrote it) goes to the nearest piece that is not
    fixed, so no translated word is lost.

    Returns:
        As many strings as ``pieces``; a fixed piece's string is its source text.
    """
    out = place(pieces, translation)
    free = [i for i, f in enumerate(fixed) if not f]
    for i, is_fixed in enumerate(fixed):
        if not is_fixed:
            continue
        got, own = out[i], pieces[i]
        core = own.strip()
        at = got.lower().find(core.lower()) if core else -1  # the model may change case
        if at >= 0:
            extra_before, extra_after = got[:at], got[at + len(core) :]
        else:
            extra_before, extra_after = got, ""
        lead = own[: len(own) - len(own.lstrip())]
        trail = own[len(own.rstrip()) :]
        extra_before = extra_before.removesuffix(lead) if lead else extra_before
        extra_after = extra_after.removeprefix(trail) if trail else extra_after
        out[i] = own
        if not free:
            continue
        if extra_before.strip() or extra_after.strip():
            before = [j for j in free if j < i]
            after = [j for j in free if j > i]
            if before:
                out[before[-1]] += extra_before
            elif after:
                out[after[0]] = extra_before + out[after[0]]
            if after:
                out[after[0]] = extra_after + out[after[0]]
            elif before:
                out[before[-1]] += extra_after
    # Words moved next to a fixed piece keep the space the source had there.
    for i, is_fixed in enumerate(fixed):
        if not is_fixed:
            continue
        if (i > 0 and not fixed[i - 1] and out[i - 1].strip() and pieces[i - 1][-1:].isspace()
                and not out[i - 1][-1:].isspace()):
            out[i - 1] += " "
        if (i + 1 < len(out) and not fixed[i + 1] and out[i + 1].strip()
                and pieces[i + 1][:1].isspace() and not out[i + 1][:1].isspace()):
            out[i + 1] = " " + out[i + 1]
    return out
