"""Helpers of the app tests: ``python app.py`` in a subprocess, Chromium, axe-core."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.live_server import LiveServer, offline_env

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# One renderer process for the test pages (no site isolation): about 10% less CPU per page.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-features=site-per-process,IsolateOrigins",
                 "--renderer-process-limit=1"]
DESKTOP = {"width": 1280, "height": 1000}
PHONE = {"width": 390, "height": 844}

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


def app_env(tmp: Path) -> dict[str, str]:
    """Offline, no analytics, models looked up only under ``tmp``."""
    return offline_env(tmp)


class Server(LiveServer):
    """``python app.py`` on a free port, started and waited for; ``config`` is its /config."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path, *,
                 script: str = "app.py") -> None:
        super().__init__([script, *args], env, log, ready_path="/config")
        self.config = json.loads(self.ready_body)


@contextmanager
def launch_chromium() -> Iterator[Any]:
    """Headless Chromium through Playwright, closed after."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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
