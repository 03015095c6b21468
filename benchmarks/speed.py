"""Speed and memory: the naive loop vs. the batched transformers path vs. CTranslate2 int8.

Usage::

    python benchmarks/speed.py            # full run (about 10 minutes on 2 quiet cores)
    python benchmarks/speed.py --quick    # under 3 minutes
    python benchmarks/speed.py --model models/opus-mt-id-en   # a real model directory
    python benchmarks/speed.py --vocabulary-only   # target vs full vocabulary (~2 minutes)

Without ``--model``, a full-size opus-mt-id-en with random weights is built from the real
config and tokenizer in ``../shared/opus-mt-id-en`` (saved once into a temp folder). Random
weights never stop by themselves, so every configuration is forced to produce exactly the
same number of tokens per sentence (``fixed_output_tokens``); the work is then identical
and only the speed differs. Sentences are real Indonesian: the sample article and the
``# text =`` lines of the treebank files in ``../shared/data/ud-id-dev``.

Each configuration lives in its own worker process (so peak RSS is per configuration, not
mixed) and the workers are driven in turn, repeat by repeat (interleaved, so a slow
moment of the machine hits all of them alike); the median of the repeats is reported.

Configurations, each at beam 1, 4 and 6:

* ``naive``: what a typical user writes: ``model.generate`` one sentence at a time;
* ``transformers``: ``Translator(backend="transformers").translate(sentences)``;
* ``ctranslate2``: ``Translator()`` (the default path: CTranslate2 int8, default threads,
  decoding over the target vocabulary);
* ``ct2 full``: the same with ``vocabulary="full"`` (every piece of the shared vocabulary);
  the full run also has ``transformers full``.

The full run also compares CTranslate2 thread layouts, times the sample article (whole,
and until its first paragraph is ready), and measures the machine's fp32 matrix-multiply
throughput to say what fraction of it the best configuration reaches. The last line printed
is one JSON object with the ratios (``ratio_beam6``, ``ratio_beam1``, ``rss_ratio`` for the
default path; ``ratio_beam6_transformers`` for the batched transformers path;
``vocabulary_speedup`` for target vs full, per backend and beam).

``--vocabulary-only`` runs just the target vs full comparison (CTranslate2; add
``--transformers`` for that backend too) and the article time, without the naive loop.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# INDO_TRANSLATOR_SHARED: where ../shared is when it is elsewhere (a worktree)
SHARED = Path(os.environ.get("INDO_TRANSLATOR_SHARED") or REPO.parent / "shared")
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from memory import peak_rss_mb  # noqa: E402

#: Forward FLOPs of opus-mt-id-en (d_model 512, 6+6 layers, 54k vocabulary).
FLOP_PER_OUTPUT_TOKEN = 145e6  # per decoder row (greedy; a beam of b costs b rows)
FLOP_PER_SOURCE_TOKEN = 44e6


# -- data ---------------------------------------------------------------------------


def load_sentences(limit: int, max_tokens: int, tokenizer) -> list[str]:  # noqa: ANN001
    """Real Indonesian sentences: the sample article first, then treebank sentences."""
    from translator.text.layout import parse

    texts: list[str] = []
    article = SHARED / "samples" / "vov-imcwp17.id.txt"
    if not article.is_file():
        article = REPO / "tests" / "data" / "berita.id.txt"
    for block in parse(article.read_text(encoding="utf-8")).blocks:
        texts += [s.model_input for s in block.segments if not s.verbatim]
    for conllu in sorted((SHARED / "data" / "ud-id-dev").glob("*.conllu")):
        for line in conllu.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                texts.append(line[len("# text = "):].strip())
    out: list[str] = []
    seen: set[str] = set()
    for text in texts:
        layout = parse(text)
        segments = [s for b in layout.blocks for s in b.segments]
        # one model input per item, so the naive loop and the engine do the same work
        if len(segments) != 1 or segments[0].verbatim or segments[0].model_input != text:
            continue
        if text in seen or len(tokenizer(text)["input_ids"]) > max_tokens:
            continue
        seen.add(text)
        out.append(text)
        if len(out) == limit:
            break
    return out


def build_random_model(target: Path) -> Path:
    """A full-size opus-mt-id-en with random weights, from the real config and tokenizer."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    source = SHARED / "opus-mt-id-en"
    if (target / "model.safetensors").is_file():
        return target
    torch.manual_seed(0)
    tokenizer = MarianTokenizer.from_pretrained(str(source))
    model = MarianMTModel(MarianConfig.from_pretrained(str(source)))
    model.generation_config.num_beams = 6
    model.save_pretrained(str(target))
    tokenizer.save_pretrained(str(target))
    return target


