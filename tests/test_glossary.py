"""Reading glossaries (TSV, CSV, TBX), bad files, keep terms, merge and digest."""

from __future__ import annotations

import pytest

from translator.errors import GlossaryError, InvalidInputError, NotTextError
from translator.terms import Glossary, Term, read_glossary


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def pairs(glossary_or_terms):
    return [(t.source, t.target) for t in glossary_or_terms]


def test_tsv_with_header_note_comments_and_blank_lines(tmp_path):
    path = write(tmp_path, "terms.tsv", "source\ttarget\tnote\n"
                 "# a comment\n\nBadan Pusat Statistik\tStatistics Indonesia\tagency\n"
                 "BRIN\tBRIN\n  pemerintah \t government \n")
    terms = read_glossary(path)
    assert pairs(terms) == [("Badan Pusat Statistik", "Statistics Indonesia"),
                            ("BRIN", "BRIN"), ("pemerintah", "government")]
    assert terms[0].note == "agency"
    assert terms[0].origin == "terms.tsv, line 4"
    assert [t.keep for t in terms] == [False, True, False]


def test_tsv_without_header_keeps_first_line(tmp_path):
    path = write(tmp_path, "t.tsv", "perang\twar\n")
    assert pairs(read_glossary(path)) == [("perang", "war")]


def test_csv_with_quotes_header_and_bom(tmp_path):
    path = write(tmp_path, "t.csv", "\ufeffsource,target\n"
                 '"Jakarta, Indonesia","Jakarta, Indonesia"\nperang,war,a note\n')
    terms = read_glossary(path)
    assert pairs(terms) == [("Jakarta, Indonesia", "Jakarta, Indonesia"), ("perang", "war")]
    assert terms[1].note == "a note"


def test_semicolon_csv_as_excel_writes_it_in_an_indonesian_locale(tmp_path):
    path = write(tmp_path, "excel.csv", "source;target\nBadan Pusat Statistik;Statistics "
                 "Indonesia\nharga;price;Rp 1,5 juta\n")
    terms = read_glossary(path)
    assert pairs(terms) == [("Badan Pusat Statistik", "Statistics Indonesia"),
                            ("harga", "price")]
    assert terms[1].note == "Rp 1,5 juta"


def test_format_from_content_when_extension_says_nothing(tmp_path):
    assert pairs(read_glossary(write(tmp_path, "a.txt", "perang\twar\n"))) == [("perang", "war")]
    assert pairs(read_glossary(write(tmp_path, "b.txt", "perang,war\n"))) == [("perang", "war")]


def test_utf16_tsv_as_excel_saves_it(tmp_path):
    path = write(tmp_path, "excel.txt", "source\ttarget\nperang\twar\n".encode("utf-16"))
    assert pairs(read_glossary(path)) == [("perang", "war")]


TBX2 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
  <text><body>
    <termEntry id="e1">
      <descrip type="definition">The statistics agency</descrip>
      <langSet xml:lang="id"><tig><term>Badan Pusat Statistik</term></tig>
        <tig><term>BPS</term></tig></langSet>
      <langSet xml:lang="en-US"><ntig><termGrp><term>Statistics Indonesia</term></termGrp></ntig>
      </langSet>
    </termEntry>
    <termEntry id="e2">
      <langSet xml:lang="in"><tig><term>pemerintah</term></tig></langSet>
      <langSet xml:lang="en"><tig><term>administration</term>
        <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
        <tig><term>government</term></tig></langSet>
    </termEntry>
    <termEntry id="e3">
      <langSet xml:lang="fr"><tig><term>gouvernement</term></tig></langSet>
      <langSet xml:lang="en"><tig><term>government</term></tig></langSet>
    </termEntry>
  </body></text>
