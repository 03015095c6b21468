"""PDF: each text block replaced in place by its translation, on the same pages.

pdfminer.six finds the text blocks of every page (its layout analysis groups characters
into lines and lines into boxes); each block is one unit, its lines joined, so its
sentences reach the model whole. The translated file is the source with its text drawing
operations removed (pypdf) and every block drawn again in its own box (reportlab): the
translation, in Helvetica, its size reduced until it fits the box (never below
:data:`MIN_FONT_SIZE`, and never cut), in the colour of the block's first character.
Blocks without letters (numbers, dates) are drawn again as they were. Pictures, vector
drawings, links, annotations, page sizes and the document's structure are kept.

Not translated, and named in :attr:`Extracted.untranslated`: a page without a text layer
(a scanned image: run OCR first), and a page whose fonts do not map their glyphs to
letters (left exactly as it was). On a scanned page with an OCR text layer (invisible
text over the picture), each block's translation is drawn on a white ground over the
picture's words. A password-protected PDF is refused with a message
saying so (a PDF that only restricts editing opens without a password and is
translated; the translation carries no restrictions). With ``pdf_as="docx"``
(:class:`FormatOptions`) the translation is written as an editable Word document
instead: a paragraph per block, in reading order, a page break per page
(:mod:`translator.files.formats.docx_write`). Needs the ``pdf`` extra (pypdf,
pdfminer.six, reportlab; all permissively licensed).
"""

from __future__ import annotations

import io
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from translator.errors import (
    InvalidInputError,
    InvalidOptionError,
    MissingDependencyError,
    option_fix,
)
from translator.files.formats.base import DocumentFormat, Extracted, FormatOptions, Units

#: The font size a translation is never reduced below (points).
MIN_FONT_SIZE = 4.0
FONT = "Helvetica"
_LEADING = 1.15
# The operators that draw text or set its state (PDF 32000, tables 105, 107, 108, 109).
_TEXT_OPERATORS = frozenset(
    (b"BT", b"ET", b"Tc", b"Tw", b"Tz", b"TL", b"Tf", b"Tr", b"Ts", b"Td", b"TD", b"Tm",
     b"T*", b"Tj", b"TJ", b"'", b'"')
)
# A character pdfminer could not map to Unicode (a font without a ToUnicode map).
_UNMAPPED = re.compile(r"\(cid:\d+\)")


def _require() -> None:
    try:
        import pdfminer  # noqa: F401
        import pypdf  # noqa: F401
        import reportlab  # noqa: F401
    except ImportError as exc:
        package = {"pdfminer": "pdfminer.six"}.get(exc.name or "", exc.name or "pypdf")
        raise MissingDependencyError(package, "formats", "Translating PDF files") from exc


@dataclass(frozen=True)
class Block:
    """A text block of a page: its box (PDF points, page origin), text, size, colour, font."""

    page: int
    box: tuple[float, float, float, float]
    text: str
    size: float
    color: tuple[float, float, float]
    font: str = FONT


def _open(data: bytes, source: str) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InvalidInputError(
                f"{source}: the PDF is password protected. Fix: open it with its password "
                "and print or save it as a PDF without one, then translate that copy."
            )
        len(reader.pages)
    except InvalidInputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InvalidInputError(
            f"{source}: not a valid PDF (damaged or truncated: {exc}). Fix: open it in a PDF "
            "viewer and save (or print) it as a PDF again."
        ) from exc
    return reader


def _color(char: Any) -> tuple[float, float, float]:
    state = getattr(char, "graphicstate", None)
    value = getattr(state, "ncolor", None)
    if isinstance(value, (int, float)):
        return (float(value),) * 3
    if isinstance(value, (tuple, list)) and len(value) == 3:
        return tuple(float(v) for v in value)  # type: ignore[return-value]
    if isinstance(value, (tuple, list)) and len(value) == 4:  # CMYK
        c, m, y, k = (float(v) for v in value)
        return ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    return (0.0, 0.0, 0.0)


def _block(page: int, box: Any) -> Block | None:
    from pdfminer.layout import LTChar, LTTextLine

    lines, sizes, first = [], [], None
    for line in box:
        if not isinstance(line, LTTextLine):
            continue
        lines.append(line.get_text().strip())
        for char in line:
            if isinstance(char, LTChar):
                sizes.append(char.size)
                first = first or char
    text = ""
    for line in filter(None, lines):
        joiner = "" if not text or text.endswith("-") else " "
        text += joiner + line
    if not text:
        return None
    size = statistics.median(sizes) if sizes else 10.0
    return Block(page, tuple(box.bbox), text, size, _color(first), _font(first))


