"""docx, all of it: hyperlinks, fields, text boxes, footnotes, endnotes and comments.

The fake translator upper-cases: each edited part must be its source with exactly its
``w:t`` texts upper-cased (field instructions, links and formatting unchanged), and every
other member of the package byte for byte the same.
"""

from __future__ import annotations

import io

import pytest

from tests.office_helpers import (
    add_word_parts,
    assert_only_text_upper,
    assert_same_except,
    extract,
    members,
)
from tests.test_formats import run

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_T = f"{{{W_NS}}}t"
NS = (f'xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')

LINK_SENTENCE = ("Menurut laporan Badan Pusat Statistik, harga beras naik. "
                 "Lantas apa yang dihadapi banyak negara?")

VML_BOX = (f'<w:r {NS}><w:pict><v:shape id="k1" style="width:200pt;height:50pt"><v:textbox>'
           '<w:txbxContent><w:p><w:r><w:t>Isi kotak teks lama</w:t></w:r></w:p>'
           '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
DML_BOX = (f'<w:r {NS}><w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="9" '
           'name="Kotak"/><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/'
           'word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r>'
           '<w:t>Isi kotak teks baru</w:t></w:r></w:p></w:txbxContent></wps:txbx><wps:bodyPr/>'
           '</wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>')


def _notes(kind: str, text: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind}s {NS}>'
            f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
            f'</w:{kind}><w:{kind} w:id="1"><w:p><w:r><w:{kind}Ref/></w:r><w:r>'
            f'<w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:{kind}></w:{kind}s>'
            ).encode()


def make_docx() -> bytes:
    docx = pytest.importorskip("docx")
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml
    from PIL import Image

    document = docx.Document()
    document.add_heading("Laporan harga pangan", level=1)
    paragraph = document.add_paragraph("Menurut laporan ")
    rid = document.part.relate_to("https://bps.go.id", RELATIONSHIP_TYPE.HYPERLINK,
                                  is_external=True)
    paragraph._p.append(parse_xml(
        f'<w:hyperlink {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'relationships" r:id="{rid}"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr>'
        '<w:t>Badan Pusat Statistik</w:t></w:r></w:hyperlink>'))
    paragraph.add_run(", harga beras naik. Lantas apa yang dihadapi banyak negara?")
    field = document.add_paragraph("Dicetak pada ")
    for xml in ['<w:r {0}><w:fldChar w:fldCharType="begin"/></w:r>',
                '<w:r {0}><w:instrText xml:space="preserve"> DATE \\@ "d MMMM yyyy" </w:instrText>'
                "</w:r>", '<w:r {0}><w:fldChar w:fldCharType="separate"/></w:r>',
                '<w:r {0}><w:rPr><w:i/></w:rPr><w:t>tanggal hari ini</w:t></w:r>',
                '<w:r {0}><w:fldChar w:fldCharType="end"/></w:r>']:
        field._p.append(parse_xml(xml.format(NS)))
    field.add_run(" oleh redaksi.")
    noted = document.add_paragraph("Harga beras naik")
    noted._p.append(parse_xml(f'<w:r {NS}><w:footnoteReference w:id="1"/></w:r>'))
    noted._p.append(parse_xml(f'<w:r {NS}><w:endnoteReference w:id="1"/></w:r>'))
    noted.add_run(" tajam tahun ini.")
    boxes = document.add_paragraph()
    boxes._p.append(parse_xml(VML_BOX))
    boxes._p.append(parse_xml(DML_BOX))
    commented = document.add_paragraph("Pasokan gula aman.")
    document.add_comment(commented.runs, text="Komentar tentang pasokan.", author="Budi")
    image = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(image, format="PNG")
    image.seek(0)
    document.add_picture(image)
    out = io.BytesIO()
    document.save(out)
    return add_word_parts(out.getvalue(), {
        "footnotes.xml": ("footnotes+xml", "footnotes", _notes("footnote", "Sumber data resmi.")),
        "endnotes.xml": ("endnotes+xml", "endnotes", _notes("endnote", "Catatan akhir penting.")),
    })


EDITED = {"word/document.xml", "word/comments.xml", "word/footnotes.xml", "word/endnotes.xml"}


def test_docx_every_part_translated_everything_else_kept(fake_translator, tmp_path) -> None:
    docx = pytest.importorskip("docx")
    src = make_docx()
    out = run(fake_translator, tmp_path, "a.docx", src)
    assert_same_except(src, out, EDITED)
    for name in EDITED:
        assert_only_text_upper(members(src)[name], members(out)[name], (W_T,))
    document = docx.Document(io.BytesIO(out))
    texts = [p.text for p in document.paragraphs]
    assert LINK_SENTENCE.upper() in texts  # the link's words in place, not moved
    assert document.paragraphs[1].hyperlinks[0].text == "BADAN PUSAT STATISTIK"
    assert "DICETAK PADA TANGGAL HARI INI OLEH REDAKSI." in texts
    # (the field's instruction is untouched: assert_only_text_upper compared it)
    comment = next(iter(document.comments))
    assert comment.text == "KOMENTAR TENTANG PASOKAN." and comment.author == "Budi"


def test_docx_units_are_whole_sentences_across_links_fields_and_notes() -> None:
    extracted = extract("a.docx", make_docx())
    for unit in [LINK_SENTENCE, "Dicetak pada tanggal hari ini oleh redaksi.",
                 "Harga beras naik tajam tahun ini.", "Isi kotak teks lama",
                 "Isi kotak teks baru", "Sumber data resmi.", "Catatan akhir penting.",
                 "Komentar tentang pasokan.", "Laporan harga pangan"]:
        assert unit in extracted.units
    assert not any("DATE" in u for u in extracted.units)
    assert extracted.untranslated == ["image"]


def test_docx_hyperlink_keeps_its_share_of_a_real_translation() -> None:
    docx = pytest.importorskip("docx")
    extracted = extract("a.docx", make_docx())
    english = ("According to the report of the Central Statistics Agency, rice prices rose. "
               "So what do many countries face?")
    out = extracted.rebuild([english if u == LINK_SENTENCE else u for u in extracted.units])
    paragraph = docx.Document(io.BytesIO(out)).paragraphs[1]
    assert paragraph.text == english
    link = paragraph.hyperlinks[0].text
    assert link.strip() and link in english.split(".")[0]  # mid-sentence, first sentence
    assert "According" not in link and "rose" not in link


def test_docx_picture_or_text_box_mid_sentence_keeps_the_sentence_whole() -> None:
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml

    document = docx.Document()
    paragraph = document.add_paragraph("Harga beras naik ")
    paragraph._p.append(parse_xml(VML_BOX))
    paragraph.add_run("tajam tahun ini.\tBaris kedua.")
    buffer = io.BytesIO()
    document.save(buffer)
    extracted = extract("a.docx", buffer.getvalue())
    assert extracted.units == ["Harga beras naik tajam tahun ini.", "Baris kedua.",
                               "Isi kotak teks lama"]
    out = extracted.rebuild([u.upper() for u in extracted.units])
    runs = docx.Document(io.BytesIO(out)).paragraphs[0]._p.findall(f"{{{W_NS}}}r")
    assert ["".join(t.text for t in r.iter(W_T) if t.getparent() is r) for r in runs] == [
        "HARGA BERAS NAIK ", "", "TAJAM TAHUN INI.BARIS KEDUA."]
