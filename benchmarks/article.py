"""The sample article on the default path: where the time goes, and the thread layouts.

Goal (issue 22): the sample article (``../shared/samples/vov-imcwp17.id.txt``) under 0.5 s
on 2 cores with the default path (CTranslate2 int8, target vocabulary, the model's beam 6).
Random weights never stop, so every sentence is forced to ``--tokens`` output tokens (24,
as in ``benchmarks/speed.py``).

One process, every configuration loaded once and timed in turn, repeat by repeat
(interleaved: a slow moment of the shared machine hits all alike); medians are reported,
as ratios against the default. Configurations: the default (one single-threaded worker
per core, the article's batch split over the workers), one worker with two threads, one
worker with one thread. For the default it also says where the wall time goes: the
backend's decoding calls (CTranslate2, tokenization and detokenization included) against
everything else (parsing, checks, layout), and how the sentences were split over workers.

Usage:
    python benchmarks/article.py [--model DIR] [--repeats 5] [--tokens 24]

Prints a table and ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# INDO_TRANSLATOR_SHARED: where ../shared is when it is elsewhere (a worktree)
SHARED = Path(os.environ.get("INDO_TRANSLATOR_SHARED") or REPO.parent / "shared")
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

CONFIGS = {
    "2 workers x 1 thread (default)": {},
    "1 worker x 2 threads": {"inter_threads": 1, "intra_threads": 2},
    "1 worker x 1 thread": {"inter_threads": 1, "intra_threads": 1},
}


class Timed:
    """Wraps a backend's ``translate_batches``: wall time spent in it and the batch sizes."""

    def __init__(self, backend) -> None:  # noqa: ANN001 - any backend
        self.seconds = 0.0
        self.batches: list[list[int]] = []
        self.texts: list[str] = []
        original = backend.translate_batches

        def timed(requests):  # noqa: ANN001, ANN202
            self.texts = [text for r in requests for text in r.texts]
            t0 = time.perf_counter()
            try:
                return original(requests)
            finally:
                self.seconds += time.perf_counter() - t0
                self.batches.append([len(r.texts) for r in requests])

        backend.translate_batches = timed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model directory (default: a full-size random one)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--tokens", type=int, default=24, help="output tokens per sentence")
    parser.add_argument("--beam-size", type=int, default=6, help="beams (the real model: 6)")
    args = parser.parse_args()
    article = SHARED / "samples" / "vov-imcwp17.id.txt"
    if not article.is_file():
        article = REPO / "tests" / "data" / "berita.id.txt"
    text = article.read_text(encoding="utf-8")

    import logging

    logging.disable(logging.WARNING)
    work = Path(tempfile.mkdtemp(prefix="article-"))
    os.environ.setdefault("INDO_TRANSLATOR_MODELS", str(work / "models"))
    if args.model:
        model = Path(args.model)
    else:
        if not (SHARED / "opus-mt-id-en" / "source.spm").is_file():
            print("SKIP: ../shared/opus-mt-id-en is not present (needed for the model)")
            print(json.dumps({"benchmark": "article", "skipped": True}))
            return 0
        import _load

        model = _load.build_model(work / "model")

    from translator import Translator

    translators, timers = {}, {}
    for name, options in CONFIGS.items():
        loaded = Translator(str(model), backend="ctranslate2", **options)
        beam = args.beam_size or loaded.beam_size
        translators[name] = Translator.from_backend(
            loaded.backend, model=str(model), beam_size=beam, fixed_output_tokens=args.tokens)
        translators[name].translate(text)  # warm up
        timers[name] = Timed(loaded.backend)
    doc = translators[next(iter(CONFIGS))].translate_document(text)
    sentences = len(doc.sentences)

    wall: dict[str, list[float]] = {name: [] for name in CONFIGS}
    cpu: dict[str, list[float]] = {name: [] for name in CONFIGS}
    decode: dict[str, list[float]] = {name: [] for name in CONFIGS}
    for r in range(args.repeats):
        for name in list(CONFIGS)[:: 1 if r % 2 == 0 else -1]:
            timer = timers[name]
            timer.seconds = 0.0
            t0, c0 = time.perf_counter(), time.process_time()
            translators[name].translate(text)
            wall[name].append(time.perf_counter() - t0)
            cpu[name].append(time.process_time() - c0)
            decode[name].append(timer.seconds)

    default = next(iter(CONFIGS))
    base = statistics.median(wall[default])
    print(f"{article.name}: {len(text):,} characters, {sentences} sentences, beam {beam}, "
          f"{args.tokens} output tokens each; {os.cpu_count()} CPUs; median of "
          f"{args.repeats}, interleaved")
    print(f"{'configuration':<32} {'wall s':>7} {'CPU s':>6} {'in decoding':>11} "
          f"{'x default':>9}")
    rows = {}
    for name in CONFIGS:
        w, c, d = (statistics.median(x[name]) for x in (wall, cpu, decode))
        rows[name] = {"wall_s": round(w, 3), "cpu_s": round(c, 3),
                      "decoding_share": round(d / w, 3), "vs_default": round(w / base, 2),
                      "wall_runs_s": [round(x, 3) for x in wall[name]]}
        print(f"{name:<32} {w:>7.3f} {c:>6.2f} {d / w:>10.1%} {w / base:>9.2f}")
    print(f"batches per call (default): {timers[default].batches[-1]}")
    floor = _ctranslate2_floor(translators[default].backend, timers[default].texts,
                               args.tokens, beam, args.repeats)
    for beams, seconds in floor.items():
        print(f"CTranslate2 alone, same sentences and workers, beam {beams}: {seconds:.3f} s")
    print(json.dumps({"benchmark": "article", "article": article.name, "sentences": sentences,
                      "beam_size": beam, "tokens": args.tokens, "configs": rows,
                      "ctranslate2_alone_s": floor, "goal_s": 0.5, "goal_met": base < 0.5}))
    return 0


def _ctranslate2_floor(backend, texts: list[str], tokens: int, beam: int,  # noqa: ANN001
                       repeats: int) -> dict[int, float]:
    """CTranslate2's own ``translate_batch`` on the same sentences: the time nothing of ours
    is in (no parsing, checks, layout; one call split over the same workers), at the
    benchmark's beam and at beam 1, the least any decoding of these lengths can take."""
    tokenizer = backend.tokenizer
    ids = tokenizer(texts, add_special_tokens=True)["input_ids"]
    batch = [tokenizer.convert_ids_to_tokens(x) for x in ids]
    per_worker = -(-len(batch) // backend.threads.inter_threads)
    out = {}
    for beams in dict.fromkeys((beam, 1)):
        def run(beams: int = beams) -> None:
            backend.translator.translate_batch(
                batch, beam_size=beams, max_batch_size=per_worker, min_decoding_length=tokens,
                max_decoding_length=tokens, use_vmap=backend.vocabulary == "target")
        run()
        times = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            run()
            times.append(time.perf_counter() - t0)
        out[beams] = round(statistics.median(times), 3)
    return out


if __name__ == "__main__":
    sys.exit(main())
