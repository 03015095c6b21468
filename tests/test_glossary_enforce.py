"""Enforcing the glossary with scripted candidates: choose, re-decode, check, flag."""

from __future__ import annotations

import pytest

from translator.terms import (
    GLOSSARY,
    Glossary,
    enforce,
    enforce_many,
    fix_case,
    inject,
    reason,
    satisfied,
    terms_key,
)

TERMS = Glossary.build(
    {"Badan Pusat Statistik": "Statistics Indonesia", "pemerintah": "government"},
    keep=["BRIN", "Jokowi"],
)
BPS = "Badan Pusat Statistik merilis data."


def matches(text):
    return TERMS.find(text)


def test_satisfied_whole_words_any_case_for_translated_terms():
    (m,) = matches(BPS)
    assert satisfied("Statistics Indonesia released data.", m)
    assert satisfied("STATISTICS  indonesia released data.", m)
    assert satisfied("Data from Statistics Indonesia's office.", m)
    assert not satisfied("Statistics Indonesian data.", m)
    assert not satisfied("The statistics agency of Indonesia.", m)


def test_satisfied_allows_an_english_plural_of_the_last_word():
    glossary = Glossary.build({"partai": "party", "menteri": "minister", "kotak": "box",
                               "hari": "day"})
    for source, english, ok in [("partai", "Communist Parties", True),
                                ("partai", "partying", False),
                                ("menteri", "the ministers", True),
                                ("kotak", "two boxes", True), ("hari", "days", True),
                                ("hari", "daies", False)]:
        (m,) = glossary.find(source)
        assert satisfied(english, m) is ok, (source, english)


def test_satisfied_keep_terms_verbatim_and_case_sensitive():
    (m,) = matches("Kata BRIN.")
    assert satisfied("BRIN said.", m)
    assert not satisfied("Brin said.", m)
    assert not satisfied("BRINs said.", m)


def test_keep_term_as_the_source_or_the_glossary_writes_it():
    glossary = Glossary.build(keep=["bank", "iPhone"])
    (m,) = glossary.find("Bank itu tutup.")
    assert satisfied("The bank is closed.", m) and satisfied("Bank closed.", m)
    assert not satisfied("The BANK is closed.", m)
    (m,) = glossary.find("IPHONE baru")
    assert satisfied("a new IPHONE", m) and satisfied("a new iPhone", m)
    assert not satisfied("a new Iphone", m)


def test_no_term_no_flag_and_the_best_is_kept():
    result = enforce("Hujan turun.", matches("Hujan turun."), ["It rains.", "Rain falls."])
    assert result.translation == "It rains." and result.flags == () and result.reasons == ()
    assert result.method == "none"


def test_the_best_holding_the_term_wins_without_redecoding():
    def redecode(_):
        raise AssertionError("not needed")

    result = enforce(BPS, matches(BPS), ["Statistics Indonesia released data.", "x"],
                     redecode)
    assert result.method == "best" and result.candidate == 0 and not result.flags
    assert [m.term.source for m in result.applied] == ["Badan Pusat Statistik"]


def test_an_alternative_holding_the_term_wins_over_a_best_without_it():
    candidates = ["The Central Statistics Agency released data.",
                  "BPS released data.",
                  "Statistics Indonesia released the data."]
    result = enforce(BPS, matches(BPS), candidates)
    assert result.translation == "Statistics Indonesia released the data."
    assert result.method == "alternative" and result.candidate == 2
    assert result.flags == () and result.missing == ()


def test_injected_term_survives_the_redecoding():
    calls = []

    def redecode(sources):
        calls.append(sources)
        return [["The Statistics Indonesia released data.", "other"]]

    result = enforce(BPS, matches(BPS), ["The Central Statistics Agency released data."],
                     redecode)
    assert calls == [["Statistics Indonesia merilis data."]]
    assert result.translation == "The Statistics Indonesia released data."
    assert result.method == "redecoded" and result.candidate == 0 and not result.flags


