"""The cache's SQLite file: schema, connection set-up, counters (standard library only)."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Mapping
from pathlib import Path

#: How long a cache operation waits for another process holding the database.
BUSY_TIMEOUT_S = 60.0

SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    scope TEXT NOT NULL,
    source TEXT NOT NULL,
    translation TEXT NOT NULL,
    flags TEXT NOT NULL,
    PRIMARY KEY (scope, source)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""

LOOKUP_CHUNK = 500  # SQLite's default limit on bound parameters is 999 or more


def inode(path: Path) -> tuple[int, int] | None:
    """The file's (device, inode), or None when it cannot be read (to tell a swapped file)."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def prepare_connection(conn: sqlite3.Connection) -> None:
    """Switch a new connection to WAL and create the tables.

    Switching the journal mode needs a lock that SQLite's busy timeout does not wait for,
    so when two processes open a new cache at the same moment one of them is told
    "database is locked" at once: retry that for as long as the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(SCHEMA)
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def bump_counters(conn: sqlite3.Connection, counts: Mapping[str, int]) -> None:
    """Add ``counts`` to the named counters (hits, misses, ...) in the database."""
    for name, value in counts.items():
        if value:
            conn.execute(
                "INSERT INTO counters (name, value) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET value = value + excluded.value",
                (name, value),
            )