def _font(char: Any) -> str:
    """The standard font closest to the character's: Helvetica, bold and/or oblique."""
    name = (getattr(char, "fontname", "") or "").lower()
    bold = any(w in name for w in ("bold", "black", "heavy", "semibold"))
    slanted = "italic" in name or "oblique" in name
    return FONT + ("-" if bold or slanted else "") + ("Bold" if bold else "") + (
        "Oblique" if slanted else ""
    )


def _layout(data: bytes, source: str) -> tuple[list[list[Block]], list[bool]]:
    """The text blocks of every page, and whether each page shows pictures."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTFigure, LTImage, LTTextBox

    pages: list[list[Block]] = []
    pictures: list[bool] = []
    try:
        for number, page in enumerate(extract_pages(io.BytesIO(data),
                                                    laparams=LAParams(all_texts=True))):
            blocks: list[Block] = []
            seen_picture = False
            stack = list(page)
            while stack:
                item = stack.pop(0)
                if isinstance(item, LTTextBox):
                    block = _block(number, item)
                    if block is not None:
                        blocks.append(block)
                elif isinstance(item, LTImage):
                    seen_picture = True
                elif isinstance(item, LTFigure):
                    stack[:0] = list(item)
            pages.append(blocks)
            pictures.append(seen_picture)
    except Exception as exc:  # pdfminer raises many kinds on broken files
        raise InvalidInputError(
            f"{source}: the PDF's text could not be read ({type(exc).__name__}: {exc}). Fix: "
            "open it in a PDF viewer and save (or print) it as a PDF again."
        ) from exc
    return pages, pictures


def _strip_text(page: Any, writer: Any) -> bool:
    """Remove the text operators of a page and of its forms (nested ones too).

    Returns:
        Whether some of the text was invisible (render mode 3: the text layer OCR puts
        over a scanned page), so the words are also in the page's picture.
    """
    from pypdf.generic import ContentStream

    invisible = False
    seen: set[Any] = set()

    def strip(stream: Any) -> Any:
        nonlocal invisible
        content = ContentStream(stream, writer)
        kept = []
        for operands, operator in content.operations:
            if operator == b"Tr" and operands and operands[0] == 3:
                invisible = True
            # Inside a text object only the text operators go: a colour or graphics
            # state set there still applies to the drawings after it.
            if operator not in _TEXT_OPERATORS:
                kept.append((operands, operator))
        content.operations = kept
        return content

    def strip_forms(resources: Any) -> None:
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        for ref in (xobjects.get_object().values() if xobjects is not None else ()):
            form = ref.get_object()
            key = getattr(ref, "idnum", None) or id(form)
            if form.get("/Subtype") != "/Form" or key in seen:
                continue
            seen.add(key)
            form.set_data(strip(form).get_data())
            strip_forms(form.get("/Resources"))  # forms inside forms

    contents = page.get_contents()
    if contents is not None:
        page.replace_contents(strip(contents))
    strip_forms(page.get("/Resources"))
    return invisible


def fit(
    text: str, width: float, height: float, size: float, font: str = FONT
) -> tuple[float, list[str]]:
    """The largest font size (at most ``size``) at which ``text`` fits the box, and its lines.

    Below :data:`MIN_FONT_SIZE` the text is not reduced further (and may overflow the box).
    """
    from reportlab.lib.utils import simpleSplit

    size = max(size, MIN_FONT_SIZE)
    while True:
        lines = simpleSplit(text, font, size, max(width, size)) or [""]
        if len(lines) * size * _LEADING <= height + size * 0.3 or size <= MIN_FONT_SIZE:
            return size, lines
        size = max(size - 0.5, MIN_FONT_SIZE)


def _latin(text: str) -> str:
    """Text the standard fonts can draw (Windows-1252); other characters become "?"."""
    return text.encode("cp1252", errors="replace").decode("cp1252")


def _overlay(
    width: float, height: float, blocks: Sequence[tuple[Block, str]], *, cover: bool = False
) -> bytes:
    """A page with the blocks' texts drawn in their boxes; ``cover``: on a white ground."""
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=(width, height))
    for block, text in blocks:
        x0, y0, x1, y1 = block.box
        if cover:
            drawing.setFillColorRGB(1, 1, 1)
            drawing.rect(x0 - 1, y0 - 1, x1 - x0 + 2, y1 - y0 + 2, stroke=0, fill=1)
        size, lines = fit(_latin(text), x1 - x0, y1 - y0, block.size, block.font)
        drawing.setFillColorRGB(*block.color)
        drawing.setFont(block.font, size)
        y = y1 - size * 0.9
        for line in lines:
            drawing.drawString(x0, y, line)
            y -= size * _LEADING
    drawing.showPage()
    drawing.save()
    return out.getvalue()


