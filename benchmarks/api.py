"""The LibreTranslate-compatible API under load: 1, 4 and 16 clients, zero errors expected.

Starts `translator serve` on a free local port with a full-size opus-mt-id-en model with
random weights (built from ../shared/opus-mt-id-en like benchmarks/concurrency.py), then
N concurrent HTTP clients POST JSON to /translate (one to three treebank sentences each, as
LibreTranslate clients send them) in a loop for a fixed time. Every answer is checked
(status 200 with a translatedText string); anything else is an error. Random weights never
stop by themselves, so the server runs with a fixed output length
(`--fixed-output-tokens`, a hidden benchmark option).

Sustained load (``--sustained 32``): that many clients for ``--sustained-duration`` seconds
(60 by default), every sentence of every request distinct (a request number is written into
each sentence, so nothing repeats and every sentence is new to the cache), after the levels.
The server's resident memory (RSS, from /proc) is printed before, every 10 s and after:
per-request state and caches must not grow without limit.

Usage:
    python benchmarks/api.py [--duration 30] [--levels 1,4,16|none] [--quick]
        [--sustained 32 [--sustained-duration 60]]

`--quick`: 10 s per level. Prints a table and ends with one JSON line.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import _load  # noqa: E402

_SENTENCE_END = re.compile(r"([.!?])(?=\s|$)")


def run_level(url: str, n: int, duration: float, sentences: list[str], *,
              distinct: bool = False) -> dict:
    """N HTTP clients in a loop for ``duration`` seconds; returns throughput and latencies.

    ``distinct``: every sentence of every request gets the request's number, so no
    sentence is ever sent twice.
    """
    import httpx

    clients = [httpx.Client(base_url=url, timeout=120) for _ in range(n)]
    numbers = itertools.count(1)

    def sender(client: httpx.Client) -> _load.Send:
        def send(text: str) -> str:
            if distinct:
                k = next(numbers)
                text = _SENTENCE_END.sub(f" nomor {k}\\1", text)
                if not text.rstrip().endswith((".", "!", "?")):
                    text += f" nomor {k}."
            resp = client.post("/translate", json={"q": text, "source": "id", "target": "en"})
            ok = resp.status_code == 200 and isinstance(resp.json().get("translatedText"), str)
            return "" if ok else f"{resp.status_code} {resp.text[:200]}"
        return send

    try:
        return _load.run_level([sender(c) for c in clients], duration, sentences,
                               join_slack=180)
    finally:
        for client in clients:
            client.close()


def run_sustained(url: str, pid: int, clients: int, duration: float,
                  sentences: list[str]) -> dict:
    """``clients`` clients for ``duration`` s, distinct sentences; the server's RSS around it."""
    before = _load.rss_mib(pid)
    series = [before["rss_mib"]]
    stop = threading.Event()

    def sample() -> None:
        while not stop.wait(10.0):
            series.append(_load.rss_mib(pid)["rss_mib"])

    sampler = threading.Thread(target=sample, daemon=True)
    print(f"sustained: {clients} clients x {duration:.0f} s, distinct sentences, "
          f"server RSS {before['rss_mib']:.0f} MiB ...", flush=True)
    sampler.start()
    try:
        result = run_level(url, clients, duration, sentences, distinct=True)
    finally:
        stop.set()
        sampler.join()
    after = _load.rss_mib(pid)
    series.append(after["rss_mib"])
    return {**result, "duration_s": duration, "rss_before": before, "rss_after": after,
            "rss_series_mib": series}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per level")
    parser.add_argument("--quick", action="store_true", help="10 s per level")
    parser.add_argument("--levels", default="1,4,16", help="client counts (none: skip)")
    parser.add_argument("--sustained", type=int, default=0,
                        help="clients of the sustained-load run (0: skip)")
    parser.add_argument("--sustained-duration", type=float, default=60.0,
                        help="seconds of the sustained-load run")
    _load.add_server_arguments(parser, server="the server")
    args = parser.parse_args()
    if args.quick:
        args.duration = 10.0
    levels = [] if args.levels == "none" else [int(x) for x in args.levels.split(",")]

    serve = ["-m", "translator", "serve", "--char-limit", "-1", "--req-limit", "-1"]
    sustained = None
    with _load.serving_process(args, serve, benchmark="api", name="translator serve",
                               ready_path="/health") as started:
        if started is None:
            return 0
        url, proc = started
        sentences = _load.load_sentences()
        run_level(url, 1, 2.0, sentences)  # warm-up
        results = []
        for n in levels:
            print(f"N={n}: {args.duration:.0f} s ...", flush=True)
            results.append(run_level(url, n, args.duration, sentences))
        if args.sustained:
            sustained = run_sustained(url, proc.pid, args.sustained,
                                      args.sustained_duration, sentences)

    print()
    if results:
        print("| clients | requests/s | sentences/s | p50 latency | p95 latency | errors "
              "| vs 1 client |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
    base = (results[0]["requests_per_s"] if results else 0) or float("nan")
    for r in results:
        r["speedup"] = r["requests_per_s"] / base
        p50 = f"{r['p50_s']:.2f} s" if r["p50_s"] is not None else "-"
        p95 = f"{r['p95_s']:.2f} s" if r["p95_s"] is not None else "-"
        print(f"| {r['clients']} | {r['requests_per_s']:.2f} | {r['sentences_per_s']:.2f} | "
              f"{p50} | {p95} | {r['errors']} | {r['speedup']:.2f}x |")
    for r in results:
        for problem in r["first_errors"]:
            print(f"error at N={r['clients']}: {problem}")
    errors = sum(r["errors"] for r in results)
    if sustained is not None:
        errors += sustained["errors"]
        print(f"sustained: {sustained['clients']} clients x {sustained['duration_s']:.0f} s, "
              f"distinct sentences: {sustained['requests']} requests "
              f"({sustained['requests_per_s']:.2f}/s), {sustained['errors']} errors; server "
              f"RSS {sustained['rss_before']['rss_mib']:.0f} MiB before, "
              f"{sustained['rss_after']['rss_mib']:.0f} MiB after (peak "
              f"{sustained['rss_after']['peak_mib']:.0f} MiB); every 10 s: "
              f"{', '.join(f'{x:.0f}' for x in sustained['rss_series_mib'])} MiB")
        for problem in sustained["first_errors"]:
            print(f"error in the sustained run: {problem}")
    summary = {
        "benchmark": "api",
        "device": args.device,
        "backend": args.backend,
        "fixed_output_tokens": args.fixed_output_tokens,
        "beam_size": args.beam_size or "model default",
        "duration_s": args.duration,
        "levels": results,
        "sustained": sustained,
        "errors": errors,
        "zero_errors": errors == 0,
    }
    print(json.dumps(summary))
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
