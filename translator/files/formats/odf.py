"""OpenDocument text, presentations and spreadsheets (odt, odp, ods), via the ODF XML.

Translated, in ``content.xml``: every paragraph and heading (``text:p``, ``text:h``) of
the body, lists, tables, frames and text boxes, shapes, footnotes and endnotes
(``text:note``), comments (``office:annotation``), slides and their speaker notes
(``presentation:notes``), slide header and footer texts, and the alternative text (title
and description) of pictures, frames and shapes; in a spreadsheet, the paragraphs of
string cells only (cells with a number, date, time, percentage, currency or boolean
value, and cells with a formula, are left alone). In ``styles.xml``: the text of page
headers and footers. In every chart: its titles and the labels of its data (series and
categories); LibreOffice draws the chart again from them (its stored preview picture is
not redrawn).

A paragraph is one unit for the model, its spans and links joined, so its sentences are
translated whole; the translation is then cut back onto the spans
(:func:`~translator.files.formats.placement.place_runs`), so every span, link, bookmark,
note citation and field stays in the paragraph exactly once and in order. Line breaks
and tabs cut a paragraph into separate units. Styles, attributes and every element are
kept; only text changes.

Every other part of the package (pictures, embedded objects, settings, the manifest)
keeps its bytes, and the ``mimetype`` part comes first, stored. Not translated, and named
in :attr:`Extracted.untranslated`: embedded objects other than charts (formulas, OLE
objects, other documents), and pictures.
A password-protected document is refused with a message saying so.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from translator.errors import InvalidInputError
from translator.files.formats.base import DocumentFormat, Extracted, FormatOptions, Units
from translator.files.formats.package import NOT_XML, open_package, write_package
from translator.files.formats.placement import place_runs
from translator.untrusted import parse_xml, parse_xml_tree, read_member

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_DRAW = "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_PRESENTATION = "{urn:oasis:names:tc:opendocument:xmlns:presentation:1.0}"
_MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
_XLINK = "{http://www.w3.org/1999/xlink}"

_PARAGRAPHS = (f"{_TEXT}p", f"{_TEXT}h")
# Inline elements whose text belongs to the paragraph's sentence.
_INLINE = frozenset(f"{_TEXT}{name}" for name in ("span", "a", "meta", "ruby", "ruby-base"))
# Elements that end a unit: the text on either side is translated separately.
_BREAKS = frozenset((f"{_TEXT}line-break", f"{_TEXT}tab"))
# Page header and footer elements of styles.xml's master pages.
_HEADERS = frozenset(
    f"{_STYLE}{side}{variant}" for side in ("header", "footer")
    for variant in ("", "-left", "-first")
)
# Containers that start a new text flow inside a table cell (their text is not the cell's).
_FLOWS = frozenset((f"{_OFFICE}annotation", f"{_DRAW}text-box", f"{_TEXT}note-body"))
_SVG = "{urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0}"
# Elements holding plain text (no markup) to translate.
_PLAIN = (f"{_PRESENTATION}header-decl", f"{_PRESENTATION}footer-decl", f"{_SVG}title",
          f"{_SVG}desc")
_CHART_TYPE = "application/vnd.oasis.opendocument.chart"

# (element, "text" or "tail"), or (a text:s element, "space"): the space it stands for,
# which the model sees and the element keeps.
_Location = tuple[Any, str]
_SPACE = f"{_TEXT}s"


def _get(location: _Location) -> str:
    element, where = location
    if where == "space":
        return " "
    return (element.text if where == "text" else element.tail) or ""


def _put(locations: Sequence[_Location], texts: Sequence[str]) -> None:
    """Write the placed texts; what falls on a ``text:s`` goes to the text before it.

    The element already stands for one space, so one space of its share is dropped.
    """
    carry = ""
    values = [""] * len(locations)
    last = None  # the last real location
    for i, ((_, where), text) in enumerate(zip(locations, texts)):
        if where != "space":
            values[i], last = carry + text, i
            carry = ""
            continue
        text = text.replace(" ", "", 1) if " " in text else text
        if last is not None:
            values[last] += text
        else:
            carry += text
    if carry:  # only spaces before: nothing real to give it to but the last location
        values[last if last is not None else 0] += carry
    for (element, where), value in zip(locations, values):
        if where != "space":
            setattr(element, where, value or None)


def _segments(paragraph: Any) -> list[list[_Location]]:
    """The text locations of a paragraph, in order, cut at line breaks and tabs.

    Notes, frames, fields, bookmarks and every other non-text element stay where they
    are between the locations; their own paragraphs are units of their own.
    """
    segments: list[list[_Location]] = [[]]

    def walk(element: Any) -> None:
        segments[-1].append((element, "text"))
        for child in element:
            if child.tag in _INLINE:
                walk(child)
            elif child.tag in _BREAKS:
                segments.append([])
            elif child.tag == _SPACE:
                segments[-1].append((child, "space"))
            segments[-1].append((child, "tail"))

    walk(paragraph)
    return segments


def _in_value_cell(paragraph: Any) -> bool:
    """Whether the paragraph shows a table cell's number, date, formula result ..."""
    for ancestor in paragraph.iterancestors():
        if ancestor.tag in _FLOWS:
            return False
        if ancestor.tag == f"{_TABLE}table-cell":
            kind = ancestor.get(f"{_OFFICE}value-type")
            return ancestor.get(f"{_TABLE}formula") is not None or kind not in (None, "string")
    return False


