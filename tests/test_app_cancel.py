"""Stopping a translation in the browser: Stop, Clear, a new Translate, a reload.

The app runs with a slowed model (``tests/slow_app.py``: every model call waits first), so a
long text takes many rounds. Each test checks both sides: nothing from the cancelled job
reaches the page, and the server dropped it (its log says so) so the model is free.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.appserver import (
    Server,
    app_env,
    screenshot,
    tiny_app_args,
)
from translator.ui.examples import NEWS_ARTICLE

pytestmark = pytest.mark.slow

DELAY = 0.4  # seconds per model call
LONG = "\n\n".join([NEWS_ARTICLE] * 12)  # about 150 sentences: many rounds
SHORT = "Selamat pagi.\n\nApa kabar?"
DROPPED = "dropped a cancelled request"


@pytest.fixture(scope="module")
def server(tiny_ct2_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("cancel")
    env = app_env(tmp)
    env["INDO_TRANSLATOR_TEST_BATCH_DELAY"] = str(DELAY)
    srv = Server(tiny_app_args(tiny_ct2_model_dir), env, tmp / "app.log",
                 script="tests/slow_app.py")
    yield srv
    srv.stop()


@pytest.fixture
def page(pages: Any, server: Server) -> Any:
    return pages.open(server.url)


def _start_long(page: Any) -> None:
    from playwright.sync_api import expect

    page.locator("#it-source textarea").fill(LONG)
    page.locator("#it-translate").click()
    # Under way: the counter has moved, the job is far from done.
    expect(page.locator("#it-status")).to_contain_text(re.compile(r"[1-9]\d* of \d+ sentences"),
                                                       timeout=30_000)
    expect(page.locator("#it-stop")).to_be_enabled()


def _dropped(server: Server, before: int, timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.output.count(DROPPED) > before:
            return True
        time.sleep(0.2)
    return False


def _time_short(page: Any) -> float:
    from playwright.sync_api import expect

    page.locator("#it-source textarea").fill(SHORT)
    started = time.monotonic()
    page.locator("#it-translate").click()
    expect(page.locator("#it-status")).to_contain_text("Done: 2 paragraphs", timeout=30_000)
    return time.monotonic() - started


def test_progress_advances_and_stop_cancels(page: Any, server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    seen = set()
    page.locator("#it-source textarea").fill(LONG)
    page.locator("#it-translate").click()
    deadline = time.monotonic() + 30
    while len(seen) < 3 and time.monotonic() < deadline:  # the counter moves, round by round
        match = re.search(r"(\d+) of \d+ sentences", page.locator("#it-status").inner_text())
        if match:
            seen.add(int(match.group(1)))
        time.sleep(0.1)
    assert len(seen) >= 3, seen
    partial = page.locator("#it-output textarea").input_value()
    assert partial.strip()  # the first paragraphs are there already
    before = server.output.count(DROPPED)
    page.locator("#it-stop").click()
    expect(page.locator("#it-status")).to_contain_text("Stopped")
    assert _dropped(server, before)
    shown = page.locator("#it-output textarea").input_value()
    time.sleep(3 * DELAY)
    assert page.locator("#it-output textarea").input_value() == shown  # nothing more came
    expect(page.locator("#it-status")).to_contain_text("Stopped")
    expect(page.locator("#it-stop")).to_be_disabled()
    screenshot(page, "desktop-stopped", tmp_path)


def test_clear_cancels(page: Any, server: Server) -> None:
    from playwright.sync_api import expect

    _start_long(page)
    before = server.output.count(DROPPED)
    page.locator("#it-clear").click()
    expect(page.locator("#it-output textarea")).to_have_value("")
    assert _dropped(server, before)
    time.sleep(3 * DELAY)
    assert page.locator("#it-output textarea").input_value() == ""  # nothing came back
    assert "Done" not in page.locator("#it-status").inner_text()


def test_a_new_translate_replaces_the_running_one(page: Any, server: Server) -> None:
    from playwright.sync_api import expect

    _start_long(page)
    before = server.output.count(DROPPED)
    _time_short(page)
    assert _dropped(server, before)
    expect(page.locator("#it-status")).to_contain_text("Done: 2 paragraphs")
    output = page.locator("#it-output textarea").input_value()
    time.sleep(3 * DELAY)
    assert page.locator("#it-output textarea").input_value() == output  # the old one is gone
    assert output.count("\n\n") == 1  # two paragraphs: the short text's translation


def test_reload_cancels_and_keeps_the_text(page: Any, server: Server) -> None:
    from playwright.sync_api import expect

    alone = _time_short(page)
    _start_long(page)
    before = server.output.count(DROPPED)
    page.reload()
    page.locator("#it-translate").wait_for()
    expect(page.locator("#it-source textarea")).to_have_value(LONG)  # kept in the browser
    assert _dropped(server, before, timeout=20)  # the abandoned job was dropped
    after = _time_short(page)
    assert after < alone + 10 * DELAY  # served at its normal speed, not after the long text


def test_an_article_streams_first_paragraph_first(page: Any, server: Server) -> None:
    from playwright.sync_api import expect

    page.locator("#it-source textarea").fill(NEWS_ARTICLE)  # 12 sentences, 7 paragraphs
    page.locator("#it-translate").click()
    states = []
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status = page.locator("#it-status").inner_text()
        states.append((status, page.locator("#it-output textarea").input_value()))
        if "Done:" in status:
            break
        time.sleep(0.05)
    expect(page.locator("#it-status")).to_contain_text("Done:")
    # Before the end: the counter had moved and the first paragraphs were shown.
    partial = [(s, out) for s, out in states
               if re.search(r"[1-9]\d* of \d+ sentences", s) and out.strip()]
    assert partial, states[-5:]
    final = states[-1][1]
    assert all(final.startswith(out) for _, out in partial)
