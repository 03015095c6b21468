"""Text encodings of files: the one place that tells how a file's bytes are text, and back.

What a file's encoding is, in this order (the first that answers wins):

1. a name the user declared (``encoding=`` / ``--encoding NAME``), always;
2. a byte-order mark (UTF-8, UTF-16, UTF-32);
3. for HTML and XML, the page's own ``<meta charset>``, ``http-equiv`` content type or
   ``<?xml encoding?>`` declaration (read as browsers do: ``latin1`` and ``ascii`` mean
   Windows-1252), when the bytes agree with it;
4. UTF-8, when the bytes are valid UTF-8 (plain ASCII is UTF-8);
5. Windows-1252 (else Latin-1), the encoding Excel and older Windows programs save
   Indonesian text in, when the text then reads as Latin-script text (mostly ASCII, no
   control characters): bytes cannot tell it from Latin-1, Latin-9 or Windows-1250, and it
   is by far the most common of them;
6. charset-normalizer among all encodings, accepted only when it recognises the language
   (Cyrillic, Greek, ... files).

A file none of these can tell is refused with :class:`EncodingError`, which names the
``--encoding`` fix. Outputs are UTF-8 unless the user names an encoding; a CSV read from
another encoding gets a byte-order mark so that Excel opens it as UTF-8. An output encoding
that cannot hold the text is refused before anything is written.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from translator.errors import Fix, InvalidInputError, InvalidOptionError, UnsupportedFormatError

#: Bytes of a file's start looked at by :func:`check_not_binary`.
BINARY_PROBE_BYTES = 65536
#: Bytes of a row file (jsonl, csv) that decide its encoding; the rest must agree.
SAMPLE_BYTES = 1 << 18

#: Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
#: Codecs that read and write a byte-order mark themselves -> their BOM-less family.
_MARKED = {"utf-8-sig": "utf-8", "utf-16": "utf-16", "utf-32": "utf-32"}
_WESTERN = ("cp1252", "iso8859-1")
#: What browsers read for these declared names (WHATWG Encoding: windows-1252).
_AS_BROWSERS = {"latin-1": "cp1252", "iso8859-1": "cp1252", "ascii": "cp1252"}
_DECLARED = re.compile(
    rb"""<meta[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})""",
    re.IGNORECASE,
)

ENCODING_FIX = Fix(
    python="name it, e.g. encoding='cp1252' (or save the file as UTF-8).",
    cli="name it, e.g. --encoding cp1252 (or save the file as UTF-8).",
    app="save the file as UTF-8 and upload it again.",
)


class EncodingError(InvalidInputError):
    """A file's bytes are in no encoding that can be told, or not in the one named."""


@dataclass(frozen=True)
class Encoding:
    """How a file's bytes are text.

    Attributes:
        codec: Python codec name; never one that eats a byte-order mark (``utf-16-le``,
            not ``utf-16``), so a BOM reads as U+FEFF.
        bom: The bytes start with this codec's byte-order mark.
        how: What told it: "declared", "bom", "markup" (the page's own declaration),
            "utf-8" or "detected".
    """

    codec: str
    bom: bool = False
    how: str = "utf-8"

    @property
    def unicode(self) -> bool:
        """True for UTF-8/16/32: every character can be written."""
        return self.codec.startswith("utf")

    def describe(self) -> str:
        """A few words for a summary: ``cp1252 (detected)``, ``utf-16-le with BOM``."""
        name = self.codec + (" with BOM" if self.bom else "")
        return name if self.how in ("utf-8", "bom") else f"{name} ({self.how})"


UTF8 = Encoding("utf-8")


def check_not_binary(head: bytes, source: str) -> None:
    """Refuse binary data: a NUL byte in the first :data:`BINARY_PROBE_BYTES` of ``head``.

    The one binary check of the package: every text format and the row reader use it
    (text in UTF-16/32 is told by its byte-order mark or a declared encoding first).

    Raises:
        UnsupportedFormatError: ``head`` looks binary (also an ``InvalidInputError``).
    """
    if b"\0" in head[:BINARY_PROBE_BYTES]:
        raise UnsupportedFormatError(
            f"{source}: this looks like a binary file, not text. Fix: use a text file saved "
            "as UTF-8 (on the command line, --format names the format if the extension is "
            "misleading; --encoding names a UTF-16 file's encoding)."
        )


def codec_name(name: str, *, option: str = "encoding") -> str:
    """The Python codec called ``name`` (``windows-1252`` -> ``cp1252``).

    Raises:
        InvalidOptionError: No text codec has that name.
    """
    try:
        info = codecs.lookup(name)
    except LookupError:
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise InvalidOptionError(
            option, name, f"unknown text encoding {name!r}.",
            Fix(python=f"use a Python codec name, e.g. {option}='cp1252' or 'utf-8'.",
                cli=f"use a codec name, e.g. --{option.replace('_', '-')} cp1252 or utf-8.",
                app="save the file as UTF-8 and upload it again."),
        )
    return info.name


