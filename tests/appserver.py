"""Helpers of the app tests: ``python app.py`` in a subprocess, Chromium, axe-core."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.live_server import LiveServer, offline_env

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# One renderer process for the test pages (no site isolation): about 10% less CPU per page.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-features=site-per-process,IsolateOrigins",
                 "--renderer-process-limit=1"]
DESKTOP = {"width": 1280, "height": 1000}
PHONE = {"width": 390, "height": 844}


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


# Run in every page before its scripts: the first load of a page (a tab) empties the
# origin's storage; reloads keep it. A page of a shared context then starts as a fresh
# browser would, as far as the app can tell.
FRESH_STORAGE = """
if (!sessionStorage.getItem("tests:fresh")) {
  localStorage.clear();
  sessionStorage.setItem("tests:fresh", "1");
}
"""


class Pages:
    """Opens pages of the app for one test module.

    Desktop pages share one browser context, so its HTTP and code caches: a Gradio page
    then loads in ~1.3 s instead of ~1.8 s (and ~1 CPU-s less, browser and server).
    Pages with other options (phone, dark, ...) get a context of their own. Either way a
    new page starts with empty storage (``FRESH_STORAGE``). Close a page with
    ``page.close()``; the contexts are closed with the module.
    """

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.contexts: list[Any] = []
        self.shared = self._context({})

    def _context(self, options: dict[str, Any]) -> Any:
        context = self.browser.new_context(**{"viewport": DESKTOP, **options})
        context.add_init_script(FRESH_STORAGE)
        self.contexts.append(context)
        return context

    def open(self, url: str, *, ready: str | None = "#it-translate", **options: Any) -> Any:
        """A new page at ``url``, once ``ready`` (a selector) is on it."""
        context = self._context(options) if options else self.shared
        page = context.new_page()
        page.goto(url)
        if ready:
            page.locator(ready).wait_for()
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()


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
