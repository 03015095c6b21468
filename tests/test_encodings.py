"""Files in the encodings and CSV dialects spreadsheets and old programs write.

The fake translator upper-cases, so a translation is the source's text in capitals: every
character a wrong decoding would change shows in the output.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fakes import FakeBackend, interrupt_on_batch
from translator import Translator
from translator.errors import InvalidInputError, InvalidOptionError, interface
from translator.files import BatchOptions
from translator.files import encoding as enc
from translator.files.formats.dialect import sniff_delimiter
from translator.files.outputs import read_state

BOM = b"\xef\xbb\xbf"


def translate(translator, tmp_path: Path, name: str, data: bytes, **options):  # noqa: ANN001, ANN201
    src = tmp_path / name
    src.write_bytes(data)
    dst = tmp_path / "out" / name
    result = translator.translate_file(src, dst, options=BatchOptions(**options))
    assert result.status == "translated"
    return dst.read_bytes(), result


def cells(text: str, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


# -- CSV ---------------------------------------------------------------------------------------

EXCEL_ROWS = [
    ["id", "text", "catatan"],
    ["1", 'Café itu buka; kata "André"', "harga €5"],
    ["2", "Kota “hujan” – Bogor", "sen;titik"],
    ["3", "", "kosong"],
]


def _csv(rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


@pytest.mark.parametrize(("codec", "delimiter"), [("cp1252", ";"), ("cp1252", ","),
                                                  ("latin-1", ";"), ("latin-1", ",")])
def test_excel_csv_in_its_encoding_and_delimiter(fake_translator, tmp_path, codec: str,
                                                 delimiter: str) -> None:
    rows = [[c.replace("€", "E").replace("“", '"').replace("”", '"').replace("–", "-")
             if codec == "latin-1" else c for c in row] for row in EXCEL_ROWS]
    source = _csv(rows, delimiter)
    out, result = translate(fake_translator, tmp_path, "excel.csv", source.encode(codec),
                            fields=("text",))
    assert out.startswith(BOM)  # UTF-8 that Excel opens as UTF-8
    got = cells(out[3:].decode("utf-8"), delimiter)
    assert [[r[0], r[1], r[3]] for r in got] == rows  # every other cell intact
    assert [r[2] for r in got] == ["text_en"] + [r[1].upper() for r in rows[1:]]
    assert "cp1252 (detected)" in (result.detected or "")
    assert (";" in result.detected) == (delimiter == ";")
    # untouched bytes mean the same: the output minus the new column is the source text
    assert out[3:].decode("utf-8") == _csv([[r[0], r[1], r[2], r[3]] for r in got], delimiter)


@pytest.mark.parametrize("delimiter", ["\t", "|"])
def test_tab_and_pipe_separated(fake_translator, tmp_path, delimiter: str) -> None:
    rows = [["id", "text"], ["1", "Satu, dua; tiga."], ["2", "Empat | lima."]]
    out, _ = translate(fake_translator, tmp_path, "t.csv", _csv(rows, delimiter).encode(),
                       fields=("text",))
    got = cells(out.decode("utf-8"), delimiter)
    assert [[r[0], r[1]] for r in got] == rows
    assert [r[2] for r in got[1:]] == ["SATU, DUA; TIGA.", "EMPAT | LIMA."]


def test_delimiter_sniffing() -> None:
    assert sniff_delimiter('id;text\r\n1;"a, b, c"\r\n') == ";"
    assert sniff_delimiter("id,nama;alias\n1,Budi\n2,Sari\n") == ","  # the consistent one
    assert sniff_delimiter("id;nama,alias\n1;Budi\n2;Sari\n") == ";"
    assert sniff_delimiter("text\nsatu, dua\n") == ","  # one column: the comma
    assert sniff_delimiter("text\nSatu; dua\nTiga; empat\n") == ","  # still one column
    assert sniff_delimiter("a;b\n", "x.tsv") == "\t"


def test_utf16_csv_with_bom(fake_translator, tmp_path) -> None:
    source = _csv([["id", "text"], ["1", "Łódź di sini."]], "\t")
    out, result = translate(fake_translator, tmp_path, "u.csv",
                            b"\xff\xfe" + source.encode("utf-16-le"), fields=("text",))
    assert out.startswith(BOM)
    assert cells(out[3:].decode(), "\t")[1] == ["1", "Łódź di sini.", "ŁÓDŹ DI SINI."]
    assert result.detected == "utf-16-le with BOM, tab-separated"


# -- JSONL -------------------------------------------------------------------------------------


def test_cp1252_jsonl_other_fields_intact(fake_translator, tmp_path) -> None:
    records = [{"id": 1, "text": "Café “baru” buka.", "kota": "Bogor – Jawa"},
               {"id": 2, "text": "Harga €5.", "kota": "Solo"}]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("cp1252")
    out, result = translate(fake_translator, tmp_path, "a.jsonl", data, fields=("text",))
    got = [json.loads(line) for line in out.decode("utf-8").splitlines()]
    assert [{k: v for k, v in r.items() if k != "text_en"} for r in got] == records
    assert [r["text_en"] for r in got] == ["CAFÉ “BARU” BUKA.", "HARGA €5."]
    assert not out.startswith(BOM)  # not a spreadsheet: no byte-order mark
    assert result.detected == "cp1252 (detected)"


def test_cp1252_jsonl_resumes_after_an_interrupt(tmp_path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_bytes("".join(json.dumps({"i": i, "text": f"Café nomor {i}"}, ensure_ascii=False)
                            + "\n" for i in range(9)).encode("cp1252"))
    dst = tmp_path / "a.en.jsonl"
    backend = FakeBackend()
    t = Translator.from_backend(backend, model="fake", checks=False)
    interrupt_on_batch(backend, 2)
    options = BatchOptions(fields=("text",), chunk_rows=3)
    with pytest.raises(KeyboardInterrupt):
        t.translate_path(src, dst, options=options)
    assert read_state(dst)["rows_done"] == 3
    assert t.translate_path(src, dst, options=options).ok
    rows = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [r["text_en"] for r in rows] == [f"CAFÉ NOMOR {i}" for i in range(9)]


def test_a_later_byte_the_sampled_encoding_lacks_names_the_fix(
        fake_translator, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(enc, "SAMPLE_BYTES", 64)
    data = b"".join(b'{"text": "kalimat biasa nomor %d"}\n' % i for i in range(20))
    data += '{"text": "Café"}\n'.encode("cp1252")
    src = tmp_path / "late.jsonl"
    src.write_bytes(data)
    report = fake_translator.translate_path(src, tmp_path / "o.jsonl",
                                            options=BatchOptions(fields=("text",)))
    assert "encoding='cp1252'" in report.failed[0].error
    assert not (tmp_path / "o.jsonl").exists()


def test_a_multibyte_character_cut_by_the_sample_is_fine(
        fake_translator, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(enc, "SAMPLE_BYTES", 15)  # cuts "é" (2 bytes in UTF-8) in two
    out, result = translate(fake_translator, tmp_path, "m.jsonl",
                            '{"text": "Caé"}\n'.encode(), fields=("text",))
    assert json.loads(out)["text_en"] == "CAÉ" and result.detected is None


# -- documents ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "source", "expected"), [
    ("a.txt", "José pergi ke pasar.\n\nHarga naik.", "JOSÉ PERGI KE PASAR.\n\nHARGA NAIK."),
    ("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nSelamat datang, José!\n",
     "1\n00:00:01,000 --> 00:00:02,000\nSELAMAT DATANG, JOSÉ!\n"),
    ("a.md", "# Judul à la carte\n\nParagraf für José.\n",
     "# JUDUL À LA CARTE\n\nPARAGRAF FÜR JOSÉ.\n"),
])
def test_latin1_documents(fake_translator, tmp_path, name: str, source: str,
                          expected: str) -> None:
    out, result = translate(fake_translator, tmp_path, name, source.encode("latin-1"))
    assert out.decode("utf-8") == expected
    assert result.detected == "cp1252 (detected)"


def test_html_meta_charset_is_honoured_and_kept(fake_translator, tmp_path) -> None:
    page = '<html><head><meta charset="windows-1252"></head><p>Café “Łódź” buka</p></html>'
    data = page.replace("Łódź", "Lodz").encode("cp1252")
    out, result = translate(fake_translator, tmp_path, "p.html", data)
    assert out == page.replace("Łódź", "Lodz").replace(
        "Café “Lodz” buka", "CAFÉ “LODZ” BUKA").encode("cp1252")
    assert result.detected == "cp1252 (markup)"
    # a page whose bytes read as UTF-8 but whose meta says windows-1252: the meta wins
    out, _ = translate(fake_translator, tmp_path, "q.html",
                       '<meta charset="windows-1252"><p>Ã©tÃ©</p>'.encode("cp1252"))
    assert out == '<meta charset="windows-1252"><p>Ã©TÃ©</p>'.encode("cp1252")


def test_html_whose_bytes_contradict_its_meta_is_written_as_it_declares(
        fake_translator, tmp_path) -> None:
    page = '<meta charset="utf-8"><p>Café buka</p>'
    out, result = translate(fake_translator, tmp_path, "p.html", page.encode("cp1252"))
    assert result.detected == "cp1252 (detected)"
    assert out.decode("utf-8") == '<meta charset="utf-8"><p>CAFÉ BUKA</p>'


def test_html_output_encoding_rewrites_the_declaration(fake_translator, tmp_path) -> None:
    page = '<meta charset="windows-1252"><p>Café buka</p>'
    out, _ = translate(fake_translator, tmp_path, "p.html", page.encode("cp1252"),
                       output_encoding="utf-8")
    assert out.decode("utf-8") == '<meta charset="utf-8"><p>CAFÉ BUKA</p>'


def test_utf16_text_with_bom(fake_translator, tmp_path) -> None:
    data = codecs.BOM_UTF16_LE + "Łódź di sini.\r\n".encode("utf-16-le")
    out, result = translate(fake_translator, tmp_path, "w.txt", data)
    assert out == BOM + "ŁÓDŹ DI SINI.\r\n".encode()
    assert result.detected == "utf-16-le with BOM"


# -- what cannot be told, and what the user says -------------------------------------------------


def test_undecidable_encoding_names_the_fix(fake_translator, tmp_path) -> None:
    src = tmp_path / "acak.txt"
    src.write_bytes(bytes(range(0x80, 0x100)) * 3)
    with pytest.raises(InvalidInputError, match=r"acak\.txt.*cannot be told.*encoding='cp1252'"):
        fake_translator.translate_file(src, tmp_path / "o.txt")
    with interface("cli"):
        report = fake_translator.translate_path(src, tmp_path / "o.txt")
    assert "--encoding cp1252" in report.failed[0].error
    assert not (tmp_path / "o.txt").exists()


def test_declared_encoding_wins(fake_translator, tmp_path) -> None:
    data = "Kota Łódź dan Gdańsk.".encode("cp1250")  # detected alone: read as cp1252
    src = tmp_path / "pl.txt"
    src.write_bytes(data)
    fake_translator.translate_file(src, tmp_path / "guess.txt")
    assert (tmp_path / "guess.txt").read_text(encoding="utf-8") != "KOTA ŁÓDŹ DAN GDAŃSK."
    result = fake_translator.translate_file(src, tmp_path / "pl.en.txt", encoding="cp1250")
    assert (tmp_path / "pl.en.txt").read_text(encoding="utf-8") == "KOTA ŁÓDŹ DAN GDAŃSK."
    assert result.detected == "cp1250 (declared)"
    # it wins over a BOM too, and is refused by name when the bytes are not in it
    (tmp_path / "b.txt").write_bytes(BOM + b"Satu.")
    with pytest.raises(InvalidInputError, match=r"not valid ascii.*Fix:"):
        fake_translator.translate_file(tmp_path / "b.txt", tmp_path / "b.en.txt",
                                       encoding="ascii")


def test_output_encoding_that_cannot_hold_the_translation(fake_translator, tmp_path) -> None:
    src = tmp_path / "a.csv"
    src.write_text("id,text\n1,Kota Łódź.\n", encoding="utf-8")
    dst = tmp_path / "a.en.csv"
    with pytest.raises(InvalidInputError, match=r"(latin-1|iso8859-1) cannot hold 'Ł'"):
        fake_translator.translate_file(src, dst, fields=("text",), output_encoding="latin-1")
    assert not dst.exists() and not list(tmp_path.glob(".*.part"))
    fake_translator.translate_file(src, dst, fields=("text",), output_encoding="cp1250")
    assert dst.read_bytes() == "id,text,text_en\n1,Kota Łódź.,KOTA ŁÓDŹ.\n".encode("cp1250")


def test_unknown_encoding_name_is_an_option_error() -> None:
    with pytest.raises(InvalidOptionError, match="unknown text encoding 'klingon'"):
        BatchOptions(encoding="klingon")
    with pytest.raises(InvalidOptionError, match="output-encoding|output_encoding"):
        BatchOptions(output_encoding="base64")


def test_summary_says_what_was_detected(fake_translator, tmp_path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.csv").write_bytes("id;text\n1;Café.\n".encode("cp1252"))
    (tmp_path / "in" / "b.txt").write_text("Biasa saja.", encoding="utf-8")
    report = fake_translator.translate_path(tmp_path / "in", tmp_path / "out",
                                            options=BatchOptions(fields=("text",)))
    summary = report.summary()
    assert "a.csv as cp1252 (detected), ';'-separated" in summary
    assert "b.txt" not in summary  # plain UTF-8 goes without saying


def test_cli_encoding_options_are_checked_before_a_model_loads(
        tmp_path, capsys: pytest.CaptureFixture[str]) -> None:
    from translator.cli import main

    (tmp_path / "a.txt").write_text("Satu.")
    assert main(["translate", str(tmp_path / "a.txt"), "--encoding", "klingon",
                 "--model", str(tmp_path / "no-model")]) == 2
    assert main(["translate", "--text", "Satu.", "--encoding", "cp1252"]) == 2
    (tmp_path / "a.jsonl").write_text('{"text": "Satu."}\n')
    assert main(["translate", str(tmp_path / "a.jsonl"), "--field", "text", "--ray",
                 "--encoding", "cp1252"]) == 2
    err = capsys.readouterr().err
    assert "--ray reads and writes files as UTF-8" in err or "indo-translator[distributed]" in err


def test_api_html_text_is_text_whatever_its_meta_says() -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from translator.api.routes import create_app
    from translator.serving.dispatch import Dispatcher

    translator = Translator.from_backend(FakeBackend(), model="fake", checks=False)
    with Dispatcher(translator) as dispatcher:
        app = create_app(dispatcher)
        page = '<meta charset="windows-1252"><p>Café “baru</p>'
        answer = TestClient(app).post("/translate", json={
            "q": page, "source": "id", "target": "en", "format": "html"})
        app.state.service.close()
    assert answer.json()["translatedText"] == '<meta charset="windows-1252"><p>CAFÉ “BARU</p>'


@pytest.mark.slow  # a real (tiny) model through the CLI; the summary itself is tested above
def test_cli_summary_line_says_what_was_detected(
        tiny_model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from translator.cli import main

    src = tmp_path / "excel.csv"
    src.write_bytes(_csv(EXCEL_ROWS, ";").encode("cp1252"))
    code = main(["translate", str(src), "--field", "text", "-o", str(tmp_path / "o.csv"),
                 "--model", str(tiny_model_dir), "--no-cache", "-q"])
    assert code == 0
    assert f"read {src} as cp1252 (detected), ';'-separated" in capsys.readouterr().err
    got = cells((tmp_path / "o.csv").read_bytes()[3:].decode("utf-8"), ";")
    assert [[r[0], r[1], r[3]] for r in got] == EXCEL_ROWS
    # the declared encoding wins, and is in the summary
    (tmp_path / "o.csv").unlink()
    (tmp_path / ".o.csv.translator.json").unlink()
    assert main(["translate", str(src), "--field", "text", "-o", str(tmp_path / "o.csv"),
                 "--model", str(tiny_model_dir), "--no-cache", "-q", "--encoding",
                 "cp1250", "--output-encoding", "utf-16"]) == 0
    assert "cp1250 (declared)" in capsys.readouterr().err
    assert (tmp_path / "o.csv").read_bytes().startswith(codecs.BOM_UTF16_LE)


_PIECES = ["Café", "harga", "naik", "“kutip”", "€5", "–", "Jl. Merdeka", ",", ";", "\t", "|",
           '"', "'", " ", "\r\n", "\n", "é", "ü"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
          HealthCheck.function_scoped_fixture])
@given(delimiter=st.sampled_from(list(",;\t|")),
       rows=st.lists(st.lists(st.lists(st.sampled_from(_PIECES), max_size=6).map("".join),
                              min_size=3, max_size=3), min_size=1, max_size=4))
def test_any_cp1252_csv_keeps_every_other_cell(fake_translator, tmp_path_factory,
                                               delimiter: str, rows: list[list[str]]) -> None:
    rows = [["id", "text", "catatan"]] + rows
    tmp = tmp_path_factory.mktemp("p")
    out, _ = translate(fake_translator, tmp, "p.csv", _csv(rows, delimiter).encode("cp1252"),
                       fields=("text",), encoding="cp1252")
    got = cells(out[3:].decode("utf-8"), delimiter)
    assert [[r[0], r[1], r[3]] for r in got] == rows
    # (a line break inside a sentence is the engine's to join: compare words)
    assert [r[2].split() for r in got[1:]] == [r[1].upper().split() for r in rows[1:]]


def test_windows_1252_indonesian_text_is_always_read_right() -> None:
    import random

    words = "harga beras naik lima persen di pasar kota bogor pemerintah bahwa".split()
    marks = ["é", "è", "ü", "“", "”", "–", "€", "‘", "’", "…", "ñ", "ç", "Š", "ß", "à", "ô"]
    rng = random.Random(0)
    for _ in range(300):
        parts = []
        for word in rng.choices(words, k=rng.randint(1, 40)):
            at = rng.randrange(len(word) + 1)
            parts.append(word[:at] + rng.choice(marks) + word[at:] if rng.random() < 0.2
                         else word)
        text = " ".join(parts)
        data = text.encode("cp1252")
        found = enc.detect(data, "x.txt")
        assert enc.decode(data, found) == text, (found, text)


@pytest.mark.parametrize(("text", "codec"), [
    ("Привет, как дела? Это тестовый файл на русском языке.", "cp1251"),
    ("Καλημέρα, τι κάνεις; Αυτό είναι ένα αρχείο κειμένου.", "cp1253"),
])
def test_other_scripts_are_detected_by_their_language(text: str, codec: str) -> None:
    data = text.encode(codec)
    assert enc.decode(data, enc.detect(data, "x.txt")) == text
