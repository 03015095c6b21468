"""Word documents: all their text translated, every other byte of the package kept.

The WordprocessingML parts are edited directly (see :mod:`translator.files.formats.ooxml`):
the body, headers, footers, footnotes, endnotes and comments; in each, every paragraph,
including those of tables (nested too) and of text boxes (DrawingML ``wps:txbx`` and VML
``v:textbox``: both ``w:txbxContent``). Hyperlinks, field results (the text between a
field's ``separate`` and ``end`` marks, and ``w:fldSimple``), content controls, tracked
insertions and smart tags are translated with the sentence they are in; field
instructions, deleted text and everything that is not text are left as they are.

A paragraph is translated whole, cut only at tabs, line breaks and symbols, so the model
sees whole sentences across bold words, links, note references and pictures; the
translation is put back on the runs by :func:`translator.files.formats.placement.place_runs`
(formatting, hyperlinks and field results stay on their share of the words, in place;
note references, pictures and text boxes stay between the words they were between).
Neighbouring runs with the same formatting, in the same hyperlink or field, are one group:
its text goes into the first of them. Paragraph styles, numbering, tables, images and
every other part are untouched.

Not translated, and named in :attr:`Extracted.untranslated`: charts, SmartArt, embedded
(OLE) objects and pictures.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from translator.files.formats.base import DocumentFormat, Extracted, FormatOptions
from translator.files.formats.ooxml import (
    CUT,
    DOCX_MAIN,
    NEW_GROUP,
    Package,
    Text,
    TextCollector,
    graphic_names,
    in_fallback,
    xml_bytes,
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_V = "{urn:schemas-microsoft-com:vml}"

#: Content types (their ends) of the parts that hold text.
TEXT_PARTS = (*DOCX_MAIN, "header+xml", "footer+xml", "footnotes+xml", "endnotes+xml",
              "comments+xml")

# Elements whose runs belong to the sentence around them, each a group of its own.
_CONTAINERS = frozenset(f"{_W}{t}" for t in ("hyperlink", "fldSimple"))
# Elements whose content is never translated here: properties, deleted text, text boxes
# (their paragraphs are read on their own), math.
_SKIPPED = frozenset(f"{_W}{t}" for t in ("pPr", "del", "moveFrom", "txbxContent"))
# Run children that are not text and do not cut a sentence.
_INVISIBLE = frozenset(f"{_W}{t}" for t in (
    "rPr", "lastRenderedPageBreak", "instrText", "delInstrText", "annotationRef",
    "footnoteRef", "endnoteRef", "softHyphen",
))
# Marks that do not cut a sentence but stay between the words they were between: the
# text before and after them are separate groups. Pictures, shapes and text boxes are
# marks too: anchored ones float wherever their anchor is, and the sentence around an
# inline one is still one sentence.
_MARKS = frozenset((*(f"{_W}{t}" for t in (
    "footnoteReference", "endnoteReference", "commentReference", "commentRangeStart",
    "commentRangeEnd", "drawing", "pict", "object",
)), "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"))


class _Fields:
    """Tracks complex fields (``w:fldChar``) across a paragraph's runs."""

    def __init__(self) -> None:
        self.stack: list[list[Any]] = []  # per open field: [separate mark or None]

    def mark(self, char: Any) -> None:
        kind = char.get(f"{_W}fldCharType")
        if kind == "begin":
            self.stack.append([None])
        elif kind == "separate" and self.stack:
            self.stack[-1][0] = char
        elif kind == "end" and self.stack:
            self.stack.pop()

    def key(self) -> tuple[Any, ...]:
        return tuple(f[0] for f in self.stack)


def _paragraph_items(paragraph: Any) -> Iterator[Text | str | None]:
    """The text elements of a paragraph with their group keys, and where it is cut."""
    fields = _Fields()

    def walk(element: Any, containers: tuple[Any, ...]) -> Iterator[Text | str | None]:
        for child in element:
            tag = child.tag
            if tag == f"{_W}r":
                yield from run(child, containers)
            elif tag in _MARKS:
                yield NEW_GROUP
            elif tag in _SKIPPED or not isinstance(tag, str):
                continue
            elif tag in _CONTAINERS:
                yield from walk(child, (*containers, child))
            elif tag.startswith("{http://schemas.openxmlformats.org/officeDocument/2006/math"):
                yield CUT
            else:  # w:ins, w:smartTag, w:sdt/w:sdtContent, w:customXml, w:moveTo ...
                yield from walk(child, containers)

    def run(r: Any, containers: tuple[Any, ...]) -> Iterator[Text | str | None]:
        key = None
        for child in r:
            tag = child.tag
            if tag == f"{_W}t":
                if key is None:
                    key = (xml_bytes(r.find(f"{_W}rPr")), containers, fields.key())
                yield child, key
            elif tag == f"{_W}fldChar":
                fields.mark(child)
                key = None
            elif tag in _MARKS:
                yield NEW_GROUP
            elif tag not in _INVISIBLE and isinstance(tag, str):
                yield CUT  # w:tab, w:br, w:cr, w:sym, w:ptab ...

    yield from walk(paragraph, ())


def _untranslated(root: Any) -> list[str]:
    """Charts, SmartArt, embedded objects and pictures of a part."""
    names = graphic_names(root)
    for obj in root.iter(f"{_W}object"):
        if not in_fallback(obj):
            names.append("embedded object")
    for image in root.iter(f"{_V}imagedata"):
        if not in_fallback(image) and not any(
            a.tag == f"{_W}object" for a in image.iterancestors()
        ):
            names.append("image")
    return names


class DocxFormat(DocumentFormat):
    """See the module docstring."""

    name = "docx"
    extensions = (".docx",)

    def extract(self, data: bytes, *, source: str, options: FormatOptions) -> Extracted:
        """See :class:`DocumentFormat`."""
        package = Package(data, source=source, kind=".docx", main=DOCX_MAIN)
        collector = TextCollector(preserve=True)
        untranslated: list[str] = []
        for member in package.parts(*TEXT_PARTS):
            root = package.collect(member, collector, lambda root: (
                _paragraph_items(p) for p in root.iter(f"{_W}p")))
            untranslated += _untranslated(root)

        return package.extracted(collector, untranslated)
