"""A minimal Word document written from paragraphs (no python-docx needed).

Used for ``pdf_as="docx"``: a translated PDF's text blocks become an editable document,
one paragraph per block in reading order, a page break where the PDF's page changes, each
paragraph in its block's font size (rounded to half points) and colour. The package holds
only what Word, LibreOffice and python-docx need to open it: the content types, the
package relationships and ``word/document.xml``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from translator.files.formats.package import NOT_XML

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph to write: its text, size (points; None: the default), colour, page."""

    text: str
    size: float | None = None
    color: tuple[float, float, float] = (0.0, 0.0, 0.0)
    page: int = 0


def _run_properties(paragraph: Paragraph) -> str:
    props = ""
    if any(paragraph.color):
        hexa = "".join(f"{round(max(0.0, min(c, 1.0)) * 255):02X}" for c in paragraph.color)
        props += f'<w:color w:val="{hexa}"/>'
    if paragraph.size:
        half_points = max(2, round(paragraph.size * 2))
        props += f'<w:sz w:val="{half_points}"/>'
    return f"<w:rPr>{props}</w:rPr>" if props else ""


def _runs(text: str, props: str) -> str:
    """The runs of a paragraph's text, its line breaks kept as ``w:br``."""
    out = []
    for i, line in enumerate(NOT_XML.sub("", text).split("\n")):
        br = "<w:br/>" if i else ""
        out.append(f'<w:r>{props}{br}<w:t xml:space="preserve">{escape(line)}</w:t></w:r>')
    return "".join(out)


def write_docx(paragraphs: Iterable[Paragraph]) -> bytes:
    """A .docx holding ``paragraphs``, a page break before each new page's first one."""
    body = []
    page = None
    for paragraph in paragraphs:
        props = _run_properties(paragraph)
        brk = '<w:r><w:br w:type="page"/></w:r>' if page is not None and (
            paragraph.page != page) else ""
        page = paragraph.page
        body.append(f"<w:p>{brk}{_runs(paragraph.text, props)}</w:p>")
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:document xmlns:w="{_W}"><w:body>{"".join(body)}<w:sectPr/></w:body></w:document>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
    return out.getvalue()
