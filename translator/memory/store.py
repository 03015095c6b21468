"""The translation memory: exact and fuzzy lookups over approved source/target pairs."""

from __future__ import annotations

import hashlib
import os
import threading
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Union

from translator.exchange.pairs import Pair, now_stamp
from translator.exchange.xmltext import normalize
from translator.memory.index import FuzzyIndex, score
from translator.results import Suggestion

#: Entries added since the index was built that are scanned without it; more rebuild it.
MAX_UNINDEXED = 2000


#: A memory entry is an interchange :class:`~translator.exchange.Pair`: ``source`` (as its
#: file has it), ``target`` (verbatim), ``origin`` (the file's name, or what added it) and
#: ``changed`` (TMX date, "" when unknown).
Entry = Pair


@dataclass(frozen=True)
class MemoryStats:
    """What a memory holds.

    Attributes:
        entries: Distinct (normalised) sources.
        origins: Entries per origin, most first.
        paths: The files it was loaded from.
        digest: :attr:`TranslationMemory.digest`.
    """

    entries: int
    origins: tuple[tuple[str, int], ...]
    paths: tuple[str, ...]
    digest: str


PathLike = Union[str, "os.PathLike[str]"]


class TranslationMemory:
    """Approved translations, looked up by exact and fuzzy source match.

    Keys are sources with whitespace normalised (runs of whitespace collapsed, ends
    stripped); between two entries with the same key the newest wins (the later
    ``changed`` date, else the later added). Thread safe: one thread may add while others
    look up.

    Args:
        pairs: Initial entries.

    Example:
        >>> memory = TranslationMemory.load(["tm.tmx", "glossary.tsv"])
        >>> memory.exact("Selamat  pagi.")   # Entry(..., target='Good morning.', ...)
        >>> memory.suggest("Selamat pagi semua.", limit=3, threshold=0.75)
    """

    def __init__(self, pairs: Iterable[Pair] = ()) -> None:
        self._lock = threading.RLock()
        self._slots: dict[str, int] = {}
        self._keys: list[str] = []
        self._entries: list[Entry] = []
        self._index: FuzzyIndex | None = None
        self._digest: str | None = None
        self.paths: tuple[Path, ...] = ()
        self._extend(pairs)

    @classmethod
    def load(cls, paths: PathLike | Sequence[PathLike]) -> TranslationMemory:
        """A memory of the pairs in TMX, XLIFF (units with a target) and TSV/CSV files.

        Each entry's origin is its file's name; later files win over earlier ones.

        Raises:
            MemoryFileNotFoundError: A file is missing.
            InvalidInputError: A file is damaged, hostile or too large (named).
        """
        from translator.exchange.loading import load_pairs

        items = [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
        memory = cls()
        for path in items:
            memory._extend(load_pairs(path))
        memory.paths = tuple(Path(p) for p in items)
        return memory

    def _extend(self, pairs: Iterable[Pair]) -> int:
        count = 0
        with self._lock:
            for pair in pairs:
                key = normalize(pair.source)
                if not key or not pair.target.strip():
                    continue
                entry = pair
                slot = self._slots.get(key)
                if slot is None:
                    self._slots[key] = len(self._entries)
                    self._keys.append(key)
                    self._entries.append(entry)
                else:
                    old = self._entries[slot]
                    if old.changed and entry.changed and entry.changed < old.changed:
                        continue
                    self._entries[slot] = entry
                count += 1
            if count:
                self._digest = None
        return count

    def add(
        self,
        pairs: Iterable[Pair | tuple[str, str]],
        origin: str = "added",
        *,
        save_to: PathLike | None = None,
    ) -> int:
        """Add (or replace) entries; optionally also add them to a TMX file on disk.

        Args:
            pairs: :class:`~translator.exchange.Pair` objects or (source, target) tuples.
            origin: The origin of tuples (and of pairs without one).
            save_to: A TMX file to add these pairs to as well
                (:func:`~translator.exchange.add_to_tmx`: locked, atomic, newest wins).

        Returns:
            The number of entries added or replaced.
        """
        stamp = now_stamp()
        fresh = [
            Pair(p.source, p.target, p.origin or origin, p.changed or stamp)
            if isinstance(p, Pair) else Pair(p[0], p[1], origin, stamp)
            for p in pairs
        ]
        if save_to is not None:
            from translator.exchange.tmx import add_to_tmx

            add_to_tmx(save_to, fresh)
        return self._extend(fresh)

    def exact(self, text: str) -> Entry | None:
        """The entry whose source equals ``text`` (whitespace normalised), if any."""
        slot = self._slots.get(normalize(text))
        return None if slot is None else self._entries[slot]

    def suggest(self, text: str, *, limit: int = 3, threshold: float = 0.75) -> list[Suggestion]:
        """The best fuzzy matches of ``text``: score >= ``threshold`` and < 1, best first.

        The exact match (score 1) is never among them: use :meth:`exact`.
        """
        query = normalize(text)
        if not query or limit <= 0:
            return []
        index, tail = self._ensure_index()
        found = index.search(query, limit=limit, threshold=threshold, exclude=query)
        if tail < len(self._keys):
            extra = {i: self._keys[i] for i in range(tail, len(self._keys))}
            found += score(query, extra, limit=limit, threshold=threshold, exclude=query)
            found.sort(key=lambda r: (-r[1], r[0]))
        results = []
        for slot, value in found[:limit]:
            entry = self._entries[slot]
            results.append(Suggestion(entry.source, entry.target, min(value, 0.9999),
                                      entry.origin))
        return results

    def _ensure_index(self) -> tuple[FuzzyIndex, int]:
        """The index, rebuilt when too many entries were added since; and its length."""
        index = self._index
        if index is None or len(self._keys) - len(index) > MAX_UNINDEXED:
            with self._lock:
                index = self._index
                if index is None or len(self._keys) - len(index) > MAX_UNINDEXED:
                    index = self._index = FuzzyIndex(self._keys)
        return index, len(index)

    def build_index(self) -> None:
        """Build the fuzzy index now (it is otherwise built by the first :meth:`suggest`)."""
        with self._lock:
            self._index = FuzzyIndex(self._keys)

    def save(self, path: PathLike) -> int:
        """Add every entry to the TMX file ``path`` (created when missing).

        What the file holds already is kept (another process's additions are not lost);
        duplicates keep the newest. Locked and atomic (:func:`~translator.exchange.add_to_tmx`).

        Returns:
            The number of pairs in the file afterwards.
        """
        from translator.exchange.tmx import add_to_tmx

        with self._lock:
            pairs = list(self._entries)
        return add_to_tmx(path, pairs)

    @property
    def digest(self) -> str:
        """A stable SHA-256 of the contents (keys and targets, order independent).

        Equal for two memories with the same entries, whatever their files and origins:
        caches key on it, so a cached translation never hides a memory entry.
        """
        with self._lock:
            if self._digest is None:
                h = hashlib.sha256(b"indo-translator memory v1\n")
                for key, slot in sorted(self._slots.items()):
                    h.update(f"{key}\0{self._entries[slot].target}\0".encode())
                self._digest = h.hexdigest()
            return self._digest

    def stats(self) -> MemoryStats:
        """Counts of entries and of entries per origin (see :class:`MemoryStats`)."""
        origins = Counter(e.origin for e in self._entries)
        return MemoryStats(len(self._entries), tuple(origins.most_common()),
                           tuple(str(p) for p in self.paths), self.digest)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and normalize(text) in self._slots

    def __iter__(self) -> Iterator[Entry]:
        return iter(list(self._entries))

    def __repr__(self) -> str:
        return f"TranslationMemory({len(self)} entries, paths={[str(p) for p in self.paths]})"
