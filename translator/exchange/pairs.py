"""A translation pair, and two-column TSV/CSV files of them.

A pair file is UTF-8 (with or without a byte order mark; UTF-16 with one) text with the
Indonesian source in the first column and the English target in the second; further
columns are ignored. A first row such as ``source<TAB>target`` (or ``id,en``,
``Indonesian;English``) is recognised as a header and skipped. ``.tsv``/``.tab``/``.txt``
files are tab separated; ``.csv`` files use a comma, or a semicolon or tab when the first
line has more of those. Quoted fields (``"a, b"``) are read as the csv module reads them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime, timezone

from translator.errors import InvalidInputError

#: Largest pair file read (bytes).
MAX_TABLE_BYTES = 64 * 1024 * 1024

#: First-row cells that make the row a header.
HEADER_WORDS = frozenset({
    "source", "target", "src", "tgt", "trg", "id", "en", "in", "indonesian", "english",
    "bahasa indonesia", "source text", "target text", "original", "translation",
    "source language", "target language", "id-id", "en-us", "en-gb",
})


@dataclass(frozen=True)
class Pair:
    """One source sentence (or paragraph) and its approved translation.

    Attributes:
        source: The Indonesian text, as the file has it.
        target: The English text, verbatim.
        origin: The file it came from (its name), or what added it.
        changed: When it was last changed, TMX style (``20261207T135400Z``); "" unknown.
            Between two pairs with the same source the later one wins.
    """

    source: str
    target: str
    origin: str = ""
    changed: str = ""


def now_stamp() -> str:
    """The current UTC time as a TMX date (``YYYYMMDDThhmmssZ``)."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def decode_text(data: bytes, *, name: str) -> str:
    """Text of a UTF-8 (or BOM-marked UTF-16) file; anything else is refused by name."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InvalidInputError(
                f"{name}: damaged UTF-16 text ({exc.reason} at byte {exc.start}). Fix: save "
                "the file again as UTF-8."
            ) from exc
    if b"\0" in data[:65536]:
        raise InvalidInputError(f"{name}: binary data, not text. Fix: give a TSV or CSV file.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"{name}: not UTF-8 text (byte {exc.start}). Fix: save the file as UTF-8."
        ) from exc


def _delimiter(first_line: str, name: str) -> str:
    if not name.lower().endswith(".csv"):
        return "\t"
    counts = {d: first_line.count(d) for d in ("\t", ";", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_table(data: bytes, *, name: str, max_bytes: int = MAX_TABLE_BYTES) -> list[Pair]:
    """The pairs of a two-column TSV/CSV file (see module).

    Args:
        data: The file's bytes.
        name: Its name: for messages, for each pair's ``origin``, and (``.csv``) to pick
            the separator.
        max_bytes: Larger files are refused.

    Raises:
        InvalidInputError: Too large, binary, not UTF-8, or no row has two columns.
    """
    if len(data) > max_bytes:
        raise InvalidInputError(
            f"{name}: {len(data):,} bytes, more than the {max_bytes:,} accepted. Fix: split "
            "the file into smaller ones."
        )
    text = decode_text(data, name=name)
    delimiter = _delimiter(text.split("\n", 1)[0], name)
    origin = name.replace("\\", "/").rsplit("/", 1)[-1]
    pairs: list[Pair] = []
    rows = 0
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if not any(cell.strip() for cell in row):
                continue
            rows += 1
            if rows == 1 and len(row) >= 2 and _is_header(row):
                continue
            if len(row) >= 2 and row[0].strip() and row[1].strip():
                pairs.append(Pair(row[0], row[1], origin))
    except csv.Error as exc:
        raise InvalidInputError(
            f"{name}: not a readable {'CSV' if delimiter != chr(9) else 'TSV'} file "
            f"({exc}). Fix: save it again as two columns, source and target."
        ) from exc
    if rows and not pairs:
        raise InvalidInputError(
            f"{name}: no row has a source and a target column. Fix: give two columns "
            "(Indonesian, English) separated by "
            f"{'tabs' if delimiter == chr(9) else repr(delimiter)}."
        )
    return pairs


def _is_header(row: list[str]) -> bool:
    return all(cell.strip().lower() in HEADER_WORDS for cell in row[:2])
