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
# origin's storage; reloads keep it. ``Pages.open`` empties the tab's session storage before
# it navigates, so an opened page starts as a fresh tab would, as far as the app can tell.
FRESH_STORAGE = """
if (!sessionStorage.getItem("tests:fresh")) {
  localStorage.clear();
  sessionStorage.setItem("tests:fresh", "1");
}
"""


class Pages:
    """Opens pages of the app for one test module, in one tab per kind of page.

    A new tab costs Chromium a renderer process: a Gradio page opened in a new tab took
    ~2.8 CPU-s (browser, renderer, GPU process), opened again in the same tab ~1.4. So each
    kind of page (desktop, phone, ... by the options of its browser context) has one tab,
    and :meth:`open` navigates it: the page before is gone, and the new one starts with
    empty storage (``FRESH_STORAGE``). ``color_scheme`` is emulated in the tab, not given
    a context of its own. A test has one page of a kind at a time and does not close it;
    the tabs are closed with the module.
    """

    def __init__(self, browser: Any) -> None:
        self.browser = browser
        self.tabs: dict[str, Any] = {}  # context options as JSON -> the tab

    def open(self, url: str, *, ready: str | None = "#it-translate",
             color_scheme: str = "light", **options: Any) -> Any:
        """The kind's tab at ``url`` (loaded afresh), once ``ready`` (a selector) is on it."""
        key = json.dumps(options, sort_keys=True)
        page = self.tabs.get(key)
        if page is None or page.is_closed():
            context = self.browser.new_context(**{"viewport": DESKTOP, **options})
            context.add_init_script(FRESH_STORAGE)
            page = self.tabs[key] = context.new_page()
        else:
            if page.url.startswith("http"):
                page.evaluate("sessionStorage.clear()")  # a new tab, for FRESH_STORAGE
            page.goto("about:blank")  # a full load next, even where only the #fragment differs
        page.emulate_media(color_scheme=color_scheme)  # light: Playwright's default
        page.goto(url)
        if ready:
            page.locator(ready).wait_for()
        return page

    def close(self) -> None:
        for page in self.tabs.values():
            page.context.close()


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
