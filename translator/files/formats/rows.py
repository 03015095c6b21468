"""JSON Lines and CSV: the named fields/columns translated, every other one kept.

The translation of field ``text`` goes into a new field ``text_en`` (the suffix is an
option) right after it; when that field exists already its values are replaced. Records
are read lazily, so files of any size go through in chunks.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from typing import IO, Any

from translator.errors import InvalidInputError
from translator.files.formats.base import FormatOptions, RowFormat, RowReader


def _need_fields(options: FormatOptions, source: str, what: str) -> tuple[str, ...]:
    if not options.fields:
        raise InvalidInputError(
            f"{source}: which {what} should be translated? Fix: name them with "
            f"--field (e.g. --field text), or fields=['text'] in Python."
        )
    return options.fields


class JsonlFormat(RowFormat):
    """One JSON object per line; blank lines kept."""

    name = "jsonl"
    extensions = (".jsonl", ".ndjson")

    def start(self, handle: IO[str], *, source: str, options: FormatOptions) -> RowReader:
        """See :class:`RowFormat`."""
        fields = _need_fields(options, source, "fields")

        def records() -> Iterator[tuple[str, Any]]:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    yield line, None
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InvalidInputError(
                        f"{source}, line {number}: not valid JSON ({exc.msg}). "
                        "Fix: make every line one JSON object."
                    ) from exc
                yield line, obj

        def units(record: tuple[str, Any]) -> list[str]:
            _, obj = record
            if not isinstance(obj, dict):
                return []
            return [obj[f] for f in fields if isinstance(obj.get(f), str)]

        def render(record: tuple[str, Any], translations: Sequence[str]) -> str:
            line, obj = record
            if not isinstance(obj, dict):
                return line
            todo = iter(translations)
            out: dict[str, Any] = {}
            targets = {f + options.suffix: f for f in fields if isinstance(obj.get(f), str)}
            for key, value in obj.items():
                if key in targets:
                    continue  # rewritten right after its source field
                out[key] = value
                if key in fields and isinstance(value, str):
                    out[key + options.suffix] = next(todo)
            ending = "\r\n" if line.endswith("\r\n") else "\n"
            return json.dumps(out, ensure_ascii=False) + ending

        return RowReader("", records(), units, render)


class CsvFormat(RowFormat):
    """A CSV file with a header row (delimiter and line ending detected and kept)."""

    name = "csv"
    extensions = (".csv", ".tsv")
    newline = ""

    def start(self, handle: IO[str], *, source: str, options: FormatOptions) -> RowReader:
        """See :class:`RowFormat`."""
        fields = _need_fields(options, source, "columns")
        sample = handle.read(65536)
        handle.seek(0)
        try:
            dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        except csv.Error:
            dialect = csv.excel_tab if "\t" in sample.split("\n", 1)[0] else csv.excel
        terminator = "\r\n" if "\r\n" in sample else "\n"
        reader = csv.reader(handle, dialect)
        try:
            header = next(reader)
        except StopIteration:
            raise InvalidInputError(
                f"{source}: the CSV file is empty. Fix: give it a header row naming its columns."
            ) from None
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
            import io

            buffer = io.StringIO()
            csv.writer(buffer, dialect, lineterminator=terminator).writerow(row)
            return buffer.getvalue()

        def units(row: list[str]) -> list[str]:
            return [row[c] if c < len(row) else "" for c in source_cols]

        def render(row: list[str], translations: Sequence[str]) -> str:
            cells = [
                (row[i] if i < len(row) else "") if kind == "src" else translations[i]
                for kind, i in layout
            ]
            return write(cells)

        return RowReader(write(out_header), iter(reader), units, render)
