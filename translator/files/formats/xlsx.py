"""Excel workbooks: the text cells of every sheet and the comments translated.

The workbook's parts are edited directly (see :mod:`translator.files.formats.ooxml`), not
loaded and saved again with openpyxl, which would drop charts, images, pivot tables and
anything else it does not model. Translated: the shared strings (the text of ordinary
cells) and inline strings of every sheet, rich text run by run (each run's font kept on
its share of the words), cell comments and threaded comments, and the text boxes and
shapes of sheet drawings. Untouched: numbers, dates, booleans, formulas and their cached
results, sheet names (formulas refer to them), defined names, styles, merged cells, column
widths, row heights, data validation, and every other part, byte for byte.

Not translated, and named in :attr:`Extracted.untranslated`: charts, SmartArt, embedded
(OLE) objects, pictures, and page headers and footers (templates with &-codes). Data
validation messages and defined names are left as they are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from translator.files.formats.base import DocumentFormat, Extracted, FormatOptions
from translator.files.formats.ooxml import (
    XLSX_MAIN,
    Package,
    Text,
    TextCollector,
    drawingml_items,
    drawingml_paragraphs,
    graphic_names,
    in_fallback,
    xml_bytes,
)

_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_TC = "{http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments}"
_XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
#: A sheet's page header or footer with words in it (its &-codes make it a template).
_HEADER_FOOTER = re.compile(rb"<(?:\w+:)?(?:odd|even|first)(?:Header|Footer)>[^<]*?[A-Za-z]{3}")


def _rich_text_items(element: Any) -> Iterator[Text | None]:
    """The text of a shared string, inline string or comment (plain or rich text)."""
    for child in element:
        if child.tag == f"{_S}t":
            yield child, None
        elif child.tag == f"{_S}r":
            key = xml_bytes(child.find(f"{_S}rPr"))
            for t in child.iter(f"{_S}t"):
                yield t, key
        # phonetic runs (rPh) and properties (phoneticPr) are not the cell's text


class XlsxFormat(DocumentFormat):
    """See the module docstring."""

    name = "xlsx"
    extensions = (".xlsx", ".xlsm")

    def extract(self, data: bytes, *, source: str, options: FormatOptions) -> Extracted:
        """See :class:`DocumentFormat`."""
        package = Package(data, source=source, kind=".xlsx", main=XLSX_MAIN)
        collector = TextCollector(preserve=True)
        untranslated: list[str] = []
        for member in package.parts("sharedStrings+xml"):
            package.collect(member, collector, lambda root: (
                _rich_text_items(si) for si in root.iter(f"{_S}si")))
        for member in package.parts("worksheet+xml"):
            raw = package.raw(member)
            if b"inlineStr" in raw:  # only then parsed and written back
                package.collect(member, collector, lambda root: (
                    _rich_text_items(item) for item in root.iter(f"{_S}is")))
            untranslated += ["header or footer"] * len(_HEADER_FOOTER.findall(raw))
        for member in package.parts("spreadsheetml.comments+xml"):
            package.collect(member, collector, lambda root: (
                _rich_text_items(text) for text in root.iter(f"{_S}text")))
        for member in package.parts("threadedcomments+xml"):
            package.collect(member, collector, lambda root: (
                [(text, None)] for text in root.iter(f"{_TC}text")))
        for member in package.parts("drawing+xml"):
            root = package.collect(member, collector, lambda root: (
                drawingml_items(p) for p in drawingml_paragraphs(root)))
            untranslated += graphic_names(root)
            untranslated += ["image" for p in root.iter(f"{_XDR}pic") if not in_fallback(p)]

        return package.extracted(collector, untranslated)
