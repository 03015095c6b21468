import io
import zipfile

import pytest

from translator.errors import InvalidInputError
from translator.untrusted import ZipLimits, feed_xml, open_zip, parse_xml, read_member


def test_parse_xml_reads_well_formed_xml():
    assert parse_xml(b"<a><b>x</b></a>", name="t.xml").find("b").text == "x"


@pytest.mark.parametrize("data, words", [
    (b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', "entities"),
    (b'<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>', "entities"),
    (b"<a><b>", "not well-formed"),
    (b"\x00\x01\x02binary", "binary"),
])
def test_parse_xml_refuses_hostile_or_broken_xml_by_name(data, words):
    with pytest.raises(InvalidInputError, match=words) as info:
        parse_xml(data, name="memory.tmx")
    assert str(info.value).startswith("memory.tmx:") and "Fix:" in str(info.value)


def test_parse_xml_refuses_too_large_documents():
    with pytest.raises(InvalidInputError, match="more than"):
        parse_xml(b"<a>" + b"x" * 100 + b"</a>", name="t", max_bytes=50)


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_open_zip_reads_members():
    archive = open_zip(_zip({"a.xml": b"<a/>"}), name="d.docx")
    assert read_member(archive, "a.xml", name="d.docx") == b"<a/>"
    with pytest.raises(InvalidInputError, match="missing"):
        read_member(archive, "b.xml", name="d.docx")


def test_open_zip_refuses_bombs_and_damage():
    bomb = _zip({"big.xml": b"\0" * (20 * 1024 * 1024)})
    with pytest.raises(InvalidInputError, match="zip bomb"):
        open_zip(bomb, name="bomb.docx")
    with pytest.raises(InvalidInputError, match="parts"):
        open_zip(_zip({f"{i}": b"" for i in range(5)}), name="d", limits=ZipLimits(members=4))
    with pytest.raises(InvalidInputError, match="damaged"):
        open_zip(b"PK\x03\x04 not really", name="d.docx")


def test_parse_xml_reports_element_lines_and_still_refuses_entities():
    lines: dict = {}
    root = parse_xml(b"<a>\n<b/>\n\n<c><d/></c></a>", name="x.xml", lines=lines)
    assert {e.tag: n for e, n in lines.items()} == {"a": 1, "b": 2, "c": 4, "d": 4}
    assert lines[root] == 1
    with pytest.raises(InvalidInputError, match="declares entities"):
        parse_xml(b'<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', name="x.xml", lines={})


class _Collect:
    def __init__(self):
        self.events = []

    def start(self, name, attrs):
        self.events.append(("start", name, attrs))

    def end(self, name):
        self.events.append(("end", name))

    def data(self, text):
        self.events.append(("data", text))

    def close(self):
        return self.events


def test_feed_xml_streams_names_as_written():
    events = feed_xml(b'<a xml:lang="id"><b>x &amp; y</b></a>', _Collect(), name="t.tmx")
    assert events == [("start", "a", {"xml:lang": "id"}), ("start", "b", {}),
                      ("data", "x & y"), ("end", "b"), ("end", "a")]


@pytest.mark.parametrize("data, words", [
    (b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', "entities"),
    (b'<!DOCTYPE a [<!ENTITY % p SYSTEM "http://example.com/x.dtd"> %p;]><a/>', "entities"),
    (b'<!DOCTYPE a SYSTEM "tmx14.dtd"><a><b>', "not well-formed"),
    (b"\x00\x01\x02binary", "binary"),
])
def test_feed_xml_refuses_what_parse_xml_refuses(data, words):
    with pytest.raises(InvalidInputError, match=words) as info:
        feed_xml(data, _Collect(), name="memory.tmx")
    assert str(info.value).startswith("memory.tmx:") and "\n" not in str(info.value)


def test_parse_xml_tree_keeps_prefixes_and_refuses_entity_declarations():
    from lxml import etree

    from translator.untrusted import parse_xml_tree

    root = parse_xml_tree(b'<w:a xmlns:w="urn:w"><w:b>x</w:b></w:a>', name="p.xml")
    assert etree.tostring(root) == b'<w:a xmlns:w="urn:w"><w:b>x</w:b></w:a>'
    for data, words in [(b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', "declares entities"),
                        (b"<a><b>", "not well-formed")]:
        with pytest.raises(InvalidInputError, match=words) as info:
            parse_xml_tree(data, name="p.xml")
        assert str(info.value).startswith("p.xml:") and "Fix:" in str(info.value)
    with pytest.raises(InvalidInputError, match="more than"):
        parse_xml_tree(b"<a>" + b"x" * 100 + b"</a>", name="t", max_bytes=50)


def test_open_zip_names_an_encrypted_office_file():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(InvalidInputError, match="password protected.*Fix:"):
        open_zip(ole, name="a.docx")


def test_parse_xml_tree_keeps_prefixes_and_refuses_entities(tmp_path):
    pytest.importorskip("lxml")
    from lxml import etree

    from translator.untrusted import parse_xml_tree

    root = parse_xml_tree(b'<t:a xmlns:t="urn:x"><!-- c --><t:b>x</t:b></t:a>', name="c.xml")
    assert etree.tostring(root) == b'<t:a xmlns:t="urn:x"><!-- c --><t:b>x</t:b></t:a>'
    secret = tmp_path / "secret.txt"
    secret.write_text("RAHASIA")
    laughs = b'<!DOCTYPE a [<!ENTITY x "ha"><!ENTITY y "&x;&x;&x;">]><a>&y;</a>'
    external = f'<!DOCTYPE a [<!ENTITY s SYSTEM "file://{secret}">]><a>&s;</a>'.encode()
    for data in (laughs, external):
        with pytest.raises(InvalidInputError, match="c.xml: refused: .*entities.*Fix:"):
            parse_xml_tree(data, name="c.xml")
    # An external DTD is neither loaded nor fetched; its entities stay unexpanded.
    dtd = tmp_path / "x.dtd"
    dtd.write_text('<!ENTITY s "RAHASIA">')
    root = parse_xml_tree(f'<!DOCTYPE a SYSTEM "file://{dtd}"><a>&s;</a>'.encode(), name="c")
    assert b"RAHASIA" not in etree.tostring(root)
    with pytest.raises(InvalidInputError, match="not well-formed"):
        parse_xml_tree(b"<a><b></a>", name="c.xml")
    with pytest.raises(InvalidInputError, match="more than"):
        parse_xml_tree(b"<a>" + b"x" * 100 + b"</a>", name="c.xml", max_bytes=50)
