"""Office Open XML packages (docx, pptx, xlsx): the parts translated, every other byte kept.

An Office file is a zip archive of XML parts. The formats built on this module edit only
the parts that hold text (found by their content type in ``[Content_Types].xml``), with
lxml, and write every other member of the archive back unchanged, in the same order, with
the same names, dates and compression method. Documents are opened through
:mod:`translator.untrusted` (bounded zip, no entity expansion); an encrypted Office file
(an OLE compound file, not a zip) is refused as password protected.

A paragraph is read as *stretches* (text between tabs, line breaks, drawings: things that
are not text stay where they are) made of *groups* (neighbouring text elements with the
same formatting, hyperlink or field). Each stretch is one unit, so the model gets whole
sentences; :func:`translator.files.formats.placement.place_runs` puts its translation back on
the groups.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from translator.errors import UnsupportedFormatError
from translator.files.formats.base import Extracted, Units
from translator.files.formats.package import NOT_XML, open_archive, write_package
from translator.files.formats.placement import PlaceRuns, place_runs
from translator.untrusted import parse_xml_tree, read_member

_CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_GRAPHIC_DATA = f"{_A}graphicData"

#: A text element, with the key that groups it (same key: same formatting and container).
Text = tuple[Any, object]
#: Where a stretch is cut (a tab, a line break, a drawing).
CUT = None
#: Where a group ends though the formatting goes on (a footnote reference, a comment's
#: range): the text on either side stays on its side.
NEW_GROUP = "new group"


#: What a graphic frame holds (by its graphicData URI's end) -> the name of an item that
#: is not translated.
_GRAPHIC_NAMES = {
    "drawingml/2006/chart": "chart",
    "drawingml/2014/chartex": "chart",
    "drawingml/2006/diagram": "SmartArt",
    "presentationml/2006/ole": "embedded object",
    "drawingml/2006/picture": "image",
}


#: Main part content type ends -> what the package is.
_KINDS = {
    "wordprocessingml.document.main+xml": "a Word document",
    "presentationml.presentation.main+xml": "a PowerPoint presentation",
    "spreadsheetml.sheet.main+xml": "an Excel workbook",
    "opendocument.text": "an OpenDocument text",
}

#: Main part content type ends of each kind (macro-enabled and templates too).
DOCX_MAIN = ("wordprocessingml.document.main+xml", "wordprocessingml.template.main+xml",
             "ms-word.document.macroenabled.main+xml",
             "ms-word.template.macroenabledtemplate.main+xml")
PPTX_MAIN = ("presentationml.presentation.main+xml", "presentationml.slideshow.main+xml",
             "presentationml.template.main+xml",
             "ms-powerpoint.presentation.macroenabled.main+xml",
             "ms-powerpoint.slideshow.macroenabled.main+xml",
             "ms-powerpoint.template.macroenabled.main+xml")
XLSX_MAIN = ("spreadsheetml.sheet.main+xml", "spreadsheetml.template.main+xml",
             "ms-excel.sheet.macroenabled.main+xml", "ms-excel.template.macroenabled.main+xml")


def set_text(element: Any, text: str, *, preserve: bool) -> None:
    """Set an element's text (characters XML cannot hold dropped).

    ``preserve``: mark leading or trailing whitespace with ``xml:space="preserve"``
    (WordprocessingML and SpreadsheetML need it; DrawingML keeps whitespace anyway).
    """
    text = NOT_XML.sub("", text)
    element.text = text
    if preserve and text != text.strip():
        element.set(_XML_SPACE, "preserve")


def stretches(items: Iterable[Text | str | None]) -> Iterator[list[list[Any]]]:
    """Stretches of text elements cut at :data:`CUT`, each a list of groups.

    A group is a run of neighbouring text elements with the same key, not separated by
    :data:`NEW_GROUP`.
    """
    groups: list[list[Any]] = []
    last: object = object()
    for item in items:
        if item is CUT:
            if groups:
                yield groups
            groups, last = [], object()
            continue
        if item is NEW_GROUP:
            last = object()
            continue
        element, key = item
        if groups and key == last:
            groups[-1].append(element)
        else:
            groups.append([element])
            last = key
    if groups:
        yield groups


class TextCollector:
    """The units of a document's stretches, and how to put their translations back."""

    def __init__(self, *, preserve: bool) -> None:
        self.units = Units()
        self.preserve = preserve
        self._slots: list[tuple[list[list[Any]], list[str], Any]] = []

    @property
    def count(self) -> int:
        """Stretches collected so far (to tell whether a part had any text)."""
        return len(self._slots)

    def add(self, groups: list[list[Any]]) -> None:
        """One stretch: a unit when it has letters."""
        texts = ["".join(e.text or "" for e in group) for group in groups]
        slot = self.units.text("".join(texts))
        if not isinstance(slot, str):
            self._slots.append((groups, texts, slot))

    def add_all(self, items: Iterable[Text | str | None]) -> None:
        """Every stretch of ``items``."""
        for groups in stretches(items):
            self.add(groups)

    def apply(self, translations: Sequence[str], place: PlaceRuns = place_runs) -> None:
        """Write the translations into the elements (the first of each group gets its text)."""
        for groups, texts, slot in self._slots:
            pieces = place(texts, slot.render(translations))
            for group, piece in zip(groups, pieces):
                set_text(group[0], piece, preserve=self.preserve)
                for element in group[1:]:
                    set_text(element, "", preserve=self.preserve)


def graphic_names(root: Any) -> list[str]:
    """Names of the charts, SmartArt, embedded objects and pictures in graphic frames.

    The fallback of ``mc:AlternateContent`` (a copy for older programs) is not counted.
    """
    names = []
    for data in root.iter(_GRAPHIC_DATA):
        uri = data.get("uri", "")
        name = next((n for end, n in _GRAPHIC_NAMES.items() if uri.endswith(end)), None)
        if name and not in_fallback(data):
            names.append(name)
    return names


