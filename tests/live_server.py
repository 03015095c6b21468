"""A server process started by a test on 127.0.0.1 and a free port, stopped after."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def offline_env(tmp: Path, **extra: str) -> dict[str, str]:
    """Offline, no analytics; converted models in the session's folder (tests/conftest.py).

    Every server of a test session converts the tiny model once, there, and the others
    load the conversion (a server then starts in about 7 s instead of 12 s). Nothing else
    is shared: the hub cache is under ``tmp``.
    """
    models = os.environ.get("INDO_TRANSLATOR_MODELS") or str(tmp / "models")
    env = dict(
        os.environ, HF_HUB_OFFLINE="1", HF_HOME=str(tmp / "hf"),
        INDO_TRANSLATOR_MODELS=models, GRADIO_ANALYTICS_ENABLED="False",
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    return env


class LiveServer:
    """``python ARGS... --port P`` in the repository root, ready once ``ready_path`` answers.

    ``ready_body`` holds what ``ready_path`` answered.
    """

    def __init__(self, args: list[str], env: dict[str, str], log: Path, *,
                 ready_path: str = "/health", timeout: float = 120) -> None:
        self.log = log
        for attempt in range(3):
            if self._start(args, env, ready_path, timeout, last=attempt == 2):
                return

    def _start(self, args: list[str], env: dict[str, str], ready_path: str, timeout: float,
               *, last: bool) -> bool:
        """Start on a free port; False when another process took the port first (retry)."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._out = self.log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, *args, "--port", str(self.port)],
            cwd=REPO, env=env, stdout=self._out, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self._out.close()
                taken = "address already in use" in self.output.lower()
                if taken and not last:  # tests run in parallel (pytest-xdist)
                    return False
                pytest.fail(f"{args} exited early:\n{self.output}")
            try:
                with urllib.request.urlopen(self.url + ready_path, timeout=2) as resp:
                    self.ready_body = resp.read()
                    return True
            except OSError:
                time.sleep(0.3)
        self.stop()
        pytest.fail(f"{args} did not start in {timeout:.0f} s:\n{self.output}")

    @property
    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            # A gradio_client stream left open holds a graceful shutdown for 5 s: not waited.
            self.proc.wait(3)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(5)
        if not self._out.closed:
            self._out.close()
