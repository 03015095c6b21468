"""pptx and xlsx: every text translated, runs on their words, every other byte kept.

The fake translator upper-cases, so a translated part must be exactly its source with
every text element upper-cased (formatting, links and everything else unchanged), and
every other member of the package byte for byte the same.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

import pytest

from tests.office_helpers import (
    assert_only_text_upper,
    assert_same_except,
    extract,
    members,
    to_shared_strings,
)
from tests.test_formats import run
from translator.errors import InvalidInputError, UnsupportedFormatError
from translator.files.formats import format_for

A_T = "{http://schemas.openxmlformats.org/drawingml/2006/main}t"
S_T = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}t"


def _png() -> io.BytesIO:
    from PIL import Image

    image = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(image, format="PNG")
    image.seek(0)
    return image


def make_pptx() -> bytes:
    pptx = pytest.importorskip("pptx")
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE
    from pptx.util import Inches

    presentation = pptx.Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[5])
    slide.shapes.title.text = "Harga pangan bulan ini"
    box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1))
    paragraph = box.text_frame.paragraphs[0]
    for text, bold in [("Menurut ", False), ("Badan Pusat Statistik", True),
                       (", harga beras naik. Lantas apa ", False), ("sebabnya", True),
                       ("?", False)]:
        run_ = paragraph.add_run()
        run_.text = text
        run_.font.bold = bold
    group = slide.shapes.add_group_shape()
    inner = group.shapes.add_group_shape()
    inner.shapes.add_textbox(Inches(1), Inches(3), Inches(2), Inches(1)).text = "Teks di grup"
    table = slide.shapes.add_table(2, 2, Inches(1), Inches(4), Inches(4), Inches(1)).table
    for r in range(2):
        for c in range(2):
            table.cell(r, c).text = f"Sel {r} {c} berisi teks"
    data = CategoryChartData()
    data.categories = ["Beras", "Gula"]
    data.add_series("Harga", (12.5, 14.0))
    slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(5), Inches(4), Inches(3),
                           Inches(2), data)
    slide.shapes.add_picture(_png(), Inches(8), Inches(1))
    slide.notes_slide.notes_text_frame.text = "Catatan pembicara untuk slide ini."
    second = presentation.slides.add_slide(presentation.slide_layouts[1])
    second.shapes.title.text = "Slide kedua"
    second.placeholders[1].text = "Butir pertama\nButir kedua"
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def test_pptx_every_text_translated_runs_kept_rest_unchanged(fake_translator, tmp_path) -> None:
    pptx = pytest.importorskip("pptx")
    src = make_pptx()
    out = run(fake_translator, tmp_path, "a.pptx", src)
    edited = {n for n in members(src) if n.startswith(("ppt/slides/slide", "ppt/notesSlides/n"))}
    assert len(edited) == 3  # two slides, one notes slide (layouts and masters untouched)
    assert_same_except(src, out, edited)
    for name in edited:
        assert_only_text_upper(members(src)[name], members(out)[name], (A_T,))
    slide = pptx.Presentation(io.BytesIO(out)).slides[0]
    texts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    assert "MENURUT BADAN PUSAT STATISTIK, HARGA BERAS NAIK. LANTAS APA SEBABNYA?" in texts
    box = next(s for s in slide.shapes if s.has_text_frame and "MENURUT" in s.text_frame.text)
    runs = [(r.text, bool(r.font.bold)) for r in box.text_frame.paragraphs[0].runs]
    assert runs == [("MENURUT ", False), ("BADAN PUSAT STATISTIK", True),
                    (", HARGA BERAS NAIK. LANTAS APA ", False), ("SEBABNYA", True), ("?", False)]
    assert slide.notes_slide.notes_text_frame.text == "CATATAN PEMBICARA UNTUK SLIDE INI."


def test_pptx_sentence_reaches_the_model_whole_and_unreadables_are_named(fake_backend) -> None:
    extracted = extract("a.pptx", make_pptx())
    assert ("Menurut Badan Pusat Statistik, harga beras naik. Lantas apa sebabnya?"
            in extracted.units)
    assert "Teks di grup" in extracted.units and "Sel 1 1 berisi teks" in extracted.units
    assert "Catatan pembicara untuk slide ini." in extracted.units
    assert sorted(extracted.untranslated) == ["chart", "image"]
    # rebuild can be called again: the source archive is still read right
    upper = [u.upper() for u in extracted.units]
    assert extracted.rebuild(upper) == extracted.rebuild(upper)


def make_xlsx(*, shared: bool = True) -> bytes:
    openpyxl = pytest.importorskip("openpyxl")
    from openpyxl.comments import Comment

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Data"
    sheet["A1"] = "Nama barang"
    sheet["B1"] = 12.5
    sheet["C1"] = datetime.date(2024, 5, 17)
    sheet["D1"] = "=B1*2"
    sheet["A3"] = "Ringkasan bulanan"
    sheet.merge_cells("A3:C3")
    sheet.column_dimensions["A"].width = 31
    sheet.oddFooter.center.text = "Halaman &P dari &N"
    sheet["A1"].comment = Comment("Periksa lagi angka ini.", "Budi")
    from openpyxl.cell.rich_text import CellRichText, TextBlock
    from openpyxl.cell.text import InlineFont

    sheet["A2"] = CellRichText(["Harga ", TextBlock(InlineFont(b=True), "beras"), " naik."])
    other = workbook.create_sheet("Ringkasan")
    other["A1"] = "Total"
    other["B1"] = "='Data'!B1+1"
    other["A2"] = "KODE-01"
    from openpyxl.chart import BarChart, Reference
    from openpyxl.drawing.image import Image

    chart = BarChart()
    chart.add_data(Reference(sheet, min_col=2, min_row=1, max_col=2, max_row=1))
    other.add_chart(chart, "D2")
    other.add_image(Image(_png()), "D20")
    out = io.BytesIO()
    workbook.save(out)
    # openpyxl writes inline strings; Excel writes shared strings.
    return to_shared_strings(out.getvalue()) if shared else out.getvalue()


def _cells(data: bytes) -> dict:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    cells = {}
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                cells[(sheet.title, cell.coordinate)] = (
                    str(cell.value) if cell.value is not None else None,
                    cell.comment.text if cell.comment else None,
                    cell.comment.author if cell.comment else None,
                )
        cells[(sheet.title, "merged")] = [str(r) for r in sheet.merged_cells.ranges]
        cells[(sheet.title, "widths")] = {k: d.width for k, d in sheet.column_dimensions.items()}
    return cells


@pytest.mark.parametrize("shared", [True, False])
def test_xlsx_strings_and_comments_translated_the_rest_untouched(
    fake_translator, tmp_path: Path, shared: bool
) -> None:
    src = make_xlsx(shared=shared)
    out = run(fake_translator, tmp_path, "a.xlsx", src)
    source_members = members(src)
    edited = {n for n in source_members
              if n.endswith("sharedStrings.xml") or "/comments/" in n
              or (n.startswith("xl/worksheets/sheet") and b"inlineStr" in source_members[n])}
    assert_same_except(src, out, edited)
    for name in edited:
        assert_only_text_upper(source_members[name], members(out)[name], (S_T,))
    before, after = _cells(src), _cells(out)
    assert before.keys() == after.keys()
    texts = {"Nama barang", "Ringkasan bulanan", "Total", "Harga beras naik."}
    for key, cell in before.items():
        if key[1] in ("merged", "widths"):
            assert after[key] == cell
            continue
        value, comment, author = cell
        expected = value.upper() if value in texts else value  # numbers, dates, formulas, codes
        assert after[key] == (expected, comment and comment.upper(), author), key
    assert [s for s, _ in before] == [s for s, _ in after]  # sheet names kept
    assert before["Data", "merged"] == ["A3:C3"] and before["Data", "widths"] == {"A": 31}
    assert sorted(extract("a.xlsx", src).untranslated) == ["chart", "header or footer", "image"]
    assert any(n.startswith("xl/drawings/drawing") for n in source_members)  # kept as is


@pytest.mark.parametrize("shared", [True, False])
def test_xlsx_rich_text_keeps_bold_on_its_word(fake_translator, tmp_path, shared) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    out = run(fake_translator, tmp_path, "a.xlsx", make_xlsx(shared=shared))
    cell = openpyxl.load_workbook(io.BytesIO(out), rich_text=True)["Data"]["A2"].value
    assert [(str(getattr(b, "text", b)), bool(getattr(getattr(b, "font", None), "b", False)))
            for b in cell] == [("HARGA ", False), ("BERAS", True), (" NAIK.", False)]
    assert "Harga beras naik." in extract("a.xlsx", make_xlsx(shared=shared)).units


def test_office_formats_are_registered() -> None:
    assert format_for("a.pptx").name == "pptx"
    assert format_for("a.XLSX").name == "xlsx"


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("name", ["a.docx", "a.pptx", "a.xlsx"])
def test_zip_bomb_password_and_damage_are_refused_by_name(name) -> None:
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"\0" * 4_000_000})
    with pytest.raises(InvalidInputError, match=rf"{name}.*zip bomb.*Fix:"):
        extract(name, bomb)
    # An encrypted Office file is an OLE compound file holding an "EncryptedPackage".
    ole = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
           + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100)
    with pytest.raises(InvalidInputError, match=rf"{name}.*password protected.*Fix:"):
        extract(name, ole)
    with pytest.raises(InvalidInputError, match=rf"{name}.*old binary Office file.*Fix:"):
        extract(name, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 200)
    with pytest.raises(UnsupportedFormatError, match=rf"{name}.*not a valid"):
        extract(name, b"PK\x03\x04 not really a zip")
    with pytest.raises(InvalidInputError, match=rf"{name}.*declares entities"):
        extract(name, _zip({"[Content_Types].xml":
                            b'<!DOCTYPE t [<!ENTITY x "y">]><Types>&x;</Types>'}))


def test_a_document_of_another_kind_is_refused_not_copied() -> None:
    with pytest.raises(UnsupportedFormatError, match=r"a\.docx: not a \.docx file \(a Power"):
        extract("a.docx", make_pptx())
    with pytest.raises(UnsupportedFormatError, match=r"a\.pptx: not a \.pptx file \(an Excel"):
        extract("a.pptx", make_xlsx())


def test_strict_open_xml_is_named_not_silently_left_untranslated() -> None:
    strict = _zip({
        "[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        b'content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "word/document.xml": b'<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml'
        b'/main"><w:body><w:p><w:r><w:t>Satu.</w:t></w:r></w:p></w:body></w:document>',
    })
    with pytest.raises(UnsupportedFormatError, match=r"a\.docx.*Strict Open XML.*Fix:"):
        extract("a.docx", strict)
