"""The real app: `python app.py` in a subprocess, called with gradio_client and a browser."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from translator.layout import parse
from translator.ui.examples import NEWS_ARTICLE

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _paragraphs(text: str) -> int:
    return len(parse(text).blocks)


class Server:
    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._out = log.open("w")
        self.proc = subprocess.Popen(
            [sys.executable, "app.py", "--port", str(self.port), *args],
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


def _env(tmp: Path) -> dict[str, str]:
    return dict(
        os.environ, HF_HUB_OFFLINE="1", HF_HOME=str(tmp / "hf"),
        INDO_TRANSLATOR_MODELS=str(tmp / "models"), GRADIO_ANALYTICS_ENABLED="False",
        PYTHONPATH=str(REPO),
    )


@pytest.fixture(scope="module")
def app_server(tiny_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("app")
    # Random weights rarely stop by themselves: a fixed output length keeps this fast.
    args = ["--model", str(tiny_model_dir), "--device", "cpu", "--fixed-output-tokens", "12"]
    server = Server(args, _env(tmp), tmp / "app.log")
    yield server
    server.stop()


def test_server_translates_through_gradio_client(app_server: Server, sample_article: str) -> None:
    from gradio_client import Client

    client = Client(app_server.url, verbose=False)
    for text in (sample_article, NEWS_ARTICLE):
        answer = client.predict(text, api_name="/translate")
        assert isinstance(answer, str) and answer.strip()
        assert _paragraphs(answer) == _paragraphs(text)
    assert client.predict("", api_name="/translate") == ""


def test_missing_model_still_serves_the_page_with_the_fix(tmp_path: Path) -> None:
    from gradio_client import Client

    server = Server([], _env(tmp_path), tmp_path / "app.log")  # default model, nowhere
    try:
        page = json.dumps(server.config)
        assert "was not found" in page and "translator download" in page
        with pytest.raises(Exception, match="Fix:"):
            Client(server.url, verbose=False).predict("Halo.", api_name="/translate")
        with urllib.request.urlopen(server.url + "/", timeout=10) as resp:
            assert resp.status == 200
    finally:
        server.stop()
    assert "error: Model 'Helsinki-NLP/opus-mt-id-en' was not found" in server.output
    assert "Traceback" not in server.output


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Chromium is not installed")
def test_browser_translates_and_shows_side_by_side(app_server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import expect, sync_playwright

    article = NEWS_ARTICLE
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=shutil.which("chromium"),
                                     args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(app_server.url)
            source = page.locator("#it-source textarea")
            source.fill(article)
            expect(page.locator("#it-count")).to_contain_text(f"{len(article):,} characters")
            page.locator("#it-translate").click()
            expect(page.locator("#it-status")).to_contain_text("Done:", timeout=60_000)
            output = page.locator("#it-output textarea").input_value()
            assert _paragraphs(output) == _paragraphs(article)

            # Clear empties both boxes; Ctrl+Enter translates again.
            page.locator("#it-clear").click()
            expect(page.locator("#it-output textarea")).to_have_value("")
            source.fill("Selamat pagi.\n\nApa kabar?")
            source.press("Control+Enter")
            expect(page.locator("#it-status")).to_contain_text("Done: 2 paragraphs",
                                                               timeout=60_000)
            source.fill(article)
            page.locator("#it-translate").click()
            expect(page.locator("#it-status")).to_contain_text("Done: 7 paragraphs",
                                                               timeout=60_000)

            page.get_by_role("tab", name="Side by side").click()
            table = page.locator("table.it-side")
            expect(table).to_be_visible()
            assert table.locator("tr.it-para").count() == _paragraphs(article)
            shot = tmp_path / "side-by-side.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 10_000
            if os.environ.get("INDO_TRANSLATOR_SCREENSHOTS"):
                target = Path(os.environ["INDO_TRANSLATOR_SCREENSHOTS"])
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy(shot, target / shot.name)
                page.get_by_role("tab", name="Translate").click()
                page.screenshot(path=str(target / "translate.png"), full_page=True)
        finally:
            browser.close()
