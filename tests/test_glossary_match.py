"""Finding glossary terms in Indonesian text: words, case, clitics, longest first."""

from __future__ import annotations

import pytest

from translator.terms import Glossary

GLOSSARY = Glossary.build(
    {
        "perang": "war",
        "pemerintah": "government",
        "presiden": "president",
        "Badan Pusat Statistik": "Statistics Indonesia",
        "Badan": "agency",
        "Pusat Statistik": "central statistics",
        "bank": "bank",
        "Bank Indonesia": "Bank Indonesia",
        "buku": "book",
        "İstanbul": "Istanbul",
    },
    keep=["BRIN", "iPhone"],
)


def found(text, glossary=GLOSSARY):
    return [(text[m.start:m.end], m.term.source, m.clitic) for m in glossary.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Perang itu usai.", [("Perang", "perang", "")]),
        ("PERANG dan perang", [("PERANG", "perang", ""), ("perang", "perang", "")]),
        ("perangkat keras", []),
        ("memperang", []),
        ("perang2 perang_x", []),
        ("pemerintahan baru", []),
        ("pemerintahnya", [("pemerintah", "pemerintah", "nya")]),
        ("presidenlah yang datang", [("presiden", "presiden", "lah")]),
        ("perangkah? perangpun, bukuku, bukumu, bukunyalah",
         [("perang", "perang", "kah"), ("perang", "perang", "pun"), ("buku", "buku", "ku"),
          ("buku", "buku", "mu"), ("buku", "buku", "nyalah")]),
        ("pemerintah-nya dan iPhone-nya", [("pemerintah", "pemerintah", ""),
                                          ("iPhone", "iPhone", "")]),
        ("bukunyakat", []),
        ("(perang)", [("perang", "perang", "")]),
    ],
)
def test_whole_words_any_case_and_clitics(text, expected):
    assert found(text) == expected


def test_multi_word_terms_take_any_whitespace_and_keep_source_offsets():
    text = "Data  BADAN pusat\n\tStatistik menunjukkan"
    matches = GLOSSARY.find(text)
    assert [(m.text, m.term.source) for m in matches] == [
        ("BADAN pusat\n\tStatistik", "Badan Pusat Statistik")]
    assert text[matches[0].start:matches[0].end] == matches[0].text


def test_longest_first_and_non_overlapping():
    assert found("Badan Pusat Statistik dan Badan lain") == [
        ("Badan Pusat Statistik", "Badan Pusat Statistik", ""), ("Badan", "Badan", "")]
    assert found("Kata Bank Indonesia, bank") == [
        ("Bank Indonesia", "Bank Indonesia", ""), ("bank", "bank", "")]
    # a longer match that starts later wins over a shorter one it overlaps
    glossary = Glossary.build({"a b": "x", "b c d": "y"})
    assert found("a b c d", glossary) == [("b c d", "b c d", "")]


def test_reduplication_is_one_occurrence():
    assert found("Perang-perang itu dan perang-perangnya, perang - perang") == [
        ("Perang-perang", "perang", ""), ("perang-perang", "perang", "nya"),
        ("perang", "perang", ""), ("perang", "perang", "")]
    assert found("perang-pemerintah") == [("perang", "perang", ""),
                                         ("pemerintah", "pemerintah", "")]


def test_clitic_on_the_last_word_of_a_multi_word_term():
    assert found("Badan Pusat Statistiknya") == [
        ("Badan Pusat Statistik", "Badan Pusat Statistik", "nya")]


def test_initial_and_english_capitalised_at_sentence_start():
    first, second = GLOSSARY.find("«Pemerintah» dan pemerintah")
    assert first.initial and not second.initial
    assert first.english == "Government" and second.english == "government"
    (camel,) = Glossary.build({"lelang daring": "eBay"}).find("Lelang daring ramai.")
    assert camel.initial and camel.english == "eBay"
    (keep,) = GLOSSARY.find("BRIN")
    assert keep.english == "BRIN" and keep.initial
    (lower_keep,) = GLOSSARY.find("ini brin")
    assert lower_keep.english == "brin"  # a keep term stays as the source writes it


def test_characters_whose_lower_case_is_longer_keep_offsets():
    text = "İİ kota İstanbul, perang"
    assert found(text) == [("İstanbul", "İstanbul", ""), ("perang", "perang", "")]


def test_empty_glossary_and_empty_text():
    assert Glossary().find("perang") == []
    assert GLOSSARY.find("") == []


def test_many_terms_one_automaton():
    glossary = Glossary.build({f"istilah{i}": f"term{i}" for i in range(5000)})
    assert found("ada istilah4999 dan istilah12nya, bukan istilah50000", glossary) == [
        ("istilah4999", "istilah4999", ""), ("istilah12", "istilah12", "nya")]


def test_protected_spans_are_never_matched():
    text = "Lihat  www.bps.go.id/perang\tdan perang."
    url = text.index("www"), text.index("\tdan")
    assert found(text) == [("perang", "perang", ""), ("perang", "perang", "")]
    (m,) = GLOSSARY.find(text, protected=[url])
    assert m.start == text.rindex("perang")
    text = "perang  perang\n\nperang"
    assert [m.start for m in GLOSSARY.find(text, protected=[(8, 14)])] == [0, 16]
