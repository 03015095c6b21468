"""Uploaded files: which formats the app takes, reading them, naming the translation.

Each format is one entry of :data:`FILE_FORMATS`: a file extension mapped to a function
``(data, translate) -> bytes`` that reads the uploaded bytes, has the texts translated with
``translate`` (a list of documents in, their translations with the same layout out) and
returns the translated file's bytes. Adding a format is one line here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from translator.errors import InputTooLargeError, InvalidInputError

#: Translates documents, each keeping its layout: list of texts in, list of texts out.
TranslateMany = Callable[[Sequence[str]], list[str]]
#: Reads an uploaded file's bytes, translates it, returns the translated file's bytes.
FileTranslator = Callable[[bytes, TranslateMany], bytes]

_BOM = b"\xef\xbb\xbf"


def decode_text(data: bytes, *, name: str = "the file") -> str:
    """Decode an uploaded text file: UTF-8 (with or without BOM), else Windows-1252.

    Raises:
        InvalidInputError: The bytes are not text (a binary file).
    """
    if b"\x00" in data[:65536]:
        raise InvalidInputError(
            f"{name} is not a text file (it contains binary data). "
            f"Fix: upload a plain-text file ({', '.join(FILE_FORMATS)}) saved as UTF-8."
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    if not text or controls > len(text) / 100:
        raise InvalidInputError(
            f"{name} is not readable text (not UTF-8). "
            "Fix: open it in a text editor and save it as UTF-8, then upload it again."
        )
    return text


def translate_text_file(data: bytes, translate: TranslateMany) -> bytes:
    """A plain-text format (.txt, .md): the core's layout rules, same line endings, UTF-8."""
    text = decode_text(data)
    [translation] = translate([text])
    return (_BOM if data.startswith(_BOM) else b"") + translation.encode("utf-8")


#: Extension (lower case, with dot) -> how to translate such a file.
FILE_FORMATS: dict[str, FileTranslator] = {
    ".txt": translate_text_file,
    ".md": translate_text_file,
}


def file_format(name: str) -> FileTranslator:
    """The translator for a file called ``name``.

    Raises:
        InvalidInputError: Its extension is not one of :data:`FILE_FORMATS`.
    """
    ext = Path(name).suffix.lower()
    handler = FILE_FORMATS.get(ext)
    if handler is None:
        kind = f"{ext!r} files" if ext else "files without an extension"
        raise InvalidInputError(
            f"Cannot translate {Path(name).name}: {kind} are not supported. "
            f"Fix: upload one of {', '.join(FILE_FORMATS)}, or paste the text instead."
        )
    return handler


def output_name(name: str) -> str:
    """The translated file's name: ``berita.txt`` -> ``berita.en.txt``.

    A language tag ``.id`` before the extension is replaced: ``berita.id.md`` ->
    ``berita.en.md``.
    """
    path = Path(Path(name).name)
    stem = path.stem
    if stem.lower().endswith(".id"):
        stem = stem[:-3]
    return f"{stem or 'translation'}.en{path.suffix}"


def check_size(size: int, *, max_bytes: int, name: str) -> None:
    """Refuse a file larger than ``max_bytes``.

    Raises:
        InputTooLargeError: When it is.
    """
    if size > max_bytes:
        raise InputTooLargeError(
            f"{name} is too large ({size:,} bytes; the limit is {max_bytes:,}). "
            "Fix: split it into smaller files, or start the app with a larger --max-chars."
        )
