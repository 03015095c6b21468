"""Glossary entries: the :class:`Term` type and the checks every source of terms shares.

A term comes from a file (TSV, CSV, TBX), a mapping given in code, or a keep list
(``--keep TERM``); whichever it is, :func:`collect` checks it the same way and refuses
an empty source or target, a source without a letter or digit, and a source given twice
with two different targets, naming the place (file and line, or entry) and the fix.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from translator.errors import GlossaryError

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w")


def clean(text: str) -> str:
    """A term as stored: outer whitespace stripped, inner whitespace runs one space."""
    return _SPACE.sub(" ", text).strip()


def fold(text: str) -> str:
    """The key a term is matched by: :func:`clean`, then lower case, one char per char.

    A character whose lower case is longer (``"İ"``) is kept as it is, so positions in a
    folded text are positions in the original.
    """
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return clean(low)


@dataclass(frozen=True)
class Term:
    """One glossary entry.

    Attributes:
        source: The Indonesian term (inner whitespace normalised to single spaces).
        target: Its English; equal to ``source`` for a term to keep untranslated.
        note: A note from the file's third column (or TBX note); not used in matching.
        origin: Where it came from ("terms.tsv, line 4"), for messages.
    """

    source: str
    target: str
    note: str = field(default="", compare=False)
    origin: str = field(default="", compare=False)

    @property
    def keep(self) -> bool:
        """True for a do-not-translate term (its target is its source)."""
        return self.target == self.source

    @functools.cached_property
    def key(self) -> str:
        """The folded source it is matched by (see :func:`fold`)."""
        return fold(self.source)


#: The fix for an entry with an empty side, per kind of problem.
_EMPTY_FIX = {
    "source": "write the Indonesian term in the first column, or delete the line.",
    "target": "write the English in the second column (the same term again keeps it "
    "untranslated), or delete the line.",
}


def collect(
    raw: Iterable[tuple[int | None, str, str, str]], *, name: str, unit: str = "line"
) -> list[Term]:
    """Check raw entries and make them terms, in order, without repeats.

    Args:
        raw: ``(line, source, target, note)`` per entry; ``line`` is where it is (1-based;
            None when there is no such place).
        name: The file (or "glossary") the entries came from, for messages.
        unit: What ``line`` counts: "line" in a file, "entry" in a mapping or list.

    Raises:
        GlossaryError: An empty source or target, a source without a letter or digit,
            or one source with two different targets.
    """
    seen: dict[str, Term] = {}
    terms: list[Term] = []
    for line, source, target, note in raw:
        source, target, note = clean(source), clean(target), clean(note)
        for side, text in (("source", source), ("target", target)):
            if not text:
                shown = f' for "{source}"' if side == "target" else ""
                raise GlossaryError(name, line, f"empty {side}{shown}", _EMPTY_FIX[side],
                                    unit=unit)
        if not _WORD.search(source):
            raise GlossaryError(
                name, line, f'the source "{source}" has no letter or digit',
                "give a word or name as the source, or delete the line.", unit=unit,
            )
        origin = f"{name}, {unit} {line}" if line is not None else name
        term = Term(source, target, note, origin)
        earlier = seen.get(term.key)
        if earlier is not None:
            if earlier.target == target:
                continue
            raise GlossaryError(
                name, line,
                f'"{source}" is given two targets: "{earlier.target}" ({earlier.origin}) '
                f'and "{target}"',
                "keep one line for each source term, with the English you want.", unit=unit,
            )
        seen[term.key] = term
        terms.append(term)
    return terms