def test_flagged_with_the_exact_reason_when_nothing_holds_the_term():
    source = "Menurut Badan Pusat Statistik, BRIN dan pemerintah setuju."
    found = matches(source)
    result = enforce(source, found, ["According to BPS, Brin and the government agree."],
                     lambda sources: [["According to BPS, Brin and the government agree."]])
    assert result.translation == "According to BPS, Brin and the government agree."
    assert result.flags == (GLOSSARY,)
    assert result.reasons == (
        'glossary: "Badan Pusat Statistik" should be "Statistics Indonesia"; '
        '"BRIN" should stay "BRIN"',)
    assert result.method == "flagged"
    assert [m.term.source for m in result.applied] == ["pemerintah"]
    assert [m.term.source for m in result.missing] == ["Badan Pusat Statistik", "BRIN"]


def test_exact_reason_for_one_term_without_redecode():
    result = enforce(BPS, matches(BPS), ["The statistics agency released data."])
    assert result.reasons == ('glossary: "Badan Pusat Statistik" should be '
                              '"Statistics Indonesia"',)


def test_keep_terms_only_are_not_redecoded_but_flagged():
    def redecode(_):
        raise AssertionError("the source would not change")

    result = enforce("Jokowi datang.", matches("Jokowi datang."), ["Jokowo came."], redecode)
    assert result.reasons == ('glossary: "Jokowi" should stay "Jokowi"',)


def test_keep_term_kept_verbatim_is_applied():
    result = enforce("BRIN datang.", matches("BRIN datang."), ["BRIN came."])
    assert result.method == "best" and not result.flags


def test_inject_places_english_keeps_clitics_and_capitalises_at_start():
    source = "Pemerintahnya dan Badan Pusat Statistik-nya, kata BRIN."
    assert inject(source, matches(source)) == (
        "Government-nya dan Statistics Indonesia-nya, kata BRIN.")
    assert inject("Kata BRIN.", matches("Kata BRIN.")) is None


def test_fix_case_raises_to_the_glossary_case_and_capitalises_a_start():
    found = matches("Pemerintah dan Badan Pusat Statistik")
    assert fix_case("government and statistics indonesia", found) == (
        "Government and Statistics Indonesia")
    found = matches("kata pemerintah")
    assert fix_case("The Government said", found) == "The Government said"  # never lowered
    result = enforce(BPS, matches(BPS), ["statistics indonesia released data."])
    assert result.translation == "Statistics Indonesia released data."


def test_enforce_many_batches_every_redecode_in_one_call():
    sources = ["Hujan.", BPS, "Kata pemerintah.", "Pemerintah Jokowi."]
    items = [
        (sources[0], matches(sources[0]), ["Rain."]),
        (sources[1], matches(sources[1]), ["BPS released data."]),
        (sources[2], matches(sources[2]), ["Said the government."]),
        (sources[3], matches(sources[3]), ["The Jokowi regime."]),
    ]
    calls = []

    def redecode(batch):
        calls.append(list(batch))
        return [["Statistics Indonesia released data."], ["The Jokowi regime again."]]

    results = enforce_many(items, redecode)
    assert calls == [["Statistics Indonesia merilis data.", "Government Jokowi."]]
    assert [r.method for r in results] == ["none", "redecoded", "best", "flagged"]
    assert [r.flags for r in results] == [(), (), (), (GLOSSARY,)]
    assert results[3].reasons == ('glossary: "pemerintah" should be "government"',)


def test_redecode_must_answer_every_input():
    with pytest.raises(ValueError, match="1 inputs"):
        enforce(BPS, matches(BPS), ["x"], lambda sources: [])
    with pytest.raises(ValueError, match="no candidate"):
        enforce(BPS, matches(BPS), [])


def test_terms_key_depends_only_on_the_terms_held():
    other = Glossary.build({"Badan Pusat Statistik": "Statistics Indonesia",
                            "perang": "war"})
    assert terms_key(matches(BPS)) == terms_key(other.find(BPS)) != ""
    changed = Glossary.build({"Badan Pusat Statistik": "BPS"})
    assert terms_key(changed.find(BPS)) != terms_key(matches(BPS))
    assert terms_key([]) == ""


def test_reason_names_each_term_once():
    found = matches("Pemerintah dan pemerintah")
    assert reason(found) == 'glossary: "pemerintah" should be "government"'
