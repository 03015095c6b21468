"""The :class:`Glossary`: terms the translation must use and terms it must keep.

Built from a file (TSV, CSV, TBX), a mapping, a list of terms to keep untranslated, or
any combination (:meth:`Glossary.build`); two glossaries merge, the later one winning on a
source they share (a per-call glossary over the server's). Its :attr:`~Glossary.digest`
names its contents for cache keys. Matching is compiled once, on first use.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Union

from translator.errors import NotTextError
from translator.terms.entries import Term, collect, fold
from translator.terms.match import Matcher, TermMatch
from translator.terms.read import parse_glossary, read_glossary

#: What :meth:`Glossary.build` accepts as a glossary.
GlossaryLike = Union["Glossary", str, "os.PathLike[str]", Mapping[str, str], None]

#: Bumped when matching rules change, so cached translations made under old ones go.
MATCHING_VERSION = "1"


class Glossary:
    """An ordered set of terms, each source once; matching compiled on first use.

    Args:
        terms: The terms (already checked; see :func:`translator.terms.entries.collect`).
            A later term replaces an earlier one with the same source (any case).
    """

    def __init__(self, terms: Iterable[Term] = ()) -> None:
        by_key: dict[str, Term] = {}
        for term in terms:
            by_key.pop(term.key, None)
            by_key[term.key] = term
        self._terms = tuple(by_key.values())
        self._by_key = by_key
        self._matcher: Matcher | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Glossary:
        """A glossary file: TSV, CSV or TBX (see :mod:`translator.terms.read`).

        Raises:
            FileNotFoundError: There is no such file.
            GlossaryError: The file or one of its lines cannot be used (file and line named).
        """
        return cls(read_glossary(path))

    @classmethod
    def from_bytes(cls, data: bytes, *, name: str) -> Glossary:
        """A glossary file's contents (an upload, a glossary typed in the app).

        Args:
            data: The bytes of a TSV, CSV or TBX glossary.
            name: Its file name (the extension picks the format; without one the content
                does), used in messages.

        Raises:
            GlossaryError: As :meth:`from_file`.
        """
        return cls(parse_glossary(data, name=name))

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, str], *, name: str = "glossary") -> Glossary:
        """Terms given in code: ``{"Badan Pusat Statistik": "Statistics Indonesia"}``.

        Raises:
            GlossaryError: An empty source or target, or two sources differing only in case
                with different targets (the entry is named by its number).
            NotTextError: A source or target is not a string.
        """
        raw = []
        for number, (source, target) in enumerate(mapping.items(), 1):
            _check_text(source, f"{name} entry {number}")
            _check_text(target, f"{name} entry {number}")
            raw.append((number, source, target, ""))
        return cls(collect(raw, name=name, unit="entry"))

    @classmethod
    def from_keep(cls, terms: Iterable[str], *, name: str = "keep") -> Glossary:
        """Terms to keep untranslated (``--keep BRIN``): each maps to itself."""
        raw = []
        for number, term in enumerate(terms, 1):
            _check_text(term, f"{name} entry {number}")
            raw.append((number, term, term, ""))
        return cls(collect(raw, name=name, unit="entry"))

    @classmethod
    def build(cls, glossary: GlossaryLike = None, *, keep: Iterable[str] = ()) -> Glossary:
        """A glossary from what a caller gives, plus terms to keep.

        ``glossary`` is a path, a mapping, a :class:`Glossary` or None; the keep terms win
        over it on a source both hold.

        Raises:
            FileNotFoundError: A path that does not exist.
            GlossaryError: A bad file, line or entry.
            NotTextError: Something else than these.
        """
        if glossary is None:
            base = cls()
        elif isinstance(glossary, Glossary):
            base = glossary
        elif isinstance(glossary, (str, os.PathLike)):
            base = cls.from_file(glossary)
        elif isinstance(glossary, Mapping):
            base = cls.from_mapping(glossary)
        else:
            raise NotTextError(
                f"glossary= takes a file path, a mapping of source to target or a Glossary, "
                f"not {type(glossary).__name__}. Fix: pass glossary='terms.tsv' or "
                "glossary={'Badan Pusat Statistik': 'Statistics Indonesia'}."
            )
        if isinstance(keep, str):
            keep = [keep]
        keep = list(keep)
        return base.merge(cls.from_keep(keep)) if keep else base

    def merge(self, other: Glossary) -> Glossary:
        """This glossary with ``other``'s terms added; ``other`` wins on a shared source."""
        if not other:
            return self
        if not self:
            return other
        return Glossary((*self._terms, *other._terms))

    @property
    def terms(self) -> tuple[Term, ...]:
        """The terms, in the order given."""
        return self._terms

    @property
    def keep_terms(self) -> tuple[Term, ...]:
        """The do-not-translate terms."""
        return tuple(t for t in self._terms if t.keep)

    @property
    def digest(self) -> str:
        """A stable hash of the terms (source, target; not notes or order), for cache keys.

        "" for an empty glossary, so a cache key without one is unchanged.
        """
        if not self._terms:
            return ""
        sha = hashlib.sha256(f"glossary v{MATCHING_VERSION}\n".encode())
        for key in sorted(self._by_key):
            term = self._by_key[key]
            sha.update(f"{term.source}\t{term.target}\n".encode())
        return sha.hexdigest()[:32]

    def get(self, source: str) -> Term | None:
        """The term for ``source`` (any case, any whitespace), None when there is none."""
        return self._by_key.get(fold(source))

    def find(self, text: str, *, protected: Sequence[tuple[int, int]] = ()) -> list[TermMatch]:
        """The terms in ``text`` (see :mod:`translator.terms.match` for the rules).

        Args:
            text: The source text (a sentence, for :attr:`TermMatch.initial`).
            protected: ``(start, end)`` spans no match may overlap: what is not translated
                (URLs, e-mail addresses, ``translate="no"`` text).
        """
        if not self._terms:
            return []
        matcher = self._matcher
        if matcher is None:
            with self._lock:
                if self._matcher is None:
                    self._matcher = Matcher(self._terms)
                matcher = self._matcher
        return matcher.find(text, protected=protected)

    def __getstate__(self) -> dict[str, object]:
        """Pickle the terms only (for worker processes); matching is compiled again there."""
        return {"terms": self._terms}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__init__(state["terms"])  # type: ignore[misc]

    def __len__(self) -> int:
        return len(self._terms)

    def __bool__(self) -> bool:
        return bool(self._terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self._terms)

    def __contains__(self, source: object) -> bool:
        return isinstance(source, str) and fold(source) in self._by_key

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Glossary):
            return NotImplemented
        return self.digest == other.digest

    def __hash__(self) -> int:
        return hash(self.digest)

    def __repr__(self) -> str:
        keep = len(self.keep_terms)
        return f"Glossary({len(self)} terms, {keep} to keep)"


def _check_text(value: object, where: str) -> None:
    if not isinstance(value, str):
        raise NotTextError(
            f"{where}: a term must be a string, not {type(value).__name__}. Fix: give "
            "strings, e.g. {'Badan Pusat Statistik': 'Statistics Indonesia'}."
        )
