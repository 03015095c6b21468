"""Scale-out: rows/s with 1 and 2 Ray actors vs. one process, and flat memory on Parquet.

Usage::

    python benchmarks/scale.py            # 2,000 rows; memory at 10,000 and 1,000,000 rows
    python benchmarks/scale.py --quick    # 400 rows; memory at 10,000 and 200,000 rows
    python benchmarks/scale.py --model models/opus-mt-id-en   # a real model directory

1. Throughput. The same rows (real Indonesian sentences, as in ``benchmarks/speed.py``) in
   a Parquet file are translated (a) in one process, the path ``translator translate
   data.parquet --field text`` runs (``Translator.translate_file``; default backend, all
   cores), and (b) with :func:`translator.integrations.distributed.translate_dataset` on a local Ray
   with 1 and then 2 actors of one CPU each (Ray is given one logical CPU more than
   actors, for its read and write tasks). The default backend (CTranslate2 int8 when
   installed) with the model's beam size in every run. Wall time from start to the written output,
   model loading included. Without ``--model`` the model is a full-size opus-mt-id-en with
   random weights (built from ``../shared/opus-mt-id-en``); random weights never stop by
   themselves, so every run is forced to exactly ``--output-tokens`` tokens per sentence.
2. Memory. Peak RSS of a process translating a Parquet file of N rows with
   ``Translator.translate_file`` (chunks in, chunks out), at 10,000 and 100,000 rows and
   at the large size (row groups of 10,000 rows in every file). The translation there is
   the tests' fake backend (upper-casing), because the model would take hours for a
   million rows: this measures the file path's memory, not the model's (which is fixed
   once loaded).

The last line printed is one JSON object with the numbers and ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from memory import peak_rss_mb  # noqa: E402


def write_rows(path: Path, texts: list[str], n: int, *, row_group: int = 10_000) -> None:
    """A Parquet file of ``n`` rows (id, text, score) cycling through ``texts``.

    Row groups of ``row_group`` rows: a reader holds one row group's column chunks, so
    memory is compared at the same row group size.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([("id", pa.int64()), ("text", pa.string()), ("score", pa.float32())])
    with pq.ParquetWriter(path, schema) as writer:
        for start in range(0, n, row_group):
            ids = range(start, min(n, start + row_group))
            writer.write_table(pa.table({
                "id": pa.array(ids, pa.int64()),
                "text": [f"{texts[i % len(texts)]} ({i})" for i in ids],
                "score": pa.array([i / 7 for i in ids], pa.float32()),
            }, schema=schema))


# -- throughput ----------------------------------------------------------------------------


def fixed_tokens_translator(model: str, tokens: int, num_threads: int | None = None) -> Any:
    """The default backend on CPU, forced to ``tokens`` output tokens per sentence.

    ``fixed_output_tokens`` is for benchmarks only, so it is reached through
    ``Translator.from_backend`` rather than the constructor.
    """
    from translator import Translator
    from translator.backends import create_backend

    backend = create_backend("auto", Path(model), device="cpu", num_threads=num_threads)
    return Translator.from_backend(backend, model=model, fixed_output_tokens=tokens)


def single_process(model: str, src: Path, dst: Path, output_tokens: int) -> float:
    """Seconds of ``Translator.translate_file`` in a fresh process (loading included)."""
    code = (
        "import time, sys; start = time.perf_counter();"
        f"sys.path.insert(0, {str(REPO / 'benchmarks')!r});"
        "from scale import fixed_tokens_translator;"
        f"t = fixed_tokens_translator({model!r}, {output_tokens});"
        f"t.translate_file({str(src)!r}, {str(dst)!r}, fields=('text',));"
        "print(time.perf_counter() - start)"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, env=_env())
    return float(out.stdout.strip().splitlines()[-1])


def on_ray(model: str, src: Path, dst: Path, actors: int, output_tokens: int) -> float:
    """Seconds for ``translate_dataset`` with ``actors`` one-CPU actors (loading included)."""
    import ray

    from translator.integrations.distributed import ActorTranslator, blocks_for, translate_dataset

    class FixedTokensActor(ActorTranslator):
        """The pool's actor, with its model forced to ``output_tokens`` tokens a sentence."""

        def create(self) -> Any:
            options = dict(self.options)
            return fixed_tokens_translator(self.model, output_tokens,
                                           num_threads=options.get("num_threads"))


    ray.init(address="local", num_cpus=actors + 1, include_dashboard=False,
             log_to_driver=False, runtime_env={"env_vars": _env_vars()})
    ray.data.DataContext.get_current().enable_progress_bars = False
    try:
        start = time.perf_counter()
        ds = ray.data.read_parquet(str(src), override_num_blocks=blocks_for(src, "parquet", 256))
        out = translate_dataset(ds, fields=["text"], model=model, device="cpu",
                                actors=actors, cpus_per_actor=1, batch_rows=256,
                                actor=FixedTokensActor)
        out.write_parquet(str(dst))
        return time.perf_counter() - start
    finally:
        ray.shutdown()


