"""Helpers of the app tests: ``python app.py`` in a subprocess, Chromium, axe-core."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DESKTOP = {"width": 1280, "height": 1000}
PHONE = {"width": 390, "height": 844}

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_env(tmp: Path) -> dict[str, str]:
    """Offline, no analytics, models looked up only under ``tmp``."""
    return dict(
        os.environ, HF_HUB_OFFLINE="1", HF_HOME=str(tmp / "hf"),
        INDO_TRANSLATOR_MODELS=str(tmp / "models"), GRADIO_ANALYTICS_ENABLED="False",
        PYTHONPATH=str(REPO),
    )


class Server:
    """``python app.py`` on a free port, started and waited for."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path, *,
                 script: str = "app.py") -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._out = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, script, "--port", str(self.port), *args],
            cwd=REPO, env=env, stdout=self._out, stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"app.py exited early:\n{self.output}")
            try:
                with urllib.request.urlopen(self.url + "/config", timeout=2) as resp:
                    self.config = json.loads(resp.read())
                    return
            except OSError:
                time.sleep(0.5)
        self.stop()
        pytest.fail(f"app.py did not start in 120 s:\n{self.output}")

    @property
    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self._out.close()


def tiny_app_args(model_dir: Path, *extra: str) -> list[str]:
    # Random weights rarely stop by themselves: a fixed output length keeps this fast.
    return ["--model", str(model_dir), "--device", "cpu", "--fixed-output-tokens", "12", *extra]


def axe_violations(page: Any, *, impacts: tuple[str, ...] = ("serious", "critical")) -> list[str]:
    """axe-core's violations of the given impacts on the page as it is now, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
        for v in results.response["violations"]
        if v["impact"] in impacts
    ]


def screenshot(page: Any, name: str, tmp_path: Path, *, full_page: bool = False) -> Path:
    """Save a screenshot; also copied to $INDO_TRANSLATOR_SCREENSHOTS when that is set."""
    shot = tmp_path / f"{name}.png"
    page.screenshot(path=str(shot), full_page=full_page)
    if os.environ.get("INDO_TRANSLATOR_SCREENSHOTS"):
        target = Path(os.environ["INDO_TRANSLATOR_SCREENSHOTS"])
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, target / shot.name)
    return shot
