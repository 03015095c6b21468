"""One file as bytes (an upload): which formats are taken, translating it, the size limit.

Each format is one entry of :data:`FILE_FORMATS`: a file extension mapped to a function
``(data, translate, name) -> bytes`` that reads the bytes, has the texts translated with
``translate`` (a list of documents in, their translations with the same layout out) and
returns the translated file's bytes. The entries are derived from the one format registry
(:mod:`translator.files.formats`), so a format added there is offered here too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from translator.errors import InputTooLargeError, UnsupportedFormatError
from translator.files.formats import FORMATS, format_name_for, get_format
from translator.files.formats.base import DocumentFormat, FormatOptions

#: Translates documents, each keeping its layout: list of texts in, list of texts out.
TranslateMany = Callable[[Sequence[str]], list[str]]
#: Reads an uploaded file's bytes (and its name, for messages), translates it, returns the
#: translated file's bytes.
FileTranslator = Callable[[bytes, TranslateMany, str], bytes]

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

    Raises:
        UnsupportedFormatError: Its extension is not one of :data:`FILE_FORMATS`.
    """
    handler = file_format(filename)  # refuse what is not offered, with its message
    name = getattr(handler, "format_name", None)
    if name is None:  # an entry of FILE_FORMATS that is not a registry format
        return TranslatedFile(handler(data, translate, filename))
    fmt = get_format(name)
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
    """True when the file called ``name`` is a container (zip package, PDF), not text.

    Told by the format registry (a format whose ``encoded`` is False).
    """
    fmt = get_format(format_name_for(name) or "txt")
    return not getattr(fmt, "encoded", True)


def _via_format(name: str) -> FileTranslator:
    """A handler for a document format of :mod:`translator.files.formats`."""

    def handler(data: bytes, translate: TranslateMany, filename: str) -> bytes:
        fmt = get_format(name)
        assert isinstance(fmt, DocumentFormat)
        extracted = fmt.extract(data, source=filename, options=FormatOptions())
        return extracted.rebuild(translate(extracted.units))

    handler.format_name = name  # type: ignore[attr-defined]
    return handler


#: Extension (lower case, with dot) -> how to translate such a file: every document format
#: of :mod:`translator.files.formats` (the record and table formats, jsonl, csv and parquet,
#: need the fields to translate, so they are left to the command line).
FILE_FORMATS: dict[str, FileTranslator] = {
    ext: _via_format(name)
    for name, (_, _, extensions) in FORMATS.items()
    if isinstance(get_format(name), DocumentFormat)
    for ext in extensions
}


def file_format(name: str) -> FileTranslator:
    """The translator for a file called ``name``.

    Raises:
        UnsupportedFormatError: Its extension is not one of :data:`FILE_FORMATS`.
    """
    ext = Path(name).suffix.lower()
    handler = FILE_FORMATS.get(ext)
    if handler is None:
        kind = f"{ext!r} files" if ext else "files without an extension"
        raise UnsupportedFormatError(
            f"Cannot translate {Path(name).name}: {kind} are not supported. "
            f"Fix: upload one of {', '.join(FILE_FORMATS)}, or paste the text instead."
        )
    return handler


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