def matmul_gflops(seconds: float = 3.0) -> float:
    """This machine's fp32 matrix-multiply throughput with torch's default threads."""
    import torch

    n = 1024
    a, b = torch.randn(n, n), torch.randn(n, n)
    for _ in range(3):
        a @ b
    count, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        a @ b
        count += 1
    return 2 * n**3 * count / (time.perf_counter() - start) / 1e9


# -- workers --------------------------------------------------------------------------


def worker(args: argparse.Namespace) -> None:
    """One configuration in its own process: load, then answer commands on stdin."""
    import logging

    logging.disable(logging.WARNING)
    sentences = json.loads(Path(args.sentence_file).read_text(encoding="utf-8"))
    start = time.perf_counter()
    options = json.loads(args.options)
    if args.worker == "naive":
        import torch
        from transformers import MarianMTModel, MarianTokenizer

        tokenizer = MarianTokenizer.from_pretrained(args.model)
        model = MarianMTModel.from_pretrained(args.model).eval()

        def run(beam: int) -> None:
            with torch.inference_mode():
                for sentence in sentences:  # the loop a typical user writes
                    inputs = tokenizer(sentence, return_tensors="pt")
                    out = model.generate(
                        **inputs, num_beams=beam, max_new_tokens=args.tokens,
                        min_new_tokens=args.tokens, forced_eos_token_id=None,
                    )
                    tokenizer.decode(out[0], skip_special_tokens=True)

        translators = {}
    else:
        from translator import Translator

        first = Translator(args.model, backend=args.worker, beam_size=args.beams[0], **options)
        # fixed_output_tokens is benchmark-only: reachable through from_backend, not the
        # public constructor
        translators = {  # one loaded model, one translator per beam size
            beam: Translator.from_backend(
                first.backend, model=args.model, beam_size=beam, fixed_output_tokens=args.tokens
            )
            for beam in args.beams
        }

        def run(beam: int) -> None:
            translators[beam].translate(sentences)

    load_s = time.perf_counter() - start
    # Warm up (lazily mapped weights, allocator, kernels), so the first timed run is not
    # charged for it.
    all_sentences, sentences = sentences, sentences[:2]
    run(args.beams[0])
    sentences = all_sentences
    print(json.dumps({"load_s": load_s, "rss_mb": peak_rss_mb()}), flush=True)
    for line in sys.stdin:
        cmd, _, arg = line.strip().partition(" ")
        if cmd == "run":
            t0, c0 = time.perf_counter(), time.process_time()
            run(int(arg))
            print(json.dumps({"seconds": time.perf_counter() - t0,
                              "cpu_s": time.process_time() - c0}), flush=True)
        elif cmd == "article":
            text = Path(arg).read_text(encoding="utf-8")
            translator = translators[max(translators)]
            t0 = time.perf_counter()
            next(iter(translator.iter_paragraphs(text)))
            first = time.perf_counter() - t0
            t0, c0 = time.perf_counter(), time.process_time()
            translator.translate(text)
            whole, cpu = time.perf_counter() - t0, time.process_time() - c0
            print(json.dumps({"first_s": first, "whole_s": whole, "cpu_s": cpu}), flush=True)
        elif cmd == "exit":
            print(json.dumps({"rss_mb": peak_rss_mb()}), flush=True)
            return


class Worker:
    """The parent's handle on a worker process."""

    def __init__(self, name: str, kind: str, common: list[str], options: dict) -> None:
        self.name = name
        self.proc = subprocess.Popen(
            [sys.executable, __file__, "--worker", kind, "--options", json.dumps(options),
             *common],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        self.ready = self._read()

    def _read(self) -> dict:
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"worker {self.name} died (exit code {self.proc.wait()})")
        return json.loads(line)

    def ask(self, command: str) -> dict:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self._read()

    def close(self) -> float:
        rss = self.ask("exit")["rss_mb"]
        self.proc.wait()
        return rss


