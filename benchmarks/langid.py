"""How often the "not Indonesian" warning is wrong, and how often it catches English.

False warnings: Indonesian texts that :func:`translator.text.langid.not_indonesian` calls
another language: UD treebank sentences (``../shared/data/ud-id-dev``, news and
Wikipedia style) and the Indonesian side of ``../shared/data/parallel-dev`` (everyday
sentences and informal reviews), each alone and joined into texts of 10 sentences.
Hit rate: English texts (the English side of parallel-dev) that it calls not Indonesian.
Also prints how often :func:`translator.text.langid.detect` ranks the right language first.

Usage (from the repository root)::

    python benchmarks/langid.py [--data DIR] [--group 10]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from translator.text import langid

DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data"


def conllu_texts(path: Path) -> list[str]:
    prefix = "# text = "
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line[len(prefix):].strip() for line in lines if line.startswith(prefix)]


def plain_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def grouped(texts: list[str], size: int) -> list[str]:
    return [" ".join(texts[i : i + size]) for i in range(0, len(texts), size)]


def rate(texts: list[str], flagged: bool) -> tuple[int, int]:
    hits = sum((langid.not_indonesian(t) is not None) == flagged for t in texts)
    return hits, len(texts)


def top1(texts: list[str], language: str) -> tuple[int, int]:
    return sum(langid.detect(t, top=1)[0].language == language for t in texts), len(texts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--group", type=int, default=10, help="sentences per whole text")
    args = parser.parse_args()
    ud = args.data / "ud-id-dev"
    par = args.data / "parallel-dev"
    if not ud.is_dir() or not par.is_dir():
        print(f"no data under {args.data}; pass --data DIR", file=sys.stderr)
        return 2
    indonesian = {
        "UD treebanks (news, Wikipedia)": [
            t for f in sorted(ud.glob("*.conllu")) for t in conllu_texts(f)
        ],
        "parallel-dev Indonesian (everyday, reviews)": [
            t for f in sorted(par.glob("*.id")) for t in plain_lines(f)
        ],
    }
    english = {
        "parallel-dev English (everyday, reviews)": [
            t for f in sorted(par.glob("*.en")) for t in plain_lines(f)
        ],
    }
    started = time.perf_counter()
    rows = []
    for label, texts in indonesian.items():
        for unit, items in (("sentences", texts), ("texts", grouped(texts, args.group))):
            wrong = len(items) - rate(items, flagged=False)[0]
            right, n = top1(items, "id")
            rows.append(("false warnings", label, unit, wrong, n, right))
    for label, texts in english.items():
        for unit, items in (("sentences", texts), ("texts", grouped(texts, args.group))):
            hits, n = rate(items, flagged=True)
            right, _ = top1(items, "en")
            rows.append(("hit rate", label, unit, hits, n, right))
    seconds = time.perf_counter() - started
    print("| measure | data | unit | rate | top-1 language right |")
    print("| --- | --- | --- | --- | --- |")
    for measure, label, unit, k, n, right in rows:
        print(f"| {measure} | {label} | {unit} | {k}/{n} = {100 * k / n:.2f}% "
              f"| {100 * right / n:.1f}% |")
    total = sum(r[4] for r in rows)
    print(f"\n{total} texts classified in {seconds:.1f} s "
          f"({1000 * seconds / total:.2f} ms each, twice: verdict and detect); "
          f"whole texts are {args.group} sentences joined.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
