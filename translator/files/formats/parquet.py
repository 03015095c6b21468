"""Parquet: the named columns translated into twin columns, every other column kept.

Read with ``pyarrow`` (the ``parquet`` extra) in chunks of rows, never the whole file, so
memory stays flat for files of any size; a run can start again at any row (the row groups
before it are skipped unread). Written with the source's schema (and its metadata), each
translated field followed by ``<field>_en``, and ``translation_flags`` last (see
:mod:`translator.files.columns`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from translator.errors import InvalidInputError, MissingDependencyError
from translator.files.formats.base import TableFormat

#: Most rows per row group written: bounds the memory of the writer's buffer.
ROW_GROUP_ROWS = 16_384


def import_parquet() -> tuple[Any, Any]:
    """``pyarrow`` and ``pyarrow.parquet``, or an error naming the extra to install."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingDependencyError("pyarrow", "parquet", "Reading Parquet files") from exc
    return pa, pq


class ParquetFormat(TableFormat):
    """Apache Parquet files."""

    name = "parquet"
    extensions = (".parquet", ".pq")

    def read(self, path: str, *, start: int, chunk_rows: int) -> Iterator[Any]:
        """See :class:`TableFormat`."""
        pa, pq = import_parquet()
        handle = _open(pq, path)
        meta = handle.metadata
        first, skip, seen = meta.num_row_groups, 0, 0
        for g in range(meta.num_row_groups):
            rows = meta.row_group(g).num_rows
            if seen + rows > start:
                first, skip = g, start - seen
                break
            seen += rows
        if meta.num_rows == 0 and start == 0:
            yield handle.schema_arrow.empty_table()
            return
        for group in range(first, meta.num_row_groups):  # one at a time: the reader holds no more
            for batch in handle.iter_batches(batch_size=chunk_rows, row_groups=[group]):
                if skip >= batch.num_rows:
                    skip -= batch.num_rows
                    continue
                table = pa.Table.from_batches([batch.slice(skip)])
                skip = 0
                yield table

    def write(self, path: str, tables: Iterator[Any], *, like: str | None = None) -> int:
        """See :class:`TableFormat`."""
        pa, pq = import_parquet()
        compression = "snappy"
        if like is not None:
            meta = _open(pq, like).metadata
            if meta.num_row_groups and meta.num_columns:
                compression = meta.row_group(0).column(0).compression.lower()
        writer = None
        buffer: list[Any] = []
        buffered = rows = 0
        try:
            for table in tables:
                if writer is None:
                    writer = pq.ParquetWriter(path, table.schema, compression=compression)
                buffer.append(table)
                buffered += table.num_rows
                if buffered >= ROW_GROUP_ROWS:
                    writer.write_table(pa.concat_tables(buffer), row_group_size=ROW_GROUP_ROWS)
                    rows += buffered
                    buffer, buffered = [], 0
            if buffer:  # the rows after the last full row group (the writer exists)
                writer.write_table(pa.concat_tables(buffer), row_group_size=ROW_GROUP_ROWS)
                rows += buffered
        finally:
            if writer is not None:
                writer.close()
        return rows

    def check_fields(self, path: str, fields: tuple[str, ...]) -> None:
        """Fail early, naming the columns, when a field is not in the file."""
        _, pq = import_parquet()
        names = _open(pq, path).schema_arrow.names
        if not fields:
            raise InvalidInputError(
                f"{path}: which columns should be translated? Fix: name them with --field "
                "(e.g. --field text), or fields=['text'] in Python."
            )
        missing = [f for f in fields if f not in names]
        if missing:
            raise InvalidInputError(
                f"{path}: no column named {', '.join(map(repr, missing))}; it has "
                f"{', '.join(map(repr, names))}. Fix: pass one of these to --field."
            )


def _open(pq: Any, path: str) -> Any:
    try:
        return pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises ArrowInvalid, OSError ... for a bad file
        raise InvalidInputError(
            f"{path}: not a readable Parquet file ({exc}). Fix: check the file, or pass "
            "--format for a file whose extension is misleading."
        ) from exc
