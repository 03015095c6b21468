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


# -- OpenDocument text -------------------------------------------------------------------------


def make_odt() -> bytes:
    from odf.draw import Frame, Image, TextBox
    from odf.opendocument import OpenDocumentText
    from odf.style import Footer, MasterPage, PageLayout, Style, TextProperties
    from odf.svg import Title
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
    image_frame.addElement(Title(text="Grafik harga beras"))
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
        elif child.tag in (f"{TEXT}tab", f"{TEXT}line-break", f"{TEXT}s"):
            parts.append(" ")
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
    def shape(data: bytes) -> list:
        root = etree.fromstring(members(data)["content.xml"])
        return [(e.tag, dict(e.attrib)) for e in root.iter()]

    assert shape(source) == shape(out)
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
    title = etree.fromstring(members(out)["content.xml"]).find(
        ".//{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}title")
    assert title.text == "GRAFIK HARGA BERAS"  # a picture's alternative text
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


# -- OpenDocument presentation and spreadsheet ----------------------------------------------


def make_odp() -> bytes:
    from odf.draw import Frame, Page, TextBox
    from odf.opendocument import OpenDocumentPresentation
    from odf.presentation import Notes
    from odf.style import MasterPage, PageLayout
    from odf.text import P

    doc = OpenDocumentPresentation()
    layout = PageLayout(name="Tata")
    doc.automaticstyles.addElement(layout)
    master = MasterPage(name="Utama", pagelayoutname=layout)
    doc.masterstyles.addElement(master)
    for number, (title, note) in enumerate(
        [("Inflasi turun", "Sebutkan angka BPS."), ("Harga beras", "Tanya hadirin.")], 1
    ):
        page = Page(name=f"Slide{number}", masterpagename=master)
        frame = Frame(width="20cm", height="3cm", x="1cm", y="1cm")
        box = TextBox()
        box.addElement(P(text=title))
        frame.addElement(box)
        page.addElement(frame)
        notes = Notes()
        note_frame = Frame(width="20cm", height="10cm", x="1cm", y="15cm")
        note_box = TextBox()
        note_box.addElement(P(text=note))
        note_frame.addElement(note_box)
        notes.addElement(note_frame)
        page.addElement(notes)
        doc.presentation.addElement(page)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def test_odp_slides_and_notes_translated():
    source = make_odp()
    extracted, out = translate("paparan.odp", source)
    assert extracted.units == ["Inflasi turun", "Sebutkan angka BPS.", "Harga beras",
                               "Tanya hadirin."]
    check_package(source, out, b"application/vnd.oasis.opendocument.presentation",
                  {"content.xml"})
    assert [own_text(p) for p in odt_paragraphs(out)] == [u.upper() for u in extracted.units]


def make_ods() -> bytes:
    from odf.office import Annotation
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Harga")
    cells = [
        [TableCell(valuetype="string"), "Beras premium"],
        [TableCell(valuetype="float", value="13500"), "13500"],
        [TableCell(valuetype="float", value="27000", formula="of:=[.B1]*2"), "27000"],
        [TableCell(valuetype="date", datevalue="2024-01-02"), "02/01/24"],
        [TableCell(valuetype="string", stringvalue="Naik", formula='of:="Naik"'), "Naik"],
        [TableCell(valuetype="string"), "Harga naik"],
    ]
    comment = Annotation()
    comment.addElement(P(text="Harga dari pasar induk."))
    cells[1][0].addElement(comment)  # a comment on a number cell
    row = TableRow()
    for cell, text in cells:
        cell.addElement(P(text=text))
        row.addElement(cell)
    table.addElement(row)
    doc.spreadsheet.addElement(table)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def test_ods_translates_string_cells_only():
    from lxml import etree

    source = make_ods()
    extracted, out = translate("harga.ods", source)
    assert extracted.units == ["Beras premium", "Harga dari pasar induk.", "Harga naik"]
    check_package(source, out, b"application/vnd.oasis.opendocument.spreadsheet",
                  {"content.xml"})
    root = etree.fromstring(members(out)["content.xml"])
    assert root.findtext(f".//{OFFICE}annotation/{TEXT}p") == "HARGA DARI PASAR INDUK."
    assert [c.findtext(f"{TEXT}p") for c in root.iter(f"{TABLE}table-cell")] == [
        "BERAS PREMIUM", "13500", "27000", "02/01/24", "Naik", "HARGA NAIK"]
    assert root.find(f".//{TABLE}table").get(f"{TABLE}name") == "Harga"  # sheet name kept