def _display(page: Any) -> tuple[float, float, tuple[float, ...]]:
    """A page as the reader sees it: width, height, and the matrix back to the page's space.

    The layout's boxes are in the reader's view (pdfminer turns a page with ``/Rotate``
    and moves the media box's corner to the origin); the overlay is drawn in that view and
    mapped back.
    """
    box = page.mediabox
    x0, y0, x1, y1 = (float(v) for v in (box.left, box.bottom, box.right, box.top))
    rotate = (page.rotation or 0) % 360
    a, b, c, d, e, f = {
        90: (0, -1, 1, 0, -y0, x1), 180: (-1, 0, 0, -1, x1, y1), 270: (0, 1, -1, 0, y1, -x0),
    }.get(rotate, (1, 0, 0, 1, -x0, -y0))
    det = a * d - b * c
    inverse = (d / det, -b / det, -c / det, a / det, (c * f - d * e) / det,
               (b * e - a * f) / det)
    width, height = x1 - x0, y1 - y0
    return (height, width, inverse) if rotate in (90, 270) else (width, height, inverse)


class PdfFormat(DocumentFormat):
    """See the module docstring."""

    name = "pdf"
    extensions = (".pdf",)

    def extract(self, data: bytes, *, source: str, options: FormatOptions) -> Extracted:
        """See :class:`DocumentFormat`."""
        _require()

        _open(data, source)
        pages, pictures = _layout(data, source)
        units = Units()
        placed: list[tuple[Block, Any]] = []  # (block, slot or its text when kept)
        untranslated = []
        for number, blocks in enumerate(pages):
            if any(_UNMAPPED.search(block.text) for block in blocks):
                # Left as it is: drawing "(cid:12)" instead of its words would lose them.
                untranslated.append(f"page {number + 1} (its fonts do not say which letters "
                                    "they draw: run OCR on it first)")
                continue
            if not blocks and pictures[number]:
                untranslated.append(
                    f"page {number + 1} (no text layer: a scanned image? run OCR first)")
            for block in blocks:
                placed.append((block, units.text(block.text)))

        if options.pdf_as not in ("pdf", "docx"):
            raise InvalidOptionError(
                "pdf_as", options.pdf_as, f"a PDF is written as 'pdf' or 'docx', not "
                f"{options.pdf_as!r}.", option_fix("pdf_as", "docx", before="use"))

        def as_docx(translations: Sequence[str]) -> bytes:
            from translator.files.formats.docx_write import Paragraph, write_docx

            return write_docx(
                Paragraph(slot if isinstance(slot, str) else slot.render(translations).strip(),
                          block.size, block.color, block.page)
                for block, slot in placed)

        def rebuild(translations: Sequence[str]) -> bytes:
            from pypdf import PdfReader, PdfWriter, Transformation

            if options.pdf_as == "docx":
                return as_docx(translations)

            writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
            by_page: dict[int, list[tuple[Block, str]]] = {}
            for block, slot in placed:
                text = slot if isinstance(slot, str) else slot.render(translations).strip()
                by_page.setdefault(block.page, []).append((block, text))
            for number, page in enumerate(writer.pages):
                if not by_page.get(number):
                    continue
                scanned = _strip_text(page, writer)
                width, height, to_page = _display(page)
                overlay = PdfReader(io.BytesIO(
                    _overlay(width, height, by_page[number], cover=scanned)
                )).pages[0]
                page.merge_transformed_page(overlay, Transformation(ctm=to_page))
            out = io.BytesIO()
            writer.write(out)
            return out.getvalue()

        return Extracted(units.texts, rebuild, untranslated)
