"""Concurrent users: throughput and latency of the web app for N = 1, 4, 16 clients.

Starts `python app.py` on a free local port with a full-size opus-mt-id-en model with random
weights (built from ../shared/opus-mt-id-en's config and tokenizer), then fires N concurrent
gradio_client clients at its `/translate` endpoint, each sending short texts (one to three
sentences) in a loop for a fixed time. Random weights never stop by themselves, so the app
runs with a fixed output length (`--fixed-output-tokens`, a hidden benchmark option): every
sentence costs the same whatever it is batched with.

Requests that arrive together share model batches (translator.serving.dispatch), so throughput
should grow with N. Target: throughput at N=16 at least 3x throughput at N=1.

Fairness: the latency of a 2-sentence request alone, and while another client translates a
20,000-character text (the dispatcher slices long texts into rounds and serves requests
least-served first). Target: ratio at most 2. ``--one-paragraph`` makes the long text a
single paragraph (no blank lines: the dispatcher cuts it at sentence boundaries), e.g.
``--one-paragraph --long-chars 50000 --levels none``.

Usage:
    python benchmarks/concurrency.py [--duration 20] [--levels 1,4,16|none]
        [--fixed-output-tokens 24] [--fairness-repeats 5] [--long-chars 20000] [--one-paragraph]

Prints a table and ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

import _load  # noqa: E402


def run_level(url: str, n: int, duration: float, sentences: list[str]) -> dict:
    """N gradio clients in a loop for ``duration`` seconds; returns throughput and latencies."""
    from gradio_client import Client

    def sender(client: Client) -> _load.Send:
        def send(text: str) -> str:
            client.predict(text, api_name="/translate")
            return ""
        return send

    clients = [Client(url, verbose=False) for _ in range(n)]
    return _load.run_level([sender(c) for c in clients], duration, sentences)


def long_text(sentences: list[str], chars: int, *, one_paragraph: bool = False) -> str:
    """About ``chars`` characters of paragraphs of four sentences each (or one paragraph)."""
    if one_paragraph:
        words: list[str] = []
        size = i = 0
        while size < chars:
            words.append(sentences[i % len(sentences)])
            size += len(words[-1]) + 1
            i += 1
        return " ".join(words)[:chars].rstrip()
    paragraphs: list[str] = []
    size = 0
    i = 0
    while size < chars:
        paragraph = " ".join(sentences[(i + k) % len(sentences)] for k in range(4))
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
        i += 4
    return "\n\n".join(paragraphs)[:chars]


def run_fairness(url: str, sentences: list[str], repeats: int, chars: int, *,
                 one_paragraph: bool = False) -> dict:
    """Latency of a 2-sentence request alone and while a long text is being translated.

    The alone samples are taken before and after the contended ones (this machine's load
    drifts); the ratio compares medians.
    """
    from gradio_client import Client

    short_client = Client(url, verbose=False)
    shorts = [" ".join(sentences[2 * k + 1: 2 * k + 3]) for k in range(repeats)]

    def timed(text: str) -> float:
        t0 = time.monotonic()
        short_client.predict(text, api_name="/translate")
        return time.monotonic() - t0

    for text in shorts[:2]:
        timed(text)  # warm up the short requests' path
    alone = [timed(text) for text in shorts]
    document = long_text(sentences, chars, one_paragraph=one_paragraph)
    long_client = Client(url, verbose=False)
    long_seconds: list[float] = []
    stop = threading.Event()
    running = threading.Event()

    def translate_long() -> None:
        while not stop.is_set():
            running.set()
            t0 = time.monotonic()
            long_client.predict(document, api_name="/translate")
            long_seconds.append(time.monotonic() - t0)

    thread = threading.Thread(target=translate_long, daemon=True)
    thread.start()
    running.wait()
    contended = []
    for text in shorts:
        time.sleep(1.0)  # well inside the long text's translation
        contended.append(timed(text))
    stop.set()
    thread.join(600)
    alone += [timed(text) for text in shorts]  # before and after: the load drifts
    ratio = statistics.median(contended) / statistics.median(alone)
    return {
        "long_chars": len(document),
        "long_paragraphs": document.count("\n\n") + 1,
        "alone_s": [round(x, 3) for x in alone],
        "contended_s": [round(x, 3) for x in contended],
        "long_s": [round(x, 2) for x in long_seconds],
        "ratio": ratio,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per level")
    parser.add_argument("--levels", default="1,4,16", help="client counts (none: skip)")
    _load.add_server_arguments(parser, server="the app")
    parser.add_argument("--fairness-repeats", type=int, default=5,
                        help="short requests timed alone and beside the long text (0: skip)")
    parser.add_argument("--long-chars", type=int, default=20_000,
                        help="size of the long text of the fairness test")
    parser.add_argument("--one-paragraph", action="store_true",
                        help="the long text is one paragraph (no blank lines)")
    args = parser.parse_args()
    levels = [] if args.levels == "none" else [int(x) for x in args.levels.split(",")]

    with _load.serving(args, ["app.py"], benchmark="concurrency", name="app.py",
                       ready_path="/config") as url:
        if url is None:
            return 0
        sentences = _load.load_sentences()
        from gradio_client import Client

        Client(url, verbose=False).predict(sentences[0], api_name="/translate")  # warm
        fairness = None
        if args.fairness_repeats:
            print(f"fairness: {args.fairness_repeats} short requests alone, then "
                  f"beside a {args.long_chars:,}-character text "
                  f"{'(one paragraph) ' if args.one_paragraph else ''}...", flush=True)
            fairness = run_fairness(url, sentences, args.fairness_repeats, args.long_chars,
                                    one_paragraph=args.one_paragraph)
        results = []
        for n in levels:
            print(f"N={n}: {args.duration:.0f} s ...", flush=True)
            results.append(run_level(url, n, args.duration, sentences))

    if results:
        print()
        print(f"{'clients':>7} {'requests':>8} {'req/s':>7} {'sent/s':>7} {'p50 s':>7} {'p95 s':>7}"
              f" {'errors':>6} {'x N=1':>6}")
    base = results[0]["requests_per_s"] or float("nan") if results else float("nan")
    for r in results:
        r["speedup"] = r["requests_per_s"] / base
        p50 = f"{r['p50_s']:.3f}" if r["p50_s"] is not None else "-"
        p95 = f"{r['p95_s']:.3f}" if r["p95_s"] is not None else "-"
        print(f"{r['clients']:>7} {r['requests']:>8} {r['requests_per_s']:>7.2f} "
              f"{r['sentences_per_s']:>7.2f} {p50:>7} {p95:>7} {r['errors']:>6} "
              f"{r['speedup']:>6.2f}")
    if fairness is not None:
        print()
        alone = statistics.median(fairness["alone_s"])
        print(f"fairness: 2-sentence request alone p50 {alone:.3f} s, "
              f"beside a {fairness['long_chars']:,}-character text p50 "
              f"{statistics.median(fairness['contended_s']):.3f} s: ratio "
              f"{fairness['ratio']:.2f} (target <= 2; the long text took "
              f"{', '.join(f'{x:.1f}' for x in fairness['long_s'])} s, "
              f"{fairness['long_paragraphs']} paragraph(s))")
    summary = {
        "benchmark": "concurrency",
        "device": args.device,
        "backend": args.backend,
        "fixed_output_tokens": args.fixed_output_tokens,
        "beam_size": args.beam_size or "model default",
        "duration_s": args.duration,
        "levels": results,
        "fairness": fairness,
        "fairness_target_met": fairness is None or fairness["ratio"] <= 2.0,
    }
    if results:
        top = results[-1]
        summary[f"speedup_{top['clients']}_vs_{results[0]['clients']}"] = round(
            top["speedup"], 2)
        summary["target"] = 3.0
        summary["target_met"] = top["speedup"] >= 3.0
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
