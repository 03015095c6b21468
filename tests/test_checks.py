"""Translation checks: each check on its hard cases, both directions, and property tests."""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import re
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tests.checks import examples
from translator.checks import (
    CHECK_FLAGS,
    EMPTY,
    LENGTH,
    NUMBERS,
    SPANS,
    UNTRANSLATED,
    CheckResult,
    check_pair,
    check_pairs,
)
from translator.checks.length import BANDS, MARGIN, bounds
from translator.checks.spans import find_spans

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "parallel-dev"


def flags(source: str, translation: str) -> tuple[str, ...]:
    return check_pair(source, translation).flags


# --- API --------------------------------------------------------------------------------


def test_result_is_frozen_with_one_reason_per_flag():
    result = check_pair("Harganya Rp1.500.000.", "It costs IDR 1,500.")
    assert result.flags == (NUMBERS,)
    assert len(result.reasons) == 1 and "Rp1.500.000" in result.reasons[0]
    assert bool(result) and not bool(CheckResult())
    assert result.to_dict() == {"flags": ["numbers"], "reasons": list(result.reasons)}
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.flags = ()  # type: ignore[misc]


def test_flag_names_are_plain_strings():
    assert CHECK_FLAGS == ("empty", "numbers", "spans", "untranslated", "length")


def test_check_pairs_is_lazy_and_in_order():
    pairs = iter([("Ada 5 orang.", "There are 5 people."), ("Ada 5 orang.", "")])
    results = check_pairs(pairs)
    assert next(results).flags == ()
    assert next(results).flags == (EMPTY,)
    assert next(results, None) is None


def test_check_pair_rejects_non_strings():
    with pytest.raises(TypeError, match="Fix:"):
        check_pair("Halo", None)  # type: ignore[arg-type]


def test_empty_translation_of_non_empty_source_is_always_flagged():
    assert flags("Ya.", "") == (EMPTY,)
    assert flags("Saya makan.", "  \n") == (EMPTY,)
    assert flags("", "") == ()
    assert flags("  ", "") == ()


# --- numbers ----------------------------------------------------------------------------

