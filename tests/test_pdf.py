"""PDF: every text block translated in place, pictures and drawings kept, bad files named."""

from __future__ import annotations

import dataclasses
import io
import re
from collections import Counter

import pytest

from translator.errors import InvalidInputError
from translator.files.formats import FormatOptions, format_for, get_format

pytest.importorskip("pypdf")
pytest.importorskip("pdfminer")
pytest.importorskip("reportlab")
pytest.importorskip("PIL")

PAGE = (595, 842)


def picture():
    from PIL import Image
    from reportlab.lib.utils import ImageReader

    return ImageReader(Image.new("RGB", (8, 8), (200, 30, 30)))


def make_pdf(*, scanned_page: bool = False) -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=PAGE)
    drawing.setFont("Helvetica-Bold", 18)
    drawing.drawString(72, 770, "Harga beras naik tajam")
    drawing.setFont("Helvetica", 11)
    text = drawing.beginText(72, 730)
    for line in ("Menurut Badan Pusat Statistik, harga beras naik",
                 "tajam pada bulan Januari. Pemerintah akan", "menambah impor."):
        text.textLine(line)
    drawing.drawText(text)
    drawing.setStrokeColorRGB(1, 0, 0)
    drawing.rect(60, 600, 300, 50)
    drawing.drawImage(picture(), 400, 600, 50, 50)
    drawing.drawString(400, 100, "2024")
    drawing.showPage()
    if scanned_page:
        drawing.drawImage(picture(), 0, 0, *PAGE)
    else:
        drawing.setFont("Helvetica", 12)
        drawing.drawString(72, 770, "Halaman kedua berisi kesimpulan.")
    drawing.showPage()
    drawing.save()
    return out.getvalue()


