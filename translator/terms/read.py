"""Reading glossary files: TSV, CSV and TBX (TermBase eXchange).

TSV and CSV (comma, or semicolon as Excel writes it in an Indonesian locale) have two
columns, the Indonesian source and its English target, and an
optional third, a note. A first line ``source<TAB>target`` (or ``source,target``; also
``id``/``en``, ``indonesian``/``english``) is a header. Blank lines and lines whose first
cell starts with ``#`` are skipped. The format is the extension's (``.tsv``/``.tab``,
``.csv``, ``.tbx``/``.xml``); another extension is recognised by its content.

TBX, what terminology tools export, is read in both of its shapes: TBX 2 / TBX-Basic
(``termEntry`` > ``langSet xml:lang`` > ``tig``/``ntig`` > ``term``) and TBX v3
(``conceptEntry`` > ``langSec`` > ``termSec`` > ``term``). Every Indonesian term of an
entry (``id``, or the old code ``in``) maps to the entry's first English term that is not
marked deprecated. An entry without both languages is skipped: a termbase may hold
others. The XML is parsed by :func:`translator.untrusted.parse_xml` (bounded, no entities).
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

from translator.errors import GlossaryError, InvalidInputError
from translator.terms.entries import Term, collect
from translator.untrusted import MAX_XML_BYTES, parse_xml

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

#: Largest glossary file read (bytes).
MAX_GLOSSARY_BYTES = MAX_XML_BYTES

_HEADERS = (
    {"source", "id", "in", "ind", "indonesian", "bahasa indonesia", "indonesia"},
    {"target", "en", "eng", "english", "inggris", "bahasa inggris"},
)
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SOURCE_LANGS = {"id", "in", "ind"}
_TARGET_LANGS = {"en", "eng"}


def read_glossary(path: str | os.PathLike[str]) -> list[Term]:
    """The terms of a glossary file, in file order.

    Raises:
        FileNotFoundError: There is no such file.
        GlossaryError: The file is empty, binary, not text, or has a bad line (one column,
            an empty source or target, one source with two targets); the message names the
            file and the line.
    """
    path = Path(path)
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise FileNotFoundError(
            f"Glossary {str(path)!r} does not exist. Fix: check the path (TSV, CSV or TBX)."
        ) from exc
    if size > MAX_GLOSSARY_BYTES:
        raise GlossaryError(name, None, f"{size:,} bytes, more than the "
                            f"{MAX_GLOSSARY_BYTES:,} accepted", "split the glossary.")
    return parse_glossary(path.read_bytes(), name=name)


def parse_glossary(data: bytes, *, name: str) -> list[Term]:
    """The terms of a glossary file's bytes; ``name`` (its file name) picks the format.

    Raises:
        GlossaryError: As :func:`read_glossary`.
    """
    text = _decode(data, name)
    if not text.strip():
        raise GlossaryError(name, None, "the file is empty",
                            "give a file with one term per line: source<TAB>target.")
    suffix = Path(name).suffix.lower()
    if suffix in (".tbx", ".xml") or (suffix not in (".tsv", ".tab", ".csv", ".txt")
                                      and text.lstrip().startswith("<")):
        return _read_tbx(data, name)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    if suffix == ".csv" or (suffix not in (".tsv", ".tab") and "\t" not in first):
        # Excel writes ";" where the decimal separator is a comma (an Indonesian locale).
        delimiter = ";" if ";" in first and "," not in first else ","
    else:
        delimiter = "\t"
    return _read_table(text, name, delimiter)


def _decode(data: bytes, name: str) -> str:
    """UTF-8 (a BOM dropped) or UTF-16 with its BOM; binary and other bytes refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise GlossaryError(name, None, "damaged UTF-16 text",
                                "save the glossary again as UTF-8 text.") from exc
    nul = data.find(b"\0", 0, 65536)
    if nul >= 0:
        raise GlossaryError(name, data.count(b"\n", 0, nul) + 1,
                            "binary data, not a glossary",
                            "give a TSV, CSV or TBX file saved as UTF-8 text.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise GlossaryError(name, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x})",
                            "save the glossary as UTF-8 text.") from exc


