import base64
import multiprocessing
import os
import re

import pytest

from translator.errors import InvalidInputError
from translator.exchange import (
    Alternative,
    Pair,
    XliffUnit,
    add_to_tmx,
    file_key,
    load_pairs,
    read_pairs,
    read_table,
    read_tmx,
    read_xliff,
    unit_id,
    write_tmx,
    write_xliff,
)

DOC = [
    [XliffUnit("Halo dunia.", "Hello world.", notes=("untranslated: the output repeats the input",),
               alternatives=(Alternative("Hi world.", "Halo dunia!", 0.9, "tm.tmx"),
                             Alternative("Hello, world."))),
     XliffUnit("Apa kabar?", "How are you?", state="translated")],
    [],
    [XliffUnit("A & <b> \"c\"", "  x\r\ny\t ")],
]


def _xliff(skeleton=b"Halo dunia. Apa kabar?\n\nA & <b>", original="berita.txt"):
    return write_xliff(DOC, skeleton=skeleton, original=original, format="txt")


# --- XLIFF -----------------------------------------------------------------------------

def test_xliff_round_trip_keeps_everything_a_merge_needs():
    f = read_xliff(_xliff(), "berita.txt.xlf")
    assert (f.original, f.format, f.layout) == ("berita.txt", "txt", (2, 0, 1))
    assert f.skeleton == b"Halo dunia. Apa kabar?\n\nA & <b>"
    key = file_key(f.skeleton, f.original)
    assert [u.id for u in f.units] == [unit_id(0, 0, key), unit_id(0, 1, key), unit_id(2, 0, key)]
    assert [u.position for u in f.units] == [(0, 0), (0, 1), (2, 0)]
    assert [u.target for u in f.units] == ["Hello world.", "How are you?", "  x\r\ny\t "]
    assert f.units[2].source == "A & <b> \"c\""
    assert [u.state for u in f.units[:2]] == ["needs-review-translation", "translated"]
    assert f.units[0].notes == ("untranslated: the output repeats the input",)
    assert f.units[0].alternatives == (Alternative("Hi world.", "Halo dunia!", 0.9, "tm.tmx"),
                                       Alternative("Hello, world.", None, None, ""))
    assert not any(u.edited for u in f.units) and f.missing() == []
    assert [[u.target for u in row] for row in f.grid()] == [
        ["Hello world.", "How are you?"], [], ["  x\r\ny\t "]]
    assert [p.target for p in f.pairs()] == ["Hello world.", "How are you?", "  x\r\ny\t "]


def test_xliff_opens_in_translate_toolkit_and_its_edits_come_back():
    from translate.storage import xliff

    store = xliff.xlifffile.parsestring(_xliff())
    units = [u for u in store.units if not u.isheader()]
    assert [u.source for u in units] == ["Halo dunia.", "Apa kabar?", "A & <b> \"c\""]
    assert [u.target for u in units] == ["Hello world.", "How are you?", "  x\r\ny\t "]
    units[0].target = "Hello, world!"
    units[2].target = "Edited & <done>"
    units[1].markapproved(True)
    f = read_xliff(bytes(store), "berita.txt.xlf")
    grid = f.grid()
    assert grid[0][0].target == "Hello, world!" and grid[0][0].edited
    assert grid[2][0].target == "Edited & <done>" and grid[2][0].edited
    assert not grid[0][1].edited and grid[0][1].approved and grid[0][1].reviewed
    assert f.skeleton == b"Halo dunia. Apa kabar?\n\nA & <b>"
    assert [p.target for p in f.pairs(reviewed_only=True)] == [
        "Hello, world!", "How are you?", "Edited & <done>"]
    untouched = read_xliff(_xliff(), "b.xlf").pairs(reviewed_only=True)
    assert [p.target for p in untouched] == ["How are you?"]  # state="translated" (memory)


def test_xliff_units_that_do_not_belong_are_refused_by_name():
    data = _xliff()
    other = write_xliff(DOC, skeleton=b"another document", original="lain.txt", format="txt")
    foreign_id = read_xliff(other, "lain.txt.xlf").units[0].id
    mine = read_xliff(data, "b.xlf").units[0].id
    cases = {
        "foreign key": data.replace(mine.encode(), foreign_id.encode()),
        "out of layout": data.replace(mine.encode(), mine.replace("u0-s0", "u1-s0").encode()),
        "renamed": data.replace(mine.encode(), b"my-unit"),
    }
    for what, bad in cases.items():
        with pytest.raises(InvalidInputError, match="does not belong") as info:
            read_xliff(bad, "berita.txt.xlf")
        assert str(info.value).startswith("berita.txt.xlf:"), what
    duplicated = data.replace(read_xliff(data, "b").units[1].id.encode(), mine.encode())
    with pytest.raises(InvalidInputError, match="twice"):
        read_xliff(duplicated, "b.xlf")