def blocks(data: bytes) -> list[list[tuple[tuple[float, ...], str]]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextBox

    return [[(item.bbox, " ".join(item.get_text().split())) for item in page
             if isinstance(item, LTTextBox)] for page in extract_pages(io.BytesIO(data))]


def translate(data: bytes, fake=lambda texts: [t.upper() for t in texts], name="a.pdf"):
    extracted = get_format("pdf").extract(data, source=name, options=FormatOptions())
    return extracted, extracted.rebuild(fake(extracted.units))


def test_pdf_blocks_translated_in_place_pictures_and_drawings_kept():
    from pypdf import PdfReader

    source = make_pdf()
    assert format_for("laporan.pdf").name == "pdf"
    extracted, out = translate(source)
    assert extracted.units[1] == ("Menurut Badan Pusat Statistik, harga beras naik tajam pada "
                                  "bulan Januari. Pemerintah akan menambah impor.")
    assert extracted.untranslated == []
    before, after = blocks(source), blocks(out)
    assert len(after) == len(before) == 2
    for old_page, new_page in zip(before, after):
        assert len(old_page) == len(new_page)
        for (old_box, old_text), (new_box, new_text) in zip(old_page, new_page):
            assert new_text == old_text.upper()  # every word, nothing of the source left
            assert new_box[0] >= old_box[0] - 1 and new_box[2] <= old_box[2] + 1
            assert new_box[1] >= old_box[1] - 3 and new_box[3] <= old_box[3] + 3
    reader = PdfReader(io.BytesIO(out))
    assert [tuple(p.mediabox) for p in reader.pages] == [(0, 0, *PAGE)] * 2
    first = reader.pages[0]
    assert len(first.images) == 1
    assert re.search(rb"\bre\b", first.get_contents().get_data())  # the rectangle


def test_pdf_long_translation_gets_smaller_not_cut():
    source = make_pdf()
    _, out = translate(source, lambda texts: [f"{t} {t} {t}" for t in texts])
    text = " ".join(t for page in blocks(out) for _, t in page)
    source_words = [w for page in blocks(source) for _, t in page for w in re.findall(r"\w+", t)]
    expected = Counter(source_words * 3)
    expected["2024"] = 1  # a block without letters is not a unit: drawn again as it was
    assert Counter(re.findall(r"\w+", text)) == expected


def test_fit_reduces_the_size_down_to_the_minimum():
    from translator.files.formats.pdf import MIN_FONT_SIZE, fit

    assert fit("short", 200, 20, 12) == (12, ["short"])
    size, lines = fit("a much longer text " * 5, 200, 30, 12)
    assert size < 12 and len(lines) * size * 1.15 <= 30 + size * 0.3
    assert fit("word " * 500, 50, 10, 12)[0] == MIN_FONT_SIZE


def test_pdf_without_text_layer_is_named():
    extracted, out = translate(make_pdf(scanned_page=True))
    assert extracted.untranslated == [
        "page 2 (no text layer: a scanned image? run OCR first)"]
    assert len(blocks(out)) == 2


def test_password_protected_pdf_is_named():
    from pypdf import PdfReader, PdfWriter

    def encrypted(user: str) -> bytes:
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
        writer.encrypt(user_password=user, owner_password="pemilik", algorithm="AES-128")
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    with pytest.raises(InvalidInputError, match="rahasia.pdf: the PDF is password protected"):
        translate(encrypted("rahasia"), name="rahasia.pdf")
    extracted, out = translate(encrypted(""))  # editing restricted only: opens, translated
    assert blocks(out)[1] == [(blocks(out)[1][0][0], "HALAMAN KEDUA BERISI KESIMPULAN.")]


def test_damaged_pdf_is_named():
    with pytest.raises(InvalidInputError, match="rusak.pdf: .*Fix:"):
        translate(make_pdf()[:300], name="rusak.pdf")
    with pytest.raises(InvalidInputError, match="rusak.pdf: .*Fix:"):
        translate(b"%PDF-1.4 nothing here", name="rusak.pdf")


def test_rotated_and_shifted_pages_keep_text_in_place(fake_translator, tmp_path):
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=PAGE)
    # Drawn sideways, so that the page turned by /Rotate 90 reads upright (a wide table).
    drawing.translate(PAGE[0] - 500, 72)
    drawing.rotate(90)
    drawing.setFont("Helvetica", 12)
    drawing.drawString(0, 0, "Halaman ini diputar untuk tabel lebar.")
    drawing.showPage()
    drawing.setFont("Helvetica", 12)
    drawing.drawString(72, 770, "Halaman kedua berisi kesimpulan.")
    drawing.showPage()
    drawing.save()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(out.getvalue())))
    writer.pages[0].rotate(90)
    writer.pages[1].mediabox = RectangleObject((50, 50, 545, 842))
    source = tmp_path / "putar.pdf"
    with open(source, "wb") as handle:
        writer.write(handle)
    from translator.files import BatchOptions

    result = fake_translator.translate_file(source, tmp_path / "out.pdf", options=BatchOptions())
    assert result.status == "translated"
    before, after = blocks(source.read_bytes()), blocks((tmp_path / "out.pdf").read_bytes())
    for old_page, new_page in zip(before, after):
        assert [t for _, t in new_page] == [t.upper() for _, t in old_page]
        assert len(new_page) == 1 and " " in new_page[0][1]  # read as one upright line
        for (old_box, _), (new_box, _) in zip(old_page, new_page):
            assert abs(new_box[0] - old_box[0]) < 3 and abs(new_box[3] - old_box[3]) < 3


