"""Row formats lose nothing: one test per data-loss bug of issue 9 (items 4, 5, 6, 7, 10)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.test_formats import run


def test_jsonl_fields_matched_by_name_whatever_their_order(fake_translator, tmp_path) -> None:
    data = '{"text":"Harga beras naik.","title":"Judul berita"}\n'
    for fields in (("title", "text"), ("text", "title")):
        out = run(fake_translator, tmp_path, "a.jsonl", data, fields=fields, force=True)
        row = json.loads(out)
        assert row["title_en"] == "JUDUL BERITA"
        assert row["text_en"] == "HARGA BERAS NAIK."
        assert list(row) == ["text", "text_en", "title", "title_en"]


def test_jsonl_untouched_values_are_byte_identical(fake_translator, tmp_path) -> None:
    line = ('{ "n" : 1e400, "price":1.10, "big": 123456789012345678901234567890123456789,'
            ' "dup": 1, "dup": 2, "nested": {"b": [1.0, -0.0, NaN]},\t"text" :  "Harga naik.",'
            ' "esc": "\\u00e9\\/", "z": Infinity }')
    data = line + "\r\n" + "\n" + "[1, 2.50]\n" + '{"text": null}'
    out = run(fake_translator, tmp_path, "a.jsonl", data, fields=("text",)).decode()
    expected = line.replace('"Harga naik."', '"Harga naik.", "text_en" :  "HARGA NAIK."')
    assert out == expected + "\r\n" + "\n" + "[1, 2.50]\n" + '{"text": null}'


def test_jsonl_existing_translation_replaced_in_place(fake_translator, tmp_path) -> None:
    data = '{"text_en":"old","id":7,"text":"Satu."}\n'
    out = run(fake_translator, tmp_path, "a.jsonl", data, fields=("text",)).decode()
    assert out == '{"text_en":"SATU.","id":7,"text":"Satu."}\n'


def test_jsonl_lone_surrogate_and_bom(fake_translator, tmp_path) -> None:
    data = '\ufeff{"text": "Harga \\ud800 naik."}\n'
    out = run(fake_translator, tmp_path, "a.jsonl", data, fields=("text",)).decode()
    assert out == '\ufeff{"text": "Harga \\ud800 naik.", "text_en": "HARGA \ufffd NAIK."}\n'


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_extra_cells_are_kept(fake_translator, tmp_path) -> None:
    data = "id,text\n1,Harga naik.,EXTRA1,EXTRA2\n2\n\n3,Dua.\n"
    out = run(fake_translator, tmp_path, "a.csv", data, fields=("text",)).decode()
    assert _rows(out) == [
        ["id", "text", "text_en"],
        ["1", "Harga naik.", "HARGA NAIK.", "EXTRA1", "EXTRA2"],
        ["2"],
        [],
        ["3", "Dua.", "DUA."],
    ]


def test_csv_keeps_its_byte_order_mark(fake_translator, tmp_path) -> None:
    data = "\ufeffid;text\r\n1;Satu.\r\n"
    out = run(fake_translator, tmp_path, "a.csv", data, fields=("text",))
    assert out == "\ufeffid;text;text_en\r\n1;Satu.;SATU.\r\n".encode()


def test_csv_field_over_128_kib(fake_translator, tmp_path) -> None:
    big = "kata " * 40000  # 200 KB in one cell
    data = f'id,text\n1,"{big}"\n'
    out = run(fake_translator, tmp_path, "a.csv", data, fields=("text",)).decode()
    rows = _rows(out)
    assert rows[1][1] == big and rows[1][2] == big.upper()


def test_csv_standard_dialect_beats_a_wrong_sniff(fake_translator, tmp_path) -> None:
    data = 'id,text\n1,"Harga\nnaik ""kata"" dia.",z\n'
    out = run(fake_translator, tmp_path, "a.csv", data, fields=("text",)).decode()
    assert _rows(out) == [
        ["id", "text", "text_en"],
        ["1", 'Harga\nnaik "kata" dia.', fake_translator.translate('Harga\nnaik "kata" dia.'), "z"],
    ]


def test_tsv_and_old_mac_line_endings(fake_translator, tmp_path: Path) -> None:
    out = run(fake_translator, tmp_path, "a.tsv", "id\ttext\r1\tSatu, dua.\r", fields=("text",))
    assert out == b"id\ttext\ttext_en\r1\tSatu, dua.\tSATU, DUA.\r"


def test_outputs_get_the_mode_a_plain_write_gives(fake_translator, tmp_path: Path) -> None:
    import os

    from tests.test_formats import HTML, MARKDOWN, SRT

    old = os.umask(0o027)
    try:
        docx = __import__("pytest").importorskip("docx")
        document = docx.Document()
        document.add_paragraph("Satu.")
        buffer = io.BytesIO()
        document.save(buffer)
        for name, data in [("a.txt", "Satu.\n"), ("a.md", MARKDOWN), ("a.srt", SRT),
                           ("a.html", HTML), ("a.jsonl", '{"text": "Satu."}\n'),
                           ("a.csv", "text\nSatu.\n"), ("a.docx", buffer.getvalue())]:
            run(fake_translator, tmp_path, name, data, fields=("text",))
            mode = (tmp_path / "out" / name).stat().st_mode & 0o777
            assert mode == 0o640, (name, oct(mode))
    finally:
        os.umask(old)


def test_markdown_indented_code_after_a_list_is_not_translated(fake_translator, tmp_path) -> None:
    data = "- item\n\n---\n\n    kode_blok = 1\n"
    out = run(fake_translator, tmp_path, "a.md", data).decode()
    assert out == "- ITEM\n\n---\n\n    kode_blok = 1\n"
    # Still prose: a paragraph continuing a list item, and a lazy continuation line.
    data = "- item\n\n    lanjut paragraf\n\n# Judul\n    kode = 2\n"
    out = run(fake_translator, tmp_path, "b.md", data).decode()
    assert out == "- ITEM\n\n    LANJUT PARAGRAF\n\n# JUDUL\n    kode = 2\n"


def test_docx_keeps_tabs_and_line_breaks_inside_runs(fake_translator, tmp_path) -> None:
    docx = __import__("pytest").importorskip("docx")
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("Harga naik.\tStok aman.\nBaris baru ")
    paragraph.add_run("tebal").bold = True
    document.save(tmp_path / "src.docx")
    out = run(fake_translator, tmp_path, "a.docx", (tmp_path / "src.docx").read_bytes())
    result = docx.Document(io.BytesIO(out)).paragraphs[0]
    assert result.text == "HARGA NAIK.\tSTOK AMAN.\nBARIS BARU TEBAL"
    tags = [child.tag.split("}")[1] for child in result.runs[0]._r]
    assert tags == ["t", "tab", "t", "br", "t"]


def test_jsonl_numbers_are_not_translated(fake_translator, tmp_path) -> None:
    data = '{"text": 0, "title": [1], "lead": "Satu."}\n'
    out = run(fake_translator, tmp_path, "a.jsonl", data, fields=("text", "title", "lead"))
    assert out.decode() == '{"text": 0, "title": [1], "lead": "Satu.", "lead_en": "SATU."}\n'


def test_csv_cell_with_a_bare_carriage_return_stays_one_cell(fake_translator, tmp_path) -> None:
    data = 'id,text,note\n1,Satu.,"a\rb"\n'
    out = run(fake_translator, tmp_path, "a.csv", data, fields=("text",)).decode()
    assert _rows(out) == [["id", "text", "text_en", "note"], ["1", "Satu.", "SATU.", "a\rb"]]


def test_csv_delimiter_inside_quoted_header_names_is_not_counted(fake_translator, tmp_path) -> None:
    data = '"a;b;c",text\r\n1,Satu.\r\n'
    out = run(fake_translator, tmp_path, "a.csv", data, fields=("text",))
    assert out == b'"a;b;c",text,text_en\r\n1,Satu.,SATU.\r\n'


def test_docx_translation_with_characters_xml_cannot_hold(tmp_path) -> None:
    docx = __import__("pytest").importorskip("docx")
    from translator.files.formats import FormatOptions, get_format

    document = docx.Document()
    document.add_paragraph("Satu.")
    buffer = io.BytesIO()
    document.save(buffer)
    extracted = get_format("docx").extract(buffer.getvalue(), source="a.docx",
                                            options=FormatOptions())
    out = extracted.rebuild(["O\x00N\x1bE\ud800."])
    assert docx.Document(io.BytesIO(out)).paragraphs[0].text == "ONE."


def test_markdown_html_blocks_run_to_their_end_marker(fake_translator, tmp_path) -> None:
    data = ("<!-- catatan\n\nJangan terjemahkan.\n-->\n\nSatu.\n\n<pre>\nkode\n\nkode lagi\n"
            "</pre>\n\nDua.\n\n<!DOCTYPE x>\n\nTiga.\n\n<?php\n\necho 'x';\n?>\n")
    out = run(fake_translator, tmp_path, "a.md", data).decode()
    assert out == data.replace("Satu.", "SATU.").replace("Dua.", "DUA.").replace(
        "Tiga.", "TIGA.")


def test_csv_records_are_spliced_not_rewritten(fake_translator, tmp_path) -> None:
    data = ('"id","text","text_en"\r\n"1","Satu.","lama"\n2 , Dua. ,\r\n'
            '"3","Tiga, ""kata"" dia."\n4\n')
    out = run(fake_translator, tmp_path, "a.csv", data, fields=("text",)).decode()
    assert out == ('"id","text","text_en"\r\n"1","Satu.",SATU.\n2 , Dua. , DUA. \r\n'
                   '"3","Tiga, ""kata"" dia.","TIGA, ""KATA"" DIA."\n4\n')


def test_row_files_resume_after_the_last_chunk(tmp_path) -> None:
    from tests.fakes import FakeBackend
    from translator import Translator
    from translator.files import BatchOptions

    class Flaky(FakeBackend):
        failed = False

        def translate_batch(self, texts, options, *, limits=None):  # noqa: ANN001, ANN201
            if not self.failed and any("GAGAL" in t for t in texts):
                Flaky.failed = True
                raise KeyboardInterrupt  # an interrupt keeps the .part file
            return super().translate_batch(texts, options, limits=limits)

    csv_data = ('\ufeff"id","text"\r\n"1","Satu."\r\n\r\n"2","Dua,\r\nbaris"\n"3","GAGAL."\r'
                '"4","Empat."\r\n')
    jsonl_data = '{"text": "Satu."}\n\n{"text": "GAGAL."}\r\n{"text": 1e400, "x": "Empat."}'
    for name, data in (("a.csv", csv_data), ("a.jsonl", jsonl_data)):
        Flaky.failed = False
        src, dst = tmp_path / name, tmp_path / "out" / name
        src.write_bytes(data.encode())
        backend = Flaky()
        translator = Translator.from_backend(backend, model="fake")
        options = BatchOptions(fields=("text",), chunk_rows=1)
        with __import__("pytest").raises(KeyboardInterrupt):
            translator.translate_file(src, dst, options=options)
        backend.batches.clear()
        translator.translate_file(src, dst, options=options)  # resumes after "Satu."
        assert backend.batches and all("SATU." not in b for b in backend.batches)
        assert all("Satu." not in t for b in backend.batches for t in b)
        clean = tmp_path / "clean" / name
        Translator.from_backend(FakeBackend(), model="fake").translate_file(
            src, clean, options=options)
        assert dst.read_bytes() == clean.read_bytes()
