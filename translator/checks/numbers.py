"""The ``numbers`` check: every number of the source has a counterpart in the translation.

Numbers are read with Indonesian *and* English conventions, because either may appear on
either side: ``1.500`` and ``1,500`` both read as 1500 (and as 1.5), ``1,5`` as 1.5,
``Rp1.500.000`` and ``IDR 1.5 million`` as 1500000, ``1,5 juta`` as 1.5 million,
``07.30 WIB`` and ``7:30 a.m.`` as the time 07:30, ``ke-17`` and ``17th`` as 17. Each number
becomes a set of candidate values; two numbers match when their sets meet.

Written-out numbers (``lima``, ``dua puluh satu``, ``five``, ``twenty-one``, ``twice``,
month names) are *weak*: they may stand in for a digit number on the other side, but one
without a counterpart is not reported, because such words have other meanings ("one of
them", "May", "second"). A digit number on either side without a counterpart is reported.
Tokens that mix letters and digits (``COVID-19``, ``MP3``, ``192.168.1.1``) are compared
as strings, case-insensitively.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from translator.checks.spans import find_spans

#: A candidate value: ("n", number), ("t", minutes after midnight) or ("s", identifier).
Key = tuple[str, object]


@dataclass(frozen=True)
class Num:
    """One number found in a text.

    Attributes:
        text: The surface text, for reasons.
        keys: The values it may stand for.
        strong: Whether an unmatched occurrence is a problem (digits: yes; words: no).
    """

    text: str
    keys: frozenset[Key]
    strong: bool = True


_CURRENCY = r"(?:rp\.?|idr|usd|us\$|s\$|rm|eur|sgd|\$|€|£|¥)"
_SCALES = {
    "ribu": 1e3, "rb": 1e3, "thousand": 1e3, "k": 1e3,
    "juta": 1e6, "jt": 1e6, "million": 1e6, "mn": 1e6, "mio": 1e6, "m": 1e6,
    "miliar": 1e9, "milyar": 1e9, "billion": 1e9, "bn": 1e9, "b": 1e9,
    "triliun": 1e12, "trilyun": 1e12, "trillion": 1e12, "tn": 1e12, "t": 1e12,
    "ratus": 1e2, "hundred": 1e2,
}
# Short forms that are also units (5m = five metres, 5k = 5 km, 5t = five tonnes).
_AMBIGUOUS_SCALES = {"m", "b", "t", "k"}
_CORE = re.compile(r"\d+(?:[.,:]\d+)*")
_SCALE_AFTER = re.compile(
    r"[\s-]?(" + "|".join(sorted(_SCALES, key=len, reverse=True))
    + r")(?:an)?\b(?:[\s-](ribu|thousand|juta|million|miliar|billion)(?:an)?)?\b",
    re.IGNORECASE,
)
_TIME_AFTER = re.compile(
    r"\s?(a\.m\.|p\.m\.|am\b|pm\b|wib\b|wita\b|wit\b|o'clock\b)", re.IGNORECASE
)
_ORDINAL_SUFFIX = re.compile(r"(st|nd|rd|th)\b", re.IGNORECASE)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.$]*)(-?)$")
_GLUED_WORDS = {"jam", "pukul", "tahun", "no", "nomor", "thn", "tgl", "ke"}
_RP_SPACED = re.compile(r"(?i)(\brp\.?\s?\d{1,3})\. (?=\d{3}(?!\d))")


def _n(value: Decimal | float) -> Key:
    return ("n", round(float(value), 6))


def _core_keys(core: str) -> set[Key] | None:
    """Candidate values of a digits-and-separators core; None when it is an identifier."""
    if ":" in core:
        parts = core.split(":")
        if any(p == "" for p in parts) or "." in core or "," in core:
            return None
        if len(parts) in (2, 3) and all(len(p) == 2 for p in parts[1:]):
            hour, minute = int(parts[0]), int(parts[1])
            if hour <= 24 and minute < 60:
                return _time_keys(hour, minute)
        return None  # a score or ratio: read as separate numbers by the caller
    seps = re.findall(r"[.,]", core)
    groups = re.split(r"[.,]", core)
    if not seps:
        return {_n(Decimal(core))}
    if len(set(seps)) == 1:
        sep = seps[0]
        if len(seps) == 1:
            whole, frac = groups
            keys = {_n(Decimal(f"{whole}.{frac}"))}
            if len(frac) == 3 and len(whole) <= 3:
                keys.add(_n(Decimal(whole + frac)))
                if frac.endswith("0"):  # 10.000 and 1,500 are never written for 10 and 1.5
                    keys.discard(_n(Decimal(f"{whole}.{frac}")))
            if sep == "." and len(frac) == 2 and int(whole) <= 24 and int(frac) < 60:
                keys |= _time_keys(int(whole), int(frac))
            return keys
        if len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
            return {_n(Decimal("".join(groups)))}
        return None
    # Both separators: the last one is the decimal mark, the others group thousands.
    last = max(core.rfind("."), core.rfind(","))
    head, frac = core[:last], core[last + 1 :]
    head_groups = re.split(r"[.,]", head)
    if core[last] in head or len(head_groups[0]) > 3 or any(
        len(g) != 3 for g in head_groups[1:]
    ):
        return None
    return {_n(Decimal("".join(head_groups) + "." + frac))}


def _time_keys(hour: int, minute: int, *, half: str = "") -> set[Key]:
    """Times of day a clock reading may mean (7:30 may be 07:30 or 19:30)."""
    if half == "am":
        hours = {hour % 12}
    elif half == "pm":
        hours = {hour % 12 + 12}
    else:
        hours = {hour % 24} | ({hour % 12, hour % 12 + 12} if hour <= 12 else set())
    keys: set[Key] = {("t", h * 60 + minute) for h in hours}
    if minute == 0:
        keys.add(_n(hour))  # "pukul 6" reads as plain 6
    return keys


def _clock(core: str) -> tuple[int, int] | None:
    """(hour, minute) of a core that can be a time of day: 7, 07.30, 7:30."""
    m = re.fullmatch(r"(\d{1,2})(?:[.:](\d{2}))?", core)
    if m and int(m[1]) <= 24 and int(m[2] or 0) < 60:
        return int(m[1]), int(m[2] or 0)
    return None


def _with_time(keys: set[Key], core: str, half: str) -> set[Key]:
    """``keys`` of a number followed by a time mark (a.m., p.m., WIB, o'clock)."""
    clock = _clock(core)
    if clock is None:
        return keys
    if half:
        keys = {k for k in keys if k[0] != "t"}
    return keys | _time_keys(*clock, half=half)


def digit_numbers(text: str) -> list[Num]:
    """The numbers written with digits in ``text``, each with its candidate values."""
    text = _RP_SPACED.sub(r"\1.", text)
    found: list[Num] = []
    for m in _CORE.finditer(text):
        core, start, end = m.group(), m.start(), m.end()
        before, after = text[:start], text[end:]
        surface = core
        word = _WORD_BEFORE.search(before)
        ordinal = False
        if word and before[: word.start()][-1:].isalnum():
            word = None
        if word:
            prefix = word.group(1).lower()
            if prefix == "ke" and word.group(2):
                ordinal = True
            elif prefix in _GLUED_WORDS or (word.group(2) and prefix.islower() and len(prefix) > 2):
                pass  # "jam6", "less-than-100": a word, then a plain number
            elif re.fullmatch(_CURRENCY, prefix) is None:
                ident = re.match(r"[\w.\-]*", after).group().rstrip(".-")
                token = before[word.start() :] + core + ident
                keys: set[Key] = {("s", token.lower())}
                if word.group(2) and not ident and (plain := _core_keys(core)):
                    keys |= plain  # "Type-9210" may stand for "tipe 9210"
                # "anak2", "saung2": informal reduplication, not a number.
                weak = core == "2" and not ident and not word.group(2) and prefix.islower()
                found.append(Num(token, frozenset(keys), strong=not weak))
                continue
            else:
                surface = word.group(1) + core
        elif before[-1:] in "_" and before:
            continue
        keys = _core_keys(core)  # type: ignore[assignment]
        if keys is None:
            if ":" in core and "." not in core and "," not in core:
                for part in core.split(":"):
                    found.append(Num(part, frozenset({_n(Decimal(part))})))
                continue
            ident = re.match(r"[\w\-]*", after).group()
            found.append(Num(core + ident, frozenset({("s", (core + ident).lower())})))
            continue
        tail = re.match(r"[A-Za-z]+", after)
        if tail and not ordinal:
            suffix = tail.group().lower()
            if _ORDINAL_SUFFIX.fullmatch(suffix):
                surface += tail.group()
            elif suffix in ("am", "pm"):
                keys = _with_time(keys, core, suffix)
                surface += tail.group()
            elif suffix in _SCALES and _SCALES[suffix] >= 1e3:
                keys = _scaled(keys, _SCALES[suffix], keep=suffix in _AMBIGUOUS_SCALES)
                surface += tail.group()
            elif re.match(r"[A-Za-z]+\d", after):
                ident = re.match(r"[\w\-]*", after).group()
                found.append(Num(core + ident, frozenset({("s", (core + ident).lower())})))
                continue
            # else: a unit (10km, 5kg, 4a): the number stands as it is.
        elif not ordinal:
            scale = _SCALE_AFTER.match(after)
            time = _TIME_AFTER.match(after)
            if scale:
                word1 = scale.group(1).lower()
                factor = _SCALES[word1]
                if scale.group(2):
                    factor *= _SCALES[scale.group(2).lower()]
                keep = word1 in _AMBIGUOUS_SCALES or word1 in ("ratus", "hundred")
                keys = _scaled(keys, factor, keep=keep)
                surface += scale.group()
            elif time:
                mark = time.group(1).lower().replace(".", "")
                keys = _with_time(keys, core, mark if mark in ("am", "pm") else "")
                surface += time.group()
        found.append(Num(surface, frozenset(keys)))
    return found


def _scaled(keys: set[Key], factor: float, *, keep: bool) -> set[Key]:
    factors = [factor, 1e9] if factor == 1e6 and keep else [factor]  # "Rp 2 M": miliar
    out = {
        _n(Decimal(str(v)) * Decimal(str(f))) for f in factors for kind, v in keys if kind == "n"
    }
    return out | keys if keep else out


# --- numbers written as words -------------------------------------------------------------

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
             "quarter": 15,
             "couple": 2, "both": 2, "double": 2, "triple": 3}
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
_MONTHS = {
    m: i + 1
    for names in (
        "januari februari maret april mei juni juli agustus september oktober november "
        "desember".split(),
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
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
#: Phrases with a number word that is not a number ("pedagang kaki lima": street vendor).
_IDIOMS = re.compile(r"(?i)\bkaki\s+lima\b|\bsatu-satunya\b|\bsalah\s+satu\b")
_EN_WORDS = {*_EN_UNITS, *_EN_TENS, "hundred", "thousand", "million", "billion", "trillion",
             "a", "an", "and"}
_BIG = {"ribu": 1e3, "juta": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12,
        "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def word_numbers(text: str) -> list[Num]:
    """Numbers written as words in English or Indonesian, as weak :class:`Num` items."""
    text = _IDIOMS.sub(" ", text)
    words = [w.lower() for m in _WORD.finditer(text) for w in m.group().split("-")]
    found: list[Num] = []
    i = 0
    while i < len(words):
        j, value = _parse_words(words, i)
        if j > i:
            # Indonesian cardinals of 2 and up have no other meaning: as strong as digits.
            strong = value >= 2 and all(w not in _EN_WORDS for w in words[i:j])
            found.append(Num(" ".join(words[i:j]), frozenset({_n(value)}), strong=strong))
            i = j
            continue
        w = words[i]
        if w in _EN_ORDINALS or w in _EN_OTHER or w in _ID_OTHER or w in _MONTHS:
            value = {**_MONTHS, **_EN_OTHER, **_ID_OTHER, **_EN_ORDINALS}[w]
            found.append(Num(w, frozenset({_n(value)}), strong=False))
        elif w.startswith("ke") and w[2:].removesuffix("nya") in _ID_UNITS:
            found.append(Num(w, frozenset({_n(_ID_UNITS[w[2:].removesuffix("nya")])}), False))
        elif w in ("a", "an") and i + 1 < len(words) and words[i + 1].rstrip("s") in _A_ONE:
            found.append(Num(w, frozenset({_n(1)}), strong=False))
        i += 1
    return found


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
        else:
            break
        j += 1
    if j == i or (j == i + 1 and words[i] in ("a", "an")):
        return i, 0.0
    return j, total + chunk + (unit or 0.0)


def normalise(text: str) -> str:
    """NFKC-normalise (CO₂ -> CO2, full-width digits -> ASCII) for the number readers."""
    return unicodedata.normalize("NFKC", text)


def find_numbers(text: str) -> list[Num]:
    """All numbers of ``text``: digit numbers (strong) and number words (weak)."""
    text = normalise(text)
    return digit_numbers(text) + word_numbers(text)


def _match(left: list[Num], right: list[Num]) -> list[Num]:
    """Strong items of ``left`` left over by a maximum matching into ``right``."""
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j, other in enumerate(right):
            if j in seen or not (left[i].keys & other.keys):
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    return [item for i, item in enumerate(left) if item.strong and not augment(i, set())]


def check_numbers(source: str, translation: str) -> str | None:
    """The reason the numbers of ``source`` and ``translation`` disagree, or None.

    A matching that covers every strong number of both sides exists exactly when one
    covers the source's and one covers the translation's (Mendelsohn-Dulmage), so the two
    sides are matched one way each.
    """
    for span in find_spans(source) + find_spans(translation):
        source, translation = source.replace(span, " "), translation.replace(span, " ")
    src, out = find_numbers(source), find_numbers(translation)
    if not any(n.strong for n in src + out):
        return None
    missing, extra = _match(src, out), _match(out, src)
    parts = []
    if missing:
        parts.append("not in the translation: " + ", ".join(repr(n.text) for n in missing))
    if extra:
        parts.append("not in the source: " + ", ".join(repr(n.text) for n in extra))
    return "; ".join(parts) or None