NUMBER_OK = [
    ("Harganya Rp1.500.000.", "It costs IDR 1.5 million."),
    ("Harganya Rp1.500.000.", "It costs Rp 1,500,000."),
    ("Harganya Rp1.500.000.", "It costs Rp1.500.000."),  # Indonesian style kept in English
    ("Harganya Rp 1,5 juta.", "It costs IDR 1.5 million."),
    ("Naik 1,5 juta orang.", "Up 1.5 million people."),
    ("Dana Rp2 miliar dan Rp3 triliun.", "Funds of IDR 2 billion and IDR 3 trillion."),
    ("Harga 35 ribu.", "It costs 35 thousand."),
    ("Harga 35 ribu.", "It costs 35k."),
    ("Harga 35 ribu.", "It costs Rp35,000."),
    ("Dia punya 2.000 buku.", "She has 2,000 books."),
    ("Tingginya 3,14 meter.", "It is 3.14 meters tall."),
    ("Harga Rp 50.000,00.", "The price is Rp 50,000.00."),
    ("Acara mulai pukul 07.30 WIB.", "The event starts at 7:30 a.m."),
    ("Acara mulai pukul 07.30 WIB.", "The event starts at 07:30."),
    ("Acara mulai pukul 19.30 WIB.", "The event starts at 7:30 p.m."),
    ("Rapat pukul 15.00 WIB.", "The meeting is at 3 p.m."),
    ("Rapat pukul 10.00 WIB.", "The meeting is at 10 a.m. WIB."),
    ("Bangunkan saya pukul 6 pagi.", "Wake me up at 6:00."),
    ("Merdeka pada 17 Agustus 1945.", "Independence on August 17, 1945."),
    ("Merdeka pada 17/8/1945.", "Independence on 17 August 1945."),
    ("Merdeka pada 17 Agustus 1945.", "Independence on 8/17/1945."),
    ("Naik 5 persen.", "Up 5%."),
    ("Naik 5 persen.", "Up 5 percent."),
    ("Naik 2,5%.", "Up 2.5%."),
    ("HUT RI ke-17", "The 17th anniversary of the Republic"),
    ("Abad ke-21", "The 21st century"),
    ("Juara ke-2", "Second place"),
    ("Antara 10 hingga 20 orang", "Between 10-20 people"),
    ("Antara 10-20 orang", "Between 10 and 20 people"),
    ("Ada lima orang.", "There are 5 people."),
    ("Ada 5 orang.", "There are five people."),
    ("Dua puluh satu persen.", "Twenty-one percent."),
    ("Dia berumur 8 tahun.", "He's eight years old."),
    ("Saya ke sana 2 kali.", "I went there twice."),
    ("Tunggu 1 hari.", "Wait a day."),
    ("Kasus COVID-19 naik.", "COVID-19 cases rose."),
    ("Pasien Covid-19 sembuh.", "COVID-19 patients recovered."),
    ("Saya pakai redmi 4a.", "I use a Redmi 4a."),
    ("Anak2 bermain.", "The children are playing."),
    ("Luasnya 60 km².", "Its area is 60 square kilometres."),
    ("Dilaporkan 1.234 kasus.", "1,234 cases were reported."),
    ("Tahun 1990-an.", "The 1990s."),
    ("Nilai US$1,2 miliar.", "Worth US$1.2 billion."),
    ("Lihat https://bit.ly/3xYz9Qa sekarang.", "See https://bit.ly/3xYz9Qa now."),
    ("Pedagang kaki lima", "Street vendors"),
    ("Dua-duanya enak.", "Both were tasty."),
    ("Ini CO₂.", "This is CO2."),
    # News and health conventions.
    ("Jakarta, Senin (12/10/2020).", "Jakarta, Monday, October 12, 2020."),
    ("Selasa (5/1) lalu.", "Last Tuesday (Jan. 5)."),
    ("Ekonomi kuartal III-2020 tumbuh.", "The economy grew in the third quarter of 2020."),
    ("KTT G-20 di Bali.", "The G20 summit in Bali."),
    ("Buka pukul 08.00-16.00 WIB.", "Open from 8 a.m. to 4 p.m."),
    ("Minum obat 3x sehari.", "Take the medicine three times a day."),
    ("Rp 1.000 triliun.", "Rp1,000 trillion."),
    ("Nilainya 2,5 miliar dolar AS.", "It is worth $2.5 billion."),
    ("Suhu 38,5°C.", "A temperature of 38.5°C."),
    ("UU Nomor 11 Tahun 2020.", "Law Number 11 of 2020."),
    ("Satu dari tiga orang.", "One in three people."),
    ("Lulusan S1 dan S2.", "Bachelor's and master's graduates."),
    ("Harganya naik dua kali lipat.", "The price doubled."),
    ("Sudah sepuluh tahun.", "It has been a decade."),
    ("Info di Liputan6.com hari ini.", "Info at liputan6.com today."),
    ("Butuh satu setengah jam.", "It takes 1.5 hours."),
    ("Angka kematian 2,5 per 1.000 kelahiran.", "A death rate of 2.5 per thousand births."),
    ("Kasus baru: 0.", "New cases: none."),
    ("Dua puluh lima ribu orang hadir.", "25,000 people attended."),
    ("Seratus lima puluh rumah rusak.", "A hundred and fifty houses were damaged."),
    ("Gempa bermagnitudo 5,6 mengguncang Cianjur pada Senin (21/11/2022) pukul 13.21 WIB.",
     "A 5.6-magnitude earthquake rocked Cianjur on Monday, November 21, 2022, at 1:21 p.m."),
    ("Anggaran Rp 431,5 triliun.", "A budget of IDR 431.5 trillion."),
    ("Harga BBM naik dari Rp7.650 menjadi Rp10.000 per liter.",
     "Fuel prices rose from Rp7,650 to Rp10,000 per liter."),
    ("Ia menjabat sebagai presiden ke-7.", "He served as the seventh president."),
    ("Skor 2-1 dan rasio 50:50.", "A 2-1 score and a 50:50 ratio."),
    ("Sekitar 2.500 orang, 3,5 persen.", "About 2,500 people, 3.5 percent."),
]

NUMBER_BAD = [
    ("Harganya Rp1.500.000.", "It costs IDR 1,500."),  # the example
    ("Harganya Rp1.500.000.", "It costs IDR 15 million."),
    ("Harganya Rp 10.000.", "It costs Rp 10."),
    ("Naik 1,5 juta orang.", "Up 15 million people."),
    ("Dana Rp2 triliun", "Funds of IDR 2 billion"),
    ("Acara mulai pukul 19.30 WIB.", "The event starts at 7:30 a.m."),
    ("Acara mulai pukul 07.30 WIB.", "The event starts at 8:30 a.m."),
    ("Naik 5 persen.", "Up 6 percent."),
    ("Naik 5 persen.", "Up sharply."),
    ("Dia lahir tahun 1945.", "She was born in 1954."),
    ("Ada 5 orang.", "There are 5 people and 3 dogs."),
    ("HUT RI ke-17", "The 71st anniversary"),
    ("Antara 10 hingga 20 orang", "Between 10 and 30 people"),
    ("Ada lima orang.", "There are 6 people."),
    ("Merdeka pada 17/8/1945.", "Independence on 18 August 1945."),
    ("Dana 1,25 juta.", "Funds of 1.52 million."),
    ("Kasus COVID-19 naik.", "COVID-20 cases rose."),
]


