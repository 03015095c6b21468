"""Interchange files: TMX translation memories, XLIFF review files, TSV/CSV pairs.

The interface to every other translation tool (OmegaT, Trados, memoQ, Weblate,
translate-toolkit). All of them are untrusted input, parsed through
:mod:`translator.untrusted`. This package knows files, not the engine: it reads and writes
plain data (:class:`Pair`, :class:`XliffUnit`), which the engine and the files layer turn
into and out of documents.

Modules:
    pairs: :class:`Pair` and two-column TSV/CSV files.
    tmx: TMX 1.4 read, write, and safe update of a file on disk.
    xliff: XLIFF 1.2 units and files, unit ids, writing (the original embedded for merging).
    xliff_read: Reading XLIFF 1.2, ours (validated for merging) or any tool's.
    loading: Pairs from any of them, chosen by name or content.
    xmltext: Escaping and inline-markup text shared by TMX and XLIFF.
"""

from __future__ import annotations

from translator.exchange.loading import MemoryFileNotFoundError, kind_of, load_pairs, read_pairs
from translator.exchange.pairs import Pair, read_table
from translator.exchange.tmx import add_to_tmx, merge_pairs, read_tmx, write_tmx
from translator.exchange.xliff import (
    NEEDS_REVIEW,
    TRANSLATED,
    Alternative,
    XliffFile,
    XliffUnit,
    file_key,
    unit_id,
    write_xliff,
)
from translator.exchange.xliff_read import read_xliff

__all__ = [
    "NEEDS_REVIEW",
    "TRANSLATED",
    "Alternative",
    "MemoryFileNotFoundError",
    "Pair",
    "XliffFile",
    "XliffUnit",
    "add_to_tmx",
    "file_key",
    "kind_of",
    "load_pairs",
    "merge_pairs",
    "read_pairs",
    "read_table",
    "read_tmx",
    "read_xliff",
    "unit_id",
    "write_tmx",
    "write_xliff",
]
