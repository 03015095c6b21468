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
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from concurrency import TOKENIZER_DIR, build_model, free_port, load_sentences  # noqa: E402


def start_server(model_dir: Path, args: argparse.Namespace, log) -> tuple[subprocess.Popen, str]:  # noqa: ANN001
    port = free_port()
    cmd = [sys.executable, "-m", "translator", "serve", "--model", str(model_dir),
           "--device", args.device, "--backend", args.backend, "--port", str(port),
           "--fixed-output-tokens", str(args.fixed_output_tokens),
           "--char-limit", "-1", "--req-limit", "-1"]
    if args.beam_size:
        cmd += ["--beam-size", str(args.beam_size)]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"translator serve exited with code {proc.returncode}; "
                             f"see {log.name}")
        try:
            urllib.request.urlopen(url + "/health", timeout=2).close()
            return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("translator serve did not start within 300 s")


def run_level(url: str, n: int, duration: float, sentences: list[str]) -> dict:
    """N clients in a loop for ``duration`` seconds; returns throughput and latencies."""
    import httpx

    latencies: list[float] = []
    counts = {"requests": 0, "sentences": 0, "errors": 0}
    first_errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(n + 1)
    stop_at = [0.0]

    def worker(k: int) -> None:
        rng = random.Random(k)
        with httpx.Client(base_url=url, timeout=120) as client:
            barrier.wait()
            while time.monotonic() < stop_at[0]:
                m = rng.randint(1, 3)
                text = " ".join(rng.choice(sentences) for _ in range(m))
                t0 = time.monotonic()
                try:
                    resp = client.post("/translate",
                                       json={"q": text, "source": "id", "target": "en"})
                    ok = resp.status_code == 200 and isinstance(
                        resp.json().get("translatedText"), str)
                    problem = "" if ok else f"{resp.status_code} {resp.text[:200]}"
                except Exception as exc:  # noqa: BLE001 - counted, reported
                    problem = f"{type(exc).__name__}: {exc}"
                t1 = time.monotonic()
                with lock:
                    if problem:
                        counts["errors"] += 1
                        if len(first_errors) < 3:
                            first_errors.append(problem)
                    elif t1 <= stop_at[0]:
                        latencies.append(t1 - t0)
                        counts["requests"] += 1
                        counts["sentences"] += m

    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(n)]
    for t in threads:
        t.start()
    stop_at[0] = time.monotonic() + duration
    barrier.wait()
    for t in threads:
        t.join(duration + 180)
    latencies.sort()
    q = statistics.quantiles(latencies, n=20) if len(latencies) >= 2 else latencies * 19
    return {
        "clients": n,
        "requests": counts["requests"],
        "errors": counts["errors"],
        "first_errors": first_errors,
        "requests_per_s": counts["requests"] / duration,
        "sentences_per_s": counts["sentences"] / duration,
        "p50_s": statistics.median(latencies) if latencies else None,
        "p95_s": q[18] if q else None,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per level")
    parser.add_argument("--quick", action="store_true", help="10 s per level")
    parser.add_argument("--levels", default="1,4,16", help="client counts")
    parser.add_argument("--fixed-output-tokens", type=int, default=24)
    parser.add_argument("--backend", default="auto",
                        help="the server's backend (auto: ctranslate2 when installed)")
    parser.add_argument("--beam-size", type=int, default=None, help="default: the model's")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--model-dir", default=None,
                        help="use this model directory instead of building one")
    args = parser.parse_args()
    if args.quick:
        args.duration = 10.0
    levels = [int(x) for x in args.levels.split(",")]

    with tempfile.TemporaryDirectory(prefix="api-bench-") as tmp:
        if args.model_dir:
            model_dir = Path(args.model_dir)
        else:
            if not (TOKENIZER_DIR / "source.spm").is_file():
                print(f"SKIP: {TOKENIZER_DIR} is not present (needed for the full-size model)")
                print(json.dumps({"benchmark": "api", "skipped": True}))
                return 0
            print("building a full-size random model ...", flush=True)
            model_dir = build_model(Path(tmp) / "model")
        sentences = load_sentences()
        log_path = Path(tmp) / "serve.log"
        with log_path.open("w") as log:
            proc, url = start_server(model_dir, args, log)
            try:
                run_level(url, 1, 2.0, sentences)  # warm-up
                results = []
                for n in levels:
                    print(f"N={n}: {args.duration:.0f} s ...", flush=True)
                    results.append(run_level(url, n, args.duration, sentences))
            finally:
                proc.terminate()
                proc.wait(30)

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