# -- the benchmark --------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a short run (< 3 minutes)")
    parser.add_argument("--model", help="a real model directory (default: random weights)")
    parser.add_argument("--sentences", type=int, default=None, help="how many sentences")
    parser.add_argument("--tokens", type=int, default=None, help="output tokens per sentence")
    parser.add_argument("--repeats", type=int, default=None)
    parser.add_argument("--beams", type=int, nargs="+", default=None)
    parser.add_argument("--vocabulary-only", action="store_true",
                        help="only compare vocabulary target vs full (and the article time)")
    parser.add_argument("--transformers", action="store_true",
                        help="with --vocabulary-only: compare the transformers backend too")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--options", default="{}", help=argparse.SUPPRESS)
    parser.add_argument("--sentence-file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return

    quick = args.quick
    # The naive loop is memory-bound on this machine (each step reads all 300 MB of fp32
    # weights for one sentence: about 0.15-0.4 s per token), so it sets the run time.
    n_sentences = args.sentences or 24
    tokens = args.tokens or (16 if quick else 24)
    repeats = args.repeats or (1 if quick else 3)
    beams = args.beams or ([1, 6] if quick else [1, 4, 6])
    if not args.model and not (SHARED / "opus-mt-id-en" / "source.spm").is_file():
        sys.exit("../shared/opus-mt-id-en is not present. Fix: pass --model DIR (a real model).")

    work = Path(tempfile.mkdtemp(prefix="speed-"))
    os.environ["INDO_TRANSLATOR_MODELS"] = str(work / "models")  # conversions go here
    t0 = time.perf_counter()
    model_dir = Path(args.model) if args.model else build_random_model(work / "opus-mt-id-en")
    build_s = time.perf_counter() - t0
    from transformers import MarianTokenizer

    from translator.backends.ct2_convert import convert_model

    tokenizer = MarianTokenizer.from_pretrained(str(model_dir))
    sentences = load_sentences(n_sentences, 120, tokenizer)
    src_tokens = sum(len(tokenizer(s)["input_ids"]) for s in sentences)
    sentence_file = work / "sentences.json"
    sentence_file.write_text(json.dumps(sentences, ensure_ascii=False), encoding="utf-8")
    t0 = time.perf_counter()
    convert_model(model_dir, compute_type="int8")
    convert_s = time.perf_counter() - t0
    gflops = matmul_gflops(1.5 if quick else 4.0)
    print(f"model {model_dir} (built in {build_s:.1f}s, CTranslate2 int8 conversion "
          f"{convert_s:.1f}s); {len(sentences)} sentences, {src_tokens} source tokens, "
          f"{tokens} output tokens each; beams {beams}; {repeats} repeat(s); "
          f"{os.cpu_count()} CPUs; fp32 matmul {gflops:.1f} GFLOP/s", flush=True)

    common = ["--model", str(model_dir), "--sentence-file", str(sentence_file),
              "--tokens", str(tokens), "--beams", *map(str, beams)]
    configs = {"naive": ("naive", {}), "transformers": ("transformers", {}),
               "ctranslate2": ("auto", {}), "ct2 full": ("auto", {"vocabulary": "full"})}
    if args.vocabulary_only:
        configs = {"ctranslate2": ("auto", {}), "ct2 full": ("auto", {"vocabulary": "full"})}
        if args.transformers:
            configs["transformers"] = ("transformers", {})
            configs["transformers full"] = ("transformers", {"vocabulary": "full"})
    elif not quick:
        configs["transformers full"] = ("transformers", {"vocabulary": "full"})
        configs["ct2 1x1"] = ("ctranslate2", {"inter_threads": 1, "intra_threads": 1})
        configs["ct2 1x2"] = ("ctranslate2", {"inter_threads": 1, "intra_threads": 2})
    workers = {}
    for name, (kind, options) in configs.items():
        workers[name] = Worker(name, kind, common, options)
        print(f"  {name}: loaded in {workers[name].ready['load_s']:.1f}s", flush=True)

    times: dict[tuple[str, int], list[float]] = {}
    cpu_times: dict[tuple[str, int], list[float]] = {}
    for r in range(repeats):
        for beam in beams:
            # alternate the order each repeat, so neither config always runs first
            for name, w in list(workers.items())[:: 1 if r % 2 == 0 else -1]:
                answer = w.ask(f"run {beam}")
                times.setdefault((name, beam), []).append(answer["seconds"])
                cpu_times.setdefault((name, beam), []).append(answer["cpu_s"])
                print(f"    {name} beam {beam}: {answer['seconds']:.2f}s "
                      f"(CPU {answer['cpu_s']:.2f}s)", flush=True)
        print(f"  repeat {r + 1}/{repeats} done", flush=True)

    article = SHARED / "samples" / "vov-imcwp17.id.txt"
    if not article.is_file():
        article = REPO / "tests" / "data" / "berita.id.txt"
    article_configs = ("ctranslate2", "ct2 full")
    if not quick and not args.vocabulary_only:
        article_configs = ("transformers", *article_configs)
    # interleaved like the runs: each config's article time is the median of the repeats
    article_runs: dict[str, list[dict]] = {}
    for _ in range(max(1, repeats)):
        for name in article_configs:
            article_runs.setdefault(name, []).append(workers[name].ask(f"article {article}"))
    articles = {
        name: {key: statistics.median(r[key] for r in runs)
               for key in ("first_s", "whole_s", "cpu_s")}
        for name, runs in article_runs.items()
    }
    rss = {name: w.close() for name, w in workers.items()}

    out_tokens = tokens * len(sentences)
    median = {key: statistics.median(v) for key, v in times.items()}
    print(f"\n{'config':<18}{'beam':>5}{'seconds':>10}{'tokens/s':>10}{'sent/s':>9}"
          f"{'vs naive':>10}{'load s':>8}{'peak MB':>9}")
    for (name, beam), secs in sorted(median.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        naive = median.get(("naive", beam))
        ratio = f"{naive / secs:>9.1f}x" if naive else f"{'-':>10}"
        print(f"{name:<18}{beam:>5}{secs:>10.2f}{out_tokens / secs:>10.1f}"
              f"{len(sentences) / secs:>9.2f}{ratio}{workers[name].ready['load_s']:>8.1f}"
              f"{rss[name]:>9.0f}")
    # On a shared machine the CPU time a configuration used is steadier than its wall time.
    cpu_median = {key: statistics.median(v) for key, v in cpu_times.items()}
    speedup, cpu_speedup = {}, {}
    for backend, full in (("ctranslate2", "ct2 full"), ("transformers", "transformers full")):
        for beam in beams:
            if (backend, beam) in median and (full, beam) in median:
                speedup[f"{backend} beam {beam}"] = round(
                    median[(full, beam)] / median[(backend, beam)], 2)
                cpu_speedup[f"{backend} beam {beam}"] = round(
                    cpu_median[(full, beam)] / cpu_median[(backend, beam)], 2)
    print()
    for key, value in speedup.items():
        print(f"vocabulary target vs full, {key}: {value:.2f}x faster (full / target wall "
              f"time), {cpu_speedup[key]:.2f}x less CPU time")

    def effective_flops(key: tuple[str, int]) -> float:
        work = out_tokens * key[1] * FLOP_PER_OUTPUT_TOKEN + src_tokens * FLOP_PER_SOURCE_TOKEN
        return work / median[key]

    best = max(median, key=effective_flops)
    best_name, best_beam = best
    flops = effective_flops(best)
    fraction = flops / (gflops * 1e9)
    print(f"\nbest: {best_name} beam {best_beam}: {flops / 1e9:.1f} GFLOP/s effective = "
          f"{fraction:.0%} of this machine's fp32 matmul throughput ({gflops:.1f} GFLOP/s)")
    for name, a in articles.items():
        print(f"article ({article.name}, beam {max(beams)}) with {name}: whole "
              f"{a['whole_s']:.2f}s (CPU {a['cpu_s']:.2f}s), first paragraph after "
              f"{a['first_s']:.2f}s")

    def ratio(name: str, beam: int) -> float | None:
        if ("naive", beam) not in median or (name, beam) not in median:
            return None
        return round(median[("naive", beam)] / median[(name, beam)], 2)

    result = {
        "ratio_beam6": ratio("ctranslate2", 6),
        "ratio_beam4": ratio("ctranslate2", 4),
        "ratio_beam1": ratio("ctranslate2", 1),
        "ratio_beam1_vs_naive_beam6": (
            round(median[("naive", 6)] / median[("ctranslate2", 1)], 2)
            if ("naive", 6) in median and ("ctranslate2", 1) in median else None
        ),
        "ratio_beam6_transformers": ratio("transformers", 6),
        "ratio_beam4_transformers": ratio("transformers", 4),
        "ratio_beam1_transformers": ratio("transformers", 1),
        "vocabulary_speedup": speedup,
        "vocabulary_cpu_speedup": cpu_speedup,
        "article_vocabulary_speedup": (
            round(articles["ct2 full"]["whole_s"] / articles["ctranslate2"]["whole_s"], 2)
            if {"ct2 full", "ctranslate2"} <= set(articles) else None
        ),
        "rss_ratio": (round(rss["ctranslate2"] / rss["transformers"], 3)
                      if "transformers" in rss else None),
        "rss_mb": {k: round(v) for k, v in rss.items()},
        "load_s": {k: round(w.ready["load_s"], 2) for k, w in workers.items()},
        "article_whole_s": {k: round(a["whole_s"], 2) for k, a in articles.items()},
        "article_cpu_s": {k: round(a["cpu_s"], 2) for k, a in articles.items()},
        "article_first_paragraph_s": {k: round(a["first_s"], 2) for k, a in articles.items()},
        "matmul_gflops": round(gflops, 1),
        "best_config": f"{best_name} beam {best_beam}",
        "best_fraction_of_matmul": round(fraction, 3),
        "layouts_s": {
            f"{name} beam {beam}": round(median[(name, beam)], 2)
            for (name, beam) in median if name.startswith("ct")
        },
        "sentences": len(sentences),
        "output_tokens_per_sentence": tokens,
        "repeats": repeats,
        "cpus": os.cpu_count(),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