def in_fallback(element: Any) -> bool:
    """Whether ``element`` is inside an ``mc:Fallback`` (a copy for older programs)."""
    return any(a.tag == _MC_FALLBACK for a in element.iterancestors())


def drawingml_items(paragraph: Any) -> Iterator[Text | None]:
    """The text of a DrawingML paragraph (``a:p``: slides, notes, sheet drawings)."""
    for child in paragraph:
        tag = child.tag
        if tag in (f"{_A}r", f"{_A}fld"):
            rpr = child.find(f"{_A}rPr")
            key = (tag, xml_bytes(rpr), child if tag == f"{_A}fld" else None)
            for t in child.iter(f"{_A}t"):
                yield t, key
        elif tag not in (f"{_A}pPr", f"{_A}endParaRPr"):
            yield CUT  # a:br, equations, anything else


def drawingml_paragraphs(root: Any) -> Iterator[Any]:
    """Every DrawingML paragraph of a part."""
    return root.iter(f"{_A}p")


def xml_bytes(element: Any) -> bytes:
    """An element serialized (b"" for None): compares formatting."""
    if element is None:
        return b""
    from lxml import etree

    return etree.tostring(element)


class Package:
    """An Office package: its members, the parts by content type, and writing it back."""

    def __init__(self, data: bytes, *, source: str, kind: str, main: tuple[str, ...]) -> None:
        """Open ``data`` (the file ``source``, a ``kind`` such as ".docx").

        ``main``: content type ends of the package's main part; a package without one
        is another kind of document and is refused by name.
        """
        self.source = source
        self.archive = open_archive(data, source=source, kind=kind)
        self.infos = self.archive.infolist()
        names = {i.filename for i in self.infos}
        if "[Content_Types].xml" not in names:
            raise UnsupportedFormatError(
                f"{source}: not a valid {kind} file (no [Content_Types].xml). Fix: open and "
                f"save it again in the program that made it, or pass the right --format."
            )
        types = self.parse("[Content_Types].xml")
        # Part names and content types compare without case (OPC).
        defaults = {d.get("Extension", "").lower(): d.get("ContentType", "").lower()
                    for d in types.iter(f"{_CT}Default")}
        overrides = {o.get("PartName", "").lstrip("/").lower(): o.get("ContentType", "").lower()
                     for o in types.iter(f"{_CT}Override")}
        self.types = {
            name: overrides.get(name.lower(), defaults.get(name.rsplit(".", 1)[-1].lower(), ""))
            for name in names
        }
        if not self.parts(*main):
            found = next((k for t in self.types.values() for end, k in _KINDS.items()
                          if t.endswith(end)), "not an Office document")
            raise UnsupportedFormatError(
                f"{source}: not a {kind} file ({found}). Fix: give it its right extension, "
                "or pass the right --format."
            )
        self.edited: dict[str, Any] = {}
        self._declared: dict[str, bool] = {}  # whether an edited part had an XML declaration

    def parts(self, *type_ends: str) -> list[str]:
        """Names of the parts whose content type ends with one of ``type_ends``, in order."""
        ends = tuple(end.lower() for end in type_ends)
        return [i.filename for i in self.infos if self.types.get(i.filename, "").endswith(ends)]

    def raw(self, member: str) -> bytes:
        """A member's bytes."""
        return read_member(self.archive, member, name=self.source)

    def parse(self, member: str) -> Any:
        """A member parsed with lxml (bounded, no entities)."""
        return parse_xml_tree(self.raw(member), name=f"{self.source}: {member}")

    def edit(self, member: str) -> Any:
        """A member parsed, to be written back (once edited) by :meth:`save`."""
        if member not in self.edited:
            self.edited[member] = self.parse(member)
            self._declared[member] = self.raw(member).lstrip().startswith(b"<?xml")
        return self.edited[member]

    def collect(self, member: str, collector: TextCollector,
                items: Callable[[Any], Iterable[Iterable[Text | str | None]]]) -> Any:
        """Add the stretches of a part to ``collector``; returns the part's root.

        ``items`` gives, for the part's root, the items of each of its paragraphs. A part
        without text to translate is not written back: it stays byte for byte.
        """
        before = collector.count
        root = self.edit(member)
        if isinstance(root.tag, str) and root.tag.startswith("{http://purl.oclc.org/ooxml/"):
            raise UnsupportedFormatError(
                f"{self.source}: saved as Strict Open XML, which is not read here. Fix: save "
                "it again choosing the ordinary (Transitional) format, e.g. 'Word Document "
                "(*.docx)' rather than 'Strict Open XML Document'."
            )
        for paragraph in items(root):
            collector.add_all(paragraph)
        if collector.count == before:
            del self.edited[member]
        return root

    def save(self) -> bytes:
        """The package with the edited parts written back, every other member unchanged."""
        from lxml import etree

        replaced = {}
        for name, root in self.edited.items():
            tree = root.getroottree()
            declared = self._declared[name]
            replaced[name] = etree.tostring(
                tree, xml_declaration=declared, encoding="UTF-8",
                standalone=tree.docinfo.standalone if declared else None)
        return write_package(self.archive, replaced, source=self.source)

    def extracted(self, collector: TextCollector, untranslated: list[str]) -> Extracted:
        """The document's units, and a rebuild that writes their translations back."""

        def rebuild(translations: Sequence[str]) -> bytes:
            collector.apply(translations)
            return self.save()

        return Extracted(collector.units.texts, rebuild, untranslated)
