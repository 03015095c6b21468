"""Batch benchmarks: cache speed-up, and flat memory while streaming many documents.

1. Translate the same corpus twice with a fresh sentence cache: the second run (all hits)
   should be at least 20x faster than the first.
2. Stream N short documents through ``Translator.translate`` (a generator in, a generator
   out) in a subprocess and report peak RSS; 100,000 documents should stay within 100 MB
   of 100 documents.

Model: ``--model DIR`` (e.g. the tiny test model or a full-size random model); without
it a tiny random model is built in a temp dir. ``--backend fake`` uses the tests' fake
backend instead (engine mechanics only), which is what the memory part uses by default so
that 100,000 documents finish in seconds on a CPU. Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from memory import peak_rss_mb  # noqa: E402


def make_translator(model: str | None, cache):  # noqa: ANN001, ANN201
    from translator import Translator

    if model == "fake":
        from tests.fakes import FakeBackend

        return Translator.from_backend(FakeBackend(), model="fake", cache=cache)
    return Translator(model, device="cpu", beam_size=1, cache=cache)


def corpus(n: int) -> list[str]:
    base = (REPO / "tests/data/berita.id.txt").read_text(encoding="utf-8")
    lines = [line for line in base.splitlines() if line.strip()]
    return [f"{lines[i % len(lines)][:120]} ({i})" for i in range(n)]


def cache_run(model: str, n_docs: int) -> dict:
    from translator.engine.cache import TranslationCache

    with tempfile.TemporaryDirectory() as tmp:
        docs = corpus(n_docs)
        times = []
        for _ in range(2):
            cache = TranslationCache(Path(tmp) / "c")
            t = make_translator(model, cache)
            start = time.perf_counter()
            t.translate(docs)
            times.append(time.perf_counter() - start)
            stats = cache.stats()
        return {"docs": n_docs, "first_s": round(times[0], 3), "second_s": round(times[1], 4),
                "speedup": round(times[0] / max(times[1], 1e-9), 1),
                "second_hits": stats.hits, "second_misses": stats.misses}


def stream_child(model: str, n: int) -> None:
    t = make_translator(model, False)
    docs = (f"Kabar {i} dari Jakarta hari ini." for i in range(n))
    count = sum(1 for _ in t.translate(docs))
    assert count == n
    print(json.dumps({"n": n, "peak_rss_mb": peak_rss_mb()}))


def stream_rss(model: str, n: int) -> float:
    out = subprocess.run([sys.executable, __file__, "--child", str(n), "--model", model],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])["peak_rss_mb"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=None, help="model dir, or 'fake'")
    parser.add_argument("--stream-model", default="fake", help="model for the memory part")
    parser.add_argument("--docs", type=int, default=40)
    parser.add_argument("--stream", type=int, default=100_000)
    parser.add_argument("--child", type=int, default=None)
    args = parser.parse_args()
    if args.child is not None:
        stream_child(args.model, args.child)
        return
    model = args.model
    if model is None:
        from tests.tiny_model import build_tiny_model

        model = str(build_tiny_model(Path(tempfile.mkdtemp()) / "tiny", eos_bias=2.0,
                                     init_std=0.5))
    cache = cache_run(model, args.docs)
    print(f"cache: first run {cache['first_s']} s, second run {cache['second_s']} s "
          f"-> {cache['speedup']}x (goal >= 20x); second run hits {cache['second_hits']}, "
          f"misses {cache['second_misses']}")
    small = stream_rss(args.stream_model, 100)
    large = stream_rss(args.stream_model, args.stream)
    print(f"stream ({args.stream_model}): peak RSS 100 docs {small:.1f} MB, "
          f"{args.stream} docs {large:.1f} MB -> +{large - small:.1f} MB (goal <= 100 MB)")
    print(json.dumps({"cache": cache, "cache_model": "tiny" if args.model is None else model,
                      "stream_model": args.stream_model, "rss_100_mb": round(small, 1),
                      f"rss_{args.stream}_mb": round(large, 1),
                      "rss_growth_mb": round(large - small, 1),
                      "cache_ok": cache["speedup"] >= 20, "rss_ok": large - small <= 100}))


if __name__ == "__main__":
    main()