def _check_not_encrypted(manifest: bytes | None, source: str) -> dict[str, str]:
    """The manifest's media types by path; a password-protected document is refused."""
    if manifest is None:
        return {}
    root = parse_xml(manifest, name=f"{source} (part META-INF/manifest.xml)")
    if root.find(f".//{_MANIFEST}encryption-data") is not None:
        raise InvalidInputError(
            f"{source}: the document is password protected (encrypted). Fix: open it in "
            "LibreOffice with its password and save a copy without one (File > Save As, "
            "untick 'Save with password'), then translate that copy."
        )
    return {
        (entry.get(f"{_MANIFEST}full-path") or "").rstrip("/"): entry.get(
            f"{_MANIFEST}media-type"
        ) or ""
        for entry in root.iter(f"{_MANIFEST}file-entry")
    }


def _untranslated(root: Any, media_types: dict[str, str]) -> list[str]:
    """Names of the embedded objects (other than charts) and pictures of a document part."""
    found = []
    for frame in root.iter(f"{_DRAW}frame"):
        objects = [c for c in frame if c.tag in (f"{_DRAW}object", f"{_DRAW}object-ole")]
        for obj in objects:
            path = (obj.get(f"{_XLINK}href") or "").removeprefix("./").rstrip("/")
            if media_types.get(path) != _CHART_TYPE:  # a chart's texts are translated
                found.append(f"embedded object ({path or 'inline'})")
        if not objects:
            for image in frame.iter(f"{_DRAW}image"):
                path = image.get(f"{_XLINK}href") or "inline"
                found.append(f"image ({path})")
    return found


class OdfFormat(DocumentFormat):
    """See the module docstring; :class:`OdtFormat`, :class:`OdpFormat`, :class:`OdsFormat`."""

    name = "odf"
    extensions: tuple[str, ...] = (".odt", ".odp", ".ods")

    def extract(self, data: bytes, *, source: str, options: FormatOptions) -> Extracted:
        """See :class:`DocumentFormat`."""
        archive = open_package(data, source=source, kind="OpenDocument")
        names = set(archive.namelist())
        manifest = (
            read_member(archive, "META-INF/manifest.xml", name=source)
            if "META-INF/manifest.xml" in names else None
        )
        media_types = _check_not_encrypted(manifest, source)
        units = Units()
        slots: list[tuple[list[_Location], Any]] = []
        roots: dict[str, Any] = {}  # the parts with something to translate
        untranslated: list[str] = []
        charts = [f"{path}/content.xml" for path, kind in media_types.items()
                  if kind == _CHART_TYPE and path]
        for member in ("content.xml", "styles.xml", *charts):
            if member != "content.xml" and member not in names:
                continue
            root = parse_xml_tree(
                read_member(archive, member, name=source), name=f"{source} (part {member})"
            )
            if member == "styles.xml":
                paragraphs = [
                    p for box in root.iter(*_HEADERS) for p in box.iter(*_PARAGRAPHS)
                ]
                declarations = []
            else:  # the document's content, or a chart's (titles, labels, legend)
                paragraphs = [p for p in root.iter(*_PARAGRAPHS) if not _in_value_cell(p)]
                # Slide header/footer texts, and alternative texts of frames and shapes.
                declarations = [[(d, "text")] for d in root.iter(*_PLAIN)]
            if member == "content.xml":
                untranslated += _untranslated(root, media_types)
            for locations in [s for p in paragraphs for s in _segments(p)] + declarations:
                slot = units.text("".join(map(_get, locations)))
                if not isinstance(slot, str):
                    slots.append((locations, slot))
                    roots[member] = root

        def rebuild(translations: Sequence[str]) -> bytes:
            from lxml import etree

            for locations, slot in slots:
                pieces = [_get(location) for location in locations]
                translation = NOT_XML.sub("", slot.render(translations))
                _put(locations, place_runs(pieces, translation))
            replaced = {
                member: etree.tostring(
                    root.getroottree(), xml_declaration=True, encoding="UTF-8"
                )
                for member, root in roots.items()
            }
            return write_package(archive, replaced, source=source)

        return Extracted(units.texts, rebuild, untranslated)


class OdtFormat(OdfFormat):
    """OpenDocument text (LibreOffice Writer)."""

    name = "odt"
    extensions = (".odt",)


class OdpFormat(OdfFormat):
    """OpenDocument presentation (LibreOffice Impress)."""

    name = "odp"
    extensions = (".odp",)


class OdsFormat(OdfFormat):
    """OpenDocument spreadsheet (LibreOffice Calc): string cells only."""

    name = "ods"
    extensions = (".ods",)
