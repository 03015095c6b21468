"""``translator check``: flagged lines with reasons, a summary, --json shape, usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from translator.cli import main

SOURCE = [
    "Harga naik 5 persen.",
    "Saya makan nasi goreng di rumah.",
    "Lihat https://kpu.go.id/data sekarang.",
    "Dia datang pukul 07.30 WIB.",
    "Selamat pagi.",
]
GOOD = [
    "The price rose 5 percent.",
    "I eat fried rice at home.",
    "See https://kpu.go.id/data now.",
    "He came at 7:30 a.m.",
    "Good morning.",
]
BAD = [
    "The price rose 6 percent.",
    "Saya makan nasi goreng di rumah.",
    "See the data on the website now.",
    "He came at 7:30 a.m.",
    "",
]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, Path]:
    return (write(tmp_path / "t.id", SOURCE), write(tmp_path / "good.en", GOOD),
            write(tmp_path / "bad.en", BAD))


def test_flagged_lines_with_reasons_and_summary(files, capsys):
    src, _, bad = files
    assert main(["check", str(src), str(bad)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "line 1: numbers: not in the translation: '5'; not in the source: '6'"
    assert out[1:3] == ["  id: Harga naik 5 persen.", "  en: The price rose 6 percent."]
    assert out[3].startswith("line 2: untranslated: ")
    assert out[6] == "line 3: spans: not kept verbatim: 'https://kpu.go.id/data'"
    assert out[9].startswith("line 5: empty: ") and out[11] == "  en: "
    assert out[12] == ("5 lines checked, 4 flagged: numbers 1, untranslated 1, spans 1, "
                       "empty 1")
    assert len(out) == 13  # line 4 is clean and not printed


def test_clean_translation_prints_only_the_summary(files, capsys):
    src, good, _ = files
    assert main(["check", str(src), str(good)]) == 0
    assert capsys.readouterr().out == "5 lines checked, 0 flagged\n"


def test_json_is_one_object_per_line_in_order_and_nothing_else(files, capsys):
    src, _, bad = files
    assert main(["check", str(src), str(bad), "--json"]) == 0
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3, 4, 5]
    assert all(set(r) == {"line", "flags", "reasons"} for r in rows)
    assert [r["flags"] for r in rows] == [["numbers"], ["untranslated"], ["spans"], [],
                                          ["empty"]]
    assert rows[3] == {"line": 4, "flags": [], "reasons": []}
    assert all(len(r["reasons"]) == len(r["flags"]) for r in rows)
    assert "5 lines checked" in captured.err


def test_json_output_of_translate_is_checked_sentence_by_sentence(tmp_path, capsys):
    doc = {"source": "x", "translation": "y", "model": "m", "backend": "b", "paragraphs": [
        {"source": "x", "translation": "y", "sentences": [
            {"source": "Naik 5 persen.", "translation": "Up 5 percent.", "flags": []},
            {"source": "Naik 5 persen.", "translation": "Up 7 percent.", "flags": []},
        ]}]}
    sidecar = tmp_path / "t.en.txt.json"
    sidecar.write_text(json.dumps({"source": "t.txt", "format": "txt", "units": [doc]}),
                       encoding="utf-8")
    assert main(["check", str(sidecar), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["flags"] for r in rows] == [[], ["numbers"]]
    stdout_jsonl = tmp_path / "docs.jsonl"  # what `translate --json` prints for texts
    stdout_jsonl.write_text(json.dumps(doc) + "\n" + json.dumps(doc) + "\n", encoding="utf-8")
    assert main(["check", str(tmp_path / "t.txt"), str(sidecar)]) == 0  # SOURCE + sidecar
    out = capsys.readouterr().out
    assert out.startswith("sentence 2: numbers: ") and "2 sentences checked, 1 flagged" in out
    assert main(["check", str(stdout_jsonl), "--json"]) == 0
    assert [json.loads(x)["line"] for x in capsys.readouterr().out.splitlines()] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    "make_args",
    [
        lambda p: [str(p / "t.id"), str(p / "short.en")],  # not line-aligned
        lambda p: [str(p / "t.id"), str(p / "missing.en")],  # no such file
        lambda p: [str(p / "t.id")],  # one text file that is not a --json output
        lambda p: [str(p / "other.json")],  # JSON, but not ours
    ],
)
def test_usage_errors_exit_2_with_one_line(files, tmp_path, capsys, make_args):
    write(tmp_path / "short.en", GOOD[:3])
    (tmp_path / "other.json").write_text('{"a": 1}', encoding="utf-8")
    assert main(["check", *make_args(tmp_path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("translator check: error: ") and "Fix:" in err[0]


def test_missing_arguments_exit_2(capsys):
    assert main(["check"]) == 2