# -- hostile and damaged OpenDocument files ---------------------------------------------------


def rezip(data: bytes, change: Callable[[dict[str, bytes]], None]) -> bytes:
    parts = members(data)
    change(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in parts.items():
            archive.writestr(name, value)
    return out.getvalue()


def test_password_protected_odt_is_named():
    def encrypt(parts):
        parts["META-INF/manifest.xml"] = (
            b'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
            b'"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
            b'<manifest:file-entry manifest:full-path="/" manifest:media-type='
            b'"application/vnd.oasis.opendocument.text"/><manifest:file-entry '
            b'manifest:full-path="content.xml" manifest:media-type="text/xml">'
            b'<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum='
            b'"eA=="/></manifest:file-entry></manifest:manifest>'
        )
        parts["content.xml"] = b"\x8f\x01 encrypted bytes"

    with pytest.raises(InvalidInputError, match="password protected.*Fix:"):
        translate("rahasia.odt", rezip(make_odt(), encrypt))


def test_damaged_odf_parts_are_named():
    def break_content(parts):
        parts["content.xml"] = parts["content.xml"][:200]

    with pytest.raises(InvalidInputError, match=r"laporan.odt \(part content.xml\).*Fix:"):
        translate("laporan.odt", rezip(make_odt(), break_content))
    with pytest.raises(InvalidInputError, match="content.xml' is missing"):
        translate("laporan.odt", rezip(make_odt(), lambda parts: parts.pop("content.xml")))
    with pytest.raises(InvalidInputError, match="not a valid"):
        translate("laporan.odt", b"PK\x03\x04 truncated")


def test_odf_zip_bomb_and_entities_refused():
    def bomb(parts):
        parts["Pictures/bomb.bin"] = b"\0" * (20 * 1024 * 1024)

    with pytest.raises(InvalidInputError, match="zip bomb"):
        translate("bom.odt", rezip(make_odt(), bomb))

    def entities(parts):
        parts["content.xml"] = (b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "y">]>'
                                + parts["content.xml"].split(b"?>", 1)[1])

    with pytest.raises(InvalidInputError, match="entities"):
        translate("laporan.odt", rezip(make_odt(), entities))


def test_chart_titles_and_labels_translated_other_objects_named():
    from lxml import etree
    from odf.chart import Chart, Title
    from odf.draw import Frame, Object
    from odf.opendocument import OpenDocumentChart, OpenDocumentText
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentText()
    chart = OpenDocumentChart()
    body = Chart(attributes={"class": "chart:bar"})
    title = Title()
    title.addElement(P(text="Harga beras per bulan"))
    body.addElement(title)
    data = Table(name="local-table")
    row = TableRow()
    for cell, text in ((TableCell(valuetype="string"), "Januari"),
                       (TableCell(valuetype="float", value="13500"), "13500")):
        cell.addElement(P(text=text))
        row.addElement(cell)
    data.addElement(row)
    body.addElement(data)
    chart.chart.addElement(body)
    anchor = P(text="Grafik harga:")
    frame = Frame(width="8cm", height="6cm", anchortype="paragraph")
    frame.addElement(Object(href=doc.addObject(chart)))
    anchor.addElement(frame)
    formula = Frame(width="2cm", height="1cm", anchortype="paragraph")
    formula.addElement(Object(href="./Object 9"))
    anchor.addElement(formula)
    doc.text.addElement(anchor)
    out = io.BytesIO()
    doc.write(out)
    source = out.getvalue()
    extracted, translated = translate("grafik.odt", source)
    assert extracted.units == ["Grafik harga:", "Harga beras per bulan", "Januari"]
    assert extracted.untranslated == ["embedded object (Object 9)"]
    check_package(source, translated, b"application/vnd.oasis.opendocument.text",
                  {"content.xml", "Object 1/content.xml"})
    root = etree.fromstring(members(translated)["Object 1/content.xml"])
    assert [p.text for p in root.iter(f"{TEXT}p")] == ["HARGA BERAS PER BULAN", "JANUARI",
                                                       "13500"]


# -- epub ---------------------------------------------------------------------------------------

