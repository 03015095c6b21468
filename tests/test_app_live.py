"""The real app: `python app.py` in a subprocess, called with gradio_client, a LibreTranslate
client and a browser: one process serves the page, the Gradio API and the REST API."""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.appserver import (
    Server,
    app_env,
    needs_chromium,
    screenshot,
    tiny_app_args,
)
from translator.text.layout import parse
from translator.ui.examples import NEWS_ARTICLE

pytestmark = pytest.mark.slow

LIMIT = 50_000  # the page's counter and the REST API's limit


def _paragraphs(text: str) -> int:
    return len(parse(text).blocks)


@pytest.fixture(scope="module")
def app_server(tiny_ct2_model_dir: Path,
               tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("app")
    server = Server(tiny_app_args(tiny_ct2_model_dir, "--max-chars", str(LIMIT)), app_env(tmp),
                    tmp / "app.log")
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


def test_one_process_serves_page_gradio_api_and_rest_api(app_server: Server) -> None:
    import httpx
    from gradio_client import Client
    from libretranslatepy import LibreTranslateAPI

    url = app_server.url
    page = httpx.get(url + "/", timeout=30)
    assert page.status_code == 200 and "gradio" in page.text.lower()
    text = "Harga beras naik.\n\nStok aman."
    rest = httpx.post(url + "/translate", json={"q": text, "source": "id", "target": "en"},
                      timeout=60)
    assert rest.status_code == 200
    via_gradio = Client(url, verbose=False).predict(text, api_name="/translate")
    assert rest.json()["translatedText"] == via_gradio  # same model, same answer
    assert LibreTranslateAPI(url).translate(text, "id", "en") == via_gradio
    assert httpx.get(url + "/languages", timeout=30).json()[0]["code"] == "id"
    settings = httpx.get(url + "/frontend/settings", timeout=30).json()
    assert settings["charLimit"] == LIMIT  # the app's --max-chars is the API's limit too
    assert "swagger" in httpx.get(url + "/docs", timeout=30).text.lower()
    assert app_server.output.count("Loading ") == 1  # one model for both faces
    assert "Traceback" not in app_server.output


def test_api_page_lists_translate_first_and_hides_internal_endpoints(app_server: Server) -> None:
    from gradio_client import Client

    endpoints = list(Client(app_server.url, verbose=False).view_api(
        print_info=False, return_format="dict")["named_endpoints"])
    assert endpoints[0] == "/translate"
    assert "/translate_stream" not in endpoints  # the page's own streaming endpoint
    assert not any("lambda" in name or "on_clear" in name for name in endpoints)


def test_missing_model_still_serves_the_page_with_the_fix(tmp_path: Path) -> None:
    import httpx
    from gradio_client import Client

    server = Server([], app_env(tmp_path), tmp_path / "app.log")  # default model, nowhere
    try:
        page = json.dumps(server.config)
        assert "was not found" in page and "translator download" in page
        assert "python app.py --model DIR" in page  # the fix for whoever runs the app
        [button] = [c for c in server.config["components"]
                    if c.get("props", {}).get("elem_id") == "it-translate"]
        assert button["props"]["interactive"] is False
        client = Client(server.url, verbose=False)
        try:
            with pytest.raises(Exception, match="Fix:"):
                client.predict("Halo.", api_name="/translate")
        finally:
            client.close()  # its open stream would outlive the server's graceful shutdown
        with urllib.request.urlopen(server.url + "/", timeout=10) as resp:
            assert resp.status == 200
        # The REST API is mounted all the same, answering JSON 503 with the fix.
        rest = httpx.post(server.url + "/translate", json={"q": "Halo.", "source": "id",
                                                           "target": "en"}, timeout=30)
        assert rest.status_code == 503 and "--model" in rest.json()["error"]
        assert httpx.get(server.url + "/languages", timeout=30).status_code == 503
    finally:
        server.stop()
    assert "error: Model 'Helsinki-NLP/opus-mt-id-en' was not found" in server.output
    # The app's own fix in its terminal, not the Python one.
    assert "python app.py --model DIR" in server.output
    assert "Translator(model=" not in server.output
    assert "Traceback" not in server.output, server.output[server.output.find("Traceback"):]


@needs_chromium
def test_browser_translates_and_shows_side_by_side(pages: Any, app_server: Server,
                                                   tmp_path: Path) -> None:
    from playwright.sync_api import expect

    article = NEWS_ARTICLE
    page = pages.open(app_server.url)
    source = page.locator("#it-source textarea")
    source.fill(article)
    count = f"{len(article):,} / {LIMIT:,} characters"
    expect(page.locator("#it-count")).to_contain_text(count)
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
    shot = screenshot(page, "side-by-side", tmp_path, full_page=True)
    assert shot.stat().st_size > 10_000
    page.get_by_role("tab", name="Translate").click()
    screenshot(page, "translate", tmp_path, full_page=True)
    page.close()
