"""One file as bytes (an upload): which formats are taken, translating it, the size limit.

The formats offered (:data:`FILE_FORMATS`) are the document formats of the one registry
(:mod:`translator.files.formats`), read from it without importing any format module: a
format's module (and its optional dependency) is imported when a file of it is translated.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from translator.errors import InputTooLargeError, UnsupportedFormatError
from translator.files.formats import entry_for, extensions, format_name_for, get_format
from translator.files.formats.base import DocumentFormat, FormatOptions

#: Translates documents, each keeping its layout: list of texts in, list of texts out.
TranslateMany = Callable[[Sequence[str]], list[str]]

#: Formats whose whole content is text the reader sees (shown beside the translation).
TEXT_FORMATS = ("txt", "md")


def is_text_format(name: str) -> bool:
    """True when the file called ``name`` is plain text the reader sees (txt, md)."""
    return format_name_for(name) in TEXT_FORMATS


@dataclass(frozen=True)
class TranslatedFile:
    """A translated upload.

    Attributes:
        data: The translated file's bytes.
        untranslated: One name per item the format could not translate and left as it
            was (``"chart"``, ``"image"``...; see ``Extracted.untranslated``).
    """

    data: bytes
    untranslated: tuple[str, ...] = ()


def translate_file(data: bytes, translate: TranslateMany, filename: str) -> TranslatedFile:
    """Translate an uploaded file's bytes, saying what could not be translated.

    ``translate`` takes the file's texts (a list of documents) and gives back their
    translations with the same layout.

    Raises:
        UnsupportedFormatError: Its extension is not one of :data:`FILE_FORMATS`.
    """
    check_offered(filename)  # refuse what is not offered, with its message
    fmt = get_format(format_name_for(filename) or "")
    assert isinstance(fmt, DocumentFormat)
    extracted = fmt.extract(data, source=filename, options=FormatOptions())
    return TranslatedFile(extracted.rebuild(translate(extracted.units)),
                          tuple(extracted.untranslated))


def untranslated_note(items: Sequence[str]) -> str:
    """``2 items not translated: chart, image`` ("" for none)."""
    if not items:
        return ""
    counts = dict.fromkeys(items, 0)
    for item in items:
        counts[item] += 1
    names = ", ".join(name if n == 1 else f"{name} (x{n})" for name, n in counts.items())
    return f"{len(items)} item{'' if len(items) == 1 else 's'} not translated: {names}"


def is_binary_format(name: str) -> bool:
    """True when the file called ``name`` is a container (zip package, PDF), not text."""
    entry = entry_for(name)
    return entry is not None and not entry.text


#: The extensions (lower case, with the dot) offered for upload: every document format of
#: the registry (the record and table formats, jsonl, csv and parquet, need the fields to
#: translate, so they are left to the command line).
FILE_FORMATS: tuple[str, ...] = extensions(kind="document")


def check_offered(name: str) -> None:
    """Refuse a file whose extension is not one of :data:`FILE_FORMATS`.

    Raises:
        UnsupportedFormatError: With the formats to use instead.
    """
    ext = Path(name).suffix.lower()
    if ext not in FILE_FORMATS:
        kind = f"{ext!r} files" if ext else "files without an extension"
        raise UnsupportedFormatError(
            f"Cannot translate {Path(name).name}: {kind} are not supported. "
            f"Fix: upload one of {', '.join(FILE_FORMATS)}, or paste the text instead."
        )


def check_size(size: int, *, max_bytes: int, name: str) -> None:
    """Refuse a file larger than ``max_bytes``.

    Raises:
        InputTooLargeError: When it is.
    """
    if size > max_bytes:
        raise InputTooLargeError(
            f"{name} is too large ({size:,} bytes; the limit is {max_bytes:,}). "
            "Fix: split it into smaller files and upload them one by one."
        )
