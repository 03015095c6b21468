"""The interface every file format implements, and helpers they share.

A *document format* (txt, md, html, docx, srt) turns a file's bytes into translatable
units (plain strings) and a way to rebuild the file from their translations; all units of
a file go to the translator in one call, so their sentences batch together. A *row format*
(jsonl, csv) is read and written record by record, so big files go in chunks and an
interrupted run resumes after the last finished chunk.

A block's text with its inline markup (html's ``<a>``/``<b>``, markdown's ``*x*`` and
links, Office runs, ODF spans) is one unit, so its sentences reach the model whole; the
translation is put back on the pieces of markup by
:mod:`translator.files.formats.placement` (through :mod:`translator.files.formats.stretch`
in the text formats).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, Protocol

from translator.errors import InvalidInputError
from translator.files.encoding import (  # noqa: F401 (check_not_binary: re-exported)
    BINARY_PROBE_BYTES,
    Encoding,
    check_not_binary,
    decode,
    detect,
    encode,
    output_for,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class FormatOptions:
    """Options that concern formats.

    Attributes:
        fields: JSONL fields / CSV columns to translate.
        suffix: Appended to a field name to name its translation ("text" -> "text_en").
        flags_field: JSONL field / CSV column that gets each record's check flags and
            reasons (None: none).
        encoding: The input's text encoding (None: detected; see
            :mod:`translator.files.encoding`).
        output_encoding: The output's text encoding (None: UTF-8; HTML keeps its own).
        pdf_as: What a translated PDF is written as: "pdf" (the same pages, each block
            replaced in place) or "docx" (an editable document, a paragraph per block).
    """

    fields: tuple[str, ...] = ()
    suffix: str = "_en"
    flags_field: str | None = None
    encoding: str | None = None
    output_encoding: str | None = None
    pdf_as: str = "pdf"


@dataclass
class Extracted:
    """A parsed document: its units, and how to rebuild the file from their translations.

    Attributes:
        units: The texts to translate.
        rebuild: The translations of ``units`` -> the translated file's bytes.
        untranslated: One name per item the format cannot translate and leaves as it is
            ("chart", "SmartArt", "embedded object", "image"), to report per file.
        read_as: A text format's encoding as it was read (``cp1252 (detected)``), for the
            run's summary; None for the others.
    """

    units: list[str]
    rebuild: Callable[[Sequence[str]], bytes]
    untranslated: list[str] = field(default_factory=list)
    read_as: str | None = None


class DocumentFormat:
    """A format translated as one piece: ``extract`` then ``rebuild``."""

    name = ""
    extensions: tuple[str, ...] = ()

    def extract(self, data: bytes, *, source: str, options: FormatOptions) -> Extracted:
        """Parse ``data`` (the file named ``source``) into units."""
        raise NotImplementedError


class RowFormat:
    """A format of independent records (one JSON object or CSV row each)."""

    name = ""
    extensions: tuple[str, ...] = ()
    newline: str | None = None  # as for open(); None: universal newlines

    def start(self, handle: IO[str], *, source: str, options: FormatOptions) -> RowReader:
        """Begin reading the text ``handle``; returns the header to write and the records.

        ``handle`` is opened in the file's encoding (:mod:`translator.files.encoding`) with
        :attr:`newline`; a byte-order mark is left in the text for the format to keep.
        """
        raise NotImplementedError


class TableFormat:
    """A columnar format (Parquet) read and written as Arrow tables, chunk by chunk.

    The named fields are translated by
    :func:`translator.files.columns.translate_table`; a run writes each finished
    chunk to its own file, so an interrupted run resumes after the last one
    (see :mod:`translator.files.tables`).
    """

    name = ""
    extensions: tuple[str, ...] = ()

    def read(self, path: str, *, start: int, chunk_rows: int) -> Iterator[Any]:
        """Arrow tables of at most ``chunk_rows`` rows, from row ``start`` on."""
        raise NotImplementedError

    def write(self, path: str, tables: Iterator[Any], *, like: str | None = None) -> int:
        """Write ``tables`` (one schema) to ``path``; returns the rows written.

        ``like`` is the source file, whose file-level settings are kept where possible.
        """
        raise NotImplementedError


@dataclass
class RowReader:
    """An open row file.

    Attributes:
        header: Text written once at the start of the output.
        records: The records, read lazily.
        units: The texts of a record to translate.
        render: A record, the translations of its units and, per unit, its
            :data:`UnitFlags` -> the record's output text.
        notes: How the file was read, when worth saying (a CSV's delimiter).
    """

    header: str
    records: Iterator[Any]
    units: Callable[[Any], list[str]]
    render: Callable[[Any, Sequence[str], Sequence[UnitFlags]], str]
    notes: str = ""  # how the file was read, for the summary (a CSV's delimiter)


#: The flags of one translated unit and one reason per flag.
UnitFlags = tuple[tuple[str, ...], tuple[str, ...]]


def flag_value(fields: Sequence[str], flags: Sequence[UnitFlags]) -> dict[str, list[str]]:
    """A record's flags (distinct) and reasons; a reason names its field when there are many."""
    names = list(dict.fromkeys(f for unit, _ in flags for f in unit))
    several = len(fields) > 1
    reasons = [f"{field}: {r}" if several else r
               for field, (_, unit) in zip(fields, flags) for r in unit]
    return {"flags": names, "reasons": reasons}


# -- helpers ---------------------------------------------------------------------------------


def need_fields(options: FormatOptions, source: str, what: str) -> tuple[str, ...]:
    """The fields (or columns) a row format translates, each once; none is refused."""
    if not options.fields:
        raise InvalidInputError(
            f"{source}: which {what} should be translated? Fix: name them with "
            f"--field (e.g. --field text), or fields=['text'] in Python."
        )
    return tuple(dict.fromkeys(options.fields))

_LETTER = re.compile(r"[^\W\d_]")
_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def decode_text(data: bytes, source: str, options: FormatOptions | None = None, *,
                markup: bool = False) -> str:
    """Decode a text file in its encoding (:mod:`translator.files.encoding`); a BOM is dropped.

    ``options.encoding`` names it; otherwise it is detected (``markup``: an HTML/XML
    declaration counts).

    Raises:
        InvalidInputError: The bytes are binary, or their encoding cannot be told.
    """
    return read_text(data, source, options, markup=markup)[0]


def read_text(data: bytes, source: str, options: FormatOptions | None = None, *,
              markup: bool = False) -> tuple[str, Encoding]:
    """:func:`decode_text`, and the encoding it was read in.

    Its ``describe()`` is what :attr:`Extracted.read_as` says.
    """
    declared = options.encoding if options is not None else None
    found = detect(data, source, declared=declared, markup=markup)
    if found.how == "detected":
        logger.info("%s is not UTF-8; read it as %s", source, found.codec)
    return decode(data, found), found


_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def split_lines(text: str) -> list[str]:
    r"""Lines with their endings, broken at ``\n``, ``\r\n`` and ``\r`` only.

    ``str.splitlines`` also breaks at U+2028, U+0085, form feeds and other separators,
    which no file format treats as line ends.
    """
    return _LINE.findall(text)


def encode_text(text: str, like: bytes, options: FormatOptions | None = None, *,
                source: str = "") -> bytes:
    """``text`` as UTF-8 (or ``options.output_encoding``), a BOM kept from ``like``.

    The byte-order mark is written when the source file ``like`` had one.

    Raises:
        InvalidInputError: The output encoding named cannot hold ``text``.
    """
    named = options.output_encoding if options is not None else None
    bom = any(like.startswith(mark) for mark in _BOMS)
    return encode(text, output_for(Encoding("utf-8", bom), named), source, bom_in_text=False)


class Slot:
    """A place in the output filled by the translation of one unit, whitespace kept."""

    __slots__ = ("index", "lead", "trail")

    def __init__(self, index: int, lead: str, trail: str) -> None:
        self.index, self.lead, self.trail = index, lead, trail

    def render(self, translations: Sequence[str]) -> str:
        """The translation with the source's surrounding whitespace."""
        return f"{self.lead}{translations[self.index]}{self.trail}"


class Renders(Protocol):
    """A place in a document's output filled from the translations.

    A :class:`Slot`, or a stretch of inline markup (:mod:`translator.files.formats.stretch`).
    """

    def render(self, translations: Sequence[str]) -> str:
        """The output text of this place."""
        ...


#: A piece of a document's output: its source text, or a place filled by a translation.
Part = str | Renders


class Units:
    """Collects translatable units while a format walks its file."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def text(self, text: str) -> Part:
        """A unit for ``text`` (kept as is when it has no letters)."""
        core = text.strip()
        if not _LETTER.search(core):
            return text
        start = len(text) - len(text.lstrip())
        self.texts.append(core)
        return Slot(len(self.texts) - 1, text[:start], text[start + len(core):])


def render(parts: Sequence[Part], translations: Sequence[str]) -> str:
    """Join parts, filling slots with their translations."""
    return "".join(p if isinstance(p, str) else p.render(translations) for p in parts)
