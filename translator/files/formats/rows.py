"""JSON Lines and CSV: the named fields/columns translated, every other one kept.

The translation of field ``text`` goes into a new field ``text_en`` (the suffix is an
option) right after it; when that field exists already its values are replaced. Records
are read lazily, so files of any size go through in chunks.

JSON Lines records are never re-serialised: the new members are spliced into the line as
it was read, so everything else (number spelling such as ``1e400`` or ``1.10``, duplicate
keys, key order, escapes, whitespace, the line ending) comes out byte for byte. Fields are
matched by name, whatever their order in the record or among the options. When a key
occurs twice, its last value is the one translated (as JSON parsers read it).

CSV files are read with the standard dialect (double quotes, doubled to escape) and the
delimiter the header row uses; the byte-order mark and the line ending are kept, and a row
with more cells than the header keeps its extra cells at its end. Cells are written back
with the standard quoting, so a cell quoted needlessly in the source may lose its quotes
(its value is unchanged).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from json.decoder import scanstring
from typing import IO, Any

from translator.errors import InvalidInputError
from translator.files.formats.base import FormatOptions, RowFormat, RowReader

_BOM = "\ufeff"


def _need_fields(options: FormatOptions, source: str, what: str) -> tuple[str, ...]:
    if not options.fields:
        raise InvalidInputError(
            f"{source}: which {what} should be translated? Fix: name them with "
            f"--field (e.g. --field text), or fields=['text'] in Python."
        )
    return tuple(dict.fromkeys(options.fields))


# -- JSON Lines ------------------------------------------------------------------------------

# Numbers and constants are kept as their source text: no float overflow (1e400), no
# limit on the digits of an integer, nothing rewritten.
_DECODER = json.JSONDecoder(parse_int=str, parse_float=str, parse_constant=str)
_JSON_WS = re.compile(r"[ \t\n\r]*")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class _Member:
    """One ``"key": value`` of a record: offsets in the line, and the value if a string."""

    key: str
    key_start: int
    key_end: int  # after the key's closing quote
    value_start: int
    value_end: int
    value: Any


@dataclass(frozen=True)
class _Line:
    """A line of a JSON Lines file; ``members`` is None when it is no JSON object."""

    text: str
    members: tuple[_Member, ...] | None


def _skip(text: str, pos: int) -> int:
    return _JSON_WS.match(text, pos).end()  # type: ignore[union-attr]


def _members(text: str, start: int) -> tuple[_Member, ...] | None:
    """The top-level members of the JSON object in ``text`` (already known to be valid)."""
    pos = _skip(text, start)
    if not text.startswith("{", pos):
        return None
    members = []
    pos = _skip(text, pos + 1)
    if text.startswith("}", pos):
        return ()
    while True:
        key, key_end = scanstring(text, pos + 1)
        value_start = _skip(text, _skip(text, key_end) + 1)  # past the colon
        value, value_end = _DECODER.raw_decode(text, value_start)
        if not text.startswith('"', value_start):
            value = None  # numbers are parsed as their text: only strings are translated
        members.append(_Member(key, pos, key_end, value_start, value_end, value))
        pos = _skip(text, value_end)
        if text.startswith("}", pos):
            return tuple(members)
        pos = _skip(text, pos + 1)  # past the comma


def _dumps(value: str) -> str:
    # Lone surrogates cannot be written as UTF-8: escape them the way JSON allows.
    out = json.dumps(value, ensure_ascii=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


class JsonlFormat(RowFormat):
    """One JSON object per line; blank lines and lines that are no object kept as they are."""

    name = "jsonl"
    extensions = (".jsonl", ".ndjson")
    newline = "\n"  # lines end at "\n" only; "\r" is JSON whitespace and stays

    def start(self, handle: IO[str], *, source: str, options: FormatOptions) -> RowReader:
        """See :class:`RowFormat`."""
        fields = _need_fields(options, source, "fields")

        def records() -> Iterator[_Line]:
            for number, line in enumerate(handle, 1):
                start = 1 if number == 1 and line.startswith(_BOM) else 0
                if not line[start:].strip():
                    yield _Line(line, None)
                    continue
                try:
                    _DECODER.decode(line[start:])  # validate the whole line
                    members = _members(line, start)
                except json.JSONDecodeError as exc:
                    raise InvalidInputError(
                        f"{source}, line {number}: not valid JSON ({exc.msg}). "
                        "Fix: make every line one JSON object."
                    ) from exc
                except RecursionError:
                    raise InvalidInputError(
                        f"{source}, line {number}: JSON nested too deeply to read. "
                        "Fix: flatten the record."
                    ) from None
                yield _Line(line, members)

        def sources(record: _Line) -> dict[str, _Member]:
            """Each field to translate -> its last member, when that holds a string."""
            last = {m.key: m for m in record.members or ()}
            return {f: last[f] for f in fields if f in last and isinstance(last[f].value, str)}

        def units(record: _Line) -> list[str]:
            return [m.value for m in sources(record).values()]

        def render(record: _Line, translations: Sequence[str]) -> str:
            found = sources(record)
            if not found:
                return record.text
            members = record.members or ()
            text = record.text
            edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
            for (name, member), translation in zip(found.items(), translations, strict=True):
                target = name + options.suffix
                existing = [m for m in members if m.key == target]
                for m in existing:  # replace the old translation where it stands
                    edits.append((m.value_start, m.value_end, _dumps(translation)))
                if existing:
                    continue
                colon = text[member.key_end : member.value_start]
                if len(members) > 1:
                    comma = text[members[0].value_end : members[1].key_start]
                else:
                    comma = ", " if " " in colon else ","
                new = f"{comma}{_dumps(target)}{colon}{_dumps(translation)}"
                edits.append((member.value_end, member.value_end, new))
            out, pos = [], 0
            for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
                out += [text[pos:start], replacement]
                pos = end
            out.append(text[pos:])
            return "".join(out)

        return RowReader("", records(), units, render)


# -- CSV -------------------------------------------------------------------------------------

_DELIMITERS = ",;\t|"
_QUOTED = re.compile(r'"[^"]*"')
_HEADER = re.compile(r'(?:"[^"]*"|[^"\r\n])*')  # the header row, quoted line breaks included
#: Largest field size the csv module can be told to accept on every platform (a C long).
_FIELD_LIMIT = 2**31 - 1


def _dialect(sample: str, source: str) -> type[csv.Dialect]:
    """The standard dialect with the header row's delimiter and line ending.

    ``csv.Sniffer`` guesses quote characters and delimiters from the data, and guesses
    wrong on ordinary files (a quoted cell with a line break and doubled quotes); the
    header row is a far safer witness of the delimiter.
    """
    cut = _HEADER.match(sample).end()  # type: ignore[union-attr]
    if sample.startswith("\r\n", cut):
        terminator = "\r\n"
    elif sample[cut : cut + 1] in ("\r", "\n"):
        terminator = sample[cut]
    else:
        terminator = "\n"
    unquoted = _QUOTED.sub("", sample[:cut])
    counts = {d: unquoted.count(d) for d in _DELIMITERS}
    delimiter = max(_DELIMITERS, key=lambda d: counts[d])  # first on ties: ","
    if source.lower().endswith(".tsv") or not counts[delimiter]:
        delimiter = "\t" if source.lower().endswith(".tsv") else ","

    class Dialect(csv.excel):
        pass

    Dialect.delimiter = delimiter
    Dialect.lineterminator = terminator
    return Dialect


class CsvFormat(RowFormat):
    """A CSV file with a header row; see the module docstring."""

    name = "csv"
    extensions = (".csv", ".tsv")
    newline = ""

    def start(self, handle: IO[str], *, source: str, options: FormatOptions) -> RowReader:
        """See :class:`RowFormat`."""
        fields = _need_fields(options, source, "columns")
        if csv.field_size_limit() < _FIELD_LIMIT:
            csv.field_size_limit(_FIELD_LIMIT)  # the default 128 KiB refuses long articles
        sample = handle.read(65536)
        handle.seek(0)
        bom = sample.startswith(_BOM)
        if bom:
            handle.read(1)
            sample = sample[1:]
        dialect = _dialect(sample, source)
        reader = csv.reader(handle, dialect)
        try:
            header = next(reader)
        except StopIteration:
            raise InvalidInputError(
                f"{source}: the CSV file is empty. Fix: give it a header row naming its columns."
            ) from None
        except csv.Error as exc:
            raise InvalidInputError(
                f"{source}, header row: not valid CSV ({exc}). Fix: check the file's quoting."
            ) from exc
        missing = [f for f in fields if f not in header]
        if missing:
            raise InvalidInputError(
                f"{source}: no column named {', '.join(map(repr, missing))}; it has "
                f"{', '.join(map(repr, header))}. Fix: pass one of these to --field."
            )
        source_cols = [header.index(f) for f in fields]
        # Output layout: every column, each translated one followed by its translation.
        layout: list[tuple[str, int]] = []  # ("src", column) or ("tr", n-th field)
        out_header: list[str] = []
        targets = {f + options.suffix for f in fields}
        for col, name in enumerate(header):
            if name in targets:
                continue
            layout.append(("src", col))
            out_header.append(name)
            if col in source_cols:
                layout.append(("tr", source_cols.index(col)))
                out_header.append(name + options.suffix)

        def write(row: Sequence[str]) -> str:
            # The csv module quotes a cell holding a character of the line terminator, so
            # with "\n" alone a cell with a bare "\r" would go out unquoted and break the row
            # when read back: write with "\r\n", then put the file's own ending.
            buffer = io.StringIO()
            csv.writer(buffer, dialect, lineterminator="\r\n").writerow(row)
            return buffer.getvalue()[:-2] + dialect.lineterminator

        def records() -> Iterator[list[str]]:
            try:
                yield from reader
            except csv.Error as exc:
                raise InvalidInputError(
                    f"{source}, line {reader.line_num}: not valid CSV ({exc}). "
                    "Fix: check the file's quoting."
                ) from exc

        def units(row: list[str]) -> list[str]:
            return [row[c] if c < len(row) else "" for c in source_cols]

        def render(row: list[str], translations: Sequence[str]) -> str:
            cells = []
            for kind, i in layout:
                if kind == "src" and i < len(row):
                    cells.append(row[i])
                elif kind == "tr" and source_cols[i] < len(row):
                    cells.append(translations[i])
            cells += row[len(header):]  # cells beyond the header: kept, never dropped
            return write(cells)

        return RowReader(("\ufeff" if bom else "") + write(out_header), records(), units, render)