def test_xliff_damaged_skeleton_or_none_cannot_be_merged():
    data = _xliff()
    b64 = base64.b64encode(b"Halo dunia. Apa kabar?\n\nA & <b>")
    with pytest.raises(InvalidInputError, match="bad base64"):
        read_xliff(data.replace(b64, b"%%%" + b64), "b.xlf")
    with pytest.raises(InvalidInputError, match="does not match"):
        read_xliff(data.replace(b64, base64.b64encode(b"something else")), "b.xlf")
    stripped = data.replace(b'<internal-file form="base64">' + b64 + b"</internal-file>", b"")
    f = read_xliff(stripped, "b.xlf")
    assert f.skeleton is None and len(f.pairs()) == 3
    with pytest.raises(InvalidInputError, match="original document"):
        f.grid()


def test_xliff_missing_units_and_targets_are_listed():
    data = _xliff().decode()
    data = re.sub(r'<trans-unit id="u0-s1.*?</trans-unit>\n', "", data, flags=re.S)
    data = re.sub(r'(<trans-unit id="u2-s0.*?)<target.*?</target>\n', r"\1", data, flags=re.S)
    f = read_xliff(data.encode(), "b.xlf")
    key = file_key(f.skeleton, "berita.txt")
    assert f.missing() == [unit_id(0, 1, key), unit_id(2, 0, key)]
    assert f.grid()[0][1] is None and f.grid()[2][0].target is None


def test_foreign_xliff_gives_its_translated_units_as_pairs():
    data = b"""<?xml version="1.0"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file original="x.po" datatype="po" source-language="id-ID" target-language="en-US"><body>
  <group><trans-unit id="1"><source>Saya <g id="1">makan</g> nasi.</source>
   <target>I eat <g id="1">rice</g>.<ph id="2">&lt;br/&gt;</ph></target></trans-unit></group>
  <trans-unit id="2"><source>Tanpa terjemahan.</source></trans-unit>
 </body></file></xliff>"""
    f = read_xliff(data, "po.xlf")
    assert f.layout is None and f.format is None
    assert f.pairs() == [Pair("Saya makan nasi.", "I eat rice.", "po.xlf")]
    with pytest.raises(InvalidInputError, match="not written by indo-translator"):
        f.grid()


# --- TMX -------------------------------------------------------------------------------

def test_tmx_inline_markup_languages_and_dates():
    data = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header srclang="id-ID" creationdate="20200101T000000Z"/><body>
 <tu changedate="20250101T000000Z"><tuv xml:lang="ID-ID">
  <seg>Klik <bpt i="1">&lt;b&gt;</bpt>Simpan<ept i="1">&lt;/b&gt;</ept>.</seg></tuv>
  <tuv xml:lang="EN-GB">
  <seg>Click <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept>.<ph>&lt;br/&gt;</ph></seg>
  </tuv></tu>
 <tu><tuv lang="in"><seg>Kata <hi>penting</hi>  di sini</seg></tuv>
  <tuv lang="en"><seg>An <hi>important</hi> word</seg></tuv></tu>
 <tu><tuv xml:lang="id"><seg>Hanya sumber</seg></tuv></tu>
 <tu><tuv xml:lang="fr"><seg>Bonjour</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>
