"""OpenDocument (odt, odp, ods) and epub: every text translated, everything else kept."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from translator.errors import InvalidInputError
from translator.files.formats import FormatOptions, format_for, get_format
from translator.files.formats.inline import place_runs

pytest.importorskip("lxml")
odf = pytest.importorskip("odf")

TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def upper(texts):
    return [t.upper() for t in texts]


def prefix(texts):
    return [f"[EN] {t}" for t in texts]


def translate(name: str, data: bytes, fake: Callable = upper):
    extracted = get_format(Path(name).suffix).extract(
        data, source=name, options=FormatOptions()
    )
    return extracted, extracted.rebuild(fake(extracted.units))


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def check_package(source: bytes, out: bytes, mimetype: bytes, changed: set[str]) -> None:
    """mimetype first and stored; every member kept, all but ``changed`` byte for byte."""
    with zipfile.ZipFile(io.BytesIO(out)) as archive:
        first = archive.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED
        assert archive.read("mimetype") == mimetype
        assert archive.testzip() is None
    assert out[30:38] == b"mimetype"  # the first local header names it: file(1) sees it
    before, after = members(source), members(out)
    assert set(before) == set(after)
    assert {name for name in before if before[name] != after[name]} == changed


def words(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.upper()))


# -- the placement ---------------------------------------------------------------------------


def test_place_runs_keeps_every_piece_on_its_words():
    pieces = ["Menurut ", "Badan Pusat Statistik", ", harga beras naik."]
    assert place_runs(pieces, "According to Badan Pusat Statistik, rice prices rose.") == [
        "According to ", "Badan Pusat Statistik", ", rice prices rose."]
    assert place_runs(pieces, "".join(pieces).upper()) == [p.upper() for p in pieces]
    # Empty pieces (a bookmark, a note citation between texts) stay empty.
    assert place_runs(["Ini ", "", "penting."], "This is important.")[1] == ""


def test_place_runs_never_crosses_a_sentence_boundary():
    pieces = ["Harga naik. ", "Lantas ", "apa", "?"]
    out = place_runs(pieces, "Prices rose. So what now?")
    assert "".join(out) == "Prices rose. So what now?"
    assert out[0] == "Prices rose. "  # the first sentence stays on the first piece alone


@pytest.mark.parametrize("pieces, translation", [
    (["a", "b", "c"], ""), (["", "", ""], "xyz"), (["abc", ""], "x y z w"),
    (["  ", "kata"], "word"), (["satu. ", "dua. ", "tiga."], "one. two."),
])
def test_place_runs_loses_and_duplicates_nothing(pieces, translation):
    out = place_runs(pieces, translation)
    assert len(out) == len(pieces) and "".join(out) == translation


# -- OpenDocument text -------------------------------------------------------------------------


def make_odt() -> bytes:
    from odf.draw import Frame, Image, TextBox
    from odf.opendocument import OpenDocumentText
    from odf.style import Footer, MasterPage, PageLayout, Style, TextProperties
    from odf.table import Table, TableCell, TableColumn, TableRow
    from odf.text import A, H, List, ListItem, Note, NoteBody, NoteCitation, P, Span

    doc = OpenDocumentText()
    bold = Style(name="Tebal", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    layout = PageLayout(name="Halaman")
    doc.automaticstyles.addElement(layout)
    master = MasterPage(name="Standard", pagelayoutname=layout)
    footer = Footer()
    footer.addElement(P(text="Hak cipta dilindungi."))
    master.addElement(footer)
    doc.masterstyles.addElement(master)

    doc.text.addElement(H(outlinelevel=1, text="Harga beras naik"))
    p = P(text="Menurut ")
    p.addElement(Span(stylename=bold, text="Badan Pusat Statistik"))
    p.addText(", harga beras naik tajam. Lihat ")
    p.addElement(A(href="https://bps.go.id", text="situs resmi"))
    p.addText(" untuk data")
    note = Note(id="ftn1", noteclass="footnote")
    note.addElement(NoteCitation(text="1"))
    body = NoteBody()
    body.addElement(P(text="Data bulan Januari."))
    note.addElement(body)
    p.addElement(note)
    p.addText(".")
    doc.text.addElement(p)
    items = List()
    for text in ("Beras premium", "Beras medium"):
        item = ListItem()
        item.addElement(P(text=text))
        items.addElement(item)
    doc.text.addElement(items)
    table = Table(name="Tabel1")
    table.addElement(TableColumn(numbercolumnsrepeated=2))
    row = TableRow()
    for cell_text in ("Kota", "Harga"):
        cell = TableCell()
        cell.addElement(P(text=cell_text))
        row.addElement(cell)
    table.addElement(row)
    row = TableRow()
    cell = TableCell(valuetype="string")
    cell.addElement(P(text="Jakarta"))
    row.addElement(cell)
    cell = TableCell(valuetype="float", value="13500")
    cell.addElement(P(text="13.500"))
    row.addElement(cell)
    table.addElement(row)
    doc.text.addElement(table)
    anchor = P()
    frame = Frame(width="6cm", height="2cm", anchortype="paragraph", name="Kotak")
    box = TextBox()
    box.addElement(P(text="Kotak teks ini penting."))
    frame.addElement(box)
    anchor.addElement(frame)
    picture = doc.addPicture("Pictures/grafik.png", "image/png", b"\x89PNG fake picture")
    image_frame = Frame(width="2cm", height="2cm", anchortype="paragraph", name="Gambar")
    image_frame.addElement(Image(href=picture))
    anchor.addElement(image_frame)
    doc.text.addElement(anchor)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def own_text(element) -> str:
    """A paragraph's own text: its spans' and links', not its notes' or frames'."""
    parts = [element.text or ""]
    for child in element:
        if child.tag in (f"{TEXT}span", f"{TEXT}a"):
            parts.append(own_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def odt_paragraphs(data: bytes) -> list:
    from lxml import etree

    root = etree.fromstring(members(data)["content.xml"])
    return list(root.iter(f"{TEXT}p", f"{TEXT}h"))


def test_odt_every_paragraph_translated_markup_on_its_words():
    from lxml import etree

    source = make_odt()
    extracted, out = translate("laporan.odt", source)
    assert "Menurut Badan Pusat Statistik, harga beras naik tajam. Lihat situs resmi untuk " \
        "data." in extracted.units  # the sentence reaches the model whole
    assert extracted.untranslated == ["image (Pictures/grafik.png)"]
    check_package(source, out, b"application/vnd.oasis.opendocument.text",
                  {"content.xml", "styles.xml"})
    # Same elements and attributes, in the same places: only text changed.
    shape = [(e.tag, dict(e.attrib)) for e in etree.fromstring(members(source)["content.xml"]).iter()]
    assert shape == [(e.tag, dict(e.attrib))
                     for e in etree.fromstring(members(out)["content.xml"]).iter()]
    texts = {own_text(p) for p in odt_paragraphs(out)}
    for p in odt_paragraphs(source):
        own = own_text(p)
        if p.getparent().tag == f"{TABLE}table-cell" and p.getparent().get(
            f"{OFFICE}value-type"
        ) == "float":
            assert own in texts  # the number is untouched
        else:
            assert own.upper() in texts
    span = next(odt_paragraphs(out)[1].iter(f"{TEXT}span"))
    assert span.text == "BADAN PUSAT STATISTIK"
    link = next(odt_paragraphs(out)[1].iter(f"{TEXT}a"))
    assert link.text == "SITUS RESMI"
    footer = etree.fromstring(members(out)["styles.xml"]).find(f".//{TEXT}p")
    assert footer.text == "HAK CIPTA DILINDUNGI."


def test_odt_other_translations_keep_every_word_and_span():
    source = make_odt()
    _, out = translate("laporan.odt", source, prefix)
    before = Counter()
    for p in odt_paragraphs(source):
        before += words(own_text(p))
    after = Counter()
    for p in odt_paragraphs(out):
        after += words(own_text(p))
    assert after - before == Counter({"EN": after["EN"]}) and before - after == Counter()
    span = next(odt_paragraphs(out)[1].iter(f"{TEXT}span"))
    assert span.text == "Badan Pusat Statistik"  # repeated verbatim: anchored on its words


def test_odt_through_translate_file(fake_translator, tmp_path: Path):
    source = tmp_path / "laporan.odt"
    source.write_bytes(make_odt())
    assert format_for(source).name == "odt"
    from translator.files import BatchOptions

    result = fake_translator.translate_file(source, tmp_path / "out.odt", options=BatchOptions())
    assert result.status == "translated"
    assert any("BADAN PUSAT STATISTIK" in own_text(p)
               for p in odt_paragraphs((tmp_path / "out.odt").read_bytes()))
