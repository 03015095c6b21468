"""Electronic books (epub 2 and 3): every XHTML document through the html format.

Translated: every XHTML content document of the package (the spine's, in reading order,
then any other the manifest lists), the EPUB 3 navigation document among them, each with
the html format's guarantees (only the text of text nodes changes; tags, attributes,
entities, scripts and whitespace are kept byte for byte), and the titles of the epub 2
table of contents (``toc.ncx``: the book title and every ``navLabel``). All units of all
documents come from one ``extract``, so their sentences batch together. A translated
XHTML document that was well-formed XML is checked to still be.

Kept byte for byte: the package document (OPF: metadata, manifest, spine), the container,
stylesheets, fonts, pictures and every other part; the ``mimetype`` part comes first,
stored. Not translated, and named in :attr:`Extracted.untranslated`: pictures (the
manifest's images, the cover among them). A book protected by DRM (content encrypted in
``META-INF/encryption.xml``; font obfuscation is not DRM) is refused with a message
saying so.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from typing import Any
from urllib.parse import unquote

from translator.errors import InvalidInputError
from translator.files.formats.base import DocumentFormat, Extracted, FormatOptions, Units
from translator.files.formats.html import HtmlFormat
from translator.files.formats.package import NOT_XML, open_package, write_package
from translator.untrusted import parse_xml, parse_xml_tree, read_member

_CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
_OPF = "{http://www.idpf.org/2007/opf}"
_NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
_ENC = "{http://www.w3.org/2001/04/xmlenc#}"
_HTML_TYPES = ("application/xhtml+xml", "text/html")
_NCX_TYPE = "application/x-dtbncx+xml"
# Font obfuscation (IDPF, Adobe): fonts are mangled, content is readable. Not DRM.
_OBFUSCATION = frozenset(("http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"))


def _part(source: str, member: str) -> str:
    return f"{source} (part {member})"


def _check_no_drm(archive: Any, source: str) -> None:
    """Refuse a book whose content is encrypted (DRM)."""
    if "META-INF/encryption.xml" not in archive.namelist():
        return
    member = "META-INF/encryption.xml"
    root = parse_xml(read_member(archive, member, name=source), name=_part(source, member))
    locked = []
    for data in root.iter(f"{_ENC}EncryptedData"):
        method = data.find(f"{_ENC}EncryptionMethod")
        algorithm = method.get("Algorithm") if method is not None else None
        if algorithm in _OBFUSCATION:
            continue
        reference = data.find(f".//{_ENC}CipherReference")
        locked.append(reference.get("URI", "?") if reference is not None else "?")
    if locked:
        raise InvalidInputError(
            f"{source}: the book is protected by DRM ({len(locked)} encrypted parts, e.g. "
            f"{locked[0]!r}), so its text cannot be read. Fix: translate a DRM-free copy "
            "(from the publisher or the author); this tool does not remove DRM."
        )


def _package(archive: Any, source: str) -> tuple[str, Any]:
    """The package document's path and its parsed root."""
    member = "META-INF/container.xml"
    container = parse_xml(read_member(archive, member, name=source), name=_part(source, member))
    rootfile = container.find(f".//{_CONTAINER}rootfile")
    path = rootfile.get("full-path") if rootfile is not None else None
    if not path:
        raise InvalidInputError(
            f"{source}: the epub names no package document (META-INF/container.xml has no "
            "rootfile). Fix: open the book in an epub editor (e.g. Sigil or Calibre) and "
            "save it again."
        )
    return path, parse_xml(read_member(archive, path, name=source), name=_part(source, path))


def _documents(opf_path: str, opf: Any) -> tuple[dict[str, str], list[str], list[str]]:
    """The package's (X)HTML documents, NCX files and pictures.

    The documents map path -> media type, in reading order (the spine's first).
    """
    base = posixpath.dirname(opf_path)
    items: dict[str, tuple[str, str]] = {}
    for item in opf.iter(f"{_OPF}item"):
        href = item.get("href")
        if href:
            path = posixpath.normpath(posixpath.join(base, unquote(href.split("#")[0])))
            items[item.get("id", path)] = (path, (item.get("media-type") or "").lower())
    html = [path for path, kind in items.values() if kind in _HTML_TYPES]
    spine = [items[ref.get("idref")][0] for ref in opf.iter(f"{_OPF}itemref")
             if items.get(ref.get("idref", ""), ("", ""))[1] in _HTML_TYPES]
    kinds = {path: kind for path, kind in items.values()}
    ordered = {path: kinds[path] for path in [*spine, *html]}
    ncx = [path for path, kind in items.values() if kind == _NCX_TYPE]
    images = [path for path, kind in items.values() if kind.startswith("image/")]
    return ordered, ncx, images


def _well_formed(data: bytes, name: str) -> bool:
    try:
        parse_xml(data, name=name)
    except InvalidInputError:
        return False
    return True


class EpubFormat(DocumentFormat):
    """See the module docstring."""

    name = "epub"
    extensions = (".epub",)

    def extract(self, data: bytes, *, source: str, options: FormatOptions) -> Extracted:
        """See :class:`DocumentFormat`."""
        archive = open_package(data, source=source, kind="epub")
        _check_no_drm(archive, source)
        opf_path, opf = _package(archive, source)
        documents, ncx_files, images = _documents(opf_path, opf)
        names = set(archive.namelist())
        html = HtmlFormat()
        texts: list[str] = []
        parts: list[tuple[str, bytes, Extracted]] = []
        for member, kind in documents.items():
            if member not in names:
                continue  # a manifest entry without its file: nothing to translate
            raw = read_member(archive, member, name=source)
            extracted = html.extract(raw, source=_part(source, member), options=options,
                                     xml=kind == "application/xhtml+xml")
            if extracted.units:
                parts.append((member, raw, extracted))
                texts += extracted.units
        units = Units()
        units.texts = texts  # the html units first, then the NCX titles
        ncx_slots: list[tuple[str, Any, list[tuple[Any, Any]]]] = []
        for member in ncx_files:
            if member not in names:
                continue
            root = parse_xml_tree(read_member(archive, member, name=source),
                                  name=_part(source, member))
            slots = []
            for text in root.iter(f"{_NCX}text"):
                if text.getparent() is not None and text.getparent().tag in (
                    f"{_NCX}navLabel", f"{_NCX}docTitle"
                ):
                    slot = units.text(text.text or "")
                    if not isinstance(slot, str):
                        slots.append((text, slot))
            if slots:
                ncx_slots.append((member, root, slots))

        def rebuild(translations: Sequence[str]) -> bytes:
            from lxml import etree

            clean = [NOT_XML.sub("", t) for t in translations]
            replaced: dict[str, bytes] = {}
            start = 0
            for member, raw, extracted in parts:
                own = clean[start : start + len(extracted.units)]
                start += len(extracted.units)
                out = extracted.rebuild(own)
                name = _part(source, member)
                if not _well_formed(out, name) and _well_formed(raw, name):
                    raise InvalidInputError(  # pragma: no cover - html.py escapes text
                        f"{name}: the translated document is not well-formed XML. Fix: "
                        "report this as a bug, with the book if you can."
                    )
                replaced[member] = out
            for member, root, slots in ncx_slots:
                for element, slot in slots:
                    element.text = slot.render(clean)
                replaced[member] = etree.tostring(
                    root.getroottree(), xml_declaration=True, encoding="UTF-8"
                )
            return write_package(archive, replaced, source=source)

        untranslated = [f"image ({path})" for path in images]
        return Extracted(units.texts, rebuild, untranslated)
