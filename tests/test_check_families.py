"""The number checks on each false-alarm family of issue 21, from tests/data/check_cases.tsv.

Every correct professional translation passes every check; the same translation with one
number changed is flagged for ``numbers``. The same file feeds benchmarks/checks.py.
"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest

from translator.checks import NUMBERS, UNTRANSLATED, check_pair

ROOT = Path(__file__).resolve().parents[1]


def _benchmark():
    spec = importlib.util.spec_from_file_location("bench_checks", ROOT / "benchmarks" / "checks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH = _benchmark()
CASES = BENCH.load_cases()
FAMILIES = ("ranges", "times", "units", "currency", "numwords", "citations", "identifiers")


def _ids(rows) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for family, *_ in rows:
        seen[family] = seen.get(family, 0) + 1
        out.append(f"{family}-{seen[family]}")
    return out


def test_every_family_has_ten_pairs_or_more():
    counts = {f: sum(c[0] == f for c in CASES) for f in FAMILIES}
    assert set(counts) == {c[0] for c in CASES}
    assert min(counts.values()) >= 10, counts


@pytest.mark.parametrize(("family", "source", "translation", "changed"), CASES, ids=_ids(CASES))
def test_correct_translation_is_not_flagged(family, source, translation, changed):
    result = check_pair(source, translation)
    assert not result, result.reasons


WITH_CHANGE = [c for c in CASES if c[3]]


@pytest.mark.parametrize(
    ("family", "source", "translation", "changed"), WITH_CHANGE, ids=_ids(WITH_CHANGE)
)
def test_same_translation_with_one_number_changed_is_flagged(family, source, translation,
                                                             changed):
    assert changed != translation
    assert NUMBERS in check_pair(source, changed).flags


@pytest.mark.parametrize("family", FAMILIES)
def test_family_meets_the_goals_of_the_benchmark(family):
    """Every digit changed, every number dropped, the source copied: caught (issue 21)."""
    mine = [c for c in CASES if c[0] == family]
    row = BENCH.measure(family, [(s, t) for _, s, t, _c in mine],
                        [(s, c) for _, s, _t, c in mine if c], loose=False)
    assert row["ns"] == 0 and row["any"] == 0
    assert row["changed"] >= 0.99 * row["n_changed"]
    assert row["dropped"] >= 0.97 * row["n_dropped"]
    assert row["copied"] >= 0.99 * row["n_copied"]


# --- the readings behind the families, one rule each -------------------------------------


@pytest.mark.parametrize(
    ("source", "good", "bad"),
    [
        # a converted value is accepted only as the conversion, rounded
        ("Jaraknya 150 km.", "It is 93 miles away.", "It is 95 miles away."),
        ("Jaraknya 150 km.", "It is 93.2 miles away.", "It is 93.9 miles away."),
        ("Suhu 38 derajat Celsius.", "It was 100 degrees Fahrenheit.", "It was 101°F."),
        ("Tingginya 10 meter.", "It is 33 feet high.", "It is 30 feet high."),
        ("Suhu 35°C.", "It hit 35°C (95°F).", "It hit 35°C (35°F)."),
        ("Jalan 20-30 km.", "A 12-19 mile road.", "A 12-29 mile road."),
        # a time in a zone is also the same time in GMT; 1200 GMT is a time
        ("Mulai pukul 19.30 WIB.", "It starts at 7.30pm (1230 GMT).",
         "It starts at 7.30pm (1330 GMT)."),
        ("Mulai pukul 12.00 GMT.", "It starts at 1200 GMT.", "It starts at 1300 GMT."),
        ("Mulai pukul 19.30 WIB.", "It starts at 7.30pm (1230 GMT).",
         "It starts at 7.30pm (1930 GMT)."),  # a GMT time is no local time
        ("Berangkat pukul setengah sepuluh.", "It leaves at 9.30.", "It leaves at 10.30."),
        # abbreviated year ranges and decades
        ("Pada 2010-2011.", "In 2010–11.", "In 2010–12."),
        ("Pada era 80-an.", "In the 1980s.", "In the 1990s."),
        ("Pada era 80-an.", "In the eighties.", "In the 1990s."),
        # a dollar figure added in brackets: at a rate of 13,000-16,800 rupiah a dollar
        ("Nilainya Rp 1,5 triliun.", "It is worth 1.5 trillion rupiah ($100 million).",
         "It is worth 1.5 trillion rupiah ($200 million)."),
        # citation markers: dropped together, or kept and compared
        ("Didirikan pada 1527.[2]", "Founded in 1527.", "Founded in 1572."),
        ("Sesuai penelitian [3].", "As research shows [3].", "As research shows [4]."),
        # identifiers are names, and PM2,5 is PM2.5
        ("Konsentrasi PM2,5 naik.", "PM2.5 levels rose.", "PM25 levels rose."),
        ("Referensi Gbr.3.", "See Fig.3.", "See Fig.4."),
        # times of day in words, durations in other units, negative temperatures, shares
        ("Pesta pukul 00.00 WIB.", "The party is at midnight.", "The party is at 1 a.m."),
        ("Salat pukul 12.00.", "Prayers are at noon.", "Prayers are at 1 p.m."),
        ("Perjalanan 1,5 jam.", "A 90-minute trip.", "An 80-minute trip."),
        ("Isolasi 2 minggu.", "Isolation for 14 days.", "Isolation for 15 days."),
        ("Isolasi 2 minggu.", "Isolation for a fortnight.", "Isolation for 3 weeks."),
        ("Suhu -2°C.", "It was 28°F.", "It was 36°F."),
        ("Naik 50 persen.", "It rose by half.", "It rose by 60 percent."),
        ("Buka 24 jam sehari, 7 hari seminggu.", "Open 24 hours a day, seven days a week.",
         "Open 24 hours a day, six days a week."),  # "a week" is no "7 hari"
        # Indonesian ordinals from three on are numbers
        ("Negara keempat terbesar.", "The fourth largest country.",
         "The fifth largest country."),
    ],
)
def test_reading(source, good, bad):
    assert NUMBERS not in check_pair(source, good).flags, check_pair(source, good).reasons
    assert NUMBERS in check_pair(source, bad).flags


def test_conversion_is_not_accepted_backwards():
    """95 miles is 152.9 km, which rounds to 150: still no translation of 150 km."""
    assert NUMBERS in check_pair("Jaraknya 150 km.", "It is 95 miles away.").flags
    assert NUMBERS in check_pair("It is 95 miles away.", "Jaraknya 150 km.").flags


def test_two_metric_values_do_not_meet_through_their_conversions():
    """3,606 m and 3,676 m both round to 12,000 ft: they are still different heights."""
    result = check_pair("Tingginya 3.676 meter.", "It is 3,606 metres (12,060 ft) high.")
    assert NUMBERS in result.flags


@pytest.mark.parametrize(
    ("text", "flagged"),
    [("Hebat!", True), ("Bersiap.", True), ("Hati-hati.", True), ("Tom!", False),
     ("Jakarta!", False), ("SAYA MAKAN.", False)],
)
def test_copied_short_sentence(text, flagged):
    assert (UNTRANSLATED in check_pair(text, text).flags) is flagged


def test_abbreviations_are_not_english_words_of_a_copy():
    source = "Nilai ekspor mencapai US$100 juta menurut WHO."
    assert UNTRANSLATED in check_pair(source, source).flags


def test_benchmark_corruptions_are_deterministic():
    pair = CASES[0]
    first = BENCH.changed_numbers(pair[2], random.Random(13))
    assert first == BENCH.changed_numbers(pair[2], random.Random(13))
    assert all(x != pair[2] for x in first) and BENCH.dropped_numbers(pair[2])
