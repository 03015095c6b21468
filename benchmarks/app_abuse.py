"""The web app under abuse: hostile requests, then the pathological layout input.

Starts `python app.py` on a free local port with a tiny random Marian model (built on the
fly, like the tests'), then:

1. sends thirty bad requests in a row (tests/app_abuse.py: malformed JSON, wrong types,
   over the size limit, lone surrogates, files outside the app, path traversal, ...) and
   prints what each got back and how long it took, then one normal request;
2. sends ``'1' + ' ' * N + 'a'`` (issue 9, item 1: cubic time in the layout's regexes
   froze every endpoint) for several N, each while another client sends a normal request,
   and prints both latencies.

Usage:
    python benchmarks/app_abuse.py [--quick] [--timeout 120]

The last line is JSON with the numbers.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import _load  # noqa: E402

from tests.app_abuse import Answer, bad_requests, call, pathological, run_bad  # noqa: E402
from tests.tiny_model import build_tiny_model  # noqa: E402

MAX_CHARS = 100_000


def start_app(model: Path, tmp: Path) -> tuple[subprocess.Popen, str]:
    env = {"PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp / "hf"),
           "INDO_TRANSLATOR_MODELS": str(tmp / "models"), "GRADIO_ANALYTICS_ENABLED": "False",
           "PATH": "/usr/bin:/bin", "HOME": str(tmp)}
    log = open(tmp / "app.log", "w")  # noqa: SIM115 - lives as long as the app
    cmd = ["app.py", "--model", str(model), "--device", "cpu", "--fixed-output-tokens", "8",
           "--max-chars", str(MAX_CHARS)]
    return _load.start_server(cmd, name="app.py", ready_path="/config", log=log, timeout=180,
                              env=env)


def timed(fn, timeout: float) -> Answer:  # noqa: ANN001
    """Run ``fn`` in a thread; a call still running after ``timeout`` is reported as such."""
    box: list[Answer] = []
    start = time.monotonic()

    def run() -> None:
        try:
            box.append(fn())
        except OSError:  # the socket timed out: the app is still busy
            box.append(Answer("timed out", None, time.monotonic() - start))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(timeout)
    if box:
        return box[0]
    return Answer("timed out", None, time.monotonic() - start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer pathological sizes")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="give up on one request after this many seconds")
    args = parser.parse_args()
    sizes = [1_000, 2_500, 10_000] if args.quick else [1_000, 2_500, 10_000, 99_000]
    normal = "Harga beras naik lima persen.\n\nPemerintah menambah stok."
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        model = build_tiny_model(tmp / "model", eos_bias=2.0, init_std=0.5)
        proc, base = start_app(model, tmp)
        try:
            call(base, "translate", [normal])  # warm up
            print("30 bad requests in a row:")
            bad = []
            start = time.monotonic()
            for label, spec in bad_requests(MAX_CHARS):
                answer = run_bad(base, label, spec, timeout=args.timeout)
                bad.append({"request": label, "answer": answer.kind,
                            "seconds": round(answer.seconds, 3)})
                print(f"  {label:34s} -> {answer.kind:12s} {answer.seconds * 1000:7.1f} ms")
            bad_total = time.monotonic() - start
            after = call(base, "translate", [normal], timeout=args.timeout)
            print(f"  all 30 in {bad_total:.2f} s; then a normal request: {after.kind} in "
                  f"{after.seconds * 1000:.0f} ms, layout kept: "
                  f"{isinstance(after.data, list) and after.data[0].count(chr(10) * 2) == 1}")
            print("pathological '1' + N spaces + 'a', with another client at the same time:")
            rows = []
            for n in sizes:
                box: dict[str, Answer] = {}
                hostile = threading.Thread(daemon=True, target=lambda n=n, box=box: box.update(
                    hostile=timed(lambda: call(base, "translate", [pathological(n)],
                                               timeout=args.timeout), args.timeout)))
                hostile.start()
                time.sleep(0.05)  # the hostile request goes first
                other = timed(lambda: call(base, "translate", [normal], timeout=args.timeout),
                              args.timeout)
                hostile.join(args.timeout + 5)
                bad_answer = box.get("hostile", Answer("timed out", None, args.timeout))
                rows.append({"spaces": n, "hostile": bad_answer.kind,
                             "hostile_s": round(bad_answer.seconds, 3),
                             "other_client": other.kind, "other_client_s": round(other.seconds, 3)})
                print(f"  N={n:>6}: hostile {bad_answer.kind} in {bad_answer.seconds:.3f} s; "
                      f"other client {other.kind} in {other.seconds:.3f} s")
                if bad_answer.kind == "timed out":
                    print("  (the app is still busy with it; larger sizes skipped)")
                    break
        finally:
            proc.terminate()
            try:
                proc.wait(20)
            except subprocess.TimeoutExpired:
                proc.kill()
    print(json.dumps({"bad_requests": bad, "bad_total_s": round(bad_total, 3),
                      "normal_after": after.kind, "normal_after_s": round(after.seconds, 3),
                      "pathological": rows}))


if __name__ == "__main__":
    main()
