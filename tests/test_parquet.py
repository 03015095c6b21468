"""Parquet files: twin columns added, every other column and the schema kept, resumable."""

from __future__ import annotations

from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from tests.fakes import FakeBackend, interrupt_on_batch  # noqa: E402
from translator import Translator  # noqa: E402
from translator.errors import InvalidInputError  # noqa: E402
from translator.files import BatchOptions  # noqa: E402
from translator.files.outputs import read_state, sha256_file  # noqa: E402
from translator.files.tables import parts_dir  # noqa: E402


def _table(n: int) -> pa.Table:
    return pa.table({
        "id": pa.array(range(n), pa.int64()),
        "text": pa.array([None if i % 5 == 2 else f"kalimat nomor {i}" for i in range(n)],
                         pa.string()),
        "score": pa.array([i / 4 for i in range(n)], pa.float32()),
        "meta": pa.array([{"tags": [f"t{i}"], "ok": i % 2 == 0} for i in range(n)]),
        "when": pa.array([i * 1000 for i in range(n)], pa.timestamp("ms")),
    }).replace_schema_metadata({"origin": "test"})


def _fake() -> tuple[Translator, FakeBackend]:
    backend = FakeBackend()
    return Translator.from_backend(backend, model="fake", checks=False), backend


def test_round_trip_keeps_schema_nulls_and_other_columns(tmp_path: Path) -> None:
    src, dst = tmp_path / "a.parquet", tmp_path / "a.en.parquet"
    table = _table(23)
    pq.write_table(table, src, row_group_size=7, compression="zstd")
    t, _ = _fake()
    report = t.translate_path(src, options=BatchOptions(fields=("text",), chunk_rows=4))
    assert report.ok and report.results[0].output == str(dst)
    out = pq.read_table(dst)
    assert out.column_names == ["id", "text", "text_en", "score", "meta", "when",
                                "translation_flags"]
    for name in table.column_names:
        assert out.schema.field(name) == table.schema.field(name)
        assert out.column(name).equals(table.column(name))
    assert out.schema.metadata == {b"origin": b"test"}
    assert out.column("text_en").to_pylist() == [
        None if t is None else t.upper() for t in table.column("text").to_pylist()]
    assert out.column("translation_flags").to_pylist() == [[]] * 23
    assert pq.ParquetFile(dst).metadata.row_group(0).column(0).compression == "ZSTD"
    assert not parts_dir(dst).exists()
    # a rerun skips the finished output
    assert t.translate_path(src, options=BatchOptions(fields=("text",))).count("skipped") == 1


def test_resume_after_last_finished_chunk(tmp_path: Path) -> None:
    src, dst = tmp_path / "a.parquet", tmp_path / "a.en.parquet"
    pq.write_table(_table(10), src, row_group_size=4)
    t, backend = _fake()
    interrupt_on_batch(backend, 3)
    options = BatchOptions(fields=("text",), chunk_rows=3)
    with pytest.raises(KeyboardInterrupt):
        t.translate_path(src, dst, options=options)
    assert not dst.exists()
    # chunks of 3 rows never cross a row group of 4: 3 + 1 rows in two chunks
    assert read_state(dst)["rows_done"] == 4 and read_state(dst)["chunks_done"] == 2
    backend.batches.clear()
    assert t.translate_path(src, dst, options=options).ok
    assert sorted(x for b in backend.batches for x in b) == [
        f"kalimat nomor {i}" for i in range(4, 10) if i % 5 != 2]
    out = pq.read_table(dst)
    assert out.column("id").to_pylist() == list(range(10))
    assert out.column("text_en").to_pylist() == [
        None if i % 5 == 2 else f"KALIMAT NOMOR {i}" for i in range(10)]
    assert read_state(dst)["complete"] and read_state(dst)["output"] == sha256_file(dst)
    assert not parts_dir(dst).exists()


def test_flags_nested_field_and_errors(tmp_path: Path) -> None:
    src = tmp_path / "a.parquet"
    pq.write_table(_table(4), src)
    t = Translator.from_backend(FakeBackend(), model="fake", fixed_output_tokens=2, checks=False)
    t.translate_path(src, tmp_path / "o.parquet",
                     options=BatchOptions(fields=("text", "meta"), suffix="_eng"))
    out = pq.read_table(tmp_path / "o.parquet")
    assert out.column("meta_eng").to_pylist() == [None] * 4
    assert out.column("translation_flags").to_pylist()[0] == ["text:truncated",
                                                              "meta:not-text"]
    with pytest.raises(InvalidInputError, match="'body'.*--field"):
        t.translate_file(src, tmp_path / "p.parquet", fields=("body",))
    (tmp_path / "bad.parquet").write_text("not parquet")
    with pytest.raises(InvalidInputError, match="not a readable Parquet"):
        t.translate_file(tmp_path / "bad.parquet", tmp_path / "q.parquet", fields=("text",))


def test_empty_file_and_big_row_group_stream(tmp_path: Path) -> None:
    t, _ = _fake()
    empty = tmp_path / "e.parquet"
    pq.write_table(_table(0), empty)
    t.translate_file(empty, tmp_path / "e.en.parquet", fields=("text",))
    out = pq.read_table(tmp_path / "e.en.parquet")
    assert out.num_rows == 0 and "text_en" in out.column_names
    big = tmp_path / "b.parquet"
    pq.write_table(_table(50), big)  # one row group, read in chunks of 8
    t.translate_path(big, options=BatchOptions(fields=("text",), chunk_rows=8))
    out = pq.read_table(tmp_path / "b.en.parquet")
    assert out.column("id").to_pylist() == list(range(50))


def test_tiny_model_equals_translate(tmp_path: Path, tiny_translator) -> None:
    src = tmp_path / "a.parquet"
    table = _table(6)
    pq.write_table(table, src)
    tiny_translator.translate_file(src, tmp_path / "a.en.parquet", fields=("text",))
    texts = [t for t in table.column("text").to_pylist() if t is not None]
    expected = iter(tiny_translator.translate(texts))
    got = pq.read_table(tmp_path / "a.en.parquet").column("text_en").to_pylist()
    assert got == [None if t is None else next(expected)
                   for t in table.column("text").to_pylist()]