</body></tmx>"""
    assert read_tmx(data, name="dir/tm.tmx") == [
        Pair("Klik Simpan.", "Click Save.", "tm.tmx", "20250101T000000Z"),
        Pair("Kata penting  di sini", "An important word", "tm.tmx", "20200101T000000Z"),
    ]


def test_utf16_tmx_as_trados_writes_it():
    xml = write_tmx([Pair("Satu.", "One.")]).decode().replace('"UTF-8"', '"UTF-16"')
    for name in ("trados.tmx", "memory"):
        assert [p.target for p in read_pairs(xml.encode("utf-16"), name=name)] == ["One."]


def test_tmx_write_read_round_trip_and_other_languages_refused():
    pairs = [Pair("Satu  & dua", "One & <two>\r\n", "a", "20260101T000000Z")]
    assert read_tmx(write_tmx(pairs), name="x.tmx") == [
        Pair("Satu  & dua", "One & <two>\r\n", "x.tmx", "20260101T000000Z")]
    with pytest.raises(InvalidInputError, match="languages found: de, fr"):
        read_tmx(write_tmx(pairs, source_lang="fr", target_lang="de"), name="x.tmx")


def test_add_to_tmx_replaces_duplicates_by_the_newest(tmp_path):
    path = tmp_path / "tm.tmx"
    assert add_to_tmx(path, [Pair("Satu.", "One.", "a", "20260101T000000Z"),
                             Pair("Dua.", "Two.", "a", "20260101T000000Z")]) == 2
    add_to_tmx(path, [Pair(" Satu. ", "One!", "b", "20260102T000000Z"),
                      Pair("Dua.", "Old two.", "b", "20250101T000000Z")])
    got = {p.source.strip(): p.target for p in load_pairs(path)}
    assert got == {"Satu.": "One!", "Dua.": "Two."}
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".tmp", ".lock"))]


def _writer(path, worker, count):
    for i in range(count):
        add_to_tmx(path, [Pair(f"Kalimat {worker} nomor {i}.", f"Sentence {worker} {i}.")])


@pytest.mark.slow
def test_two_processes_adding_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / "tm.tmx")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(path, w, 15)) for w in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    assert len(load_pairs(path)) == 30


# --- tables and dispatch ---------------------------------------------------------------

def test_tsv_and_csv_pairs_with_headers():
    assert read_table(b"source\ttarget\nSatu\tOne\n\nDua\tTwo\textra\n", name="p.tsv") == [
        Pair("Satu", "One", "p.tsv"), Pair("Dua", "Two", "p.tsv")]
    csv_data = '\ufeffIndonesian;English\n"Satu; dua";"One; two"\n'.encode()
    assert read_table(csv_data, name="p.csv") == [Pair("Satu; dua", "One; two", "p.csv")]
    assert read_table(b"a,b\nSatu,One\n", name="p.csv")[0] == Pair("a", "b", "p.csv")
    with pytest.raises(InvalidInputError, match="no row has a source and a target"):
        read_table(b"just one column\n", name="p.tsv")
    with pytest.raises(InvalidInputError, match="not UTF-8"):
        read_table(b"Satu\t\xff\xfe\x80\n", name="p.tsv")


def test_read_pairs_picks_the_reader_by_name_or_content():
    tmx = write_tmx([Pair("Satu.", "One.")])
    assert read_pairs(tmx, name="memory")[0].target == "One."
    assert read_pairs(_xliff(), name="b.xlf")[0].target == "Hello world."
    assert read_pairs(b"Satu\tOne\n", name="m.txt")[0].target == "One"


LAUGHS = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<tmx version="1.4"><body><tu><tuv xml:lang="id"><seg>&lol3;</seg></tuv></tu></body></tmx>"""
EXTERNAL = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>
<xliff version="1.2"><file original="a"><body><trans-unit id="1"><source>&e;</source>
</trans-unit></body></file></xliff>"""


@pytest.mark.parametrize("suffix", [".tmx", ".xlf"])
@pytest.mark.parametrize("data, words", [
    (LAUGHS, "entities"),
    (EXTERNAL, "entities"),
    (None, "not well-formed"),  # truncated
    (b"\x00\x01PK\x03\x04binary\x00", "binary"),
    (b"<html><body>hi</body></html>", "not a"),
])
def test_hostile_or_damaged_files_give_one_line_naming_the_file(tmp_path, suffix, data, words):
    if data is None:
        data = _xliff()[:-40] if suffix == ".xlf" else write_tmx([Pair("a", "b")])[:-30]
    path = tmp_path / f"bad{suffix}"
    path.write_bytes(data)
    with pytest.raises(InvalidInputError, match=words) as info:
        load_pairs(path)
    message = str(info.value)
    assert "\n" not in message and message.startswith(str(path)) and "Fix:" in message


def test_huge_and_missing_files_are_refused_before_reading(tmp_path):
    huge = tmp_path / "huge.tmx"
    with open(huge, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: nothing is read
    with pytest.raises(InvalidInputError, match="more than"):
        load_pairs(huge)
    with pytest.raises(FileNotFoundError, match="not found"):
        load_pairs(tmp_path / "nothing.tmx")
    with pytest.raises(InvalidInputError, match="more than"):
        read_xliff(_xliff(), "b.xlf", max_bytes=100)
    assert os.path.getsize(huge) > 0


# --- any text survives a round trip --------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from translator.exchange.xmltext import xml_safe  # noqa: E402


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.tuples(st.text(min_size=1), st.text()), max_size=3), max_size=4),
       st.text(min_size=1))
def test_any_text_comes_back_from_xliff_and_tmx(doc, original):
    units = [[XliffUnit(s, t) for s, t in unit] for unit in doc]
    f = read_xliff(write_xliff(units, skeleton=b"\x00\xff raw", original=original, format="txt"),
                   "p.xlf")
    assert f.original == xml_safe(original) and f.skeleton == b"\x00\xff raw"
    assert [[(u.source, u.target) for u in row] for row in f.grid()] == [
        [(xml_safe(s), xml_safe(t)) for s, t in unit] for unit in doc]
    pairs = [Pair(s, t) for unit in doc for s, t in unit if s.strip() and t.strip()]
    got = read_tmx(write_tmx(pairs), name="p.tmx") if pairs else []
    assert [(p.source, p.target) for p in got] == [
        (xml_safe(p.source), xml_safe(p.target)) for p in pairs]
