"""Translated files kept for download: ``/translate_file`` answers with their URL.

Each file is stored under a random id (``<32 hex>.<name>``) in a private temporary folder,
deleted after ``ttl`` seconds (checked whenever a file is added) and when the server stops.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import threading
import time
import uuid
from pathlib import Path

_STORED = re.compile(r"^[0-9a-f]{32}\.[\w.\- ]{1,200}$")
_UNSAFE = re.compile(r"[^\w.\- ]")


class FileStore:
    """A folder of translated files, each downloadable by its stored name for a while.

    Args:
        ttl: Seconds a file is kept.
    """

    def __init__(self, *, ttl: float = 3600.0) -> None:
        self.ttl = ttl
        self._dir: Path | None = None
        self._lock = threading.Lock()

    @property
    def folder(self) -> Path:
        """The folder (created on first use, never at import)."""
        with self._lock:
            if self._dir is None:
                self._dir = Path(tempfile.mkdtemp(prefix="indo-translator-api-"))
            return self._dir

    def save(self, name: str, data: bytes) -> str:
        """Store ``data`` as the file ``name``; returns its stored name (for the URL)."""
        self._expire()
        safe = _UNSAFE.sub("_", Path(name).name)[-200:] or "translation"
        stored = f"{uuid.uuid4().hex}.{safe}"
        path = self.folder / stored
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(data)
        tmp.replace(path)
        return stored

    def path(self, stored: str) -> Path | None:
        """The file stored as ``stored``, or None when unknown, expired or malformed."""
        if not _STORED.match(stored) or stored.endswith(".part"):
            return None
        path = self.folder / stored
        if not path.is_file() or time.time() - path.stat().st_mtime > self.ttl:
            return None
        return path

    @staticmethod
    def download_name(stored: str) -> str:
        """The name the file is downloaded as: the stored name without its id."""
        return stored.split(".", 1)[1]

    def _expire(self) -> None:
        if self._dir is None:
            return
        cutoff = time.time() - self.ttl
        for path in self._dir.iterdir():
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
            except OSError:
                pass

    def close(self) -> None:
        """Delete every stored file."""
        with self._lock:
            if self._dir is not None:
                shutil.rmtree(self._dir, ignore_errors=True)
                self._dir = None
