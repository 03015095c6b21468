"""The real app (`python app.py` in a subprocess): the page in Chromium (accessibility with
axe-core, limits, kept input, phones, dark mode), the same process called with gradio_client,
a LibreTranslate client and over REST, and the same process under abuse (issue 9, "Show it"):

- Thirty bad requests in a row (malformed JSON, wrong types, missing or extra arguments,
  over the size limit, lone surrogates, files outside the app, path traversal, ...) are
  each answered with an error (or a harmless result), and the next normal request is
  answered normally; the server never stops serving.
- The pathological layout input of item 1 (``'1' + spaces + 'a'``, which took minutes and
  froze every endpoint) is answered or refused while another client's request completes.
  The guards below are minutes-to-hours away from the old behaviour, not timings: the
  numbers are measured by ``benchmarks/app_abuse.py``.

One app server (tiny model, 30,000-character limit) serves every test, the abuse last; each
browser test opens its page afresh (tests.appserver.Pages).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.app_abuse import Answer, bad_requests, call, get, pathological, run_bad
from tests.appserver import (
    PHONE,
    Server,
    app_env,
    axe_violations,
    screenshot,
    tiny_app_args,
)
from translator.files.upload import FILE_FORMATS
from translator.text.layout import parse
from translator.ui.examples import NEWS_ARTICLE

pytestmark = pytest.mark.slow

LIMIT = 30_000
DONE_TIMEOUT = 60_000
GUARD_S = 90  # the old cubic layout needed hours for the pathological input below


def _paragraphs(text: str) -> int:
    return len(parse(text).blocks)


@pytest.fixture(scope="module")
def server(tiny_ct2_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("page")
    srv = Server(tiny_app_args(tiny_ct2_model_dir, "--max-chars", str(LIMIT)), app_env(tmp),
                 tmp / "app.log")
    yield srv
    srv.stop()


def _translate(page: Any, text: str) -> None:
    from playwright.sync_api import expect

    page.locator("#it-source textarea").fill(text)
    page.locator("#it-translate").click()
    expect(page.locator("#it-status")).to_contain_text("Done:", timeout=DONE_TIMEOUT)


def test_axe_finds_no_serious_violations(pages: Any, server: Server, tmp_path: Path) -> None:
    page = pages.open(server.url)
    assert axe_violations(page) == [], "idle page"
    _translate(page, NEWS_ARTICLE)
    assert axe_violations(page) == [], "translated page"
    page.get_by_role("tab", name="Side by side").click()
    page.locator("table.it-side").wait_for()
    assert axe_violations(page) == [], "side by side"
    screenshot(page, "desktop-side-by-side", tmp_path, full_page=True)


def test_page_semantics(pages: Any, server: Server) -> None:
    from playwright.sync_api import expect

    page = pages.open(server.url)
    assert page.locator("h1").count() == 1
    source = page.get_by_role("textbox", name="Indonesian")
    output = page.get_by_role("textbox", name="English")
    assert source.get_attribute("lang") == "id"
    assert output.get_attribute("lang") == "en"
    expect(output).to_be_editable(editable=False)  # read-only ...
    expect(output).to_be_enabled()  # ... not disabled: focusable, read by screen readers
    status = page.locator("#it-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.get_attribute("role") == "status"
    # Every control is reachable with Tab, in reading order.
    reached = []
    for _ in range(14):
        page.keyboard.press("Tab")
        reached.append(page.evaluate("document.activeElement.id || "
                                     "document.activeElement.getAttribute('lang') || ''"))
    for wanted in ("id", "it-translate", "it-clear", "it-share", "en"):
        assert wanted in reached, reached
    assert reached.index("id") < reached.index("it-translate") < reached.index("en")


def test_dark_mode_follows_the_system(pages: Any, server: Server, tmp_path: Path) -> None:
    page = pages.open(server.url, color_scheme="dark")
    assert page.evaluate("document.body.classList.contains('dark') || "
                         "document.documentElement.classList.contains('dark')")
    _translate(page, "Harga beras naik.\n\nPasar ramai.")
    assert axe_violations(page) == []
    screenshot(page, "desktop-dark", tmp_path)
    light = pages.open(server.url)  # light, as Chromium's default
    assert not light.evaluate("document.body.classList.contains('dark') || "
                              "document.documentElement.classList.contains('dark')")


def test_counter_shows_the_limit_and_disables_translate_past_it(
    pages: Any, server: Server, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page = pages.open(server.url)
    count, button = page.locator("#it-count"), page.locator("#it-translate")
    expect(count).to_contain_text(f"0 / {LIMIT:,} characters")
    source = page.locator("#it-source textarea")
    words = LIMIT // len("kata ")
    source.fill("kata " * words)  # exactly the limit
    expect(count).to_contain_text(f"{LIMIT:,} / {LIMIT:,} characters · {words:,} words")
    expect(button).to_be_enabled()
    source.fill("kata " * words + "x")
    expect(count).to_contain_text(f"{LIMIT + 1:,} / {LIMIT:,} characters")
    expect(count).to_contain_text("1 over the limit: shorten the text")
    expect(button).to_be_disabled()
    assert button.get_attribute("aria-describedby") == "it-count"
    screenshot(page, "desktop-over-limit", tmp_path)
    source.press("Control+Enter")  # the shortcut does not get around it
    page.wait_for_timeout(500)
    assert "Translating" not in page.locator("#it-status").inner_text()
    source.fill("Cukup pendek.")
    expect(button).to_be_enabled()
    expect(count).not_to_contain_text("over the limit")


def test_blank_input_says_so(pages: Any, server: Server) -> None:
    from playwright.sync_api import expect

    page = pages.open(server.url)
    idle = page.locator("#it-status").inner_text()
    page.locator("#it-source textarea").fill("   \n\n  ")
    page.locator("#it-translate").click()
    expect(page.locator("#it-status")).to_contain_text("Nothing to translate")
    assert page.locator("#it-status").inner_text() != idle


def test_text_survives_a_reload_and_travels_in_a_share_link(
    pages: Any, server: Server
) -> None:
    from playwright.sync_api import expect

    text = "Rapat dipindah ke hari Kamis.\n\nTerima kasih & salam #1!"
    page = pages.open(server.url)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator("#it-source textarea").fill(text)
    page.reload()
    source = page.locator("#it-source textarea")
    expect(source).to_have_value(text)
    expect(page.locator("#it-count")).to_contain_text(f"{len(text)} / {LIMIT:,} characters")

    page.locator("#it-share").click()
    expect(page.locator("#it-share-note")).to_contain_text("Link copied")
    link = page.url
    assert "#text=" in link
    assert page.evaluate("navigator.clipboard.readText()") == link

    other = pages.open(link)  # opened afresh: nothing stored
    expect(other.locator("#it-source textarea")).to_have_value(text)

    # Clear empties the box for the next visit too.
    page = pages.open(server.url)
    page.locator("#it-source textarea").fill(text)
    page.locator("#it-clear").click()
    expect(page.locator("#it-source textarea")).to_have_value("")
    page.reload()
    page.wait_for_timeout(500)
    expect(page.locator("#it-source textarea")).to_have_value("")


def test_files_tab_states_formats_and_size_limit(pages: Any, server: Server) -> None:
    page = pages.open(server.url)
    page.get_by_role("tab", name="Files").click()
    info = page.locator("#it-files-info").inner_text()
    for ext in FILE_FORMATS:
        assert ext in info
    size = f"{4 * LIMIT // 1000:,} KB"  # 4 bytes per character
    assert size in info and f"{LIMIT:,} characters" in info, info


def test_phone_layout(pages: Any, server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page = pages.open(server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    screenshot(page, "phone-idle", tmp_path)
    long_paste = "\n".join(f"Baris {i} dari teks yang panjang." for i in range(55))
    assert len(long_paste) < LIMIT
    source = page.locator("#it-source textarea")
    source.fill(long_paste)
    box = source.bounding_box()
    assert box["height"] <= 0.4 * PHONE["height"]  # capped: the box scrolls instead
    page.locator("#it-translate").click()
    expect(page.locator("#it-status")).to_contain_text("Done:", timeout=DONE_TIMEOUT)
    page.wait_for_timeout(300)
    screenshot(page, "phone-translated", tmp_path)
    status = page.locator("#it-status").bounding_box()
    output = page.locator("#it-output textarea").bounding_box()
    assert 0 <= status["y"] < PHONE["height"]  # the status is in view ...
    assert status["y"] < output["y"] < PHONE["height"] - 100  # ... right above the output
    assert output["y"] - (status["y"] + status["height"]) < 120

    page.get_by_role("tab", name="Side by side").click()
    src = page.locator("td.it-src").first
    tgt = page.locator("td.it-tgt").first
    src.wait_for()
    screenshot(page, "phone-side-by-side", tmp_path)
    a, b = src.bounding_box(), tgt.bounding_box()
    assert b["y"] >= a["y"] + a["height"] - 1  # stacked: English under the Indonesian
    assert a["width"] > 0.6 * PHONE["width"] and b["width"] > 0.6 * PHONE["width"]
    assert axe_violations(page) == []  # on a phone too (the selected tab's contrast)


def test_not_indonesian_warning_comes_before_translating(
    pages: Any, server: Server, tmp_path: Path
) -> None:
    from playwright.sync_api import expect

    page = pages.open(server.url)
    warning = page.locator("#it-language")
    page.locator("#it-source textarea").fill(
        "The government announced new measures to reduce plastic waste in coastal cities. "
        "Officials said the plan would start next year.")
    expect(warning).to_contain_text("looks like English")  # nothing was translated yet
    assert warning.get_attribute("aria-live") == "polite"
    assert page.locator("#it-output textarea").input_value() == ""
    screenshot(page, "desktop-not-indonesian", tmp_path)
    assert axe_violations(page) == []
    page.locator("#it-source textarea").fill(NEWS_ARTICLE)
    expect(warning).to_have_text("")


def test_alternatives_on_request(pages: Any, server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page = pages.open(server.url)
    _translate(page, "Harga beras naik lima persen.\n\nPemerintah menambah stok.")
    page.get_by_role("tab", name="Side by side").click()
    assert page.locator("details.it-alts").count() == 0  # only when asked for
    page.get_by_label("Show up to 3 alternative translations of each sentence").check()
    lists = page.locator("details.it-alts")
    expect(lists.first).to_be_visible(timeout=DONE_TIMEOUT)
    assert lists.count() == 2  # one per sentence
    lists.first.locator("summary").click()  # opened by click (or Enter)
    items = lists.first.locator("li")
    expect(items.first).to_be_visible()
    assert 1 <= items.count() <= 3
    screenshot(page, "desktop-alternatives", tmp_path, full_page=True)
    assert axe_violations(page) == []
    page.get_by_label("Show up to 3 alternative translations of each sentence").uncheck()
    expect(lists).to_have_count(0, timeout=DONE_TIMEOUT)


def test_without_a_memory_the_review_says_how_to_enable_it(pages: Any, server: Server) -> None:
    from playwright.sync_api import expect

    page = pages.open(server.url)  # this app has no --memory
    _translate(page, "Pasar ramai.")
    page.get_by_role("tab", name="Side by side").click()
    page.locator("table.it-side").wait_for()
    note = page.locator("#it-review-status")
    expect(note).to_contain_text("--memory FILE")
    page.get_by_role("textbox", name="English of sentence 1").fill("The market is busy.")
    page.locator("#it-save").click()
    expect(note).to_contain_text("start the app with `python app.py --memory FILE`")


# -- the same process through gradio_client, a LibreTranslate client and the REST API --


def test_server_translates_through_gradio_client(server: Server, sample_article: str) -> None:
    from gradio_client import Client

    client = Client(server.url, verbose=False)
    for text in (sample_article, NEWS_ARTICLE):
        answer = client.predict(text, api_name="/translate")
        assert isinstance(answer, str) and answer.strip()
        assert _paragraphs(answer) == _paragraphs(text)
    assert client.predict("", api_name="/translate") == ""


def test_one_process_serves_page_gradio_api_and_rest_api(server: Server) -> None:
    import httpx
    from gradio_client import Client
    from libretranslatepy import LibreTranslateAPI

    url = server.url
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
    assert server.output.count("Loading ") == 1  # one model for both faces
    assert "Traceback" not in server.output


def test_api_page_lists_translate_first_and_hides_internal_endpoints(server: Server) -> None:
    from gradio_client import Client

    endpoints = list(Client(server.url, verbose=False).view_api(
        print_info=False, return_format="dict")["named_endpoints"])
    assert endpoints[0] == "/translate"
    assert "/translate_stream" not in endpoints  # the page's own streaming endpoint
    assert not any("lambda" in name or "on_clear" in name for name in endpoints)


def test_browser_translates_and_shows_side_by_side(pages: Any, server: Server,
                                                   tmp_path: Path) -> None:
    from playwright.sync_api import expect

    article = NEWS_ARTICLE
    page = pages.open(server.url)
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


# -- the same process under abuse (last: the tests above see a server that only served) --

def normal_request_works(base: str) -> None:
    text = "Harga beras naik lima persen.\n\nPemerintah menambah stok."
    answer = call(base, "translate", [text], timeout=GUARD_S)
    assert answer.kind == "complete", answer
    assert isinstance(answer.data, list) and isinstance(answer.data[0], str)
    assert answer.data[0].count("\n\n") == 1  # the layout came back


def test_thirty_bad_requests_then_a_normal_one(server: Server) -> None:
    answers: list[tuple[str, Answer]] = []
    for label, spec in bad_requests(LIMIT):
        answers.append((label, run_bad(server.url, label, spec, timeout=GUARD_S)))
    assert len(answers) == 30
    by_label = dict(answers)
    for label in ("text is a number", "text is a list", "text is an object",
                  "text over the limit"):
        assert by_label[label].kind == "error", (label, by_label[label])
        assert "Fix:" in str(by_label[label].data)
    for label in ("path traversal in a file route", "path traversal, encoded",
                  "file outside the app"):
        assert "root:" not in str(by_label[label].data), label  # /etc/passwd never leaks
    for label, answer in answers:  # every one answered, none hung or dropped
        assert answer.kind != "no result", (label, answer)
    normal_request_works(server.url)
    assert get(server.url, "/config").kind == "http 200"
    assert server.proc.poll() is None


@pytest.mark.parametrize("spaces", [2_500, LIMIT - 2])
def test_pathological_text_does_not_block_other_clients(server: Server, spaces: int) -> None:
    results: dict[str, Answer] = {}

    def hostile() -> None:
        results["hostile"] = call(server.url, "translate", [pathological(spaces)],
                                  timeout=GUARD_S)

    thread = threading.Thread(target=hostile)
    thread.start()
    try:
        normal_request_works(server.url)  # another client, while the hostile one is in
        assert get(server.url, "/config", timeout=GUARD_S).kind == "http 200"
    finally:
        thread.join(GUARD_S)
    assert results["hostile"].kind in ("complete", "error"), results
