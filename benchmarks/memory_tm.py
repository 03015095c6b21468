"""Translation memory at scale: load time of a 100,000-unit TMX and cost per lookup.

Builds a memory of synthetic Indonesian-like sentences (words drawn by their frequency in
``../shared/data/parallel-dev/*.id`` when present, else generated syllable words), writes
it as TMX, and measures in one run:

- loading the TMX (parse + exact-match table), and building the fuzzy index;
- per sentence: an exact lookup plus ``suggest`` (indexed), against the naive baseline, a
  rapidfuzz ``process.extract`` with ``fuzz.ratio`` over every entry;
- recall: how often the indexed best suggestion scores what the full scan's best does.

Queries: one third exact entries with their whitespace changed, one third near copies (a
word replaced, dropped or misspelt), one third unrelated sentences.

Usage (from the repository root)::

    python benchmarks/memory_tm.py [--entries 100000] [--queries 300] [--data DIR]
"""

from __future__ import annotations

import argparse
import collections
import random
import re
import sys
import tempfile
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from rapidfuzz import fuzz, process

from translator.exchange import Pair, write_tmx
from translator.memory import TranslationMemory

DATA_CANDIDATES = (REPO_ROOT.parent / "shared" / "data", Path("/work/shared/data"))
SYLLABLES = "ba be bi da di ka ke ku la li ma me mu na ni pa pe ra ri sa se ta te tu ya".split()


def vocabulary(data: Path | None, rng: random.Random) -> tuple[list[str], list[int]]:
    """Words and their counts: from the shared Indonesian texts, else generated."""
    counts: collections.Counter[str] = collections.Counter()
    if data is not None:
        for path in sorted((data / "parallel-dev").glob("*.id")):
            counts.update(re.findall(r"\w+", path.read_text(encoding="utf-8").lower()))
    if len(counts) < 1000:
        for rank in range(20_000):
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))
            counts[word] += max(1, 20_000 // (rank + 1))
    words = list(counts)
    return words, [counts[w] for w in words]


def sentences(count: int, words: list[str], weights: list[int], rng: random.Random) -> list[str]:
    out = rng.choices(words, weights, k=count * 12)
    result, at = [], 0
    for _ in range(count):
        n = rng.randint(5, 20)
        chunk = (out[at : at + n] + rng.choices(words, weights, k=n))[:n]
        at += n
        result.append(" ".join(chunk).capitalize() + ".")
    return result


def near_copy(sentence: str, rng: random.Random, words: list[str]) -> str:
    parts = sentence.split()
    i = rng.randrange(len(parts))
    what = rng.choice(("replace", "drop", "typo"))
    if what == "replace":
        parts[i] = rng.choice(words)
    elif what == "drop" and len(parts) > 5:
        del parts[i]
    else:
        parts[i] = parts[i][:-1] + "x"
    return " ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--baseline-queries", type=int, default=60)
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    rng = random.Random(18)
    data = args.data or next((d for d in DATA_CANDIDATES if d.is_dir()), None)
    words, weights = vocabulary(data, rng)
    print(f"vocabulary: {len(words):,} words ({'from ' + str(data) if data else 'generated'})")
    sources = list(dict.fromkeys(sentences(args.entries, words, weights, rng)))
    pairs = [Pair(s, f"EN {i}: {s.upper()}", "bench") for i, s in enumerate(sources)]
    third = args.queries // 3
    queries = (
        ["  " + "  ".join(rng.choice(sources).split()) + " " for _ in range(third)]
        + [near_copy(rng.choice(sources), rng, words) for _ in range(third)]
        + sentences(args.queries - 2 * third, words, weights, random.Random(99))
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.tmx"
        data_bytes = write_tmx(pairs)
        path.write_bytes(data_bytes)
        print(f"memory: {len(pairs):,} units, TMX {len(data_bytes) / 1e6:.1f} MB")
        t0, c0 = time.perf_counter(), time.process_time()
        memory = TranslationMemory.load(path)
        t1, c1 = time.perf_counter(), time.process_time()
        memory.build_index()
        t2, c2 = time.perf_counter(), time.process_time()
    print(f"load TMX: {t1 - t0:.2f} s wall / {c1 - c0:.2f} s CPU; build fuzzy index: "
          f"{t2 - t1:.2f} s wall / {c2 - c1:.2f} s CPU (the CPU is shared: CPU time is the "
          "steadier number)")

    t0 = time.process_time()
    results = []
    for q in queries:
        entry = memory.exact(q)
        results.append((entry, memory.suggest(q, limit=3) if entry is None else []))
    indexed = (time.process_time() - t0) / len(queries)
    exact_hits = sum(r[0] is not None for r in results)

    keys = [" ".join(p.source.split()) for p in pairs]
    sample = queries[third : third + args.baseline_queries // 2] + queries[
        2 * third : 2 * third + args.baseline_queries // 2]
    t0 = time.process_time()
    naive = []
    for q in sample:
        norm = " ".join(q.split())
        found = process.extract(norm, keys, scorer=fuzz.ratio, limit=4, score_cutoff=75)
        naive.append([r for r in found if r[0] != norm][:3])
    baseline = (time.process_time() - t0) / len(sample)
    same = sum(
        (round(memory.suggest(q, limit=1)[0].score * 100, 6) if memory.suggest(q, limit=1)
         else None) == (round(n[0][1], 6) if n else None)
        for q, n in zip(sample, naive)
    )
    with_suggestion = sum(bool(r[1]) for r in results[third : 2 * third])
    print(f"exact hits: {exact_hits}/{len(queries)} (expected >= {third}); near copies with "
          f"a suggestion: {with_suggestion}/{third}")
    print(f"per sentence (CPU): indexed exact+suggest {indexed * 1e3:.2f} ms; naive full scan "
          f"{baseline * 1e3:.2f} ms; ratio naive/indexed {baseline / indexed:.1f}x")
    print(f"recall: indexed best == full-scan best for {same}/{len(sample)} sampled queries")


if __name__ == "__main__":
    main()
