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
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Union

# make_scope and model_fingerprint live in translator.identity; importable here too.
from translator.identity import make_scope, model_fingerprint  # noqa: F401

logger = logging.getLogger(__name__)

#: How long a cache operation waits for another process holding the database.
_BUSY_TIMEOUT_S = 60.0

#: File name of the database inside the cache directory.
DB_NAME = "translations.sqlite3"

#: A cached result: (translation, flags).
Entry = tuple[str, tuple[str, ...]]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    scope TEXT NOT NULL,
    source TEXT NOT NULL,
    translation TEXT NOT NULL,
    flags TEXT NOT NULL,
    PRIMARY KEY (scope, source)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""

_LOOKUP_CHUNK = 500  # SQLite's default limit on bound parameters is 999 or more


def default_cache_dir() -> Path:
    """The directory that holds the cache database (see :func:`translator.settings.cache_dir`)."""
    from translator.settings import cache_dir

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

    def __repr__(self) -> str:
        return f"TranslationCache({str(self.path)!r})"

    # -- connection -------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self._conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_S, check_same_thread=False)
            _prepare(conn)
            self._conn = conn
            logger.debug("translation cache opened at %s", self.path)
        return self._conn

    def close(self) -> None:
        """Close the database (it reopens on next use)."""
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- lookups ----------------------------------------------------------------------

    def get_many(self, scope: str, sources: Sequence[str]) -> dict[str, Entry]:
        """The cached entries of ``sources`` under ``scope`` (missing ones are left out)."""
        found: dict[str, Entry] = {}
        if not sources:
            return found
        with self._lock:
            conn = self._connect()
            for start in range(0, len(sources), _LOOKUP_CHUNK):
                chunk = list(sources[start : start + _LOOKUP_CHUNK])
                marks = ",".join("?" * len(chunk))
                rows = conn.execute(
                    "SELECT source, translation, flags FROM translations "
                    f"WHERE scope = ? AND source IN ({marks})",
                    [scope, *chunk],
                )
                for source, translation, flags in rows:
                    found[source] = (translation, tuple(json.loads(flags)))
            hits = sum(1 for s in dict.fromkeys(sources) if s in found)
            misses = len(dict.fromkeys(sources)) - hits
            self.hits += hits
            self.misses += misses
            with conn:
                _bump(conn, {"hits": hits, "misses": misses})
        return found

    def put_many(self, scope: str, entries: Mapping[str, Entry]) -> None:
        """Store translations under ``scope`` in one transaction (existing ones are kept)."""
        if not entries:
            return
        rows = [(scope, s, t, json.dumps(list(f))) for s, (t, f) in entries.items()]
        with self._lock:
            conn = self._connect()
            with conn:
                conn.executemany(
                    "INSERT OR IGNORE INTO translations (scope, source, translation, flags) "
                    "VALUES (?, ?, ?, ?)",
                    rows,
                )
                _bump(conn, {"stored": len(rows)})
            self.stored += len(rows)

    def scoped(self, scope: str) -> ScopedCache:
        """A view of the cache bound to one scope (what the engine uses)."""
        return ScopedCache(self, scope)

    # -- maintenance ------------------------------------------------------------------

    def stats(self) -> CacheStats:
        """Entries, size and hit/miss counts (opens, and so creates, the database)."""
        with self._lock:
            conn = self._connect()
            entries = conn.execute("SELECT COUNT(*) FROM translations").fetchone()[0]
            totals = dict(conn.execute("SELECT name, value FROM counters").fetchall())
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
        """Delete every cached translation and counter; returns how many were deleted."""
        with self._lock:
            conn = self._connect()
            with conn:
                n = conn.execute("DELETE FROM translations").rowcount
                conn.execute("DELETE FROM counters")
            conn.execute("VACUUM")
        return n


def _prepare(conn: sqlite3.Connection) -> None:
    """Switch a new connection to WAL and create the tables.

    Switching the journal mode needs a lock that SQLite's busy timeout does not wait for,
    so when two processes open a new cache at the same moment one of them is told
    "database is locked" at once: retry that for as long as the busy timeout.
    """
    deadline = time.monotonic() + _BUSY_TIMEOUT_S
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


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


def _bump(conn: sqlite3.Connection, counts: Mapping[str, int]) -> None:
    for name, value in counts.items():
        if value:
            conn.execute(
                "INSERT INTO counters (name, value) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET value = value + excluded.value",
                (name, value),
            )


def open_cache(cache: CacheArg) -> TranslationCache | None:
    """Turn the ``cache=`` argument of :class:`~translator.Translator` into a cache or None."""
    if cache is None or cache is False:
        return None
    if cache is True:
        return TranslationCache()
    if isinstance(cache, TranslationCache):
        return cache
    return TranslationCache(cache)


# -- scope ------------------------------------------------------------------------------

# The identity functions live in translator.identity; imported here for existing callers.

#: What ``Translator(cache=...)`` accepts.
CacheArg = Union[bool, str, "os.PathLike[str]", TranslationCache, None]