@pytest.mark.parametrize(("source", "translation"), NUMBER_OK)
def test_numbers_agree(source, translation):
    result = check_pair(source, translation)
    assert NUMBERS not in result.flags, result.reasons


@pytest.mark.parametrize(("source", "translation"), NUMBER_BAD)
def test_numbers_disagree(source, translation):
    result = check_pair(source, translation)
    assert NUMBERS in result.flags
    assert any(r.startswith("numbers: not in the") for r in result.reasons)


@pytest.mark.parametrize(("source", "translation"), NUMBER_OK)
def test_numbers_agree_in_the_other_direction(source, translation):
    """English numbers written on the source side are read just as well."""
    assert NUMBERS not in flags(translation, source)


def test_number_reason_names_both_sides():
    (reason,) = check_pair("Naik 5 persen.", "Up 6 percent.").reasons
    assert reason == "numbers: not in the translation: '5'; not in the source: '6'"


# --- spans ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Lihat https://example.com/a.", ["https://example.com/a"]),
        ("Lihat https://example.com/a, lalu", ["https://example.com/a"]),
        ("(lihat https://id.wikipedia.org/wiki/Jakarta_(kota)).",
         ["https://id.wikipedia.org/wiki/Jakarta_(kota)"]),
        ("Buka www.bps.go.id!", ["www.bps.go.id"]),
        ("Info di bpbd.jakarta.go.id.", ["bpbd.jakarta.go.id"]),
        ("Kirim ke humas@bpbd.jakarta.go.id.", ["humas@bpbd.jakarta.go.id"]),
        ("Hubungi @jokowi", ["@jokowi"]),
        ("Ikuti @BNPB_Indonesia.", ["@BNPB_Indonesia"]),
        ("Tagar #DiRumahAja ramai.", ["#DiRumahAja"]),
        ("Jalankan `pip install x` dan pakai --dry-run.", ["`pip install x`", "--dry-run"]),
        ("Buka /etc/hosts atau laporan.pdf, variabel max_len.",
         ["/etc/hosts", "laporan.pdf", "max_len"]),
        ("Nomor #1 dan dan/atau km/jam, Dia(lk) pergi, @Rp5.000 per buah.", []),
        ("Budi Santoso, S.H., M.Si. dan dr. Ani", []),
        ("Home.In the end", []),
    ],
)
def test_find_spans(text, spans):
    assert list(find_spans(text)) == spans


@pytest.mark.parametrize(
    ("source", "translation", "flagged"),
    [
        ("Lihat https://example.com/a.", "See https://example.com/a.", False),
        ("Lihat https://example.com/a).", "See https://example.com/a).", False),
        ("Lihat https://example.com/a.", "See https://example.com/b.", True),
        ("Lihat https://example.com/a.", "See https:// example.com/a.", True),
        ("Hubungi @jokowi", "Contact @jokowi", False),
        ("Hubungi @jokowi", "Contact @Jokowi", True),
        ("Hubungi @jokowi", "Contact Jokowi", True),
        ("Tagar #DiRumahAja", "The hashtag #StayAtHome", True),
        ("Kirim ke a.b@c.go.id.", "Send to a.b@c.go.id.", False),
        ("Kirim ke a.b@c.go.id.", "Send to ab@c.go.id.", True),
        ("Fungsi get_user() gagal.", "The get_user() function failed.", False),
        ("Fungsi get_user() gagal.", "The get user function failed.", True),
        ("Lihat kpu.go.id dan kpu.go.id.", "See kpu.go.id and again.", True),  # each one
        ("JAKARTA, KOMPAS.com - Hujan.", "JAKARTA, Kompas.com - Rain.", False),  # a host
        ("Buka https://kpu.go.id/Data.", "Open https://kpu.go.id/data.", True),  # a path
    ],
)
def test_spans(source, translation, flagged):
    assert (SPANS in flags(source, translation)) is flagged


