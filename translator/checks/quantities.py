"""What the words around a number say it is: a unit, a currency, a time zone, a year.

:func:`annotate` reads the context of each number found by the digit and word readers and
adds the values a translator may write for it instead:

* units converted between metric and US customary: ``150 km`` may be ``93 miles``,
  ``38 derajat Celsius`` ``100 degrees Fahrenheit``: the converted value is accepted only
  as the exact conversion rounded to 0-2 decimals or to 2-3 significant digits, so
  ``95 miles`` for ``150 km`` is still an error; a range shares its unit (``20-30 km``);
* clock times in a time zone: ``19.30 WIB`` is also ``1230 GMT`` (WIB, WITA and WIT are
  UTC+7, +8 and +9), and ``1200 GMT`` is a time, not twelve hundred;
* years: ``2010–11`` ends in 2011, ``80-an`` and ``'80s`` are the 1980s;
* citation markers (``[3]``, ``[12][13]``): dropped together by many translations.

:func:`settle` then weighs each side against the other: a conversion that a translator adds
in brackets after a number (``35°C (95°F)``, ``1.5 trillion rupiah ($100 million)``,
``7.30pm (1230 GMT)``) needs no counterpart of its own, and citation markers count only
when the other side has some too.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from translator.checks.digits import LOOK_BACK, Key, Num, num_key

__all__ = ["annotate", "settle"]

_UNITS: tuple[tuple[str, str], ...] = (
    ("km2", r"km2|km²|kilomet(?:er|re)s?\s+persegi|square\s+kilomet(?:er|re)s?|sq\.?\s?km"),
    ("mi2", r"square\s+miles?|sq\.?\s?mi(?:les?)?|mil\s+persegi"),
    ("kmh", r"km/jam|km/j|km/h|kph|kmh|km\s+per\s+(?:jam|hour)"
            r"|kilomet(?:er|re)s?\s+per\s+(?:jam|hour)"),
    ("mph", r"mph|miles?\s+(?:per|an)\s+hour|mil\s+per\s+jam"),
    ("km", r"km|kilomet(?:er|re)s?"),
    ("mi", r"miles?|mil"),
    ("cm", r"cm|sentimeter|centimet(?:er|re)s?"),
    ("in", r"inch(?:es)?|inci"),
    ("ft", r"ft|feet|foot"),
    ("m", r"m|met(?:er|re)s?"),
    ("kg", r"kg|kilograms?|kilos?"),
    ("lb", r"lbs?|pounds?"),
    ("l", r"lit(?:er|re)s?"),
    ("gal", r"gallons?|galon"),
    ("ha", r"ha|hektare|hektar|hectares?"),
    ("acre", r"acres?"),
    ("C", r"°\s?C|º\s?C|derajat\s+(?:celsius|c)|degrees?\s+(?:celsius|centigrade|c)|celsius"),
    ("F", r"°\s?F|º\s?F|derajat\s+fahrenheit|degrees?\s+fahrenheit|fahrenheit"),
    ("h", r"jam|hours?|hrs?"),
    ("min", r"menit|minutes?|mins?"),
    ("wk", r"minggu|pekan|weeks?"),
    ("d", r"hari|days?"),
)


@lru_cache(maxsize=1)
def _unit_after() -> list[tuple[str, re.Pattern[str]]]:
    """The unit patterns, compiled on first use (``import translator`` stays quick)."""
    return [(unit, re.compile(rf"(?i)[\s-]?(?:{names})(?![\w²])")) for unit, names in _UNITS]


#: Factors from the first unit to the second (the other way: 1 / factor).
_FACTORS: dict[tuple[str, str], float] = {
    ("km", "mi"): 0.621371, ("m", "ft"): 3.28084, ("cm", "in"): 0.393701,
    ("kg", "lb"): 2.20462, ("l", "gal"): 0.264172, ("ha", "acre"): 2.47105,
    ("kmh", "mph"): 0.621371, ("km2", "mi2"): 0.386102,
}
#: Units of time: converted exactly, either way (1,5 jam: 90 minutes; 2 minggu: 14 days).
_EXACT: dict[tuple[str, str], float] = {("h", "min"): 60, ("wk", "d"): 7}
_PERCENT = re.compile(r"(?i)\s?(?:%|persen\b|percent\b|per\s+cent\b)")
_NEGATIVE = re.compile(r"(?i)(?:^|[\s(])(?:-|−|minus\s)$")
_CURRENCY_BEFORE = re.compile(
    r"(?i)(?:(rp\.?|idr)|(us\$|usd|\$)|(€|eur|euro))\s?$"
)
_CURRENCY_AFTER = re.compile(
    r"(?i)^\s?(?:(rupiah)|(dolar(?:\s+as|\s+amerika(?:\s+serikat)?)?|(?:us\s+)?dollars?)"
    r"|(euros?))\b"
)
_CURRENCIES = ("idr", "usd", "eur")
#: Rupiah per dollar / euro that a conversion added in brackets may have used (2014-2025).
_RATES = {("idr", "usd"): (13_000.0, 16_800.0), ("idr", "eur"): (14_000.0, 18_500.0)}
_ZONES = {"wib": 7, "wita": 8, "wit": 9, "gmt": 0, "utc": 0}
_ZONE_AFTER = re.compile(r"(?i)^\s?(wib|wita|wit|gmt|utc)\b")
_YEAR_BEFORE = re.compile(r"(?<![\d.,])(1\d|20)(\d\d)\s?[-–—/]\s?$")
_CITATION = re.compile(r"\[\s*\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\s*\]")
#: Words between two numbers of one range: "20-30 km", "20 to 30 km", "20 hingga 30 km".
_RANGE_JOIN = re.compile(r"(?i)\s?(?:[-–—]|to|and|or|hingga|sampai|s\.d\.|atau|dan)\s?")
#: What may stand between a number and a conversion of it that a translator added.
_ECHO_JOIN = re.compile(
    r"(?i)(?:\s*[A-Za-z°º²/.]+){0,4}\s*(?:\(|\[|,?\s+or|,?\s+atau)\s*"
    r"(?:(?:about|around|approximately|approx\.|roughly|some|nearly|almost|over|"
    r"more\s+than|sekitar|kira-kira|c\.|ca\.)\s*)?(?:US\$|USD|\$|€|~|≈|Rp\.?|IDR)?\s*"
)


def annotate(text: str, nums: list[Num]) -> list[Num]:
    """``nums`` (found in ``text``) with units, currencies, zones and year readings added."""
    out = [_annotate_one(text, num) for num in sorted(nums, key=lambda n: n.start)]
    for i in range(len(out) - 2, -1, -1):  # "20-30 km": the first number is in km too
        a, b = out[i], out[i + 1]
        if not a.unit and b.unit not in ("", "cite", *_CURRENCIES) and 0 <= a.end <= b.start \
                and _RANGE_JOIN.fullmatch(text[a.end : b.start]):
            out[i] = _with_unit(a, b.unit)
    return out


def settle(text: str, nums: list[Num], other: list[Num]) -> list[Num]:
    """``nums`` of one side, with what needs no counterpart on the ``other`` side made weak.

    That is a conversion added in brackets after a number of the same side, and citation
    markers when the other side has none.
    """
    cited = any(n.unit == "cite" for n in other)
    out = [replace(n, strong=False) if n.unit == "cite" and not cited else n for n in nums]
    for i, b in enumerate(out):
        if not b.strong:
            continue
        for a in out[max(0, i - 3) : i]:  # "IDR 4.9 million a month (about US$320)"
            if 0 <= a.end <= b.start and _ECHO_JOIN.fullmatch(text[a.end : b.start]) \
                    and _same_quantity(a, b, other):
                out[i] = replace(b, strong=False)
                break
    return out


def _same_quantity(a: Num, b: Num, other: list[Num]) -> bool:
    """Whether ``b`` says again what ``a`` says, converted.

    That is: they share a value, some number of the other side stands for both, or they are
    rupiah and dollars (or euros) at a rate of the last fifteen years, ``b`` rounded.
    """
    if a.unit != b.unit and a.meets(b, plain=False):
        return True  # 35°C (95°F), 7:30 p.m. (19:30); not 35°C (35°F)
    if any(o.meets(a) and o.meets(b, plain=False) for o in other):
        return True  # 19.30 WIB: 7.30pm (1230 GMT)
    low_high = _RATES.get((a.unit, b.unit)) or _RATES.get((b.unit, a.unit))
    if low_high is None:
        return False
    rupiah, foreign = (a, b) if a.unit == "idr" else (b, a)
    for r in _values(rupiah.keys):
        for f in _values(foreign.keys):
            if f and _significant(f) <= 3 and low_high[0] <= r / f <= low_high[1]:
                return True
    return False


def _values(keys: frozenset[Key] | set[Key], kind: str = "n") -> list[float]:
    """The values of the keys of one kind ("n": plain numbers, "t": times of day)."""
    return [float(k[1]) for k in keys if k[0] == kind and len(k) == 2]  # type: ignore[arg-type]


def _significant(value: float) -> int:
    """Significant digits of a value as written: 320 -> 2, 24.6e9 -> 3."""
    digits = f"{value:.6e}".split("e")[0].replace(".", "").rstrip("0")
    return len(digits)


def _annotate_one(text: str, num: Num) -> Num:
    if num.start < 0:
        return num
    before, after = text[max(0, num.start - LOOK_BACK) : num.start], text[num.end :]
    keys = set(num.keys)
    values = _values(num.keys)
    core = re.search(r"\d+", num.text)
    # citation markers
    if _CITATION.search(text[max(0, num.start - 12) : num.end + 12]) and any(
        m.start() <= num.start and num.end <= m.end() for m in _CITATION.finditer(text)
    ):
        return replace(num, unit="cite")
    # years: "2010–11" ends in 2011; "80-an", "'80s": the 1980s
    year = _YEAR_BEFORE.search(before)
    if year and core and num.text.isdigit() and len(num.text) == 2:
        start_year = int(year.group(1) + year.group(2))
        full = int(year.group(1)) * 100 + int(num.text)
        full += 100 if full <= start_year else 0
        keys.add(num_key(full))
    if num.text.isdigit() and len(num.text) == 2 and num.text.endswith("0") and (
        re.match(r"(?i)-?an\b|s\b", after) or before.endswith(("'", "’"))
    ):
        keys.add(num_key(1900 + int(num.text)))
    # clock times in a zone: "19.30 WIB" is also 12:30 GMT; "1200 GMT" is a time
    zone = _ZONE_AFTER.match(after) or re.search(r"(?i)\s?(wib|wita|wit)$", num.text)
    if zone:
        hhmm = re.fullmatch(r"([01]\d|2[0-4])([0-5]\d)", num.text)
        if hhmm:
            hour, minute = int(hhmm.group(1)), int(hhmm.group(2))
            keys |= {("t", (h * 60 + minute) % 1440) for h in {hour, hour % 12, hour % 12 + 12}}
        offset = _ZONES[zone.group(1).lower()] * 60
        keys |= {("g", (int(v) - offset) % 1440) for v in _values(keys, "t")}
        if not offset:  # 1930 GMT is no 19:30 local time (and no 7:30 p.m. WIB)
            keys = {k for k in keys if k[0] != "t"}
    # currencies
    currency = ""
    glued = num.text[: num.text.find(core.group())] if core else ""  # "Rp" of "Rp50.000"
    for match in (_CURRENCY_BEFORE.search(before + glued), _CURRENCY_AFTER.match(after)):
        if match:
            currency = next(c for c, g in zip(_CURRENCIES, match.groups()) if g)
            break
    if currency:
        return replace(num, keys=frozenset(keys), unit=currency)
    # percentages: 50% is also a half
    if _PERCENT.match(after):
        keys |= {num_key(v / 100) for v in values}
    # units; "-2°C", "minus 2 derajat" converts as -2
    if _NEGATIVE.search(before):
        values = [-v for v in values]
    if num.text.lower() in ("a", "an", "one") or not values:
        return replace(num, keys=frozenset(keys))  # "a week" is "seminggu" more than "7 hari"
    for unit, pattern in _unit_after():
        if pattern.match(after):
            return _with_unit(replace(num, keys=frozenset(keys)), unit, values)
    return replace(num, keys=frozenset(keys))


def _with_unit(num: Num, unit: str, values: list[float] | None = None) -> Num:
    """``num`` in ``unit``, with the values of its conversions to the paired unit."""
    if values is None:
        values = _values(num.keys)
    keys: set[Key] = set(num.keys)
    conv: set[Key] = set(num.conv)
    for value in values:
        keys.add(("u", unit, round(value, 6)))
        for target, converted in _conversions(value, unit):
            conv |= {("u", target, r) for r in _roundings(converted)}
        conv |= {("u", target, round(converted, 6)) for target, converted in _exact(value, unit)}
    return replace(num, keys=frozenset(keys), unit=unit, conv=frozenset(conv))


def _conversions(value: float, unit: str) -> list[tuple[str, float]]:
    """Metric values converted to US units, the way an Indonesian text is translated.

    Only that way: the rounding a converted value may have is not allowed back (``95
    miles`` is 152.9 km, which rounds to 150 but is no translation of ``150 km``).
    """
    if unit == "C":
        return [("F", value * 9 / 5 + 32)]
    return [(b, value * factor) for (a, b), factor in _FACTORS.items() if unit == a]


def _exact(value: float, unit: str) -> list[tuple[str, float]]:
    """Values of time converted to the neighbouring units, either way."""
    out = [(b, value * f) for (a, b), f in _EXACT.items() if unit == a]
    return out + [(a, value / f) for (a, b), f in _EXACT.items() if unit == b]


def _roundings(value: float) -> set[float]:
    """How a converted value may be written: to 0-2 decimals, or to 2-3 significant digits."""
    out = {round(value, d) for d in (0, 1, 2)}
    if abs(value) >= 10:
        out |= {float(f"{value:.{d - 1}e}") for d in (2, 3)}
    return {round(v, 6) for v in out}