CHAPTER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
    '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">\n'
    '<head><title>Bab Satu</title><link rel="stylesheet" href="../gaya.css"/></head>\n'
    '<body>\n<h1 id="bab1">Bab Satu</h1>\n'
    '<p>Menurut <a href="https://bps.go.id">Badan Pusat Statistik</a>, harga beras '
    '<em>naik</em> tajam.<br/>Lihat <a href="bab2.xhtml#data">data &amp; grafik</a>.</p>\n'
    '<p/><img src="../gambar/sampul.png" alt="sampul"/>\n'
    '<pre>kode   tetap</pre>\n</body>\n</html>\n'
)
NAV = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n'
    '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
    '<head><title>Daftar Isi</title></head><body><nav epub:type="toc"><h1>Daftar Isi</h1>'
    '<ol><li><a href="teks/bab1.xhtml">Bab Satu</a></li></ol></nav></body></html>\n'
)
NCX = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/" version="2005-1">'
    '<head><meta name="dtb:uid" content="id-1"/></head>'
    '<docTitle><text>Harga Pangan</text></docTitle>'
    '<navMap><navPoint id="n1" playOrder="1"><navLabel><text>Bab Satu</text></navLabel>'
    '<content src="teks/bab1.xhtml"/></navPoint></navMap></ncx>\n'
)
OPF = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="uid">'
    '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="uid">id-1'
    '</dc:identifier><dc:title>Harga Pangan</dc:title><dc:language>id</dc:language>'
    '</metadata><manifest>'
    '<item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
    '<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>'
    '<item id="bab1" href="teks/bab1.xhtml" media-type="application/xhtml+xml"/>'
    '<item id="css" href="gaya.css" media-type="text/css"/>'
    '<item id="sampul" href="gambar/sampul.png" media-type="image/png"/>'
    '</manifest><spine toc="ncx"><itemref idref="bab1"/></spine></package>\n'
)
CONTAINER = (
    '<?xml version="1.0"?><container version="1.0" '
    'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles>'
    '<rootfile full-path="OEBPS/isi.opf" media-type="application/oebps-package+xml"/>'
    '</rootfiles></container>'
)


