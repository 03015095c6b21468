"""File formats, chosen by extension or by name; each lives in its own module.

The optional dependencies (lxml for the Office, OpenDocument and epub formats; pypdf,
pdfminer.six and reportlab for .pdf) are imported only when their format is used, failing with
:class:`~translator.errors.MissingDependencyError`.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from translator.errors import UnsupportedFormatError
from translator.files.formats.base import DocumentFormat, FormatOptions, RowFormat, TableFormat

__all__ = [
    "FORMATS", "DocumentFormat", "FormatOptions", "RowFormat", "TableFormat", "format_for",
    "get_format",
]

#: Format name -> (module, class, extensions).
FORMATS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "txt": ("txt", "TextFormat", (".txt", ".text")),
    "md": ("markdown", "MarkdownFormat", (".md", ".markdown", ".mdown", ".mkd")),
    "html": ("html", "HtmlFormat", (".html", ".htm", ".xhtml")),
    "docx": ("docx", "DocxFormat", (".docx",)),
    "pptx": ("pptx", "PptxFormat", (".pptx",)),
    "xlsx": ("xlsx", "XlsxFormat", (".xlsx", ".xlsm")),
    "odt": ("odf", "OdtFormat", (".odt",)),
    "odp": ("odf", "OdpFormat", (".odp",)),
    "ods": ("odf", "OdsFormat", (".ods",)),
    "epub": ("epub", "EpubFormat", (".epub",)),
    "pdf": ("pdf", "PdfFormat", (".pdf",)),
    "srt": ("srt", "SrtFormat", (".srt",)),
    "jsonl": ("jsonl", "JsonlFormat", (".jsonl", ".ndjson")),
    "csv": ("csvfile", "CsvFormat", (".csv", ".tsv")),
    "parquet": ("parquet", "ParquetFormat", (".parquet", ".pq")),
}


def get_format(name: str) -> DocumentFormat | RowFormat | TableFormat:
    """The format called ``name`` or by one of its extensions (see :data:`FORMATS`)."""
    key = name.lower().lstrip(".")
    if key not in FORMATS:  # an extension is an alias of its format ("htm", "ndjson", ...)
        key = format_name_for(f"x.{key}") or key
    if key not in FORMATS:
        raise UnsupportedFormatError(
            f"Unknown format {name!r}. Fix: use one of {', '.join(FORMATS)}."
        )
    module, cls, _ = FORMATS[key]
    return getattr(importlib.import_module(f"translator.files.formats.{module}"), cls)()


def format_name_for(path: str | Path) -> str | None:
    """The format name for a file's extension, or None when unknown."""
    suffix = Path(path).suffix.lower()
    for name, (_, _, extensions) in FORMATS.items():
        if suffix in extensions:
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
            f"one of {', '.join(e for *_, exts in FORMATS.values() for e in exts)}, or pass "
            "--format (e.g. --format txt)."
        )
    return get_format(name)
