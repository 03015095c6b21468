"""Numbers written with digits, read with Indonesian and English conventions at once.

``1.500`` and ``1,500`` read as 1500 (and ``1.234`` also as 1.234), ``1,5`` as 1.5,
``Rp1.500.000`` as 1500000, ``1,5 juta`` and ``1.5 million`` as 1500000, ``07.30 WIB`` and
``7:30 a.m.`` as the time 07:30, ``ke-17`` and ``17th`` as 17; in ``17/8/1945`` the 8 may
also stand for the month. Tokens that mix letters and digits (``COVID-19``, ``MP3``,
``192.168.1.1``) are identifiers, compared as strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

#: A candidate value: ("n", number), ("t", minutes after midnight), ("m", month 1-12),
#: ("s", identifier), ("g", minutes after midnight GMT) or ("u", unit, number).
Key = tuple[object, ...]


@dataclass(frozen=True)
class Num:
    """One number found in a text.

    Attributes:
        text: The surface text, for reasons.
        keys: The values it may stand for.
        strong: Whether an unmatched occurrence is a problem (digits: yes; words: no).
        start: Where the number starts in the (normalised) text; -1 when unknown.
        end: Where it ends (after a scale word or time mark read with it).
        unit: The unit or currency read around it (``"km"``, ``"idr"``), or ``""``.
        conv: Values it may be written as once converted (``150 km``: 93 miles). They meet
            the :attr:`keys` of another number, never its ``conv``: two metric numbers
            whose conversions round alike are still different numbers.
    """

    text: str
    keys: frozenset[Key]
    strong: bool = True
    start: int = field(default=-1, compare=False)
    end: int = field(default=-1, compare=False)
    unit: str = field(default="", compare=False)
    conv: frozenset[Key] = field(default=frozenset(), compare=False)

    def meets(self, other: Num, *, plain: bool = True) -> bool:
        """Whether the two numbers may stand for the same value (``plain``: by "n" keys too)."""
        shared = self.keys & other.keys | self.conv & other.keys | self.keys & other.conv
        return bool(shared if plain else {k for k in shared if k[0] != "n"})


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
#: How far before a number its readers look (a word, a currency, a minus sign): the
#: text before it, not all of it, so a segment with thousands of numbers stays linear.
LOOK_BACK = 256
_DATE = re.compile(
    r"(?<![\d.,])\d{1,4}([/-])\d{1,2}\1\d{1,4}(?!\d)|(?<![\d.,/])\d{1,2}/\d{1,2}(?![\d/])"
)
#: Indonesian abbreviations with a digit that translations spell out: degrees (S1:
#: bachelor's), hazardous waste (B3), occupational safety (K3), first aid (P3K).
_WEAK_IDENTIFIERS = {"s1", "s2", "s3", "d1", "d2", "d3", "d4", "b3", "k3", "p3k"}
_GLUED_WORDS = {"jam", "pukul", "tahun", "no", "nomor", "thn", "tgl", "ke",
                # references to a figure, table, equation or page: "Fig.1,1", "Gbr.3", "hlm.45"
                "fig", "figs", "gbr", "gb", "tab", "tbl", "eq", "eqs", "pers", "p", "pp", "hlm",
                "hal", "vol", "ch", "bab", "sec"}
_RP_SPACED = re.compile(r"(?i)(\brp\.?\s?\d{1,3})\. (?=\d{3}(?!\d))")


def _ident(token: str) -> Key:
    """The key of a letters-and-digits token: G-20 and g20, PM2,5 and PM2.5 are the same."""
    return ("s", token.lower().replace("-", "").replace(",", "."))


def num_key(value: Decimal | float) -> Key:
    """The key of a numeric value (rounded, so 1.5 from "1,5" and "1.5" compare equal)."""
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
        return {num_key(Decimal(core))}
    if len(set(seps)) == 1:
        sep = seps[0]
        if len(seps) == 1:
            whole, frac = groups
            keys = {num_key(Decimal(f"{whole}.{frac}"))}
            if len(frac) == 3 and len(whole) <= 3:
                keys.add(num_key(Decimal(whole + frac)))
                if frac.endswith("0"):  # 10.000 and 1,500 are never written for 10 and 1.5
                    keys.discard(num_key(Decimal(f"{whole}.{frac}")))
            if sep == "." and len(frac) == 2 and int(whole) <= 24 and int(frac) < 60:
                keys |= _time_keys(int(whole), int(frac))
            return keys
        if len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
            return {num_key(Decimal("".join(groups)))}
        return None
    # Both separators: the last one is the decimal mark, the others group thousands.
    last = max(core.rfind("."), core.rfind(","))
    head, frac = core[:last], core[last + 1 :]
    head_groups = re.split(r"[.,]", head)
    if core[last] in head or len(head_groups[0]) > 3 or any(
        len(g) != 3 for g in head_groups[1:]
    ):
        return None
    return {num_key(Decimal("".join(head_groups) + "." + frac))}


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
        keys.add(num_key(hour))  # "pukul 6" reads as plain 6
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
    dates = [(m.start(), m.end()) for m in _DATE.finditer(text)]
    found: list[Num] = []
    for m in _CORE.finditer(text):
        before_count = len(found)
        _read_core(text, m, dates, found)
        for k in range(before_count, len(found)):
            num = found[k]
            at = m.start() - max(num.text.find(m.group()), 0)
            found[k] = replace(num, start=at, end=at + len(num.text))
    return found


def _read_core(text: str, m: re.Match[str], dates: list[tuple[int, int]], found: list[Num]) -> None:
    """Append the number(s) that the digits ``m`` of ``text`` stand for to ``found``."""
    core, start, end = m.group(), m.start(), m.end()
    if any(a <= start < b for a, b in dates) and core.isdigit() and 1 <= int(core) <= 12:
        # a month in 17/8/1945 stands for "Agustus" / "August" too
        found.append(Num(core, frozenset({num_key(int(core)), ("m", int(core))})))
        return
    before, after = text[max(0, start - LOOK_BACK) : start], text[end:]
    surface = core
    word = _WORD_BEFORE.search(before)
    ordinal = False
    if word and before[: word.start()][-1:].isalnum():
        word = None
    if word:
        prefix = word.group(1).lower()
        if prefix == "ke" and word.group(2):
            ordinal = True
        elif prefix.rstrip(".") in _GLUED_WORDS or (
            word.group(2) and prefix.islower() and len(prefix) > 2
        ):
            pass  # "jam6", "less-than-100": a word, then a plain number
        elif word.group(2) and re.fullmatch(r"[IVX]+", word.group(1)):
            pass  # "kuartal III-2020": a Roman numeral, then a year
        elif re.fullmatch(_CURRENCY, prefix) is None:
            ident = re.match(r"[\w.\-]*", after).group().rstrip(".-")
            token = before[word.start() :] + core + ident
            keys: set[Key] = {_ident(token)}
            if word.group(2) and not ident and (plain := _core_keys(core)):
                keys |= plain  # "Type-9210" may stand for "tipe 9210"
            # "anak2", "saung2": informal reduplication; "km2", "m3" (from km², m³): units.
            weak = core in ("2", "3") and not ident and not word.group(2) and prefix.islower()
            weak = weak or token.lower() in _WEAK_IDENTIFIERS
            found.append(Num(token, frozenset(keys), strong=not weak))
            return
        else:
            surface = word.group(1) + core
    elif before[-1:] in "_" and before:
        return
    keys = _core_keys(core)  # type: ignore[assignment]
    if keys is None:
        if ":" in core and "." not in core and "," not in core:
            for part in core.split(":"):
                found.append(Num(part, frozenset({num_key(Decimal(part))})))
            return
        ident = re.match(r"[\w\-]*", after).group()
        found.append(Num(core + ident, frozenset({_ident(core + ident)})))
        return
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
            found.append(Num(core + ident, frozenset({_ident(core + ident)})))
            return
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


def _scaled(keys: set[Key], factor: float, *, keep: bool) -> set[Key]:
    factors = [factor, 1e9] if factor == 1e6 and keep else [factor]  # "Rp 2 M": miliar
    values = [Decimal(str(k[1])) for k in keys if k[0] == "n" and len(k) == 2]
    out = {num_key(v * Decimal(str(f))) for f in factors for v in values}
    return out | keys if keep else out
