"""Numbers written as words, in English and Indonesian.

``five``, ``twenty-one``, ``twice``, ``lima``, ``dua puluh satu``, ``sepuluh ribu``, month
names, Jakarta slang for amounts (``gopek``).

Most are weak (an unmatched one is no error: "one of them", "May", "second"); Indonesian
cardinals of two and more and Indonesian month names mean nothing else, so they are strong.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from translator.checks.digits import Num, _time_keys, num_key

_EN_UNITS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_EN_TENS = {w: 10 * i for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split(), start=2)}
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "hundredth": 100, "thousandth": 1000,
}
_EN_OTHER = {"once": 1, "twice": 2, "thrice": 3, "dozen": 12, "half": 0.5, "single": 1,
             "quarter": 15, "couple": 2, "double": 2, "triple": 3, "doubled": 2,
             "tripled": 3, "pair": 2, "twins": 2, "decade": 10, "fortnight": 14,
             "none": 0, "nil": 0}
_ID_UNITS = {"nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6,
             "tujuh": 7, "delapan": 8, "sembilan": 9}
_ID_OTHER = {
    "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000, "sejuta": 1e6,
    "setengah": 0.5, "separuh": 0.5, "pertama": 1, "sekali": 1, "sehari": 1, "seminggu": 1,
    "sebulan": 1, "setahun": 1, "sejam": 1, "semalam": 1, "sebuah": 1, "seorang": 1,
    "seekor": 1, "lusin": 12, "selusin": 12, "kedua": 2, "keduanya": 2, "ketiga": 3,
    # Jakarta slang for amounts of rupiah.
    "cepek": 100, "gopek": 500, "seceng": 1000, "goceng": 5000, "ceban": 10000,
    "noban": 20000, "goban": 50000, "gocap": 50,
}
_SLANG = {"cepek", "gopek", "seceng", "goceng", "ceban", "noban", "goban", "gocap"}
_ID_MONTHS = (
    "januari februari maret april mei juni juli agustus september oktober november desember"
).split()
_MONTHS = {
    m: i + 1
    for names in (
        _ID_MONTHS,
        "january february march april may june july august september october november "
        "december".split(),
        "jan feb mar apr may jun jul aug sep oct nov dec".split(),
    )
    for i, m in enumerate(names)
} | {"sept": 9, "okt": 10, "agu": 8, "agt": 8, "des": 12, "nop": 11}
_A_ONE = {"day", "week", "month", "year", "hour", "minute", "second", "night", "time",
          "moment", "piece", "person", "man", "woman", "bit", "meter", "kilometer", "mile",
          "glass", "cup", "bowl", "portion", "decade", "century", "hundred", "thousand",
          "million", "billion", "trillion", "dozen", "quarter", "while", "jar", "bottle",
          "pack", "box", "plate", "bag", "set", "room", "table", "star", "kilo", "liter",
          "litre", "slice", "serving", "packet", "ticket", "unit", "single"}
_LETTERS = re.compile(r"[A-Za-z]+")
#: Phrases with a number word that is not a number ("pedagang kaki lima": street vendor;
#: "dua-duanya": both).
_IDIOMS = re.compile(
    r"(?i)\bkaki\s+lima\b|\bsatu-satunya\b|\bsalah\s+satu\b|\bdua[\s-]duanya\b"
    r"|\b(?:all\s+)?at\s+once\b|\bonce\s+(?:again|more)\b"
)
_EN_WORDS = {*_EN_UNITS, *_EN_TENS, "hundred", "thousand", "million", "billion", "trillion",
             "a", "an", "and"}
_BIG = {"ribu": 1e3, "juta": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12,
        "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def word_numbers(text: str) -> list[Num]:
    """Numbers written as words in English or Indonesian, as weak :class:`Num` items."""
    text = _IDIOMS.sub(lambda m: " " * len(m.group()), text)
    pieces = list(_LETTERS.finditer(text))  # words, split at hyphens: "twenty-one"
    words = [m.group().lower() for m in pieces]
    return [Num(n.text, n.keys, n.strong, pieces[i].start(), pieces[j - 1].end())
            for n, i, j in _read_words(words)]


def _read_words(words: list[str]) -> Iterator[tuple[Num, int, int]]:
    """Each number of ``words`` with the indices of its first word and just past its last."""
    i = 0
    while i < len(words):
        special = _special(words, i)
        if special is not None:
            yield special
            i = special[2]
            continue
        j, value = _parse_words(words, i)
        if j > i:
            # Indonesian cardinals of 2 and up have no other meaning: as strong as digits.
            strong = value >= 2 and all(w not in _EN_WORDS for w in words[i:j])
            yield Num(" ".join(words[i:j]), frozenset({num_key(value)}), strong=strong), i, j
            i = j
            continue
        w = words[i]
        if w in _MONTHS:
            # Indonesian month names mean nothing else; English ones may (May, March).
            strong = w in _ID_MONTHS
            yield Num(w, frozenset({("m", _MONTHS[w])}), strong=strong), i, i + 1
        elif w in _EN_ORDINALS or w in _EN_OTHER or w in _ID_OTHER:
            value = {**_EN_OTHER, **_ID_OTHER, **_EN_ORDINALS}[w]
            # Jakarta slang for amounts of rupiah means nothing else.
            yield Num(w, frozenset({num_key(value)}), strong=w in _SLANG), i, i + 1
        elif w.startswith("ke") and w[2:].removesuffix("nya") in _ID_UNITS:
            # "ketiga", "keempat": third, fourth (or "all three"); "kedua" is also "both".
            value = _ID_UNITS[w[2:].removesuffix("nya")]
            yield Num(w, frozenset({num_key(value)}), strong=value >= 3), i, i + 1
        elif w in ("a", "an") and i + 1 < len(words) and words[i + 1].rstrip("s") in _A_ONE:
            yield Num(w, frozenset({num_key(1)}), strong=False), i, i + 1
        elif (w in _BIG or w == "hundred") and i and words[i - 1] == "per":  # per thousand
            yield Num(w, frozenset({num_key(_BIG.get(w, 100))}), strong=False), i, i + 1
        i += 1


_DECADES = {w + "ies": 10 * i for w, i in (("twent", 2), ("thirt", 3), ("fort", 4),
                                            ("fift", 5), ("sixt", 6), ("sevent", 7),
                                            ("eight", 8), ("ninet", 9))}


_TIMES_OF_DAY = {"midnight": 0, "noon": 720, "midday": 720}


def _special(words: list[str], i: int) -> tuple[Num, int, int] | None:
    """A phrase read as a whole at ``words[i]``, with its first and past-last index.

    "pukul setengah sepuluh" (9:30), "half an hour" (30 minutes), "around the clock" (24
    hours), "the eighties" (the 1980s).
    """
    w = words[i]
    rest = words[i + 1 : i + 4]
    if w in ("pukul", "jam") and rest[:1] == ["setengah"]:
        end, hour = _parse_words(words, i + 2)
        if end > i + 2 and 1 <= hour <= 12 and hour == int(hour):
            keys = _time_keys(int(hour) - 1, 30)
            return Num(" ".join(words[i:end]), frozenset(keys)), i, end
    if (w == "setengah" and rest[:1] == ["jam"]) or (w == "half" and rest[:2] == ["an", "hour"]):
        end = i + (2 if w == "setengah" else 3)
        return Num(" ".join(words[i:end]), frozenset({num_key(0.5), num_key(30)}), False), i, end
    if w == "half" and rest[:1] == ["hour"]:
        return Num("half-hour", frozenset({num_key(0.5), num_key(30)}), False), i, i + 2
    if w in ("around", "round") and rest[:2] == ["the", "clock"]:
        return Num(" ".join(words[i : i + 3]), frozenset({num_key(24)}), False), i, i + 3
    if w in _TIMES_OF_DAY or (w == "tengah" and rest[:1] in (["malam"], ["hari"])):
        minutes = _TIMES_OF_DAY.get(w, 0 if rest[:1] == ["malam"] else 720)
        end = i + (1 if w in _TIMES_OF_DAY else 2)
        return Num(" ".join(words[i:end]), frozenset({("t", minutes)}), False), i, end
    if w == "fortnight":
        keys = {num_key(14), ("u", "d", 14.0), ("u", "wk", 2.0)}
        return Num(w, frozenset(keys), False), i, i + 1
    if w == "quarter":  # a quarter of an hour, of the budget (25%), of the year
        return Num(w, frozenset({num_key(15), num_key(0.25), num_key(3)}), False), i, i + 1
    if w in _DECADES:
        value = _DECADES[w]
        return Num(w, frozenset({num_key(value), num_key(1900 + value)}), False), i, i + 1
    return None


def _parse_words(words: list[str], i: int) -> tuple[int, float]:
    """Parse a run of cardinal number words from ``words[i]``; returns (end, value)."""
    total, chunk = 0.0, 0.0
    unit: float | None = None
    j = i
    while j < len(words):
        w, started = words[j], j > i
        nxt = words[j + 1] if j + 1 < len(words) else ""
        if w in _EN_UNITS or w in _ID_UNITS:
            if unit is not None:
                break
            unit = float(_EN_UNITS.get(w, _ID_UNITS.get(w, 0)))
        elif w in _EN_TENS:
            if unit is not None or chunk % 100:
                break
            chunk += _EN_TENS[w]
        elif w == "puluh" and unit is not None:
            chunk, unit = chunk + unit * 10, None
        elif w == "belas" and unit is not None:
            chunk, unit = chunk + unit + 10, None
        elif w in ("ratus", "hundred") and unit is not None:
            chunk, unit = (chunk + unit) * 100, None
        elif w in ("sepuluh", "sebelas", "seratus"):
            if unit is not None:
                break
            chunk += _ID_OTHER[w]
        elif w in ("seribu", "sejuta"):
            total += _ID_OTHER[w]
        elif w in _BIG and started:
            total += ((chunk + (unit or 0.0)) or 1.0) * _BIG[w]
            chunk, unit = 0.0, None
        elif w == "and" and (chunk >= 100 or total) and (nxt in _EN_UNITS or nxt in _EN_TENS):
            pass
        elif w in ("a", "an") and not started and nxt in ("hundred", *_BIG):
            unit = 1.0
        elif w == "setengah" and unit is not None:  # "satu setengah": 1.5
            unit += 0.5
        else:
            break
        j += 1
    if j == i or (j == i + 1 and words[i] in ("a", "an")):
        return i, 0.0
    return j, total + chunk + (unit or 0.0)