</martif>
"""

TBX3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="c1">
      <langSec xml:lang="id"><termSec><term>Badan Riset dan Inovasi Nasional</term></termSec>
      </langSec>
      <langSec xml:lang="en"><termSec><term>National Research and Innovation Agency</term>
      </termSec></langSec>
    </conceptEntry>
    <conceptEntry id="c2">
      <langSec xml:lang="id"><termSec><term>BRIN</term></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>BRIN</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_tbx2_synonyms_deprecated_targets_and_other_languages(tmp_path):
    terms = read_glossary(write(tmp_path, "terms.tbx", TBX2))
    assert pairs(terms) == [("Badan Pusat Statistik", "Statistics Indonesia"),
                            ("BPS", "Statistics Indonesia"), ("pemerintah", "government")]
    assert terms[0].note == "The statistics agency"
    assert terms[2].origin == "terms.tbx, line 12"


def test_tbx3_concept_entries_with_namespace(tmp_path):
    terms = read_glossary(write(tmp_path, "basic.tbx", TBX3))
    assert pairs(terms) == [("Badan Riset dan Inovasi Nasional",
                             "National Research and Innovation Agency"), ("BRIN", "BRIN")]
    assert terms[1].keep


@pytest.mark.parametrize(
    ("name", "content", "line", "problem", "fix"),
    [
        ("empty.tsv", "", None, "the file is empty", "one term per line"),
        ("blank.tsv", "\n  \n", None, "the file is empty", "one term per line"),
        ("header.tsv", "source\ttarget\n", None, "no terms in the file", "add one term"),
        ("bin.tsv", b"perang\twar\nab\x00\x01cd\n", 2, "binary data", "UTF-8 text"),
        ("latin.tsv", "perang\twar\ncaf\xe9\tcafe\n".encode("latin-1"), 2, "not UTF-8",
         "save the glossary as UTF-8"),
        ("one.tsv", "perang\twar\nBRIN\n", 2, 'one column ("BRIN"), no target', "a tab"),
        ("one.csv", "perang,war\n\nBRIN\n", 3, 'one column ("BRIN"), no target', "a comma"),
        ("four.tsv", "a\tb\tc\td\n", 1, "4 columns", "two or three columns"),
        ("nosrc.tsv", "perang\twar\n\twar\n", 2, "empty source", "first column"),
        ("notgt.tsv", "perang\twar\nBRIN\t  \tnote\n", 2, 'empty target for "BRIN"',
         "second column"),
        ("punct.tsv", "perang\twar\n--\tdash\n", 2, 'the source "--" has no letter', "word"),
        ("dup.tsv", "perang\twar\npemerintah\tgovernment\nPERANG\tbattle\n", 3,
         '"PERANG" is given two targets: "war" (dup.tsv, line 1) and "battle"',
         "one line for each source term"),
        ("quote.csv", 'perang,war\n"BRIN,BRIN\nx,y\n', 2, "never closed", "stray quote"),
        ("bad.tbx", "<martif><text><body><termEntry>", 1, "not well-formed", "TBX"),
        ("none.tbx", "<martif><text><body/></text></martif>", None, "no termEntry", "TBX"),
        ("fr.tbx", "<martif><text><body><termEntry><langSet xml:lang='fr'><tig><term>a"
         "</term></tig></langSet></termEntry></body></text></martif>", None,
         "no entry has both", "both languages"),
        ("entity.tbx", '<!DOCTYPE m [<!ENTITY x "y">]><m>&x;</m>', None, "entities", "TBX"),
        ("emptyterm.tbx", TBX3.replace("<term>BRIN</term></termSec></langSec>\n      "
                                       "<langSec xml:lang=\"en\"><termSec><term>BRIN",
                                       "<term>BRIN</term></termSec></langSec>\n      "
                                       "<langSec xml:lang=\"en\"><termSec><term>"),
         12, 'empty target for "BRIN"', "second column"),
    ],
)
def test_bad_files_name_file_line_problem_and_fix(tmp_path, name, content, line, problem, fix):
    path = write(tmp_path, name, content)
    with pytest.raises(GlossaryError) as info:
        read_glossary(path)
    error = info.value
    message = str(error)
    assert isinstance(error, InvalidInputError) and isinstance(error, ValueError)
    assert "\n" not in message
    assert message.startswith(name)
    assert "Fix: " in message and message.endswith(".")
    assert error.file == name
    assert error.line == line
    if line is not None:
        assert message.startswith(f"{name}, line {line}: ")
    assert problem in error.detail
    assert fix in message.split("Fix: ", 1)[1]


def test_missing_file_says_so(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist. Fix: check the path"):
        read_glossary(tmp_path / "nope.tsv")


def test_same_source_twice_with_same_target_is_fine(tmp_path):
    path = write(tmp_path, "t.tsv", "perang\twar\nPerang\twar\n")
    assert pairs(read_glossary(path)) == [("perang", "war")]


def test_build_from_path_mapping_keep_and_combination(tmp_path):
    path = write(tmp_path, "t.tsv", "perang\twar\nBRIN\tNational Research Agency\n")
    assert pairs(Glossary.build(path)) == [("perang", "war"),
                                          ("BRIN", "National Research Agency")]
    assert pairs(Glossary.build(str(path))) == pairs(Glossary.build(path))
    assert pairs(Glossary.build({"Badan  Pusat Statistik ": "Statistics Indonesia"})) == [
        ("Badan Pusat Statistik", "Statistics Indonesia")]
    both = Glossary.build(path, keep=["BRIN", "Jokowi"])
    assert pairs(both) == [("perang", "war"), ("BRIN", "BRIN"), ("Jokowi", "Jokowi")]
    assert [t.source for t in both.keep_terms] == ["BRIN", "Jokowi"]
    assert pairs(Glossary.build(None, keep="BRIN")) == [("BRIN", "BRIN")]
    assert not Glossary.build() and len(Glossary.build()) == 0
    assert "brin" in both and both.get("JOKOWI") == Term("Jokowi", "Jokowi")


def test_from_bytes_for_an_upload_or_typed_glossary():
    typed = Glossary.from_bytes(b"perang\twar\nBRIN\tBRIN\n", name="typed glossary")
    assert pairs(typed) == [("perang", "war"), ("BRIN", "BRIN")]
    with pytest.raises(GlossaryError, match=r"^typed glossary, line 2: one column"):
        Glossary.from_bytes(b"perang,war\nBRIN\n", name="typed glossary")


def test_bad_mapping_entries_are_named():
    with pytest.raises(GlossaryError, match=r"^glossary, entry 2: empty target for \"b\"\. Fix"):
        Glossary.build({"a": "x", "b": ""})
    with pytest.raises(GlossaryError, match=r"^keep, entry 1: empty source"):
        Glossary.build(keep=[" "])
    with pytest.raises(NotTextError, match="glossary entry 1"):
        Glossary.build({"a": 3})
    with pytest.raises(NotTextError, match="Fix: pass glossary="):
        Glossary.build(42)  # type: ignore[arg-type]


def test_merge_later_wins_and_digest_is_stable():
    server = Glossary.build({"perang": "war", "pemerintah": "government"})
    call = Glossary.build({"Perang": "conflict"})
    merged = server.merge(call)
    assert pairs(merged) == [("pemerintah", "government"), ("Perang", "conflict")]
    assert server.merge(Glossary()) is server and Glossary().merge(call) is call
    same = Glossary.build({"pemerintah": "government", "perang": "war"})
    assert server.digest == same.digest and server == same  # order does not matter
    assert len(server.digest) == 32
    assert merged.digest != server.digest
    assert Glossary().digest == ""
    noted = Glossary([Term("perang", "war", note="other note")]).merge(
        Glossary([Term("pemerintah", "government")]))
    assert noted.digest == server.digest  # notes are not part of it
    assert Glossary.build({"perang": "War"}).digest != Glossary.build({"perang": "war"}).digest


def test_pickles_for_worker_processes_and_matches_there():
    import pickle

    glossary = Glossary.build({"perang": "war"}, keep=["BRIN"])
    glossary.find("perang")  # compiled here, not pickled
    copy = pickle.loads(pickle.dumps(glossary))
    assert copy == glossary and [m.text for m in copy.find("BRIN perang")] == ["BRIN", "perang"]
