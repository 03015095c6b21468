"""CSV: the named columns translated into new columns; every other byte kept.

The translation of column ``text`` goes into a new column ``text_en`` (the suffix is an
option) right after it; when the header has that column already, its cells are replaced
where they stand. Records are read lazily, so files of any size go through in chunks.

Records are never re-serialised: the new cells are spliced into each record's text, so
quoting, spacing, line endings (per record), the byte-order mark and any cell beyond the
header come out as they were. The file is read with the standard dialect (double quotes,
doubled to escape) and the delimiter :mod:`translator.files.formats.dialect` finds. A record
whose cells the scanner below and the ``csv`` module see differently (only malformed
quoting can do that) is written back from the ``csv`` module's cells instead.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO

from translator.errors import InvalidInputError
from translator.files.formats.base import (
    FormatOptions,
    RowFormat,
    RowReader,
    UnitFlags,
    flag_value,
    need_fields,
)
from translator.files.formats.dialect import describe, sniff_delimiter

_BOM = "\ufeff"
#: Largest field size the csv module can be told to accept on every platform (a C long).
_FIELD_LIMIT = 2**31 - 1
_BLOCK = 1 << 20


@dataclass(frozen=True)
class _Record:
    """A record: its text (line ending apart), its cells, and where they are in the text.

    ``spans`` is None when the scanner and the ``csv`` module disagree on the cells.
    """

    text: str
    ending: str
    cells: list[str]
    spans: list[tuple[int, int]] | None


def _scan(
    buf: str, pos: int, stops: re.Pattern[str], delimiter: str, eof: bool
) -> tuple[list[tuple[int, int]], int, int] | None:
    """The cells of the record at ``pos``: (spans, end of its text, end of its ending).

    None when the buffer ends inside the record and more text may follow. Linear: every
    search starts where the last one stopped.
    """
    n = len(buf)
    spans: list[tuple[int, int]] = []
    if pos < n and buf[pos] in "\r\n":
        end = pos  # an empty line: a record with no cells, as the csv module reads it
    else:
        while True:
            start = pos
            if pos < n and buf[pos] == '"':
                look = pos + 1
                while True:
                    close = buf.find('"', look)
                    if close < 0 or (close + 1 >= n and not eof):
                        if not eof:
                            return None
                        # An unclosed quote runs to the end of the file: where its cell was
                        # meant to end cannot be told, and a cell written after it would
                        # land inside the quote. Refused (by name, with the fix).
                        raise csv.Error("a quote opened here is never closed")
                    if buf.startswith('"', close + 1):
                        look = close + 2  # a doubled quote
                        continue
                    break
                pos = min(close + 1, n)
            stop = stops.search(buf, pos)  # text after a closing quote stays in the cell
            if stop is None:
                if not eof:
                    return None
                spans.append((start, n))
                end = n
                break
            spans.append((start, stop.start()))
            if buf[stop.start()] != delimiter:
                end = stop.start()
                break
            pos = stop.end()
    if end >= n:
        return spans, n, n
    if buf.startswith("\r\n", end):
        return spans, end, end + 2
    if buf[end] == "\r" and end + 1 >= n and not eof:
        return None  # "\r" then maybe "\n"
    return spans, end, end + 1


def _records(handle: IO[str], buf: str, dialect: type[csv.Dialect]) -> Iterator[_Record]:
    """Every record of the file, read lazily in blocks from ``buf`` on."""
    delimiter = dialect.delimiter
    stops = re.compile(f"[{re.escape(delimiter)}\r\n]")
    pos = 0
    eof = False
    while True:
        if pos >= len(buf) and eof:
            return
        found = _scan(buf, pos, stops, delimiter, eof)
        if found is None:  # read on (at least doubling the buffer: linear overall)
            more = handle.read(max(_BLOCK, len(buf) - pos))
            buf, pos, eof = buf[pos:] + more, 0, not more
            continue
        spans, end, after = found
        text = buf[pos:end]
        cells = next(csv.reader([text], dialect), []) if spans else []
        shifted = [(a - pos, b - pos) for a, b in spans]
        yield _Record(text, buf[end:after], cells, shifted if len(cells) == len(spans) else None)
        pos = after


def _quote(cell: str, delimiter: str) -> str:
    """``cell`` quoted as the standard dialect needs (only when it must be)."""
    if delimiter in cell or any(c in cell for c in '"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


class CsvFormat(RowFormat):
    """A CSV file with a header row; see the module docstring."""

    name = "csv"
    extensions = (".csv", ".tsv")
    newline = ""

    def start(self, handle: IO[str], *, source: str, options: FormatOptions) -> RowReader:
        """See :class:`RowFormat`."""
        fields = need_fields(options, source, "columns")
        if csv.field_size_limit() < _FIELD_LIMIT:
            csv.field_size_limit(_FIELD_LIMIT)  # the default 128 KiB refuses long articles
        buf = handle.read(_BLOCK)
        bom = _BOM if buf.startswith(_BOM) else ""
        buf = buf[len(bom) :]

        class Dialect(csv.excel):
            delimiter = sniff_delimiter(buf, source)
            lineterminator = "\r\n"  # so that a bare "\r" in a cell is quoted too

        delimiter = Dialect.delimiter

        def failing(records: Iterator[_Record]) -> Iterator[_Record]:
            number = 0
            try:
                for number, record in enumerate(records, 1):  # noqa: B007
                    yield record
            except csv.Error as exc:
                raise InvalidInputError(
                    f"{source}, record {number + 1}: not valid CSV ({exc}). "
                    "Fix: check the file's quoting."
                ) from exc

        records = failing(_records(handle, buf, Dialect))
        head = next(records, None)
        if head is None:
            raise InvalidInputError(
                f"{source}: the CSV file is empty. Fix: give it a header row naming its columns."
            )
        header = head.cells
        missing = [f for f in fields if f not in header]
        if missing:
            raise InvalidInputError(
                f"{source}: no column named {', '.join(map(repr, missing))}; it has "
                f"{', '.join(map(repr, header))}. Fix: pass one of these to --field."
            )
        # (source column, target column or None for a new one right after the source)
        columns = [
            (header.index(f), header.index(f + options.suffix)
             if f + options.suffix in header else None)
            for f in fields
        ]

        def cells_out(cells: Sequence[str], translations: Sequence[str]) -> list[str]:
            out = list(cells)
            for (src, tgt), text in zip(columns, translations):
                if tgt is not None and src < len(cells):
                    out += [""] * (tgt + 1 - len(out))
                    out[tgt] = text
            inserts = [(src, text) for (src, tgt), text in zip(columns, translations)
                       if tgt is None and src < len(cells)]
            for src, text in sorted(inserts, reverse=True):
                out.insert(src + 1, text)
            return out

        def write(record: _Record, translations: Sequence[str],
                  flags: Sequence[UnitFlags] = (), *, head: bool = False) -> str:
            """The record with its translations spliced in (``head``: the header row)."""
            text = _write(record, translations, head=head)
            if not options.flags_field:
                return text
            value = options.flags_field if head else "; ".join(
                flag_value(list(fields), flags)["reasons"] if flags else [])
            body = text[: len(text) - len(record.ending)] if record.ending else text
            return body + delimiter + _quote(value, delimiter) + record.ending

        def _write(record: _Record, translations: Sequence[str], *, head: bool = False) -> str:
            spans = record.spans
            if spans is None:  # cells seen differently: write the csv module's cells out
                row = cells_out(record.cells, translations)
                line = csv.writer(_Buffer(), Dialect).writerow(row)  # type: ignore[arg-type]
                return line[:-2] + record.ending
            edits = []
            padded = []  # target columns beyond the end of a short row
            for (src, tgt), text in zip(columns, translations):
                if src >= len(spans) or (head and tgt is not None):
                    continue
                new = _quote(text, delimiter)
                if tgt is None:
                    edits.append((spans[src][1], spans[src][1], 0, delimiter + new))
                elif tgt < len(spans):
                    edits.append((*spans[tgt], 0, new))
                else:
                    padded.append((tgt, new))
            end, column = len(record.text), len(spans)
            for tgt, new in sorted(padded):  # empty cells up to the target, then it
                edits.append((end, end, 1, delimiter * (tgt - column + 1) + new))
                column = tgt + 1
            out, pos = [], 0
            for start, end, _, new in sorted(edits, key=lambda e: e[:3]):
                out += [record.text[pos:start], new]
                pos = end
            out += [record.text[pos:], record.ending]
            return "".join(out)

        def units(record: _Record) -> list[str]:
            return [record.cells[src] if src < len(record.cells) else "" for src, _ in columns]

        header_out = write(head, [f + options.suffix for f in fields], head=True)
        return RowReader(bom + header_out, records, units, write, describe(delimiter))


class _Buffer:
    """A file-like object for ``csv.writer`` that hands back what was written."""

    def write(self, text: str) -> str:
        return text