# --- untranslated -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "translation", "flagged"),
    [
        ("Saya makan nasi goreng di rumah.", "Saya makan nasi goreng di rumah.", True),
        ("Saya makan nasi goreng di rumah.", "saya makan nasi goreng di rumah", True),
        ("Saya makan nasi goreng di rumah.", "Saya makan nasi goreng at home.", True),
        ("Saya makan nasi goreng di rumah.", "I eat fried rice at home.", False),
        ("Saya makan nasi goreng di rumah.", "I eat nasi goreng at home.", False),
        ("Dia bilang bahwa dia tidak akan datang.", "He said dia tidak akan datang.", True),
        ("Tom!", "Tom!", False),  # a name translates to itself
        ("remdesivir", "remdesivir", False),  # so does a term
        ("Remdesivir dan favipiravir.", "Remdesivir and favipiravir.", False),
        ("Baiklah.", "Baiklah.", True),
        ("Kucing tidur nyenyak.", "Kucing tidur nyenyak.", True),
        ("SAYA MAKAN.", "SAYA MAKAN.", False),  # only capitals: an acronym-like heading
        ("Joko Widodo", "Joko Widodo", False),
        ("https://x.id", "https://x.id", False),
        ("Jakarta, 17 Agustus 2024", "Jakarta, August 17, 2024", False),
        ("Menteri berkata, \"We are the champions.\"", "The minister said, \"We are the "
         "champions.\"", False),
    ],
)
def test_untranslated(source, translation, flagged):
    assert (UNTRANSLATED in flags(source, translation)) is flagged


# --- length -----------------------------------------------------------------------------


def test_length_bounds_are_calibrated_bands():
    assert [b[0] for b in BANDS] == sorted(b[0] for b in BANDS)
    assert all(0 < low < 1 < high for _, low, high in BANDS)
    assert bounds(5) == BANDS[0][1:]
    assert bounds(10_000) == BANDS[-1][1:]


@pytest.mark.parametrize(
    ("source", "translation", "flagged"),
    [
        ("Pemerintah akan membangun sepuluh bendungan baru di Jawa Tengah tahun depan.",
         "The government will build ten new dams in Central Java next year.", False),
        ("Pemerintah akan membangun sepuluh bendungan baru di Jawa Tengah tahun depan.",
         "The government will build", True),
        ("Pemerintah akan membangun bendungan.",
         "The government will build a dam, and then it will build another dam, and another "
         "one after that, said the minister who was visiting the site on Monday.", True),
        ("Ya.", "Yes, certainly.", False),  # too short a source to judge
    ],
)
def test_length(source, translation, flagged):
    assert (LENGTH in flags(source, translation)) is flagged