def test_ocr_text_layer_gets_a_white_ground():
    from pypdf import PdfReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=PAGE)
    drawing.drawImage(picture(), 0, 0, *PAGE)  # the scan
    text = drawing.beginText(72, 770)
    text.setTextRenderMode(3)  # invisible: the OCR layer
    text.setFont("Helvetica", 12)
    text.textLine("Hasil pindaian halaman satu.")
    drawing.drawText(text)
    drawing.showPage()
    drawing.save()
    extracted, translated = translate(out.getvalue())
    assert extracted.units == ["Hasil pindaian halaman satu."]
    assert [t for _, t in blocks(translated)[0]] == ["HASIL PINDAIAN HALAMAN SATU."]
    content = PdfReader(io.BytesIO(translated)).pages[0].get_contents().get_data()
    assert b"1 1 1 rg" in content and re.search(rb"\bre\s+f", content)  # a white ground
    _, plain = translate(make_pdf())
    assert b"1 1 1 rg" not in PdfReader(io.BytesIO(plain)).pages[0].get_contents().get_data()


def test_page_with_unmapped_fonts_is_left_as_is_and_named(monkeypatch):
    from translator.files.formats import pdf

    layout = pdf._layout

    def unmapped_first_page(data, source):
        pages, pictures = layout(data, source)
        first = [dataclasses.replace(b, text="(cid:12)(cid:7) " + b.text) for b in pages[0]]
        return [first, *pages[1:]], pictures

    monkeypatch.setattr(pdf, "_layout", unmapped_first_page)
    source = make_pdf()
    extracted, out = translate(source)
    assert extracted.units == ["Halaman kedua berisi kesimpulan."]
    assert extracted.untranslated == [
        "page 1 (its fonts do not say which letters they draw: run OCR on it first)"]
    assert blocks(out)[0] == blocks(source)[0]


def test_colour_set_inside_text_still_applies_to_later_drawings():
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ContentStream

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf())))
    page = writer.pages[1]
    font = next(iter(page["/Resources"]["/Font"]))
    stream = ContentStream(None, writer)
    stream.set_data(f"BT {font} 12 Tf 1 0 0 rg 72 700 Td (Harga naik tajam.) Tj ET "
                    "50 50 100 100 re f".encode())
    page.replace_contents(stream)
    out = io.BytesIO()
    writer.write(out)
    _, translated = translate(out.getvalue())
    content = PdfReader(io.BytesIO(translated)).pages[1].get_contents().get_data()
    assert re.search(rb"1 0 0 rg\s+50 50 100 100 re\s+f", content)  # the square stays red
    assert [t for _, t in blocks(translated)[1]] == ["HARGA NAIK TAJAM."]


def test_pdf_as_docx_is_an_editable_document_a_paragraph_per_block():
    docx = pytest.importorskip("docx")
    data = make_pdf()
    extracted = get_format("pdf").extract(data, source="a.pdf",
                                          options=FormatOptions(pdf_as="docx"))
    out = extracted.rebuild([t.upper() for t in extracted.units])
    document = docx.Document(io.BytesIO(out))
    texts = [p.text.replace("\n", " ") for p in document.paragraphs]
    assert "HARGA BERAS NAIK TAJAM" in texts and "2024" in texts
    joined = " ".join(" ".join(t.split()) for t in texts)
    assert "MENURUT BADAN PUSAT STATISTIK, HARGA BERAS NAIK TAJAM PADA BULAN JANUARI." in joined
    # The second page starts after a page break.
    xml = document.element.xml
    assert xml.count('w:type="page"') == 1
    assert joined.index("HALAMAN KEDUA") > joined.index("2024")
    with pytest.raises(ValueError, match="not 'odt'.*Fix: use pdf_as='docx'"):
        get_format("pdf").extract(data, source="a.pdf", options=FormatOptions(pdf_as="odt"))


def test_pdf_as_docx_through_translate_path_names_the_output_docx(fake_translator, tmp_path):
    docx = pytest.importorskip("docx")
    from translator.files import BatchOptions

    source = tmp_path / "laporan.pdf"
    source.write_bytes(make_pdf())
    report = fake_translator.translate_path(source, options=BatchOptions(pdf_as="docx"))
    assert [r.status for r in report.results] == ["translated"]
    out = tmp_path / "laporan.en.docx"
    assert report.results[0].output == str(out)
    texts = " ".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "HARGA BERAS NAIK TAJAM" in texts