# -- memory --------------------------------------------------------------------------------


def memory_run(src: Path, dst: Path) -> None:
    """In a child: translate ``src`` with the fake backend; print peak RSS and seconds."""
    from tests.fakes import FakeBackend
    from translator import Translator

    class Forgetful(FakeBackend):
        """The fake backend without its record of every batch (it would grow with N)."""

        def translate_batch(self, texts, options, *, limits=None):  # noqa: ANN001, ANN201
            out = super().translate_batch(texts, options, limits=limits)
            self.batches.clear()
            self.options.clear()
            return out

    start = time.perf_counter()
    t = Translator.from_backend(Forgetful(), model="fake")
    t.translate_file(src, dst, fields=("text",))
    print(json.dumps({"peak_mb": peak_rss_mb(), "seconds": time.perf_counter() - start}))


def memory(work: Path, texts: list[str], n: int) -> dict:
    src, dst = work / f"mem-{n}.parquet", work / f"mem-{n}.en.parquet"
    write_rows(src, texts, n)
    out = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(src), str(dst)],
        check=True, capture_output=True, text=True, env=_env(),
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["rows"] = n
    src.unlink()
    dst.unlink()
    return result


# -- main ----------------------------------------------------------------------------------


def _env_vars() -> dict[str, str]:
    return {"PYTHONPATH": str(REPO), "INDO_TRANSLATOR_MODELS": os.environ["INDO_TRANSLATOR_MODELS"]}


def _env() -> dict[str, str]:
    return {**os.environ, **_env_vars()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="400 rows; 200,000 for memory")
    parser.add_argument("--rows", type=int, default=None, help="rows for throughput")
    parser.add_argument("--memory-rows", type=int, default=None, help="large memory size")
    parser.add_argument("--output-tokens", type=int, default=16,
                        help="tokens forced per sentence (random weights)")
    parser.add_argument("--model", help="a real model directory (default: random weights)")
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--memory-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_run(Path(args.memory_child[0]), Path(args.memory_child[1]))
        return
    import logging

    logging.disable(logging.WARNING)
    rows = args.rows or (400 if args.quick else 2000)
    big = args.memory_rows or (200_000 if args.quick else 1_000_000)
    result: dict = {"rows": rows}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        os.environ["INDO_TRANSLATOR_MODELS"] = str(work / "models")
        from speed import SHARED, build_random_model, load_sentences
        from transformers import MarianTokenizer

        tokenizer = MarianTokenizer.from_pretrained(args.model or str(SHARED / "opus-mt-id-en"))
        texts = load_sentences(rows, 60, tokenizer)
        if not args.skip_throughput:
            model = args.model or str(build_random_model(work / "opus-mt-id-en"))
            src = work / "rows.parquet"
            write_rows(src, texts, 40)  # warm-up, not timed: converts the model once
            single_process(model, src, work / "warm.parquet", args.output_tokens)
            write_rows(src, texts, rows)
            seconds = single_process(model, src, work / "single.parquet", args.output_tokens)
            result["single_rows_per_s"] = rows / seconds
            print(f"single process (all cores): {rows / seconds:7.1f} rows/s ({seconds:.1f} s)")
            for actors in (1, 2):
                seconds = on_ray(model, src, work / f"ray{actors}", actors, args.output_tokens)
                result[f"ray{actors}_rows_per_s"] = rows / seconds
                print(f"ray, {actors} actor(s) x 1 CPU: {rows / seconds:7.1f} rows/s "
                      f"({seconds:.1f} s)")
            result["ratio_2_vs_1_actor"] = result["ray2_rows_per_s"] / result["ray1_rows_per_s"]
            result["ratio_2_actors_vs_single"] = (
                result["ray2_rows_per_s"] / result["single_rows_per_s"])
            print(f"2 actors / 1 actor: {result['ratio_2_vs_1_actor']:.2f}x; "
                  f"2 actors / single process: {result['ratio_2_actors_vs_single']:.2f}x")
        if not args.skip_memory:
            sizes = sorted({10_000, min(100_000, big), big})
            runs = [memory(work, texts, n) for n in sizes]
            result["memory"] = runs
            result["memory_ratio"] = runs[-1]["peak_mb"] / runs[0]["peak_mb"]
            for m in runs:
                print(f"parquet {m['rows']:>9,} rows: peak {m['peak_mb']:6.1f} MB "
                      f"({m['seconds']:.1f} s, fake translation)")
            print(f"peak memory {big:,} / 10,000 rows: {result['memory_ratio']:.2f}x")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