@pytest.mark.skipif(not DEV.is_dir(), reason="needs ../shared/data/parallel-dev")
def test_length_bands_are_what_the_calibration_script_prints():
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "checks.py"
    spec = importlib.util.spec_from_file_location("bench_checks", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = io.StringIO()
    with redirect_stdout(out):
        module.calibrate(module.load(DEV))
    printed = [tuple(float(x) for x in m.groups()) for m in
               re.finditer(r"\((\d+), ([\d.]+), ([\d.]+)\)", out.getvalue())]
    assert printed == [tuple(float(x) for x in band) for band in BANDS]
    assert MARGIN > 1


# --- properties -------------------------------------------------------------------------

_ID_MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November " \
    "Desember".split()
_EN_MONTHS = "January February March April May June July August September October November " \
    "December".split()


def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


@st.composite
def number_pair(draw) -> tuple[str, str]:
    """One quantity written the Indonesian way and an English way that means the same."""
    kind = draw(st.sampled_from(["int", "money", "scaled", "percent", "time", "date",
                                 "ordinal", "range"]))
    english_style = draw(st.booleans())  # False: the English side keeps Indonesian style
    if kind in ("int", "money"):
        n = draw(st.integers(1, 10**9))
        en = _group(n, ",") if english_style else _group(n, ".")
        if kind == "int":
            return f"{_group(n, '.')} orang", f"{en} people"
        return f"Rp{_group(n, '.')}", draw(st.sampled_from([f"IDR {en}", f"Rp {en}"]))
    if kind == "scaled":
        whole, frac = draw(st.integers(1, 999)), draw(st.integers(1, 9))
        id_word, en_word = draw(st.sampled_from([("ribu", "thousand"), ("juta", "million"),
                                                 ("miliar", "billion"),
                                                 ("triliun", "trillion")]))
        return f"{whole},{frac} {id_word}", f"{whole}.{frac} {en_word}"
    if kind == "percent":
        whole, frac = draw(st.integers(0, 100)), draw(st.integers(1, 99))
        return f"{whole},{frac} persen", draw(st.sampled_from(
            [f"{whole}.{frac}%", f"{whole}.{frac} percent"]))
    if kind == "time":
        hour, minute = draw(st.integers(0, 23)), draw(st.integers(0, 59))
        twelve = f"{hour % 12 or 12}:{minute:02d} {'a.m.' if hour < 12 else 'p.m.'}"
        return f"pukul {hour:02d}.{minute:02d} WIB", draw(st.sampled_from(
            [twelve, f"{hour:02d}:{minute:02d}"]))
    if kind == "date":
        day, month, year = draw(st.integers(1, 28)), draw(st.integers(1, 12)), draw(
            st.integers(1900, 2100))
        return f"{day} {_ID_MONTHS[month - 1]} {year}", draw(st.sampled_from(
            [f"{_EN_MONTHS[month - 1]} {day}, {year}", f"{day}/{month}/{year}"]))
    if kind == "ordinal":
        n = draw(st.integers(4, 99))
        suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
        return f"ke-{n}", f"{n}{suffix}"
    low = draw(st.integers(1, 500))
    high = draw(st.integers(low + 1, 1000))
    return f"{low} hingga {high}", draw(st.sampled_from([f"{low}-{high}", f"{low} to {high}"]))


SPAN_VALUES = ["https://www.kompas.com/read/2024/01/05/x", "humas@bnpb.go.id", "@BNPB_Indonesia",
               "#DiRumahAja", "www.bps.go.id"]


@st.composite
def reference_pair(draw) -> tuple[str, str]:
    """A made-up (source, reference) pair whose reference keeps every number and span."""
    items = draw(st.lists(number_pair(), min_size=1, max_size=3))
    span = draw(st.sampled_from(["", *SPAN_VALUES]))
    source = "Laporan menyebut " + ", lalu ".join(s for s, _ in items)
    reference = "The report mentions " + ", then ".join(e for _, e in items)
    if span:
        source += f" (lihat {span})"
        reference += f" (see {span})"
    return source + ".", reference + "."


@settings(max_examples=examples(300), deadline=None)
@given(reference_pair())
def test_reference_that_keeps_numbers_and_spans_is_never_flagged(pair):
    result = check_pair(*pair)
    assert NUMBERS not in result.flags and SPANS not in result.flags, result.reasons


_DIGITS = re.compile(r"\d+(?:[.,:]\d+)*")


@settings(max_examples=examples(300), deadline=None)
@given(reference_pair(), st.data())
def test_reference_with_one_number_damaged_is_flagged(pair, data):
    source, reference = pair
    spans = [(m.start(), m.end()) for m in re.finditer(r"\(see [^)]*\)", reference)]
    numbers = [m for m in _DIGITS.finditer(reference)
               if not any(s <= m.start() < e for s, e in spans)]
    m = data.draw(st.sampled_from(numbers))
    text = m.group()
    how = data.draw(st.sampled_from(["change", "remove", "swap"]))
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    if how == "change":
        i = data.draw(st.sampled_from(digits))
        new = data.draw(st.sampled_from([d for d in "123456789" if d != text[i]]))
        damaged = text[:i] + new + text[i + 1 :]
    elif how == "remove":
        damaged = ""
    else:
        i = data.draw(st.sampled_from(digits[:-1] or digits))
        j = digits[digits.index(i) + 1] if i != digits[-1] else i
        assume(j == i + 1 and text[i] != text[j])
        damaged = text[:i] + text[j] + text[i] + text[j + 1 :]
    bad = reference[: m.start()] + damaged + reference[m.end() :]
    assert NUMBERS in flags(source, bad), (source, bad)


@settings(max_examples=examples(200), deadline=None)
@given(st.text(max_size=300), st.text(max_size=300))
def test_any_text_gives_a_result_with_one_reason_per_flag(source, translation):
    result = check_pair(source, translation)
    assert len(result.flags) == len(result.reasons)
    assert set(result.flags) <= set(CHECK_FLAGS)


def test_thousands_of_numbers_in_one_segment():
    numbers = [str(n) for n in range(1, 3001)]
    source = "Angka: " + ", ".join(numbers) + "."
    assert flags(source, "Numbers: " + ", ".join(reversed(numbers)) + ".") == ()
    assert NUMBERS in flags(source, "Numbers: " + ", ".join(numbers[:-1]) + ".")
