"""Review on the page in Chromium: edit, Save to memory, XLIFF, confidence, suggestions, glossary.

The app runs with the scripted review model of tests/review_app.py (its documents carry
origin, confidence, suggestions and glossary terms the way the engine gives them) and a
memory file on disk.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.appserver import (
    PHONE,
    Server,
    app_env,
    axe_violations,
    screenshot,
)

pytestmark = pytest.mark.slow

TIMEOUT = 30_000
TEXT = "Harga beras naik.\n\nHarga beras naik lagi. Data BPS mungkin salah. Saya ragu soal itu."


@pytest.fixture(scope="module")
def memory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tm") / "tm.tsv"
    path.write_text("Harga beras naik.\tRice prices went up (reviewed).\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def server(memory: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("review")
    srv = Server(["--memory", str(memory), "--no-api", "--max-chars", "2000"], app_env(tmp),
                 tmp / "app.log", script="tests/review_app.py")
    yield srv
    srv.stop()


def _translated(pages: Any, server: Server, text: str = TEXT, **options: Any) -> Any:
    from playwright.sync_api import expect

    page = pages.open(server.url, **options)
    page.locator("#it-source textarea").fill(text)
    page.locator("#it-translate").click()
    expect(page.locator("#it-status")).to_contain_text("Done:", timeout=TIMEOUT)
    page.get_by_role("tab", name="Side by side").click()
    page.locator("table.it-side").wait_for()
    return page


def _shot(page: Any, name: str, tmp_path: Path) -> None:
    # kept under tmp_path, and in $INDO_TRANSLATOR_SCREENSHOTS when set (to look at)
    screenshot(page, name, tmp_path, full_page=True)


def test_edit_save_to_memory_and_the_next_translation_uses_it(
    pages: Any, server: Server, memory: Path
) -> None:
    from playwright.sync_api import expect

    page = _translated(pages, server)
    box = page.get_by_role("textbox", name="English of sentence 3")
    box.fill("Data from BPS may be wrong.")  # typed, as with the keyboard
    output = page.locator("#it-output textarea")
    expect(output).to_have_value(
        "Rice prices went up (reviewed).\n\nHARGA BERAS NAIK LAGI. Data from BPS may be "
        "wrong. SAYA RAGU SOAL ITU.", timeout=TIMEOUT)
    expect(page.locator("tr#it-s3 .it-edited")).to_have_text("Edited")
    page.locator("#it-save").click()
    expect(page.locator("#it-review-status")).to_contain_text("Saved 1 edited sentence",
                                                              timeout=TIMEOUT)
    assert "Data BPS mungkin salah.\tData from BPS may be wrong." in memory.read_text("utf-8")
    page.get_by_role("tab", name="Translate").click()
    page.locator("#it-translate").click()  # the same text again
    page.get_by_role("tab", name="Side by side").click()
    expect(page.locator("tr#it-s3 .it-origin")).to_have_text("Memory", timeout=TIMEOUT)
    expect(page.locator("#it-e3")).to_have_value("Data from BPS may be wrong.")
    assert "Data from BPS may be wrong." in output.input_value()


def test_download_xliff_holds_the_edits(pages: Any, server: Server) -> None:
    from playwright.sync_api import expect

    page = _translated(pages, server, "Pasar ramai. Harga naik.")
    page.get_by_role("textbox", name="English of sentence 2").fill("Prices rose.")
    expect(page.locator("#it-output textarea")).to_have_value("PASAR RAMAI. Prices rose.",
                                                              timeout=TIMEOUT)
    page.locator("#it-xliff").click()
    expect(page.locator("#it-review-status")).to_contain_text("translation.xlf",
                                                              timeout=TIMEOUT)
    link = page.locator("#it-xliff-file a[download]").first
    link.wait_for(timeout=TIMEOUT)
    body = page.request.get(link.get_attribute("href")).text()
    assert body.count("<trans-unit") == 2
    assert ">Prices rose.</target>" in body and ">PASAR RAMAI.</target>" in body


def test_confidence_legend_order_and_jump(pages: Any, server: Server, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    page = _translated(pages, server, "Cuaca mungkin cerah. Saya ragu soal hujan. Pasar buka.")
    legend = page.locator("ul.it-legend")
    for label in ("High confidence", "Medium confidence", "Low confidence", "Not scored"):
        expect(legend).to_contain_text(label)
    expect(page.locator("tr#it-s2 .it-level")).to_contain_text("Low confidence (20%)")
    expect(page.locator("tr#it-s1 .it-level")).to_contain_text("Medium confidence (45%)")
    expect(page.locator("tr#it-s3 .it-level")).to_contain_text("High confidence (90%)")
    assert axe_violations(page) == []
    page.locator(".it-jump a").first.click()  # the least confident sentence
    assert page.evaluate("location.hash") == "#it-e2"
    page.get_by_label("Least confident first").check()
    expect(page.locator("table.it-side tbody tr").first).to_have_attribute(
        "id", "it-s2", timeout=TIMEOUT)
    ids = page.locator("table.it-side tbody tr").evaluate_all("rows => rows.map(r => r.id)")
    assert ids == ["it-s2", "it-s1", "it-s3"]


def test_suggestions_are_shown_and_used(pages: Any, server: Server) -> None:
    from playwright.sync_api import expect

    page = _translated(pages, server, "Harga beras naik lagi.")
    suggestions = page.locator("tr#it-s1 details.it-sugs")
    expect(suggestions).to_contain_text("from the memory")
    expect(suggestions).to_contain_text("tm.tsv")
    expect(suggestions).to_contain_text("Rice prices went up (reviewed).")
    expect(suggestions.locator(".it-score").first).to_contain_text("%")
    suggestions.get_by_role("button", name="Use").first.click()
    expect(page.locator("#it-e1")).to_have_value("Rice prices went up (reviewed).")
    expect(page.locator("#it-output textarea")).to_have_value(
        "Rice prices went up (reviewed).", timeout=TIMEOUT)


def test_glossary_field_names_a_bad_line(pages: Any, server: Server) -> None:
    from playwright.sync_api import expect

    page = pages.open(server.url)
    page.locator("#it-terms-box").get_by_text("Glossary for this text").click()
    terms = page.get_by_label("Terms for this text")
    terms.fill("Badan Pusat Statistik = Statistics Indonesia\nBRIN")
    page.locator("#it-source textarea").fill("Data BPS naik.")
    page.locator("#it-translate").click()
    status = page.locator("#it-status")
    expect(status).to_contain_text("Glossary for this text, line 2", timeout=TIMEOUT)
    expect(status).to_contain_text("source = target")
    assert axe_violations(page) == []
    terms.fill("")  # no glossary: translates as before
    page.locator("#it-translate").click()
    expect(status).to_contain_text("Done:", timeout=TIMEOUT)


def test_light_dark_and_phone_are_readable(
    pages: Any, server: Server, tmp_path: Path
) -> None:
    page = _translated(pages, server)
    _shot(page, "review-light", tmp_path)
    page = _translated(pages, server, color_scheme="dark")
    assert axe_violations(page) == []
    _shot(page, "review-dark", tmp_path)
    page = _translated(pages, server, viewport=PHONE, is_mobile=True, has_touch=True,
                       color_scheme="dark")
    assert axe_violations(page) == []
    box = page.locator("#it-e2").bounding_box()
    assert box["width"] > 0.6 * PHONE["width"]  # the edit box is wide enough to type in
    _shot(page, "review-phone-dark", tmp_path)


def test_files_tab_takes_a_presentation_and_names_what_was_not_translated(
    pages: Any, server: Server, tmp_path: Path
) -> None:
    from playwright.sync_api import expect
    from pptx import Presentation
    from pptx.util import Inches

    pytest.importorskip("PIL")
    from PIL import Image

    picture = tmp_path / "foto.png"
    Image.new("RGB", (8, 8), "red").save(picture)
    deck = Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[5])
    slide.shapes.title.text = "Harga beras naik."
    slide.shapes.add_picture(str(picture), Inches(1), Inches(2))
    path = tmp_path / "laporan.pptx"
    deck.save(str(path))

    page = pages.open(server.url)
    page.get_by_role("tab", name="Files").click()
    info = page.locator("#it-files-info")
    for ext in (".pptx", ".xlsx", ".odt", ".odp", ".ods", ".epub", ".pdf"):
        expect(info).to_contain_text(ext)
    expect(info).to_contain_text("25 MB for .docx, .pptx, .xlsx")
    page.locator("#it-upload input[type=file]").set_input_files(str(path))
    status = page.locator("#it-file-status")
    expect(status).to_contain_text("Translated laporan.pptx", timeout=TIMEOUT)
    expect(status).to_contain_text("1 item not translated: image")
    expect(page.locator("#it-download a[download], #it-download a").first).to_have_attribute(
        "href", re.compile(r"laporan\.en\.pptx$"))
    assert axe_violations(page) == []
    _shot(page, "files", tmp_path)
