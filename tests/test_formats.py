"""Every file format: a round trip keeps its structure (fake "translator" upper-cases)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from translator.errors import InvalidInputError, UnsupportedFormatError
from translator.files import BatchOptions
from translator.files.formats import format_for, get_format

#: Every format runs with the fake backend; the tiny real model's runs are slow.
MODELS = ["fake_translator", pytest.param("tiny_translator", marks=pytest.mark.slow)]

MARKDOWN = """\
---
title: Berita hari ini
---
# Judul **penting** hari ini

Ini paragraf dengan [tautan situs](https://contoh.id/a_b "Judul") dan `kode_x`.

- Butir satu
- [ ] Tugas dua
  1. Nomor tiga

> Kutipan dari <b>tokoh</b> besar.

| Kolom A | Kolom B |
|---------|:-------:|
| isi satu | isi dua |

```python
print("halo dunia")
```

<div class="x">
blok html
</div>

Kunjungi https://example.com/path_x sekarang.
"""

MARKDOWN_EXPECTED = """\
---
title: Berita hari ini
---
# JUDUL **PENTING** HARI INI

INI PARAGRAF DENGAN [TAUTAN SITUS](https://contoh.id/a_b "Judul") DAN `kode_x`.

- BUTIR SATU
- [ ] TUGAS DUA
  1. NOMOR TIGA

> KUTIPAN DARI <b>TOKOH</b> BESAR.

| KOLOM A | KOLOM B |
|---------|:-------:|
| ISI SATU | ISI DUA |

```python
print("halo dunia")
```

<div class="x">
blok html
</div>

KUNJUNGI https://example.com/path_x SEKARANG.
"""

HTML = """<!DOCTYPE html>
<html lang="id"><head><title>Berita</title>
<style>p { color: red; }</style><script>var x = "jangan";</script></head>
<body>
<h1 class="judul">Judul berita</h1>
<p>Ini <b>penting</b> sekali &amp; mendesak.
<a href="https://x.id/a?b=1&amp;c=2" title="judul">tautan</a></p>
<p translate="no">Nama Merek</p>
<pre>kode tetap</pre><p>Pakai <code>fungsi()</code> saja.</p>
<!-- komentar tetap -->
</body></html>
"""

SRT = (
    "1\r\n00:00:01,000 --> 00:00:04,000\r\nSelamat pagi.\r\nApa kabar?\r\n\r\n"
    "2\r\n00:00:05,500 --> 00:00:07,250 X1:10\r\n<i>Saya baik.</i>\r\n\r\n"
    "3\r\n00:01:00,000 --> 00:01:02,000\r\n123\r\n"
)


def run(translator, tmp_path: Path, name: str, data: bytes | str, **options) -> bytes:
    src = tmp_path / name
    if isinstance(data, str):
        src.write_text(data, encoding="utf-8", newline="")
    else:
        src.write_bytes(data)
    dst = tmp_path / "out" / name
    result = translator.translate_file(src, dst, options=BatchOptions(**options))
    assert result.status == "translated"
    return dst.read_bytes()


def test_format_by_extension_and_override() -> None:
    assert format_for("a.MD").name == "md"
    assert format_for("a.htm").name == "html"
    assert format_for("x.weird", "txt").name == "txt"
    with pytest.raises(UnsupportedFormatError, match=r"x\.weird.*--format"):
        format_for("x.weird")
    with pytest.raises(UnsupportedFormatError, match="Fix:"):
        get_format("pages")


def test_txt(fake_translator, tmp_path: Path, sample_article: str) -> None:
    out = run(fake_translator, tmp_path, "a.txt", sample_article).decode()
    assert out == fake_translator.translate(sample_article)


def test_markdown_fake_exact(fake_translator, tmp_path: Path) -> None:
    out = run(fake_translator, tmp_path, "a.md", MARKDOWN).decode()
    assert out == MARKDOWN_EXPECTED


def md_skeleton(text: str) -> list[str]:
    """Each line reduced to its markup: prefixes, table pipes, code and fences verbatim."""
    out, code = [], False
    for line in text.splitlines():
        if line.startswith("```") or code or line.startswith(("<", "---", "title:")):
            code = code ^ line.startswith("```")
            out.append(line)
            continue
        marks = re.match(r"[ \t]*(?:>\s*)?(?:#+\s|[-*+]\s(?:\[[ x]\]\s)?|\d+\.\s)?", line)
        out.append(marks.group(0) + "|" * line.count("|") + " ".join(re.findall(
            r"\]\([^)]*\)|`[^`]*`|https?://\S+|<[^>]+>", line)))
    return out


@pytest.mark.slow
def test_markdown_tiny_model_keeps_skeleton(tiny_translator, tmp_path: Path) -> None:
    out = run(tiny_translator, tmp_path, "a.md", MARKDOWN).decode()
    assert md_skeleton(out) == md_skeleton(MARKDOWN)


def tag_tree(html: str) -> list[tuple[str, dict]]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    return [(t.name, dict(t.attrs)) for t in soup.find_all(True)]


@pytest.mark.parametrize("model", MODELS)
def test_html_keeps_tag_tree(model: str, request, tmp_path: Path) -> None:
    translator = request.getfixturevalue(model)
    out = run(translator, tmp_path, "a.html", HTML).decode()
    assert tag_tree(out) == tag_tree(HTML)
    for kept in ('var x = "jangan";', "p { color: red; }", ">Nama Merek<", ">kode tetap<",
                 "<code>fungsi()</code>", "<!-- komentar tetap -->", "<!DOCTYPE html>",
                 'href="https://x.id/a?b=1&amp;c=2"'):
        assert kept in out
    if model == "fake_translator":
        assert "<h1 class=\"judul\">JUDUL BERITA</h1>" in out
        assert "INI <b>PENTING</b> SEKALI &amp; MENDESAK." in out


@pytest.mark.parametrize("model", MODELS)
def test_srt_keeps_numbers_and_timings(model: str, request, tmp_path: Path) -> None:
    translator = request.getfixturevalue(model)
    out = run(translator, tmp_path, "a.srt", SRT).decode()
    timing = re.compile(r"^\d+\r?$|^\d\d:\d\d:\d\d,\d+ --> .*$", re.M)
    assert timing.findall(out) == timing.findall(SRT)
    assert out.count("\r\n\r\n") == SRT.count("\r\n\r\n")
    if model == "fake_translator":
        assert "SELAMAT PAGI.\r\nAPA KABAR?" in out and "<i>SAYA BAIK.</i>" in out


def test_srt_without_timing_is_clear_error(fake_translator, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match=r"bad\.srt.*subtitle 1.*timing"):
        run(fake_translator, tmp_path, "bad.srt", "1\nbukan waktu\nteks\n")


def make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_heading("Judul dokumen", level=1)
    p = document.add_paragraph("Ini kalimat pertama. ")
    p.add_run("Bagian tebal").bold = True
    p.add_run(" dan biasa lagi.")
    document.add_paragraph("Butir satu", style="List Bullet")
    document.add_paragraph("Butir dua", style="List Number")
    table = document.add_table(rows=2, cols=2)
    for r in range(2):
        for c in range(2):
            table.cell(r, c).text = f"Sel {r} {c} berisi teks"
    document.add_paragraph("")
    document.save(path)


def docx_shape(data: bytes) -> tuple[list, list, list]:
    import docx

    document = docx.Document(io.BytesIO(data))
    paras = [(p.style.name, [bool(r.bold) for r in p.runs]) for p in document.paragraphs]
    tables = [[len(row.cells) for row in t.rows] for t in document.tables]
    texts = [p.text for p in document.paragraphs] + [
        c.text for t in document.tables for row in t.rows for c in row.cells
    ]
    return paras, tables, texts


@pytest.mark.parametrize("model", MODELS)
def test_docx_keeps_styles_runs_tables(model: str, request, tmp_path: Path) -> None:
    translator = request.getfixturevalue(model)
    make_docx(tmp_path / "src.docx")
    data = (tmp_path / "src.docx").read_bytes()
    out = run(translator, tmp_path, "a.docx", data)
    paras, tables, texts = docx_shape(out)
    src_paras, src_tables, src_texts = docx_shape(data)
    assert paras == src_paras and tables == src_tables
    if model == "fake_translator":
        assert texts == [t.upper() for t in src_texts]


def test_corrupt_docx_and_binary_text(fake_translator, tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match=r"a\.docx.*not a valid \.docx"):
        run(fake_translator, tmp_path, "a.docx", b"PK\x03\x04 not really a zip")
    with pytest.raises(InvalidInputError, match=r"b\.txt.*binary"):
        run(fake_translator, tmp_path, "b.txt", b"\x89PNG\r\n\x1a\n\0\0\0")
    with pytest.raises(InvalidInputError, match=r"c\.md.*UTF-8.*Fix:"):
        run(fake_translator, tmp_path, "c.md", b"\x81\x8d\x8f\x90 \x9d bukan teks")
    with pytest.raises(InvalidInputError, match=r"d\.txt.*UTF-8.*Fix:"):
        run(fake_translator, tmp_path, "d.txt", bytes(range(1, 32)) * 4 + b"\xff")


def test_windows_1252_text_is_read_not_refused(fake_translator, tmp_path: Path) -> None:
    # Older Windows programs save Indonesian text as Windows-1252: read it, lose nothing.
    data = "Kabar baik dari Bogor \x93kota hujan\x94.".encode("latin-1")
    out = run(fake_translator, tmp_path, "e.md", data).decode("utf-8")
    assert "KABAR BAIK DARI BOGOR \u201cKOTA HUJAN\u201d." in out


def test_byte_order_mark_is_kept(fake_translator, tmp_path: Path) -> None:
    out = run(fake_translator, tmp_path, "f.txt", b"\xef\xbb\xbfSatu.\n")
    assert out == b"\xef\xbb\xbfSATU.\n"


ROWS = [
    {"id": 1, "text": "Saya suka buku.", "lang": "id", "title": "Judul satu"},
    {"id": 2, "text": "Dia membaca koran, lalu pergi.", "lang": "id", "title": "Dua"},
    {"id": 3, "text": None, "lang": "id", "title": "Tiga"},
    {"id": 4, "lang": "id"},
]


@pytest.mark.parametrize("model", MODELS)
def test_jsonl_adds_translation_fields(model: str, request, tmp_path: Path) -> None:
    translator = request.getfixturevalue(model)
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS)
    out = run(translator, tmp_path, "a.jsonl", data, fields=("text", "title"), chunk_rows=2)
    rows = [json.loads(line) for line in out.decode().splitlines()]
    assert len(rows) == len(ROWS)
    for src, row in zip(ROWS, rows):
        expected_keys = []
        for key in src:
            expected_keys.append(key)
            if key in ("text", "title") and isinstance(src[key], str):
                expected_keys.append(key + "_en")
        assert list(row) == expected_keys
        assert {k: row[k] for k in src} == src
    if model == "fake_translator":
        assert rows[0]["text_en"] == "SAYA SUKA BUKU." and rows[1]["title_en"] == "DUA"


@pytest.mark.parametrize("model", MODELS)
def test_csv_adds_translation_columns(model: str, request, tmp_path: Path) -> None:
    translator = request.getfixturevalue(model)
    data = ("id,text,lang\r\n1,Saya suka buku.,id\r\n"
            '2,"Dia membaca koran, lalu\r\npergi.",id\r\n3,,id\r\n')
    out = run(translator, tmp_path, "a.csv", data, fields=("text",), chunk_rows=1).decode()
    rows = list(csv.reader(io.StringIO(out, newline="")))
    src = list(csv.reader(io.StringIO(data, newline="")))
    assert rows[0] == ["id", "text", "text_en", "lang"]
    assert [[r[0], r[1], r[3]] for r in rows] == src
    assert out.count("\r\n") >= 4
    if model == "fake_translator":
        assert rows[1][2] == "SAYA SUKA BUKU." and rows[3][2] == ""


def test_rows_need_fields(fake_translator, tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="--field"):
        run(fake_translator, tmp_path, "a.jsonl", '{"text": "x"}\n')
    with pytest.raises(InvalidInputError, match=r"no column named 'body'.*'text'"):
        run(fake_translator, tmp_path, "a.csv", "text\nx\n", fields=("body",))
    with pytest.raises(InvalidInputError, match=r"line 2.*not valid JSON"):
        run(fake_translator, tmp_path, "b.jsonl", '{"text": "x"}\n{oops\n', fields=("text",))


def test_leftover_temp_file_of_a_killed_run_is_removed(fake_translator, tmp_path: Path) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    stale = out_dir / ".g.txt.abc123.tmp"  # what a SIGKILL during the write leaves
    stale.write_bytes(b"half")
    run(fake_translator, tmp_path, "g.txt", "Satu.\n")
    assert not stale.exists()
    assert (out_dir / "g.txt").read_text() == "SATU.\n"


def test_one_registry_knows_each_format_without_importing_it() -> None:
    import subprocess
    import sys

    from translator.files.formats import FORMATS, DocumentFormat, RowFormat, TableFormat

    kinds = {DocumentFormat: "document", RowFormat: "rows", TableFormat: "table"}
    for name, entry in FORMATS.items():
        fmt = get_format(name)
        assert fmt.name == name
        assert [k for cls, k in kinds.items() if isinstance(fmt, cls)] == [entry.kind]
    # the app's and the API's upload list is read from the registry: no format module loaded
    code = ("import sys, translator.files.upload as u; "
            "print(sorted(m for m in sys.modules if m.startswith('translator.files.formats.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "['translator.files.formats.base']"