def _read_table(text: str, name: str, delimiter: str) -> list[Term]:
    """Rows of a TSV or CSV glossary as terms; a header row is skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    raw: list[tuple[int | None, str, str, str]] = []
    first = True
    end = 0
    try:
        for row in reader:
            line, end = end + 1, reader.line_num
            cells = list(row)
            while cells and not cells[-1].strip():
                cells.pop()
            if not cells or cells[0].lstrip().startswith("#"):
                continue
            if first:
                first = False
                if len(cells) >= 2 and all(
                    cells[i].strip().lower() in _HEADERS[i] for i in (0, 1)
                ):
                    continue
            if len(cells) == 1 and (delimiter in cells[0] or "\n" in cells[0]):
                raise GlossaryError(
                    name, line, "a quote opened here is never closed",
                    'close the quoted cell with a " or remove the stray quote.',
                )
            if len(cells) == 1:
                sep = {"\t": "a tab", ",": "a comma"}.get(delimiter, "a semicolon")
                raise GlossaryError(
                    name, line, f'one column ("{cells[0].strip()[:40]}"), no target',
                    f"put {sep} between the Indonesian term and its English "
                    "(source, target, optional note).",
                )
            if len(cells) > 3:
                raise GlossaryError(
                    name, line, f"{len(cells)} columns",
                    "give two or three columns: source, target and an optional note "
                    "(quote a cell that holds the separator).",
                )
            raw.append((line, cells[0], cells[1], cells[2] if len(cells) > 2 else ""))
    except csv.Error as exc:
        raise GlossaryError(name, reader.line_num, f"unreadable row ({exc})",
                            "close the quotes of the cell, or remove the stray quote.") from exc
    if not raw:
        raise GlossaryError(name, None, "no terms in the file (only a header, comments "
                            "or blank lines)", "add one term per line: source<TAB>target.")
    return collect(raw, name=name)


def _local(tag: object) -> str:
    """An element's tag without its namespace."""
    return str(tag).rsplit("}", 1)[-1]


def _lang(element: Element) -> str:
    """The primary language subtag of a langSet / langSec, lower case."""
    value = element.get(_XML_LANG) or element.get("lang") or ""
    return value.replace("_", "-").split("-", 1)[0].strip().lower()


def _terms_of(lang_set: Element) -> list[tuple[Element, str, bool]]:
    """``(term element, text, deprecated)`` for each term of a langSet / langSec."""
    found = []
    for group in lang_set:
        if _local(group.tag) not in ("tig", "ntig", "termSec"):
            continue
        term = next((e for e in group.iter() if _local(e.tag) == "term"), None)
        if term is None:
            continue
        status = " ".join(
            "".join(e.itertext()) for e in group.iter()
            if _local(e.tag) in ("termNote", "note") and "status" in (e.get("type") or "").lower()
        ).lower()
        found.append((term, "".join(term.itertext()), "deprecated" in status))
    return found


def _note_of(entry: Element) -> str:
    """An entry's own note or definition (the first one), "" when it has none."""
    for e in entry:
        if _local(e.tag) in ("note", "descrip", "descripGrp"):
            return " ".join("".join(e.itertext()).split())
    return ""


def _read_tbx(data: bytes, name: str) -> list[Term]:
    """The Indonesian-English pairs of a TBX termbase."""
    lines: dict[Element, int] = {}
    try:
        root = parse_xml(data, name=name, lines=lines)
    except InvalidInputError as exc:  # worded by the parser: "name: problem. Fix: ..."
        position = getattr(exc.__cause__, "position", None)
        detail = str(exc).removeprefix(f"{name}: ").split(". Fix:")[0]
        raise GlossaryError(name, position[0] if position else None, detail,
                            "export the termbase again as TBX (UTF-8, no entities).") from exc
    entries = [e for e in root.iter() if _local(e.tag) in ("termEntry", "conceptEntry")]
    if not entries:
        raise GlossaryError(name, None, "no termEntry or conceptEntry elements, so not a TBX "
                            "termbase", "export the termbase as TBX, or give a TSV file.")
    raw: list[tuple[int | None, str, str, str]] = []
    for entry in entries:
        sources: list[tuple[Element, str, bool]] = []
        targets: list[tuple[Element, str, bool]] = []
        for lang_set in entry:
            if _local(lang_set.tag) not in ("langSet", "langSec"):
                continue
            lang = _lang(lang_set)
            if lang in _SOURCE_LANGS:
                sources += _terms_of(lang_set)
            elif lang in _TARGET_LANGS:
                targets += _terms_of(lang_set)
        if not sources or not targets:
            continue
        usable = [t for t in targets if not t[2]] or targets
        target_el, target, _ = usable[0]
        note = _note_of(entry)
        for source_el, source, _ in sources:
            line = lines.get(source_el)
            if source.strip() and not target.strip():
                line = lines.get(target_el)
            raw.append((line, source, target, note))
    if not raw:
        raise GlossaryError(name, None, "no entry has both an Indonesian (xml:lang=\"id\") "
                            "and an English (xml:lang=\"en\") term",
                            "export the termbase with both languages.")
    return collect(raw, name=name)
