"""The text checks' flags and reasons reach every place flags are shown."""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Sequence
from html import escape

import pytest

from tests.fakes import FakeBackend
from translator import Translator
from translator.backends.base import DecodeOptions, Hypothesis
from translator.cli import main
from translator.files import BatchOptions
from translator.ui import render

TABLE = {
    "Harga naik 5 persen.": "The price rose 6 percent.",
    "Selamat pagi.": "Good morning.",
    "Lihat https://kpu.go.id/data.": "See the data on the website.",
    "Dia datang pukul 07.30 WIB.": "He came at 7:30 a.m.",
}
TEXT = "Harga naik 5 persen. Selamat pagi.\n\nLihat https://kpu.go.id/data."


class DictBackend(FakeBackend):
    """Translates the sentences of TABLE as written there, anything else upper-cased."""

    def translate_batch(
        self, texts: Sequence[str], options: DecodeOptions, *,
        limits: Sequence[int] | None = None,
    ) -> list[Hypothesis]:
        out = super().translate_batch(texts, options, limits=limits)
        return [dataclasses.replace(h, text=TABLE.get(t, h.text)) for t, h in zip(texts, out)]


@pytest.fixture
def checked() -> Translator:
    return Translator.from_backend(DictBackend(), model="dict")


def test_every_sentence_is_checked_with_reasons(checked):
    doc = checked.translate_document(TEXT)
    assert [s.flags for s in doc.sentences] == [("numbers",), (), ("spans",)]
    first, _, third = doc.sentences
    assert first.reasons == (
        "numbers: not in the translation: '5'; not in the source: '6'",)
    assert third.reasons == ("spans: not kept verbatim: 'https://kpu.go.id/data'",)
    assert doc.flags == ("numbers", "spans")
    data = json.loads(doc.to_json())
    sentences = [s for p in data["paragraphs"] for s in p["sentences"]]
    assert sentences[0]["reasons"] == list(first.reasons) and sentences[1]["reasons"] == []


def test_checks_can_be_turned_off(checked):
    plain = Translator.from_backend(DictBackend(), model="dict", checks=False)
    doc = plain.translate_document(TEXT)
    assert all(s.flags == () and s.reasons == () for s in doc.sentences)
    assert plain.options_signature == checked.options_signature  # flags only: same cache


def test_engine_flags_come_with_their_reasons():
    translator = Translator.from_backend(FakeBackend(), model="fake", checks=False)
    doc = translator.translate_document("Ini STUCK terus.")
    assert doc.sentences[0].flags == ("repetition",)
    assert doc.sentences[0].reasons[0].startswith("repetition: ")


def test_side_by_side_shows_each_reason(checked):
    html = render.side_by_side(checked.translate_document(TEXT))
    assert html.count(' it-flagged"') == 2 and "2 flagged" in html
    assert "⚠ " + escape("numbers: not in the translation: '5'; not in the source: '6'") in html
    assert escape("spans: not kept verbatim: 'https://kpu.go.id/data'") in html


def test_cli_json_has_flags_and_reasons(checked, monkeypatch, capsys):
    from translator.cli import translate as command

    monkeypatch.setattr(command, "_make_translator", lambda args: checked)
    assert main(["translate", "Dia datang pukul 07.30 WIB.", "Harga naik 5 persen.",
                 "--json", "-q"]) == 0
    docs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    flags = [s["flags"] for d in docs for p in d["paragraphs"] for s in p["sentences"]]
    reasons = [s["reasons"] for d in docs for p in d["paragraphs"] for s in p["sentences"]]
    assert flags == [[], ["numbers"]] and reasons[0] == [] and len(reasons[1]) == 1


def test_jsonl_flags_field(checked, tmp_path):
    src = tmp_path / "data.jsonl"
    records = [
        {"id": 1, "text": "Harga naik 5 persen."},
        {"id": 2, "text": "Selamat pagi."},
        {"id": 3, "text": "Lihat https://kpu.go.id/data.", "title": "Harga naik 5 persen."},
        {"id": 4, "text": None},
    ]
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    options = BatchOptions(fields=("title", "text"), flags_field="flags")
    assert checked.translate_path(src, out, options=options).ok
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0]["flags"] == {"flags": ["numbers"], "reasons": [
        "numbers: not in the translation: '5'; not in the source: '6'"]}
    assert rows[1]["flags"] == {"flags": [], "reasons": []}
    assert list(rows[0]) == ["id", "text", "text_en", "flags"]  # the flags field comes last
    # Each translation goes to its own field (fields given in another order than the record's).
    assert rows[2]["text_en"] == "See the data on the website."
    assert rows[2]["title_en"] == "The price rose 6 percent."
    assert rows[2]["flags"]["flags"] == ["numbers", "spans"]
    assert [r.split(":")[0] for r in rows[2]["flags"]["reasons"]] == ["title", "text"]
    assert rows[3]["flags"] == {"flags": [], "reasons": []}
    plain = tmp_path / "plain.jsonl"
    assert checked.translate_path(src, plain, options=BatchOptions(fields=("text",))).ok
    assert all("flags" not in json.loads(x) for x in plain.read_text().splitlines())


def test_csv_flags_column_from_the_cli(checked, tmp_path, monkeypatch):
    from translator.cli import translate as command

    monkeypatch.setattr(command, "_make_translator", lambda args: checked)
    src = tmp_path / "data.csv"
    src.write_text("id,text\n1,Harga naik 5 persen.\n2,Selamat pagi.\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["translate", str(src), "-o", str(out), "--field", "text",
                 "--flags-field", "checks", "-q", "--no-cache"]) == 0
    rows = list(csv.reader(out.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == ["id", "text", "text_en", "checks"]
    assert rows[1][3] == "numbers: not in the translation: '5'; not in the source: '6'"
    assert rows[2][2:] == ["Good morning.", ""]
    assert main(["translate", "Selamat pagi.", "--flags-field", "x"]) == 2


def test_json_sidecar_output_has_reasons(checked, tmp_path):
    src = tmp_path / "berita.txt"
    src.write_text(TEXT, encoding="utf-8")
    report = checked.translate_path(src, tmp_path / "out.json", options=BatchOptions(json=True))
    assert report.ok
    payload = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    sentences = [s for u in payload["units"] for p in u["paragraphs"] for s in p["sentences"]]
    assert [s["flags"] for s in sentences] == [["numbers"], [], ["spans"]]
    assert all(len(s["reasons"]) == len(s["flags"]) for s in sentences)


def test_table_flags_column_has_the_check_flags(checked):
    from translator.files.columns import translate_table

    out = translate_table(checked, {"text": ["Harga naik 5 persen.", "Selamat pagi."]},
                          fields=["text"])
    assert out["translation_flags"] == [["text:numbers"], []]
