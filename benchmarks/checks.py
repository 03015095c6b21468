"""How often the translation checks fire on human translations, and how often they catch errors.

Runs on ../shared/data/parallel-dev (NusaX + Tatoeba human Indonesian -> English pairs):

* false alarms: the share of the human reference translations each check flags
  (targets: at most 2% for ``numbers`` and ``spans``, at most 5% for any flag);
* hit rates on references corrupted on purpose: a digit number changed, a digit number
  dropped, a URL altered, the source copied, the second half dropped (target: at least
  95% for the first four). The data has no URLs, so a URL is inserted into both sides of
  every pair first (the unaltered insertions are also measured for false alarms).

Usage:
    python benchmarks/checks.py               # the table
    python benchmarks/checks.py --calibrate   # print the length bands for checks/length.py
    python benchmarks/checks.py --data DIR --quick
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from translator.checks import CHECK_FLAGS, LENGTH, NUMBERS, SPANS, UNTRANSLATED, check_pair
from translator.checks.length import MARGIN
from translator.checks.numbers import digit_numbers, normalise

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "parallel-dev"
URLS = (
    "https://www.kompas.com/tren/read/2024/01/05/berita-utama",
    "https://bit.ly/3xYz9Qa",
    "http://example.co.id/index.php?id=17&lang=id",
    "www.bps.go.id/statistik",
    "https://id.wikipedia.org/wiki/Jakarta_(kota)",
)
BAND_STARTS = (0, 10, 20, 40, 80)


def load(data: Path) -> list[tuple[str, str]]:
    """All (source, reference) pairs of the data folder."""
    pairs: list[tuple[str, str]] = []
    for src in sorted(data.glob("*.id")):
        ref = src.with_suffix(".en")
        ids = src.read_text(encoding="utf-8").splitlines()
        ens = ref.read_text(encoding="utf-8").splitlines()
        pairs += [(s.strip(), e.strip()) for s, e in zip(ids, ens) if s.strip() and e.strip()]
    return pairs


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0..100), linear interpolation."""
    values = sorted(values)
    k = (len(values) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def is_whole_translation(source: str, reference: str) -> bool:
    """False for references that are not a translation of the whole source.

    Some NusaX references are an elided quote ('"...romantic spot..."') or an annotator's
    note in Indonesian; they say nothing about how long translations are.
    """
    elided = "..." in reference or "\u2026" in reference
    return not elided and UNTRANSLATED not in check_pair(source, reference).flags


def calibrate(pairs: list[tuple[str, str]]) -> None:
    """Print the BANDS constant of translator/checks/length.py from the data."""
    pairs = [(s, e) for s, e in pairs if is_whole_translation(s, e)]
    print(f"# {len(pairs)} pairs whose reference translates the whole source")
    print("BANDS: tuple[tuple[int, float, float], ...] = (")
    for i, start in enumerate(BAND_STARTS):
        end = BAND_STARTS[i + 1] if i + 1 < len(BAND_STARTS) else 10**9
        ratios = [len(e) / len(s) for s, e in pairs if start <= len(s) < end]
        low = percentile(ratios, 0.5) / MARGIN
        high = percentile(ratios, 99.5) * MARGIN
        print(f"    ({start}, {low:.2f}, {high:.2f}),  # {len(ratios)} pairs")
    print(")")


def _numbers(text: str) -> list[re.Match[str]]:
    """Plain digit numbers of a text (no identifiers), as matches on the text."""
    plain = {n.text for n in digit_numbers(normalise(text)) if all(k[0] != "s" for k in n.keys)}
    return [m for m in re.finditer(r"(?<![\w.,])\d+(?:[.,:]\d+)*(?![\w])", text)
            if any(m.group() in p for p in plain)]


def change_number(ref: str, rng: random.Random) -> str | None:
    """The reference with one digit of one number replaced by another digit."""
    found = _numbers(ref)
    if not found:
        return None
    m = rng.choice(found)
    digits = [i for i, c in enumerate(m.group()) if c.isdigit()]
    i = rng.choice(digits)
    new = rng.choice([d for d in "0123456789" if d != m.group()[i]])
    if i == 0 and new == "0":
        new = "9" if m.group()[i] != "9" else "8"
    changed = m.group()[:i] + new + m.group()[i + 1 :]
    return ref[: m.start()] + changed + ref[m.end() :]


def drop_number(ref: str, rng: random.Random) -> str | None:
    """The reference with one number removed."""
    found = _numbers(ref)
    if not found:
        return None
    m = rng.choice(found)
    return re.sub(r"\s{2,}", " ", ref[: m.start()] + ref[m.end() :]).strip()


def insert_url(src: str, ref: str, url: str) -> tuple[str, str]:
    """Both sides with the same URL added in a closing clause."""
    end = re.search(r"[.!?]*$", src).start()
    end_ref = re.search(r"[.!?]*$", ref).start()
    return (f"{src[:end]} (lihat {url}){src[end:]}", f"{ref[:end_ref]} (see {url}){ref[end_ref:]}")


def alter_url(url: str, rng: random.Random) -> str:
    """The URL with one kind of typical damage: a character changed, a part dropped or spaced."""
    kind = rng.randrange(3)
    if kind == 0:
        i = rng.randrange(8, len(url))
        return url[:i] + ("x" if url[i] != "x" else "y") + url[i + 1 :]
    if kind == 1:
        return url.rsplit("/", 1)[0] if url.count("/") > 1 else url[:-2]
    return url.replace(".", ". ", 1)


def same_words(a: str, b: str) -> bool:
    """Whether two texts have the same words (case and punctuation aside)."""
    return re.findall(r"\w+", a.lower()) == re.findall(r"\w+", b.lower())


def main() -> None:
    """Print the false-alarm and hit-rate table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--calibrate", action="store_true")
    parser.add_argument("--quick", action="store_true", help="every 4th pair only")
    parser.add_argument("--show", type=int, default=0, help="print N examples per row")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"no data at {args.data}; pass --data DIR")
    pairs = load(args.data)
    if args.calibrate:
        calibrate(pairs)
        return
    if args.quick:
        pairs = pairs[::4]
    rng = random.Random(13)

    clean = [check_pair(s, e) for s, e in pairs]
    print(f"{len(pairs)} human pairs from {args.data}\n")
    print("| false alarms on human references | flagged | share | target |")
    print("|---|---:|---:|---|")
    per_flag = Counter(f for r in clean for f in r.flags)
    targets = {NUMBERS: "<= 2%", SPANS: "<= 2%"}
    for flag in CHECK_FLAGS:
        print(f"| `{flag}` | {per_flag[flag]} | {per_flag[flag] / len(pairs):.1%} | "
              f"{targets.get(flag, '')} |")
    flagged = sum(bool(r) for r in clean)
    print(f"| any flag | {flagged} | {flagged / len(pairs):.1%} | <= 5% |")
    url_pairs = [insert_url(s, e, URLS[i % len(URLS)]) for i, (s, e) in enumerate(pairs)]
    url_fa = sum(SPANS in check_pair(s, e).flags for s, e in url_pairs)
    print(f"| `spans`, a URL inserted into both sides | {url_fa} | "
          f"{url_fa / len(pairs):.1%} | <= 2% |")
    if args.show:
        for (s, e), r in [(p, r) for p, r in zip(pairs, clean) if r][: args.show]:
            print(f"  {s!r}\n  {e!r}\n  -> {r.reasons}")

    rows = []
    corrupted: dict[str, list[tuple[str, str, str]]] = {}
    for i, (s, e) in enumerate(pairs):
        if (bad := change_number(e, rng)) is not None:
            corrupted.setdefault("a number changed", []).append((s, bad, NUMBERS))
        if (bad := drop_number(e, rng)) is not None:
            corrupted.setdefault("a number dropped", []).append((s, bad, NUMBERS))
        us, ue = url_pairs[i]
        url = URLS[i % len(URLS)]
        corrupted.setdefault("a URL altered (URL inserted)", []).append(
            (us, ue.replace(url, alter_url(url, rng)), SPANS))
        if not same_words(s, e):
            corrupted.setdefault("the source copied", []).append((s, s, UNTRANSLATED))
        words = e.split()
        if len(words) >= 4:
            half = " ".join(words[: len(words) // 2])
            corrupted.setdefault("the second half dropped", []).append((s, half, LENGTH))
    print("\n| corruption of the reference | pairs | any flag | its own flag | target |")
    print("|---|---:|---:|---:|---|")
    for name, items in corrupted.items():
        results = [(check_pair(s, bad), flag, s, bad) for s, bad, flag in items]
        anyhit = sum(bool(r) for r, *_ in results)
        own = sum(flag in r.flags for r, flag, *_ in results)
        target = "" if name.startswith("the second") else ">= 95%"
        rows.append(name)
        print(f"| {name} (`{items[0][2]}`) | {len(items)} | {anyhit / len(items):.1%} | "
              f"{own / len(items):.1%} | {target} |")
        if args.show:
            for _r, _f, s, bad in [x for x in results if x[1] not in x[0].flags][: args.show]:
                print(f"  MISS {s!r}\n       {bad!r}")
    print("\nNumbers are changed/dropped only where the reference writes them with digits; "
          "'the source copied' skips pairs whose reference has the source's words already.")


if __name__ == "__main__":
    main()
