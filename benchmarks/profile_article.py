"""Where the time goes on the default path: the sample article, profiled with py-spy.

Usage::

    pip install py-spy
    python benchmarks/profile_article.py --model DIR        # records, then summarises
    python benchmarks/profile_article.py --summarize FILE    # an existing raw profile

The article is translated ``--rounds`` times by ``Translator(model)`` (CTranslate2 int8, the
target vocabulary, beam 6 for opus-mt-id-en) with every output forced to ``--tokens``
tokens, as ``benchmarks/speed.py`` does (random weights never stop by themselves), under
``py-spy record --idle --format raw``. The samples of the main thread are then put into
stages by the innermost frame of ours or a library's that names one: segmentation and
layout, tokenization, batching, decoding (CTranslate2, waited for in ``result()``),
detokenization, checks, and the rest. CTranslate2's own worker threads run in C++ and are
not sampled; their work is what the main thread waits for in decoding.
"""

from __future__ import annotations

import argparse
import collections
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# INDO_TRANSLATOR_SHARED: where ../shared is when it is elsewhere (a worktree)
SHARED = Path(os.environ.get("INDO_TRANSLATOR_SHARED") or REPO.parent / "shared")
sys.path.insert(0, str(REPO))

#: (stage, substring of a frame "function (file)"), searched from the innermost frame out.
STAGES = [
    ("detokenization", "_decode (translator/backends/ctranslate2.py"),
    ("decoding", "result (<built-in>)"),
    ("decoding", "translate_batch (<built-in>)"),
    ("tokenization", "tokenization_"),
    ("tokenization", "sentencepiece"),
    ("tokenization", "count_tokens"),
    ("batching", "translator/batching.py"),
    ("checks", "translator/checks/"),
    ("segmentation and layout", "translator/segment/"),
    ("segmentation and layout", "translator/layout.py"),
    ("segmentation and layout", "translator/chunking.py"),
    ("decoding", "translate_batches (translator/backends/ctranslate2.py"),
]


def run(args: argparse.Namespace) -> None:
    """Translate the article ``args.rounds`` times (the profiled process)."""
    import logging

    logging.disable(logging.WARNING)
    from translator import Translator

    first = Translator(args.model)
    translator = Translator.from_backend(first.backend, model=args.model,
                                         fixed_output_tokens=args.tokens)
    text = args.article.read_text(encoding="utf-8")
    translator.translate(text)  # warm up
    start = time.perf_counter()
    for _ in range(args.rounds):
        translator.translate(text)
    per = (time.perf_counter() - start) / args.rounds
    print(f"article {args.article.name}: {per:.3f}s per translation "
          f"({first.backend.name}, {first.backend.compute_type}, "
          f"{first.backend.vocabulary} vocabulary, beam {translator.beam_size})", flush=True)


def summarize(raw: Path) -> dict[str, float]:
    """Share of the main thread's samples per stage, from py-spy's raw (collapsed) output."""
    counts: collections.Counter[str] = collections.Counter()
    threads: collections.Counter[str] = collections.Counter()
    lines = [line.rsplit(" ", 1) for line in raw.read_text().splitlines() if line.strip()]
    for stack, n in lines:
        threads[stack.split(";", 1)[0]] += int(n)
    main_thread = threads.most_common(1)[0][0]
    for stack, n in lines:
        frames = stack.split(";")
        if frames[0] != main_thread or not any("run (" in f for f in frames):
            continue  # other threads, imports and model loading
        if not any("translate (translator/core.py" in f for f in frames):
            continue
        stage = "other (engine, results)"
        for frame in reversed(frames):
            hit = next((s for s, key in STAGES if key in frame), None)
            if hit:
                stage = hit
                break
        counts[stage] += int(n)
    total = sum(counts.values()) or 1
    return {stage: counts[stage] / total for stage, _ in counts.most_common()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="model directory (e.g. the random full-size one)")
    parser.add_argument("--article", type=Path,
                        default=SHARED / "samples" / "vov-imcwp17.id.txt")
    parser.add_argument("--tokens", type=int, default=24)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--summarize", type=Path, help="summarise this raw py-spy profile")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run(args)
        return
    raw = args.summarize
    if raw is None:
        if not args.model:
            sys.exit("Fix: pass --model DIR (benchmarks/speed.py builds a random full-size one).")
        raw = Path(os.environ.get("TMPDIR", "/tmp")) / "profile_article.raw.txt"
        py_spy = Path(sys.executable).with_name("py-spy")
        subprocess.run(
            [str(py_spy), "record", "--idle", "--format", "raw", "--rate", "200", "-o",
             str(raw), "--", sys.executable, __file__, "--child", "--model", args.model,
             "--article", str(args.article), "--tokens", str(args.tokens),
             "--rounds", str(args.rounds)],
            check=True,
        )
    for stage, share in summarize(raw).items():
        print(f"{stage:<26}{share:>8.2%}")


if __name__ == "__main__":
    main()