def _bom(data: bytes) -> str | None:
    for mark, codec in _BOMS:
        if data.startswith(mark):
            return codec
    return None


def _valid(data: bytes, codec: str, complete: bool) -> int | None:
    """None when ``data`` decodes as ``codec``, else the offset of the first bad byte."""
    try:
        codecs.getincrementaldecoder(codec)().decode(data, final=complete)
    except UnicodeDecodeError as exc:
        return exc.start
    return None


def _controls(text: str) -> int:
    return sum(1 for c in text if (ord(c) < 32 and c not in "\t\n\r\f") or 0x7F <= ord(c) < 0xA0)


def _reads_as_latin_text(text: str) -> bool:
    """Latin-script text: few control characters, and mostly ASCII (as Indonesian is)."""
    visible = sum(1 for c in text if not c.isspace())
    foreign = sum(1 for c in text if ord(c) > 0x7F)
    return _controls(text) <= len(text) / 100 and foreign <= max(visible, 1) * 0.3


def _detected(data: bytes, complete: bool) -> Encoding | None:
    for codec in _WESTERN:  # bytes cannot tell these apart: take the usual one
        if _valid(data, codec, complete) is None and _reads_as_latin_text(
                codecs.getincrementaldecoder(codec)().decode(data)):
            return Encoding(codec, how="detected")
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.coherence < 0.2:  # no language recognised: a guess, not an answer
        return None
    codec = codec_name(best.encoding)
    if _valid(data, codec, complete) is not None:
        return None
    text = codecs.getincrementaldecoder(codec)(errors="replace").decode(data)
    return None if _controls(text) > len(text) / 100 else Encoding(codec, how="detected")


def _declared_codec(name: str) -> str | None:
    """The codec a page's declared encoding ``name`` means, as browsers read it."""
    try:
        codec = codec_name(name)
    except InvalidOptionError:
        return None
    codec = _AS_BROWSERS.get(codec, codec)
    if codec.startswith(("utf-16", "utf-32")) or codec == "utf-8-sig":
        return None  # such a page would have a BOM; a byte-level declaration cannot say it
    return codec


def _markup(data: bytes, complete: bool) -> Encoding | None:
    match = _DECLARED.search(data[:4096])
    if match is None:
        return None
    codec = _declared_codec((match.group(1) or match.group(2)).decode("ascii"))
    if codec is None:
        return None
    if _valid(data, codec, complete) is not None:
        return None  # the page says one thing, its bytes another: tell from the bytes
    return Encoding(codec, how="markup")


