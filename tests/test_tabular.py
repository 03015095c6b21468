"""Named columns of tables (dict, pyarrow, pandas, datasets) translated in one engine call."""

from __future__ import annotations

import logging
import math
import pickle
from collections.abc import Sequence

import pytest

from tests.fakes import FakeBackend
from translator import Translator
from translator.backends.base import DecodeOptions, Hypothesis
from translator.errors import InvalidInputError
from translator.files.columns import translate_table
from translator.integrations.tabular import ColumnTranslator

TEXTS = ["Harga beras naik.", "Kami akan datang besok pagi.", "Apa kabar?", "Harga beras naik."]


class BoomBackend(FakeBackend):
    """Fails on any batch holding a sentence with BOOM in it."""

    def translate_batch(
        self, texts: Sequence[str], options: DecodeOptions, *, limits: Sequence[int] | None = None
    ) -> list[Hypothesis]:
        if any("BOOM" in t for t in texts):
            raise RuntimeError("cannot translate BOOM")
        return super().translate_batch(texts, options, limits=limits)


def test_dict_one_engine_call_across_rows_and_fields(fake_translator, fake_backend) -> None:
    table = {"id": [1, 2], "title": ["Judul satu.", "Judul dua."], "text": ["Isi satu.", None]}
    out = translate_table(fake_translator, table, fields=["title", "text"])
    assert list(out) == ["id", "title", "title_en", "text", "text_en", "translation_flags"]
    assert out["title_en"] == ["JUDUL SATU.", "JUDUL DUA."]
    assert out["text_en"] == ["ISI SATU.", None]
    assert out["id"] == [1, 2] and out["translation_flags"] == [[], []]
    # all three texts of both rows went to the model together
    assert sorted(t for b in fake_backend.batches for t in b) == sorted(
        ["Judul satu.", "Judul dua.", "Isi satu."])
    assert len(fake_backend.batches) == 1


def test_nulls_non_strings_and_flags(fake_translator) -> None:
    table = {"text": ["Baik.", None, float("nan"), 5, b"x", "", "LOOP LOOP"]}
    out = translate_table(fake_translator, table, fields=["text"])
    assert out["text_en"][:2] == ["BAIK.", None]
    assert out["text_en"][2:5] == [None, None, None] and out["text_en"][5] == ""
    assert out["translation_flags"][:3] == [[], [], []]
    assert out["translation_flags"][3:5] == [["text:not-text"], ["text:not-text"]]
    assert out["translation_flags"][5] == []


def test_truncated_flag_kept(fake_backend) -> None:
    translator = Translator.from_backend(fake_backend, model="fake", fixed_output_tokens=2,
                                         checks=False)
    out = translate_table(translator, {"text": ["satu dua tiga empat lima"]}, fields=["text"])
    assert out["translation_flags"] == [["text:truncated"]]


def test_bad_record_never_kills_the_batch(caplog) -> None:
    # An in-process CLI test may have left the root logger at ERROR: ask for warnings here.
    caplog.set_level(logging.WARNING, logger="translator")
    translator = Translator.from_backend(BoomBackend(), model="fake", checks=False)
    rows = [f"Kalimat nomor {i}." for i in range(9)]
    rows[4] = "Ini BOOM di sini."
    out = translate_table(translator, {"text": rows}, fields=["text"], flags_column="bad")
    assert out["text_en"][4] is None and out["bad"][4] == ["text:error"]
    assert [t for i, t in enumerate(out["text_en"]) if i != 4] == [
        r.upper() for i, r in enumerate(rows) if i != 4]
    assert all(f == [] for i, f in enumerate(out["bad"]) if i != 4)
    assert "cannot translate BOOM" in caplog.text


def test_existing_twin_and_flags_replaced_no_flags_column(fake_translator) -> None:
    table = {"text_en": ["old"], "text": ["Baru."], "translation_flags": [["x"]], "n": [1]}
    out = translate_table(fake_translator, table, fields=["text"], flags_column=None)
    assert list(out) == ["text", "text_en", "translation_flags", "n"]  # not ours: kept
    assert out["text_en"] == ["BARU."] and out["translation_flags"] == [["x"]]
    out = translate_table(fake_translator, table, fields=["text"], suffix="_eng")
    assert list(out) == ["text_en", "text", "text_eng", "n", "translation_flags"]


def test_missing_field_and_unknown_kind(fake_translator) -> None:
    with pytest.raises(InvalidInputError, match="'body'.*Fix"):
        translate_table(fake_translator, {"text": ["a"]}, fields=["body"])
    with pytest.raises(InvalidInputError, match="Fix"):
        translate_table(fake_translator, [["a"]], fields=["text"])
    with pytest.raises(InvalidInputError, match="Fix"):
        translate_table(fake_translator, {"text": ["a"]}, fields=[])


def test_pyarrow_schema_kept(tiny_translator) -> None:
    pa = pytest.importorskip("pyarrow")
    table = pa.table({
        "id": pa.array([1, 2, 3], pa.int32()),
        "text": pa.array([TEXTS[0], None, TEXTS[1]], pa.large_string()),
        "nested": [{"a": [1, 2]}, None, {"a": []}],
    }).replace_schema_metadata({"origin": "test"})
    out = translate_table(tiny_translator, table, fields=["text"])
    assert out.column_names == ["id", "text", "text_en", "nested", "translation_flags"]
    assert out.schema.field("id").type == pa.int32()
    assert out.schema.field("text_en").type == pa.large_string()
    assert out.schema.metadata == {b"origin": b"test"}
    assert out.select(["id", "text", "nested"]).equals(table.select(["id", "text", "nested"]))
    assert out.column("text_en").to_pylist() == [
        tiny_translator.translate(TEXTS[0]), None, tiny_translator.translate(TEXTS[1])]


def test_pandas_equals_translate(tiny_translator) -> None:
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"text": TEXTS + [None], "n": range(5)}, index=list("abcde"))
    before = df.copy()
    out = translate_table(tiny_translator, df, fields=["text"], progress=True)
    pd.testing.assert_frame_equal(df, before)  # input untouched
    assert list(out.index) == list("abcde")
    assert list(out.columns) == ["text", "text_en", "n", "translation_flags"]
    assert out["text_en"].tolist()[:4] == tiny_translator.translate(TEXTS)
    last = out["text_en"].iloc[4]
    assert last is None or (isinstance(last, float) and math.isnan(last))
    pd.testing.assert_series_equal(out["n"], df["n"])


def test_datasets_map_equals_translate(tiny_model_dir, tiny_translator, tmp_path) -> None:
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_dict({"text": TEXTS + [None], "n": list(range(5))})
    mapper = ColumnTranslator(fields=["text"], model=tiny_model_dir, backend="transformers",
                              device="cpu")
    clone = pickle.loads(pickle.dumps(mapper))  # picklable, without a model inside
    assert clone.model == str(tiny_model_dir) and "_translator" not in vars(clone)
    out = ds.map(mapper, batched=True, batch_size=3)
    assert out["text_en"][:4] == tiny_translator.translate(TEXTS)
    assert out["text_en"][4] is None
    assert out["n"] == list(range(5))
    assert out["translation_flags"][4] == []
    assert mapper.translator is clone.translator  # one model per process and configuration
