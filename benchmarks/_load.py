"""Shared by the load benchmarks (api.py, concurrency.py): model, sentences, server, clients.

(app_abuse.py starts its app with ``start_server`` too.)

``model_dir`` builds a full-size opus-mt-id-en with random weights (from ../shared's config
and tokenizer); ``load_sentences`` gives short treebank sentences; ``start_server`` runs a
server command on a free local port and waits until a path answers; ``serving`` does both
with the options of ``add_server_arguments`` and stops the server after; ``run_level`` drives
N client loops for a fixed time and returns throughput and latencies.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
TOKENIZER_DIR = SHARED / "opus-mt-id-en"
TREEBANK = SHARED / "data" / "ud-id-dev"

FALLBACK_SENTENCES = [
    "Harga beras naik lima persen pada bulan ini.",
    "Presiden meresmikan jalan tol baru di Jawa Tengah.",
    "Warga desa membersihkan sungai yang tercemar sampah plastik.",
    "Banjir merendam ratusan rumah di Jakarta Utara pada Selasa malam.",
    "Pertemuan itu dihadiri oleh utusan dari empat puluh delapan negara.",
    "Mahasiswa menggelar diskusi tentang perubahan iklim.",
]


def build_model(target: Path) -> Path:
    """Save a full-size Marian model with random weights and the real tokenizer."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    torch.manual_seed(0)
    tokenizer = MarianTokenizer.from_pretrained(str(TOKENIZER_DIR))
    model = MarianMTModel(MarianConfig.from_pretrained(str(TOKENIZER_DIR)))
    model.save_pretrained(target)
    tokenizer.save_pretrained(target)
    # transformers 5 saves no generation settings from config.json: keep the real model's
    # (num_beams 6), or the server would decode with beam 1.
    if (TOKENIZER_DIR / "generation_config.json").is_file():
        shutil.copy(TOKENIZER_DIR / "generation_config.json", target / "generation_config.json")
    return target


def load_sentences(limit: int = 400) -> list[str]:
    """Short real sentences from the treebank (fallback: a few built-in ones)."""
    out: list[str] = []
    for path in sorted(TREEBANK.glob("*.conllu")) if TREEBANK.is_dir() else []:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# text = "):
                text = line[len("# text = "):].strip()
                if 20 <= len(text) <= 140:
                    out.append(text)
    return out[:limit] or FALLBACK_SENTENCES


#: One client's request: sends ``text``, returns "" when the answer is right, else the problem.
Send = Callable[[str], str]


def add_server_arguments(parser: argparse.ArgumentParser, *, server: str) -> None:
    """The options both load benchmarks give the server they start (and --model-dir)."""
    parser.add_argument("--fixed-output-tokens", type=int, default=24)
    parser.add_argument("--backend", default="auto",
                        help=f"{server}'s backend (auto: ctranslate2 when installed)")
    parser.add_argument("--beam-size", type=int, default=None, help="default: the model's own")
    parser.add_argument("--device", default="cpu")
    parser.add_argument("--model-dir", default=None,
                        help="use this model directory instead of building one")


def model_dir(args: argparse.Namespace, tmp: Path, *, benchmark: str) -> Path | None:
    """``--model-dir``, else a full-size random model built under ``tmp``.

    None (after printing the SKIP lines) when the real tokenizer is not there to build one.
    """
    if args.model_dir:
        return Path(args.model_dir)
    if not (TOKENIZER_DIR / "source.spm").is_file():
        print(f"SKIP: {TOKENIZER_DIR} is not present (needed for the full-size model)")
        print(json.dumps({"benchmark": benchmark, "skipped": True}))
        return None
    print("building a full-size random model ...", flush=True)
    return build_model(tmp / "model")


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(args: list[str], *, name: str, ready_path: str, log: IO[str],
                 timeout: float = 300,
                 env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """Run ``python ARGS... --port P`` in the repository root; wait until ``ready_path`` answers.

    ``env``: the server's environment (default: this process's). Returns the process and
    its base URL; exits the benchmark, with the end of the server's log (which lives in a
    temporary folder), when the server dies or is late.
    """
    port = free_port()
    cmd = [sys.executable, *args, "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{name} exited with code {proc.returncode}:\n{_tail(log)}")
        try:
            urllib.request.urlopen(url + ready_path, timeout=2).close()
            return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit(f"{name} did not start within {timeout:.0f} s:\n{_tail(log)}")


def _tail(log: IO[str], chars: int = 3000) -> str:
    """The last ``chars`` characters of the server's log file."""
    log.flush()
    return Path(log.name).read_text(errors="replace")[-chars:]


@contextlib.contextmanager
def serving(args: argparse.Namespace, command: list[str], *, benchmark: str, name: str,
            ready_path: str) -> Iterator[str | None]:
    """Run ``python COMMAND...`` with the model and the ``add_server_arguments`` options.

    Yields the server's base URL and stops the server afterwards; yields None (after the
    SKIP lines of ``model_dir``) when there is no model to serve.
    """
    with serving_process(args, command, benchmark=benchmark, name=name,
                         ready_path=ready_path) as started:
        yield None if started is None else started[0]


def rss_mib(pid: int) -> dict[str, float]:
    """A process's resident memory now and at its peak, in MiB (Linux ``/proc``)."""
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = round(int(value.split()[0]) / 1024, 1)
    return {"rss_mib": fields.get("VmRSS", 0.0), "peak_mib": fields.get("VmHWM", 0.0)}


@contextlib.contextmanager
def serving_process(args: argparse.Namespace, command: list[str], *, benchmark: str, name: str,
                    ready_path: str) -> Iterator[tuple[str, subprocess.Popen] | None]:
    """:func:`serving`, yielding ``(url, process)`` (None when there is no model)."""
    with tempfile.TemporaryDirectory(prefix=f"{benchmark}-bench-") as tmp:
        model = model_dir(args, Path(tmp), benchmark=benchmark)
        if model is None:
            yield None
            return
        cmd = [*command, "--model", str(model), "--device", args.device,
               "--backend", args.backend, "--fixed-output-tokens", str(args.fixed_output_tokens)]
        if args.beam_size:
            cmd += ["--beam-size", str(args.beam_size)]
        with (Path(tmp) / f"{benchmark}-server.log").open("w") as log:
            proc, url = start_server(cmd, name=name, ready_path=ready_path, log=log)
            try:
                yield url, proc
            finally:
                proc.terminate()
                proc.wait(30)


def run_level(senders: list[Send], duration: float, sentences: list[str], *,
              join_slack: float = 120) -> dict:
    """One client loop per sender for ``duration`` seconds; returns throughput and latencies.

    Each request joins one to three random ``sentences``; a sender that raises counts as an
    error like one that returns a problem (the first three problems are kept).
    """
    n = len(senders)
    latencies: list[float] = []
    counts = {"requests": 0, "sentences": 0, "errors": 0}
    first_errors: list[str] = []
    lock = threading.Lock()
    barrier = threading.Barrier(n + 1)
    stop_at = [0.0]

    def worker(k: int) -> None:
        rng = random.Random(k)
        send = senders[k]
        barrier.wait()
        while time.monotonic() < stop_at[0]:
            m = rng.randint(1, 3)
            text = " ".join(rng.choice(sentences) for _ in range(m))
            t0 = time.monotonic()
            try:
                problem = send(text)
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
        t.join(duration + join_slack)
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
