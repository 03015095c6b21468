"""Finding glossary terms in Indonesian text, in time linear in the text.

The rules: a term matches as whole words, in any case, with any whitespace between its
words; it never matches inside another word (``perang`` is not in ``perangkat``), but it
does with Indonesian clitics attached to its last word: the possessives ``-ku``, ``-mu``,
``-nya`` and the particles ``-lah``, ``-kah``, ``-tah``, ``-pun``, alone or together
(``pemerintahnya``, ``presidenlah``, ``bukunyakah``), written on or with a hyphen
(``iPhone-nya``). Overlapping matches are settled longest first, then leftmost. A
reduplicated term, the Indonesian plural (``partai-partai``), is one occurrence.

All terms go into one Aho-Corasick automaton (pyahocorasick, BSD) built once; a text is
folded (lower case, whitespace runs made one space, offsets kept) and scanned once, and
each hit is checked at its two ends only.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from translator.errors import MissingDependencyError
from translator.terms.entries import Term, fold

#: Clitics that may follow a term's last word: a possessive and/or a particle.
CLITIC = re.compile(r"(?:(?:ku|mu|nya)(?:lah|kah|tah|pun)?|lah|kah|tah|pun)(?!\w)")
_RUN = re.compile(r"\s+")


@dataclass(frozen=True)
class TermMatch:
    """One occurrence of a glossary term in a source text.

    Attributes:
        term: The glossary entry.
        start: Where the occurrence starts in the text.
        end: Where the term ends (before any clitic).
        text: The occurrence as written (``text[start:end]`` of the source).
        clitic: A clitic attached to it (``"nya"``, ``"lah"``; ``""`` for none; a
            hyphenated one, ``-nya``, is left outside the match and is ``""`` here).
        initial: True when the term starts the sentence (nothing but punctuation or
            spaces before it).
    """

    term: Term
    start: int
    end: int
    text: str
    clitic: str = ""
    initial: bool = False

    @property
    def english(self) -> str:
        """What the translation must hold.

        The occurrence itself for a keep term; else the target, capitalised when the term
        starts the sentence, in the glossary's case otherwise.
        """
        if self.term.keep:
            return self.text
        return capitalise(self.term.target) if self.initial else self.term.target


def capitalise(text: str) -> str:
    """``text`` with a capital first letter, as a sentence starts; ``eBay`` stays."""
    if text[:1].islower() and not text[1:2].isupper():
        return text[0].upper() + text[1:]
    return text


#: A character that is not part of a word: not a letter, digit, ``_`` or combining mark.
_NON_WORD = re.compile(r"[^\w\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_WORD_CHAR = re.compile(r"[^\0]")


def _word_mask(text: str) -> bytes:
    """One byte per character of ``text``: 1 in a word, 0 elsewhere (computed in C)."""
    return _WORD_CHAR.sub("\1", _NON_WORD.sub("\0", text)).encode("latin-1")


class Matcher:
    """Every term of a glossary compiled into one automaton; :meth:`find` scans a text.

    Args:
        terms: The terms, each with a distinct :attr:`Term.key`.

    Raises:
        MissingDependencyError: pyahocorasick is not installed.
    """

    def __init__(self, terms: Sequence[Term]) -> None:
        try:
            import ahocorasick
        except ImportError as exc:  # pragma: no cover - a base dependency
            raise MissingDependencyError("pyahocorasick", "", "Glossary matching") from exc
        self.terms = tuple(terms)
        self._automaton: Any = ahocorasick.Automaton()
        for index, term in enumerate(self.terms):
            key = term.key
            self._automaton.add_word(key, (len(key), index))
        self._longest = max((len(t.key) for t in self.terms), default=0)
        if self.terms:
            self._automaton.make_automaton()

    def find(self, text: str, *, protected: Sequence[tuple[int, int]] = ()) -> list[TermMatch]:
        """The terms in ``text``, in text order, non-overlapping, longest first.

        Args:
            text: The source text.
            protected: ``(start, end)`` spans of ``text`` no match may overlap (URLs,
                e-mail addresses, ``translate="no"`` text: what is not translated).
        """
        if not self.terms or not text:
            return []
        folded, marks = _fold_with_offsets(text)
        size = len(folded)
        word = _word_mask(folded)
        taken = bytearray(size)
        for start, end in protected:
            a, b = _folded(max(start, 0), marks), _folded(min(end, len(text)), marks)
            taken[a:b] = b"\1" * (b - a)
        # Each hit is one int, sorted longest first, then leftmost: sorting ints is fast.
        stride, count, longest = size + 1, len(self.terms), self._longest
        hits: list[int] = []
        for last, (length, index) in self._automaton.iter(folded):
            start, end = last - length + 1, last + 1
            if start and word[start - 1]:
                continue
            if end < size and word[end] and CLITIC.match(folded, end) is None:
                continue
            hits.append(((longest - length) * stride + start) * count + index)
        if not hits:
            return []
        hits.sort()
        chosen: list[tuple[int, int, int]] = []
        for key in hits:
            rest, index = divmod(key, count)
            rank, start = divmod(rest, stride)
            end = start + longest - rank
            if taken.find(1, start, end) >= 0:
                continue
            taken[start:end] = b"\1" * (end - start)
            chosen.append((start, end, index))
        chosen.sort()
        # A reduplicated term (the plural "partai-partai") is one occurrence.
        merged: list[tuple[int, int, int]] = []
        for start, end, index in chosen:
            if merged:
                first, last, prior = merged[-1]
                if prior == index and start == last + 1 and folded[last] == "-":
                    merged[-1] = (first, end, index)
                    continue
            merged.append((start, end, index))
        lead = _first_word(text)
        out = []
        for start, end, index in merged:
            a, b = _original(start, marks), _original(end - 1, marks) + 1
            clitic = ""
            if end < size and word[end]:
                clitic = CLITIC.match(folded, end).group()  # type: ignore[union-attr]
            out.append(TermMatch(self.terms[index], a, b, text[a:b], clitic, a == lead))
        return out


def _folded(position: int, marks: list[tuple[int, int]]) -> int:
    """The position in the folded text of ``position`` in the original one."""
    at = bisect.bisect_right([f + shift for f, shift in marks], position) - 1
    return position - marks[at][1] if at >= 0 else position


def _first_word(text: str) -> int:
    """Where the first letter or digit of ``text`` is (-1 when there is none)."""
    for i, char in enumerate(text):
        if char.isalnum():
            return i
    return -1


def _fold_with_offsets(text: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` folded as terms are, and ``(folded position, shift)`` marks to map back.

    Whitespace runs other than one plain space become one space; after each, positions
    in the folded text are ``shift`` less than in ``text``.
    """
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    marks: list[tuple[int, int]] = []
    pieces: list[str] = []
    done = shift = 0
    for run in _RUN.finditer(low):
        if run.group() == " ":
            continue
        pieces.append(low[done:run.start()])
        pieces.append(" ")
        done = run.end()
        shift += len(run.group()) - 1
        marks.append((run.start() - shift + len(run.group()), shift))
    if not marks:
        return low, marks
    pieces.append(low[done:])
    return "".join(pieces), marks


def _original(position: int, marks: list[tuple[int, int]]) -> int:
    """The original position of ``position`` (not in a whitespace run) in the folded text."""
    at = bisect.bisect_right(marks, (position, float("inf"))) - 1
    return position + (marks[at][1] if at >= 0 else 0)


__all__ = ["CLITIC", "Matcher", "TermMatch", "fold"]
