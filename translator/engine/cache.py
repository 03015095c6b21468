"""A persistent sentence-level translation cache (SQLite, standard library only).

Every model input (one sentence, single-spaced) is stored with its translation and flags
under a *scope*: a digest of the model's identity (name, revision or a fingerprint of its
files), the backend, the device and every decoding option that changes the output. A
different model or beam size therefore never reuses another's translations, and
re-translating an edited article only sends the changed sentences to the model.

Flagged outputs ("truncated", "repetition") are cached too, flags included: decoding is
deterministic, so running the same input with the same options again would give the same
flagged output. Change an option (it is part of the scope) to get a new attempt.

The database lives in the user cache directory (``$INDO_TRANSLATOR_CACHE``, else
``$XDG_CACHE_HOME/indo-translator``, ``~/Library/Caches/indo-translator`` on macOS,
``%LOCALAPPDATA%/indo-translator`` on Windows, ``~/.cache/indo-translator`` otherwise). It
is opened in WAL mode with a busy timeout, so two processes can share it; nothing is
created until the first lookup.

A broken cache never stops a translation. A database that is not one (truncated, overwritten,
malformed) is moved aside to ``translations.sqlite3.broken-<time>`` and a new one is started;
a cache that cannot be opened or written at all (an unwritable folder, a full disk, a lock
held for longer than the busy timeout) is switched off for the rest of the process. Either
way one warning is logged and translation goes on. :meth:`TranslationCache.clear` always
works on a broken database: it removes the files.
"""

from __future__ import annotations

import contextlib
import glob
import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, Union

from translator.engine.cache_db import (
    BUSY_TIMEOUT_S,
    LOOKUP_CHUNK,
    bump_counters,
    inode,
    prepare_connection,
)
from translator.errors import CacheUnavailableError, Fix
from translator.settings import CACHE_DIR_ENV, cache_dir

logger = logging.getLogger(__name__)

#: File name of the database inside the cache directory.
DB_NAME = "translations.sqlite3"

#: A cached result: (translation, flags), (translation, flags, score) or (translation,
#: flags, score, alternatives). The score (the model's mean log-probability per token) and
#: the alternatives (other translations from the same beam search, for a translator that
#: keeps them: its own scope) are stored in the flags column as ``{"flags": [...],
#: "score": x, "alternatives": [...]}``; an entry written before scores existed (a JSON
#: list) still reads, as a score of None. :meth:`TranslationCache.get_many` always returns
#: four.
Entry = (tuple[str, tuple[str, ...]] | tuple[str, tuple[str, ...], float | None]
         | tuple[str, tuple[str, ...], float | None, tuple[str, ...]])

#: Suffix (plus a timestamp) of a database moved aside because it was broken.
BROKEN_SUFFIX = ".broken-"

_T = TypeVar("_T")


def default_cache_dir() -> Path:
    """The directory that holds the cache database (see :func:`translator.settings.cache_dir`)."""
    return cache_dir()


@dataclass(frozen=True)
class CacheStats:
    """Counts of a cache.

    Attributes:
        path: The database file.
        entries: Translations stored.
        size_bytes: Size of the database files on disk.
        hits: Lookups answered from the cache by this object.
        misses: Lookups this object had to send to the model.
        stored: Translations this object added.
        total_hits: Hits over the cache's whole life (all processes).
        total_misses: Misses over the cache's whole life.
        total_stored: Translations added over the cache's whole life.
    """

    path: Path
    entries: int
    size_bytes: int
    hits: int
    misses: int
    stored: int
    total_hits: int
    total_misses: int
    total_stored: int

    def to_dict(self) -> dict[str, object]:
        """The stats as a JSON-friendly dict."""
        out: dict[str, object] = dict(self.__dict__)
        out["path"] = str(self.path)
        return out


