"""The LibreTranslate-compatible API under load: 1, 4 and 16 clients, zero errors expected.

Starts `translator serve` on a free local port with a full-size opus-mt-id-en model with
random weights (built from ../shared/opus-mt-id-en like benchmarks/concurrency.py), then
N concurrent HTTP clients POST JSON to /translate (one to three treebank sentences each, as
LibreTranslate clients send them) in a loop for a fixed time. Every answer is checked
(status 200 with a translatedText string); anything else is an error. Random weights never
stop by themselves, so the server runs with a fixed output length
(`--fixed-output-tokens`, a hidden benchmark option).

Usage:
    python benchmarks/api.py [--duration 30] [--levels 1,4,16] [--quick]

`--quick`: 10 s per level. Prints a table and ends with one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import _load  # noqa: E402


def run_level(url: str, n: int, duration: float, sentences: list[str]) -> dict:
    """N HTTP clients in a loop for ``duration`` seconds; returns throughput and latencies."""
    import httpx

    clients = [httpx.Client(base_url=url, timeout=120) for _ in range(n)]

    def sender(client: httpx.Client) -> _load.Send:
        def send(text: str) -> str:
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per level")
    parser.add_argument("--quick", action="store_true", help="10 s per level")
    parser.add_argument("--levels", default="1,4,16", help="client counts")
    _load.add_server_arguments(parser, server="the server")
    args = parser.parse_args()
    if args.quick:
        args.duration = 10.0
    levels = [int(x) for x in args.levels.split(",")]

    serve = ["-m", "translator", "serve", "--char-limit", "-1", "--req-limit", "-1"]
    with _load.serving(args, serve, benchmark="api", name="translator serve",
                       ready_path="/health") as url:
        if url is None:
            return 0
        sentences = _load.load_sentences()
        run_level(url, 1, 2.0, sentences)  # warm-up
        results = []
        for n in levels:
            print(f"N={n}: {args.duration:.0f} s ...", flush=True)
            results.append(run_level(url, n, args.duration, sentences))

    print()
    print("| clients | requests/s | sentences/s | p50 latency | p95 latency | errors "
          "| vs 1 client |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    base = results[0]["requests_per_s"] or float("nan")
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
    summary = {
        "benchmark": "api",
        "device": args.device,
        "backend": args.backend,
        "fixed_output_tokens": args.fixed_output_tokens,
        "beam_size": args.beam_size or "model default",
        "duration_s": args.duration,
        "levels": results,
        "errors": errors,
        "zero_errors": errors == 0,
    }
    print(json.dumps(summary))
    return 0 if errors == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
