"""Helpers for the Office format tests: zip members, and XML compared with text upper-cased."""

from __future__ import annotations

import io
import zipfile

from translator.files.formats import FormatOptions, get_format


def members(data: bytes) -> dict[str, bytes]:
    """Every member of a zip archive, by name, in order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def assert_same_except(src: bytes, out: bytes, edited: set[str]) -> None:
    """Same members in the same order; all but ``edited`` byte for byte."""
    a, b = members(src), members(out)
    assert list(a) == list(b)
    for name in a:
        if name not in edited:
            assert a[name] == b[name], name


def upper_texts(src_xml: bytes, text_tags: tuple[str, ...]) -> bytes:
    """``src_xml`` with the text of every ``text_tags`` element upper-cased (canonical)."""
    from lxml import etree

    root = etree.fromstring(src_xml)
    for element in root.iter(*text_tags):
        element.text = (element.text or "").upper()
    return etree.tostring(root, method="c14n")


def assert_only_text_upper(src_xml: bytes, out_xml: bytes, text_tags: tuple[str, ...]) -> None:
    """The part is the source with exactly its text elements upper-cased, nothing else."""
    from lxml import etree

    expected = upper_texts(src_xml, text_tags)
    got = etree.tostring(etree.fromstring(out_xml), method="c14n")
    assert got == expected


def extract(name: str, data: bytes):  # noqa: ANN201
    """The format's :class:`Extracted` for ``data``."""
    return get_format(name.rsplit(".", 1)[1]).extract(data, source=name, options=FormatOptions())


def to_shared_strings(data: bytes) -> bytes:
    """An openpyxl workbook (inline strings) as Excel writes it: strings in sharedStrings.xml."""
    import re

    files = members(data)
    strings: list[bytes] = []

    def share(match: re.Match[bytes]) -> bytes:
        strings.append(match.group(2))
        return match.group(1) + b' t="s"><v>' + str(len(strings) - 1).encode() + b"</v></c>"

    for name in files:
        if name.startswith("xl/worksheets/sheet"):
            files[name] = re.sub(rb'(<c r="\w+"(?: s="\d+")?) t="inlineStr"><is>(.*?)</is></c>',
                                 share, files[name])
    files["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.'
        b'openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">' % (
            len(strings), len(strings))
        + b"".join(b"<si>" + s + b"</si>" for s in strings) + b"</sst>"
    )
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    files["xl/_rels/workbook.xml.rels"] = files["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.'
        b'org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        b"</Relationships>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


def add_word_parts(data: bytes, parts: dict[str, tuple[str, str, bytes]]) -> bytes:
    """A .docx with more parts (``word/<name>``: content type end, relationship type, XML)."""
    files = members(data)
    for i, (name, (type_end, rel, xml)) in enumerate(parts.items()):
        files[f"word/{name}"] = xml
        files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
            b"</Types>", b'<Override PartName="/word/%s" ContentType="application/vnd.openxml'
            b'formats-officedocument.wordprocessingml.%s"/></Types>' % (name.encode(),
                                                                       type_end.encode()))
        files["word/_rels/document.xml.rels"] = files["word/_rels/document.xml.rels"].replace(
            b"</Relationships>", b'<Relationship Id="rIdX%d" Type="http://schemas.openxml'
            b'formats.org/officeDocument/2006/relationships/%s" Target="%s"/></Relationships>'
            % (i, rel.encode(), name.encode()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()
