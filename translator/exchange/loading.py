"""Pairs from any interchange file: TMX, XLIFF or a TSV/CSV table, by name or content."""

from __future__ import annotations

import os

from translator.errors import Fix, InvalidInputError
from translator.exchange.pairs import MAX_TABLE_BYTES, Pair, read_table
from translator.exchange.tmx import read_tmx
from translator.exchange.xliff_read import read_xliff
from translator.untrusted import MAX_XML_BYTES, read_limited

TMX_SUFFIXES = (".tmx",)
XLIFF_SUFFIXES = (".xlf", ".xliff", ".xlif", ".sdlxliff", ".mqxliff")
TABLE_SUFFIXES = (".tsv", ".tab", ".csv", ".txt")

_MISSING_FIX = Fix(
    python="pass the path of an existing TMX, XLIFF, TSV or CSV file.",
    cli="give --memory the path of an existing TMX, XLIFF, TSV or CSV file.",
    app="start the app with python app.py --memory FILE naming an existing file.",
)


class MemoryFileNotFoundError(InvalidInputError, FileNotFoundError):
    """A translation memory (or pair) file does not exist or cannot be read."""


def kind_of(data: bytes, name: str) -> str:
    """``"tmx"``, ``"xliff"`` or ``"table"``: by the name's suffix, else by the content."""
    lower = name.lower()
    if lower.endswith(TMX_SUFFIXES):
        return "tmx"
    if lower.endswith(XLIFF_SUFFIXES):
        return "xliff"
    if lower.endswith(TABLE_SUFFIXES):
        return "table"
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16, as Trados writes TMX
        head = head[: len(head) // 2 * 2].decode("utf-16", "ignore").encode("utf-8")
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return "xliff" if b"<xliff" in head else "tmx"
    return "table"


def read_pairs(data: bytes, *, name: str) -> list[Pair]:
    """The (source, target) pairs of a TMX, XLIFF (units with a target) or TSV/CSV file.

    Raises:
        InvalidInputError: The file is damaged, hostile, too large or holds no pairs of
            the expected shape (the message names it).
    """
    kind = kind_of(data, name)
    if kind == "tmx":
        return read_tmx(data, name=name)
    if kind == "xliff":
        return read_xliff(data, name).pairs()
    return read_table(data, name=name)


def load_pairs(path: str | os.PathLike[str]) -> list[Pair]:
    """:func:`read_pairs` of a file on disk (its size checked before it is read).

    Raises:
        MemoryFileNotFoundError: It does not exist or cannot be read.
        InvalidInputError: See :func:`read_pairs`.
    """
    data = read_limited(path, max_bytes=max(MAX_XML_BYTES, MAX_TABLE_BYTES), fix=_MISSING_FIX,
                        missing=MemoryFileNotFoundError)
    return read_pairs(data, name=str(path))
