"""File formats, chosen by extension or by name; each lives in its own module.

The optional dependencies (lxml for the Office, OpenDocument and epub formats; pypdf,
pdfminer.six and reportlab for .pdf) are imported only when their format is used, failing with
:class:`~translator.errors.MissingDependencyError`.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path

from translator.errors import UnsupportedFormatError
from translator.files.formats.base import DocumentFormat, FormatOptions, RowFormat, TableFormat

__all__ = [
    "FORMATS", "DocumentFormat", "FormatEntry", "FormatOptions", "RowFormat", "TableFormat",
    "entry_for", "extensions", "format_for", "format_name_for", "get_format",
]

@dataclass(frozen=True)
class FormatEntry:
    """One format of the registry, known without importing its module.

    Attributes:
        module: Its module under ``translator.files.formats``.
        cls: Its class there.
        extensions: The file extensions it reads (lower case, with the dot); the first one
            names its outputs.
        kind: "document" (translated as one piece: every upload format), "rows" (jsonl,
            csv: the fields to translate are named) or "table" (parquet).
        text: True for a text file in some encoding; False for a container (a zip
            package, a PDF), which is read as bytes.
    """

    module: str
    cls: str
    extensions: tuple[str, ...]
    kind: str = "document"
    text: bool = True


#: Format name -> its entry: the one registry of file formats.
FORMATS: dict[str, FormatEntry] = {
    "txt": FormatEntry("txt", "TextFormat", (".txt", ".text")),
    "md": FormatEntry("markdown", "MarkdownFormat", (".md", ".markdown", ".mdown", ".mkd")),
    "html": FormatEntry("html", "HtmlFormat", (".html", ".htm", ".xhtml")),
    "docx": FormatEntry("docx", "DocxFormat", (".docx",), text=False),
    "pptx": FormatEntry("pptx", "PptxFormat", (".pptx",), text=False),
    "xlsx": FormatEntry("xlsx", "XlsxFormat", (".xlsx", ".xlsm"), text=False),
    "odt": FormatEntry("odf", "OdtFormat", (".odt",), text=False),
    "odp": FormatEntry("odf", "OdpFormat", (".odp",), text=False),
    "ods": FormatEntry("odf", "OdsFormat", (".ods",), text=False),
    "epub": FormatEntry("epub", "EpubFormat", (".epub",), text=False),
    "pdf": FormatEntry("pdf", "PdfFormat", (".pdf",), text=False),
    "srt": FormatEntry("srt", "SrtFormat", (".srt",)),
    "jsonl": FormatEntry("jsonl", "JsonlFormat", (".jsonl", ".ndjson"), kind="rows"),
    "csv": FormatEntry("csvfile", "CsvFormat", (".csv", ".tsv"), kind="rows"),
    "parquet": FormatEntry("parquet", "ParquetFormat", (".parquet", ".pq"), kind="table",
                           text=False),
}


def extensions(*, kind: str | None = None) -> tuple[str, ...]:
    """Every extension of the registry (of one ``kind`` only, when given); nothing imported."""
    return tuple(e for entry in FORMATS.values() if kind in (None, entry.kind)
                 for e in entry.extensions)


def entry_for(path: str | Path) -> FormatEntry | None:
    """The registry entry for a file's extension, or None when unknown."""
    name = format_name_for(path)
    return None if name is None else FORMATS[name]


def get_format(name: str) -> DocumentFormat | RowFormat | TableFormat:
    """The format called ``name`` or by one of its extensions (see :data:`FORMATS`)."""
    key = name.lower().lstrip(".")
    if key not in FORMATS:  # an extension is an alias of its format ("htm", "ndjson", ...)
        key = format_name_for(f"x.{key}") or key
    if key not in FORMATS:
        raise UnsupportedFormatError(
            f"Unknown format {name!r}. Fix: use one of {', '.join(FORMATS)}."
        )
    entry = FORMATS[key]
    return getattr(importlib.import_module(f"translator.files.formats.{entry.module}"),
                   entry.cls)()


def format_name_for(path: str | Path) -> str | None:
    """The format name for a file's extension, or None when unknown."""
    suffix = Path(path).suffix.lower()
    for name, entry in FORMATS.items():
        if suffix in entry.extensions:
            return name
    return None


def format_for(
    path: str | Path, override: str | None = None
) -> DocumentFormat | RowFormat | TableFormat:
    """The format of ``path``: ``override`` when given, else chosen by extension."""
    if override:
        return get_format(override)
    name = format_name_for(path)
    if name is None:
        raise UnsupportedFormatError(
            f"{path}: unknown file type {Path(path).suffix or '(no extension)'!r}. Fix: use "
            f"one of {', '.join(extensions())}, or pass "
            "--format (e.g. --format txt)."
        )
    return get_format(name)