class TranslationCache:
    """The sentence cache; cheap to create, the database is opened on first use.

    Args:
        path: The database file, or a directory to hold ``translations.sqlite3``; None uses
            :func:`default_cache_dir`.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        target = Path(path).expanduser() if path is not None else default_cache_dir()
        if target.suffix not in (".sqlite3", ".sqlite", ".db"):
            target = target / DB_NAME
        self.path = target
        self.hits = self.misses = self.stored = 0
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._problem: str | None = None
        self._inode: tuple[int, int] | None = None

    def __repr__(self) -> str:
        return f"TranslationCache({str(self.path)!r})"

    # -- connection -------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._inode = inode(self.path)
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
            try:
                prepare_connection(conn)
            except BaseException:
                conn.close()
                raise
            self._conn = conn
            logger.debug("translation cache opened at %s", self.path)
        return self._conn

    @property
    def problem(self) -> str | None:
        """Why the cache is switched off for this process (None while it works)."""
        return self._problem

    def _guard(self, action: Callable[[sqlite3.Connection], _T], default: _T) -> _T:
        """Run ``action`` on the database; a broken cache gives ``default``, never an error.

        A corrupt database is moved aside and ``action`` retried once on a new one; a cache
        that cannot be used at all is switched off. Either way one warning is logged.
        Call with ``self._lock`` held.
        """
        for attempt in range(2):
            if self._problem is not None:
                return default
            try:
                return action(self._connect())
            except sqlite3.OperationalError as exc:  # locked, read-only, I/O, full disk
                self._switch_off(f"{type(exc).__name__}: {exc}")
            except sqlite3.DatabaseError as exc:  # not a database, malformed
                if attempt:
                    self._switch_off(f"{type(exc).__name__}: {exc}")
                else:
                    self._move_aside(exc)
            except OSError as exc:  # the folder cannot be created or opened
                self._switch_off(f"{type(exc).__name__}: {exc}")
        return default

    def _switch_off(self, reason: str) -> None:
        self._drop_connection()
        self._problem = reason
        off = Fix(python="Translator(cache=False)", cli="--no-cache",
                  app="start the app without a cache").for_interface()
        logger.warning(
            "sentence cache %s cannot be used (%s); translating without it. Fix: set "
            "%s to a writable folder, or turn the cache off (%s).",
            self.path, reason, CACHE_DIR_ENV, off,
        )

    def _move_aside(self, exc: Exception) -> None:
        """Rename a broken database (and its WAL) out of the way; the next use starts anew."""
        self._drop_connection()
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}{BROKEN_SUFFIX}{stamp}-{os.getpid()}")
        # Another process may have moved it already and started a new one: leave that be.
        if self._inode is None or inode(self.path) == self._inode:
            for suffix in ("", "-wal"):
                with contextlib.suppress(OSError):
                    os.replace(f"{self.path}{suffix}", f"{aside}{suffix}")
            with contextlib.suppress(OSError):
                os.unlink(f"{self.path}-shm")
        logger.warning("sentence cache %s is broken (%s); moved it to %s and started a new one",
                       self.path, exc, aside.name)

    def _drop_connection(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sqlite3.Error):
                self._conn.close()
            self._conn = None

    def close(self) -> None:
        """Close the database (it reopens on next use)."""
        with self._lock:
            self._drop_connection()

    # -- lookups ----------------------------------------------------------------------

    def get_many(self, scope: str, sources: Sequence[str]) -> dict[str, Entry]:
        """The cached entries of ``sources`` under ``scope`` (missing ones are left out)."""
        if not sources:
            return {}
        unique = list(dict.fromkeys(sources))

        def lookup(conn: sqlite3.Connection) -> dict[str, Entry]:
            rows: dict[str, Entry] = {}
            for start in range(0, len(unique), LOOKUP_CHUNK):
                chunk = unique[start : start + LOOKUP_CHUNK]
                marks = ",".join("?" * len(chunk))
                for source, translation, flags in conn.execute(
                    "SELECT source, translation, flags FROM translations "
                    f"WHERE scope = ? AND source IN ({marks})",
                    [scope, *chunk],
                ):
                    rows[source] = _read_entry(translation, flags)
            with conn:
                bump_counters(conn, {"hits": len(rows), "misses": len(unique) - len(rows)})
            return rows

        with self._lock:
            found = self._guard(lookup, {})
            self.hits += len(found)
            self.misses += len(unique) - len(found)
        return found

    def put_many(self, scope: str, entries: Mapping[str, Entry]) -> None:
        """Store translations under ``scope`` in one transaction (existing ones are kept)."""
        if not entries:
            return
        rows = [(scope, s, e[0], _flags_column(e)) for s, e in entries.items()]

        def store(conn: sqlite3.Connection) -> bool:
            with conn:
                conn.executemany(
                    "INSERT OR IGNORE INTO translations (scope, source, translation, flags) "
                    "VALUES (?, ?, ?, ?)",
                    rows,
                )
                bump_counters(conn, {"stored": len(rows)})
            return True

        with self._lock:
            if self._guard(store, False):
                self.stored += len(rows)

    def scoped(self, scope: str) -> ScopedCache:
        """A view of the cache bound to one scope (what the engine uses)."""
        return ScopedCache(self, scope)

    # -- maintenance ------------------------------------------------------------------

    def stats(self) -> CacheStats:
        """Entries, size and hit/miss counts (opens, and so creates, the database).

        Raises:
            CacheUnavailableError: The cache cannot be opened (a corrupt database is moved
                aside and a new one counted instead).
        """

        def count(conn: sqlite3.Connection) -> tuple[int, dict[str, int]]:
            entries = conn.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
            return entries, dict(conn.execute("SELECT name, value FROM counters").fetchall())

        with self._lock:
            got = self._guard(count, None)
            if got is None:
                raise CacheUnavailableError(self.path, self._problem or "unknown")
        entries, totals = got
        size = sum(
            p.stat().st_size
            for p in (self.path, Path(f"{self.path}-wal"))
            if p.exists()
        )
        return CacheStats(
            path=self.path, entries=entries, size_bytes=size,
            hits=self.hits, misses=self.misses, stored=self.stored,
            total_hits=totals.get("hits", 0), total_misses=totals.get("misses", 0),
            total_stored=totals.get("stored", 0),
        )

    def clear(self) -> int:
        """Delete every cached translation and counter; returns how many were deleted.

        A database too broken to open is removed instead (with any copies moved aside
        earlier), so this always leaves an empty cache behind.

        Raises:
            CacheUnavailableError: The files cannot be removed (an unwritable folder).
        """

        def delete(conn: sqlite3.Connection) -> int:
            with conn:
                n = conn.execute("DELETE FROM translations").rowcount
                conn.execute("DELETE FROM counters")
            conn.execute("VACUUM")
            return n

        with self._lock:
            self._problem = None  # an explicit clear gets a fresh try
            if not self.path.exists():
                self._remove_files(current=False)
                return 0
            try:
                n = delete(self._connect())
            except (sqlite3.Error, OSError) as exc:
                self._drop_connection()
                logger.debug("cache clear: %s; removing the files", exc)
                n = 0
                self._remove_files(current=True)
            self._remove_files(current=False)
        return n

    def _remove_files(self, *, current: bool) -> None:
        """Delete the database files (``current``) or the broken copies moved aside."""
        if current:
            names = [self.path.name + s for s in ("", "-wal", "-shm")]
        else:
            names = [p.name for p in self.path.parent.glob(f"{glob.escape(self.path.name)}"
                                                           f"{BROKEN_SUFFIX}*")]
        for name in names:
            try:
                (self.path.parent / name).unlink()
            except (FileNotFoundError, NotADirectoryError):
                pass
            except OSError as exc:
                raise CacheUnavailableError(self.path, f"{type(exc).__name__}: {exc}") from exc


@dataclass(frozen=True)
class ScopedCache:
    """A :class:`TranslationCache` bound to one scope."""

    cache: TranslationCache
    scope: str

    def get_many(self, sources: Sequence[str]) -> dict[str, Entry]:
        """See :meth:`TranslationCache.get_many`."""
        return self.cache.get_many(self.scope, sources)

    def put_many(self, entries: Mapping[str, Entry]) -> None:
        """See :meth:`TranslationCache.put_many`."""
        self.cache.put_many(self.scope, entries)


def _flags_column(entry: Entry) -> str:
    """The flags column of an entry: a JSON list, or an object with its score and alternatives."""
    score = entry[2] if len(entry) > 2 else None  # type: ignore[misc]
    alternatives = entry[3] if len(entry) > 3 else ()  # type: ignore[misc]
    if score is None and not alternatives:
        return json.dumps(list(entry[1]))
    value: dict[str, object] = {"flags": list(entry[1]), "score": score}
    if alternatives:
        value["alternatives"] = list(alternatives)
    return json.dumps(value)


def _read_entry(translation: str, column: str) -> Entry:
    value = json.loads(column)
    if isinstance(value, dict):
        score = value.get("score")
        alternatives = value.get("alternatives", ())
        return (translation, tuple(value.get("flags", ())),
                float(score) if isinstance(score, (int, float)) else None,
                tuple(a for a in alternatives if isinstance(a, str)))
    return (translation, tuple(value), None, ())


def open_cache(cache: CacheArg) -> TranslationCache | None:
    """Turn the ``cache=`` argument of :class:`~translator.Translator` into a cache or None."""
    if cache is None or cache is False:
        return None
    if cache is True:
        return TranslationCache()
    if isinstance(cache, TranslationCache):
        return cache
    return TranslationCache(cache)


#: What ``Translator(cache=...)`` accepts.
CacheArg = Union[bool, str, "os.PathLike[str]", TranslationCache, None]