def make_epub(extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        for name, text in {
            "META-INF/container.xml": CONTAINER, "OEBPS/isi.opf": OPF, "OEBPS/nav.xhtml": NAV,
            "OEBPS/toc.ncx": NCX, "OEBPS/teks/bab1.xhtml": CHAPTER,
            "OEBPS/gaya.css": "p { margin: 0 }", "OEBPS/gambar/sampul.png": "\x89PNG fake",
            **(extra or {}),
        }.items():
            archive.writestr(name, text, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def test_epub_every_document_translated_links_kept():
    from lxml import etree

    source = make_epub()
    extracted, out = translate("buku.epub", source)
    # Reading order first (the chapter), then the navigation document, then NCX titles.
    assert extracted.units[:2] == ["Bab Satu", "Bab Satu"]
    assert "Daftar Isi" in extracted.units and "Harga Pangan" in extracted.units
    assert "kode   tetap" not in extracted.units
    assert extracted.untranslated == ["image (OEBPS/gambar/sampul.png)"]
    check_package(source, out, b"application/epub+zip",
                  {"OEBPS/nav.xhtml", "OEBPS/toc.ncx", "OEBPS/teks/bab1.xhtml"})
    chapter = members(out)["OEBPS/teks/bab1.xhtml"].decode()
    assert chapter == CHAPTER.replace(
        "<title>Bab Satu", "<title>BAB SATU").replace(">Bab Satu</h1>", ">BAB SATU</h1>"
    ).replace("Menurut <", "MENURUT <").replace(">Badan Pusat Statistik<", ">BADAN PUSAT "
    "STATISTIK<").replace(", harga beras <", ", HARGA BERAS <").replace(">naik<", ">NAIK<"
    ).replace(" tajam.<", " TAJAM.<").replace(">Lihat <", ">LIHAT <").replace(
        ">data &amp; grafik<", ">DATA &amp; GRAFIK<")
    etree.fromstring(chapter.encode())  # still well-formed XML
    nav = etree.fromstring(members(out)["OEBPS/nav.xhtml"])
    assert [a.get("href") for a in nav.iter("{http://www.w3.org/1999/xhtml}a")] == [
        "teks/bab1.xhtml"]
    assert "".join(nav.itertext()).count("BAB SATU") == 1
    ncx = etree.fromstring(members(out)["OEBPS/toc.ncx"])
    assert [t.text for t in ncx.iter("{http://www.daisy.org/z3986/2005/ncx/}text")] == [
        "HARGA PANGAN", "BAB SATU"]


def test_epub_translations_with_markup_characters_stay_well_formed():
    from lxml import etree

    _, out = translate("buku.epub", make_epub(),
                       lambda texts: [f"<b>&{t}\x01]]>" for t in texts])
    for name, data in members(out).items():
        if name.endswith((".xhtml", ".ncx")):
            etree.fromstring(data)


def test_epub_with_drm_is_named_and_font_obfuscation_is_not():
    def encryption(algorithm: str) -> dict[str, str]:
        return {"META-INF/encryption.xml": (
            '<encryption xmlns="urn:oasis:names:tc:opendocument:xmlns:container" '
            'xmlns:enc="http://www.w3.org/2001/04/xmlenc#"><enc:EncryptedData>'
            f'<enc:EncryptionMethod Algorithm="{algorithm}"/><enc:CipherData>'
            '<enc:CipherReference URI="OEBPS/teks/bab1.xhtml"/></enc:CipherData>'
            '</enc:EncryptedData></encryption>')}

    with pytest.raises(InvalidInputError, match="DRM.*bab1.xhtml.*Fix:"):
        translate("terkunci.epub",
                  make_epub(encryption("http://www.w3.org/2001/04/xmlenc#aes128-cbc")))
    extracted, _ = translate("huruf.epub",
                             make_epub(encryption("http://www.idpf.org/2008/embedding")))
    assert extracted.units


def test_damaged_epub_is_named():
    with pytest.raises(InvalidInputError, match=r"isi.opf.*not well-formed"):
        translate("buku.epub", make_epub({"OEBPS/isi.opf": OPF[:100]}))
    with pytest.raises(InvalidInputError, match="bab1.xhtml.*Fix:"):
        translate("buku.epub", make_epub({"OEBPS/teks/bab1.xhtml": b"\0\1\2 binary"}))


def test_new_formats_are_offered_for_upload():
    from translator.files.upload import FILE_FORMATS, translate_file

    assert {".odt", ".odp", ".ods", ".epub"} <= set(FILE_FORMATS)
    translated = translate_file(make_epub(), upper, "buku.epub").data
    assert b"BAB SATU" in members(translated)["OEBPS/teks/bab1.xhtml"]


def test_any_paragraph_shape_keeps_its_elements_and_words():
    from hypothesis import given, settings
    from hypothesis import strategies as st
    from lxml import etree

    ns = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    bits = st.sampled_from(["", " ", "kata ", "harga", " naik. ", "Beras", "!"])
    leaf = st.sampled_from(["<text:tab/>", "<text:line-break/>", "<text:s/>",
                            '<text:bookmark text:name="b"/>',
                            '<text:note><text:note-body><text:p>Catatan kaki.</text:p>'
                            "</text:note-body></text:note>"])
    inline = st.recursive(
        st.lists(st.one_of(bits, leaf), max_size=4).map("".join),
        lambda inner: st.tuples(st.sampled_from(["span", "a"]), inner, bits).map(
            lambda t: f"<text:{t[0]}>{t[1]}</text:{t[0]}>{t[2]}"),
        max_leaves=8,
    )

    def odt(body: str) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", f'<office:document-content {ns} xmlns:office='
                             '"urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body>'
                             f"<office:text><text:p>{body}</text:p></office:text></office:body>"
                             "</office:document-content>")
        return out.getvalue()

    def shape(data: bytes) -> list:
        return [e.tag for e in etree.fromstring(members(data)["content.xml"]).iter()]

    @settings(max_examples=80, deadline=None)
    @given(st.lists(inline, min_size=1, max_size=4).map("".join))
    def check(body):
        source = odt(body)
        for fake in (upper, prefix):
            extracted, out = translate("a.odt", source, fake)
            assert shape(out) == shape(source)
            after = [own_text(p) for p in odt_paragraphs(out)]
            before = [own_text(p) for p in odt_paragraphs(source)]
            if fake is upper:
                assert after == [b.upper() for b in before]
            else:
                assert [words(a) - Counter({"EN": words(a)["EN"]}) for a in after] == [
                    words(b) for b in before]

    check()