def detect(data: bytes, source: str, *, declared: str | None = None, markup: bool = False,
           complete: bool = True) -> Encoding:
    """How ``data`` (the file named ``source``) is text; see the module docstring.

    Args:
        data: The file's bytes, or its first bytes when ``complete`` is False.
        source: The file's name, for messages.
        declared: An encoding the user named: it wins.
        markup: Honour an HTML ``<meta charset>`` / XML declaration.
        complete: ``data`` is the whole file (else a multibyte character may be cut at its end).

    Raises:
        EncodingError: The bytes are not in ``declared``, or in no encoding that can be told.
        UnsupportedFormatError: The data is binary.
    """
    marked = _bom(data)
    if declared:
        codec = codec_name(declared)
        family = _MARKED.get(codec, codec)
        bom = marked is not None and marked.startswith(family)
        if bom:
            codec = marked  # type: ignore[assignment]
        elif codec in _MARKED:
            codec = {"utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(family, family)
        if not codec.startswith(("utf-16", "utf-32")):
            check_not_binary(data, source)
        bad = _valid(data, codec, complete)
        if bad is not None:
            raise EncodingError(
                f"{source}: not valid {declared} (byte {bad}).",
                fix=Fix(python="name the file's real encoding with encoding=..., or leave "
                        "it out to have it detected.",
                        cli="name the file's real encoding with --encoding, or leave it out "
                        "to have it detected.",
                        app="save the file as UTF-8 and upload it again."),
            )
        return Encoding(codec, bom, "declared")
    if marked is not None:
        bad = _valid(data, marked, complete)
        if bad is None:
            return Encoding(marked, True, "bom")
    check_not_binary(data, source)
    found = _markup(data, complete) if markup else None
    if found is not None:
        return found
    bad = _valid(data, "utf-8", complete)
    if bad is None:
        return UTF8
    found = _detected(data, complete)
    if found is None:
        raise EncodingError(
            f"{source}: not UTF-8 text (byte {bad}), and its encoding cannot be told.",
            fix=ENCODING_FIX,
        )
    return found


def decode(data: bytes, encoding: Encoding) -> str:
    """``data`` as text, its byte-order mark dropped."""
    text = data.decode(encoding.codec)
    return text[1:] if encoding.bom and text.startswith("\ufeff") else text


@dataclass(frozen=True)
class Output:
    """How an output is written: a codec and whether it starts with a byte-order mark."""

    codec: str = "utf-8"
    bom: bool = False


def output_for(source: Encoding, named: str | None = None, *, spreadsheet: bool = False
               ) -> Output:
    """How to write the translation of a file read as ``source``.

    UTF-8 unless ``named``; a byte-order mark when the source had one, when the named
    encoding implies one (``utf-16``, ``utf-8-sig``), or for a ``spreadsheet`` (CSV)
    read from another encoding, so that Excel reads the output as UTF-8.
    """
    if named is None:
        return Output("utf-8", source.bom or (spreadsheet and not source.unicode))
    codec = codec_name(named, option="output_encoding")
    if codec in _MARKED:
        return Output({"utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(codec, "utf-8"), True)
    return Output(codec, codec.startswith("utf") and source.bom)


def encode(
    text: str, output: Output, source: str, *, first: bool = True, bom_in_text: bool = True
) -> bytes:
    """``text`` in ``output``'s encoding (``first``: the start of the file, which gets the BOM).

    ``bom_in_text``: a U+FEFF that starts ``text`` is the source's byte-order mark (row
    formats keep it in their text): it is dropped for an encoding that is not UTF. False
    when the mark was already taken off (:func:`decode`): a U+FEFF left there is content.

    Raises:
        EncodingError: The encoding cannot hold a character of ``text`` (before anything
            is written).
    """
    unicode = output.codec.startswith("utf")
    if first and output.bom and unicode and not (bom_in_text and text.startswith("\ufeff")):
        text = "\ufeff" + text
    elif bom_in_text and text.startswith("\ufeff") and not unicode:
        text = text[1:]  # a source's byte-order mark, which this encoding has no use for
    try:
        return text.encode(output.codec)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        context = exc.object[max(0, exc.start - 20) : exc.start + 20].strip()
        raise EncodingError(
            f"{source}: the output encoding {output.codec} cannot hold {char!r} "
            f"(U+{ord(char):04X}, in {context!r}); nothing was written.",
            fix=Fix(python="use output_encoding='utf-8' (or leave it out).",
                    cli="use --output-encoding utf-8 (or leave it out).",
                    app="translate the file again."),
        ) from None


class TextReader:
    """A row file open as text in its encoding; a byte the encoding lacks names the fix."""

    def __init__(self, handle: IO[str], source: str, encoding: Encoding) -> None:
        self.handle, self.source, self.encoding = handle, source, encoding

    def _failed(self, exc: UnicodeDecodeError) -> EncodingError:
        return EncodingError(
            f"{self.source}: read as {self.encoding.describe()} from its start, but a later "
            f"part is not ({exc.reason}).", fix=ENCODING_FIX,
        )

    def read(self, size: int = -1) -> str:
        """As ``IO.read``."""
        try:
            return self.handle.read(size)
        except UnicodeDecodeError as exc:
            raise self._failed(exc) from None

    def __iter__(self) -> Iterator[str]:
        try:
            yield from self.handle
        except UnicodeDecodeError as exc:
            raise self._failed(exc) from None

    def close(self) -> None:
        """Close the file."""
        self.handle.close()

    def __enter__(self) -> TextReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_text(path: str, *, declared: str | None = None, newline: str | None = None
              ) -> TextReader:
    """Open a row file (jsonl, csv) as text; its first :data:`SAMPLE_BYTES` tell the encoding.

    A byte-order mark is left in the text (as U+FEFF) for the format to keep.
    """
    with open(path, "rb") as raw:
        head = raw.read(SAMPLE_BYTES)
        complete = len(head) < SAMPLE_BYTES or not raw.read(1)
    found = detect(head, path, declared=declared, complete=complete)
    handle = open(path, encoding=found.codec, newline=newline)  # noqa: SIM115
    return TextReader(handle, path, found)


_DECLARED_TEXT = re.compile(_DECLARED.pattern.decode("ascii"), re.IGNORECASE)


def encode_page(text: str, source: Encoding, named: str | None = None) -> bytes:
    """An HTML/XML page in the encoding it declares, or in ``named`` (declaration changed).

    A page that declares none, has a byte-order mark or was read in an encoding the user
    named keeps the encoding it was read in; one whose declaration its bytes contradicted
    (``<meta charset="utf-8">`` on Windows-1252 bytes) is written as it declares, so the
    output says what it is.
    Characters the encoding cannot hold become character references (``&#8212;``).
    """
    match = _DECLARED_TEXT.search(text[:4096])
    codec = source.codec
    if named is not None:
        codec = codec_name(named, option="output_encoding")
    elif match is not None and not source.bom and source.how != "declared":
        codec = _declared_codec(match.group(1) or match.group(2)) or codec
    bom = source.bom
    if codec in _MARKED:
        codec, bom = {"utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(codec, "utf-8"), True
    if named is not None:
        if match is not None:
            group = 1 if match.group(1) else 2
            text = text[: match.start(group)] + codec + text[match.end(group) :]
    prefix = "\ufeff" if bom and codec.startswith("utf") else ""
    return (prefix + text).encode(codec, errors="xmlcharrefreplace")
