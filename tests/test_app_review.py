"""Review in the app, without a browser: edits, confidence, memory, XLIFF, glossary, files."""

from __future__ import annotations

import dataclasses
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from translator import Translator
from translator.errors import GlossaryError
from translator.exchange.xliff_read import read_xliff
from translator.files import upload
from translator.results import LOW_CONFIDENCE, MEMORY, Document, Suggestion, TermUse
from translator.ui import review
from translator.ui.command import build_parser
from translator.ui.service import TranslationService
from translator.ui.sidebyside import CONFIDENCE_ORDER, side_by_side
from translator.ui.uploads import CONTAINER_FILE_BYTES, max_bytes_for, translate_upload

TEXT = "Harga beras naik. Pasar ramai.\n\n- Data BPS salah.\n- Saya ragu.\n\nSelesai."


@pytest.fixture
def doc(fake_translator: Translator) -> Document:
    return fake_translator.translate_document(TEXT)


def scripted(doc: Document, **by_number: dict[str, Any]) -> Document:
    """``doc`` with fields of some sentences replaced (sentence number -> fields)."""
    number, paragraphs = 0, []
    for paragraph in doc.paragraphs:
        sentences = []
        for sentence in paragraph.sentences:
            sentences.append(dataclasses.replace(sentence, **by_number.get(f"s{number}", {})))
            number += 1
        paragraphs.append(dataclasses.replace(paragraph, sentences=tuple(sentences)))
    return dataclasses.replace(doc, paragraphs=tuple(paragraphs))


# -- edits --------------------------------------------------------------------------------


def test_edits_follow_into_the_text_and_keep_its_layout(doc: Document) -> None:
    edits = {1: "The market is busy.", 3: "I doubt it.", 4: "Done."}
    edited = review.apply_edits(doc, edits)
    assert edited.translation == (
        "HARGA BERAS NAIK. The market is busy.\n\n- DATA BPS SALAH.\n- I doubt it.\n\nDone.")
    assert [s.translation for s in edited.sentences][1] == "The market is busy."
    assert edited.paragraphs[1].translation == "- DATA BPS SALAH.\n- I doubt it."
    assert review.apply_edits(doc, {}) is doc
    assert review.apply_edits(doc, {99: "nowhere"}).translation == doc.translation


def test_an_edit_equal_to_another_sentence_does_not_move(fake_translator: Translator) -> None:
    doc = fake_translator.translate_document("Ya. Ya. Ya.")
    assert review.apply_edits(doc, {2: "Yes."}).translation == "YA. YA. Yes."


def test_edits_from_the_page_are_checked() -> None:
    assert review.parse_edits('{"0": "a", "2": "b"}') == {0: "a", 2: "b"}
    for bad in ("", "not json", "[1, 2]", '{"x": "a"}', '{"-1": "a"}', '{"1": 5}', None, 7):
        assert review.parse_edits(bad) == {}, bad


def test_edited_pairs_are_the_changed_sentences_only(doc: Document) -> None:
    sources = [s.source for s in doc.sentences]
    edits = {0: doc.sentences[0].translation, 1: "The market is busy.", 3: "  "}
    assert review.edited_pairs(doc, edits) == [(sources[1], "The market is busy.")]


# -- save to memory ----------------------------------------------------------------------


class Remembering:
    """A translator stand-in with a memory: records what the page saves."""

    def __init__(self) -> None:
        self.memory = object()
        self.saved: list[tuple[list[tuple[str, str]], str]] = []

    def remember(self, pairs: Any, origin: str = "") -> int:
        self.saved.append((list(pairs), origin))
        return len(self.saved[-1][0])


def test_save_to_memory_stores_the_edits(doc: Document) -> None:
    translator = Remembering()
    kind, message = review.save_edits(translator, doc, {1: "The market is busy."})
    assert kind == "ok" and "Saved 1 edited sentence" in message
    assert translator.saved == [([(doc.sentences[1].source, "The market is busy.")], "app")]
    kind, message = review.save_edits(translator, doc, {})
    assert kind == "hint" and "No edited sentences" in message
    assert review.save_edits(translator, None, {})[0] == "hint"


def test_save_without_a_memory_says_how_to_enable_it(
    doc: Document, fake_translator: Translator
) -> None:
    kind, message = review.save_edits(fake_translator, doc, {1: "x"})
    assert kind == "warn" and "--memory FILE" in message
    assert not review.memory_configured(fake_translator)


def test_save_reports_an_unwritable_memory(doc: Document) -> None:
    translator = Remembering()

    def fail(pairs: Any, origin: str = "") -> int:
        raise PermissionError("tm.tmx: permission denied")

    translator.remember = fail  # type: ignore[method-assign]
    kind, message = review.save_edits(translator, doc, {1: "x"})
    assert kind == "error" and "permission denied" in message and "Fix:" in message


def test_saved_edits_are_used_by_the_next_translation(
    fake_backend: Any, tmp_path: Path
) -> None:
    tm = tmp_path / "tm.tmx"
    translator = Translator.from_backend(fake_backend, model="fake", checks=False, memory=tm)
    svc = TranslationService(translator)
    try:
        doc = svc.document("Harga beras naik. Pasar ramai.")
        kind, _ = review.save_edits(translator, doc, {1: "The market is busy."})
        assert kind == "ok" and tm.exists()
        again = svc.document("Harga beras naik. Pasar ramai.")
        assert again.sentences[1].translation == "The market is busy."
        assert again.sentences[1].origin == MEMORY
    finally:
        svc.close()


# -- XLIFF ---------------------------------------------------------------------------------


def test_xliff_carries_the_edits_one_unit_per_sentence(doc: Document, tmp_path: Path) -> None:
    edited = review.apply_edits(doc, {1: "The market is busy."})
    path = review.write_xliff_file(edited, str(tmp_path))
    assert path.name == "translation.xlf" and path.parent.parent == tmp_path
    read = read_xliff(path.read_bytes(), path.name)
    assert [u.source for u in read.units] == [s.source for s in doc.sentences]
    assert [u.target for u in read.units][1] == "The market is busy."
    assert read.skeleton == TEXT.encode()


def test_xliff_marks_memory_hits_and_carries_suggestions(doc: Document) -> None:
    doc = scripted(doc, s0={"origin": MEMORY}, s1={"suggestions": (
        Suggestion("Pasar sangat ramai.", "The market is very busy.", 0.8, "tm.tmx"),)})
    data = review.xliff_bytes(doc)
    assert data.count(b"<trans-unit") == len(doc.sentences)
    assert b'state="translated"' in data and b"needs-review-translation" in data
    assert b'match-quality="80"' in data and b"The market is very busy." in data


# -- the side-by-side view -----------------------------------------------------------------


def test_each_sentence_is_a_labelled_editable_box(doc: Document) -> None:
    html = side_by_side(doc, edits={1: "Edited <b>"})
    boxes = re.findall(r"<textarea ([^>]*)>(.*?)</textarea>", html, re.S)
    assert len(boxes) == len(doc.sentences)
    labels = [re.search(r'aria-label="([^"]*)"', attrs).group(1) for attrs, _ in boxes]
    assert labels == [f"English of sentence {n}" for n in range(1, len(boxes) + 1)]
    assert boxes[1][1] == "Edited &lt;b&gt;" and "<b>" not in html
    assert 'data-orig="PASAR RAMAI."' in boxes[1][0]
    assert html.count("it-is-edited") == 1  # its Edited label shows


def test_origin_suggestions_and_terms_are_shown(doc: Document) -> None:
    doc = scripted(doc, s0={"origin": MEMORY}, s1={"suggestions": (
        Suggestion("Pasar sangat ramai.", "The market is very busy.", 0.87, "tm.tmx"),)},
        s2={"terms": (TermUse("BPS", "Statistics Indonesia", applied=False),),
            "flags": ("glossary",),
            "reasons": ('glossary: "BPS" should be "Statistics Indonesia"',)},
        s3={"terms": (TermUse("ragu", "doubt", applied=True),)})
    html = side_by_side(doc)
    assert html.count(">Memory</span>") == 1
    assert html.count(">Model</span>") == len(doc.sentences) - 1
    assert "1 from the translation memory" in html
    assert "87%</span> · tm.tmx" in html and "The market is very busy." in html
    assert 'data-text="The market is very busy."' in html  # its Use button
    assert "⚠ BPS → Statistics Indonesia (not in the translation)" in html
    assert "✓ ragu → doubt" in html


def test_confidence_levels_legend_and_least_confident(doc: Document) -> None:
    doc = scripted(doc, s0={"confidence": 0.9}, s1={"confidence": 0.5},
                   s2={"confidence": 0.1, "flags": (LOW_CONFIDENCE,)}, s3={"confidence": 0.3})
    html = side_by_side(doc)
    legend = re.search(r'<ul class="it-legend"[^>]*>(.*?)</ul>', html).group(1)
    for label in ("High confidence", "Medium confidence", "Low confidence", "Not scored"):
        assert label in legend  # a word per level, not colour alone
    rows = re.findall(r'<tr id="it-s(\d+)" class="it-c-(\w+)', html)
    assert rows == [("1", "high"), ("2", "medium"), ("3", "low"), ("4", "low"), ("5", "none")]
    plain = re.sub(r"<[^>]+>", "", html)
    assert "○ Low confidence (10%)" in plain and "◐ Medium confidence (50%)" in plain
    jump = re.search(r'<div class="it-jump">(.*?)</div>', html).group(1)
    assert re.findall(r'href="#it-e(\d+)"', jump) == ["3", "4", "2"]
    order = re.findall(r'<tr id="it-s(\d+)"', side_by_side(doc, order=CONFIDENCE_ORDER))
    assert order == ["3", "4", "2", "1", "5"]
    assert 'class="it-para"' not in side_by_side(doc, order=CONFIDENCE_ORDER)


def test_no_legend_without_scores(doc: Document) -> None:
    assert "it-legend" not in side_by_side(doc)


# -- the glossary of one text -------------------------------------------------------------


def test_typed_glossary_takes_tabs_and_equals(tmp_path: Path) -> None:
    glossary = review.page_glossary("# terms\nBadan Pusat Statistik = Statistics Indonesia\n"
                                    "BRIN\tBRIN\n")
    assert len(glossary) == 2 and "BRIN" in glossary
    upload_file = tmp_path / "terms.tsv"
    upload_file.write_text("harga\tprice\nBRIN\tNational Research Agency\n", encoding="utf-8")
    merged = review.page_glossary("BRIN = BRIN", str(upload_file))
    assert len(merged) == 2 and merged.get("BRIN").target == "BRIN"  # typed wins
    assert review.page_glossary("", None) is None and review.page_glossary("  \n") is None


@pytest.mark.parametrize(("typed", "line", "problem"), [
    ("a = b\nfoo\n", 2, "one column"),
    ("a = \n", 1, "one column"),
])
def test_a_bad_glossary_line_is_named(typed: str, line: int, problem: str) -> None:
    with pytest.raises(GlossaryError) as info:
        review.page_glossary(typed)
    message = str(info.value)
    assert message.startswith(f"Glossary for this text, line {line}: ")
    assert problem in message and "source = target" in message


def test_glossary_for_one_text_needs_translator_support(
    fake_translator: Translator
) -> None:
    svc = TranslationService(fake_translator)
    try:
        glossary = review.page_glossary("harga = price")
        updates = [u for u in svc.stream("Harga naik.", glossary=glossary) if not u.heartbeat]
        assert updates[-1].document is not None and not updates[-1].error
        assert svc.stream("Harga naik.") is not None
        last = [u for u in svc.stream("Harga naik.") if not u.heartbeat][-1]
        assert last.translation == "HARGA NAIK."  # without one: as before
    finally:
        svc.close()


# -- options ---------------------------------------------------------------------------


def test_command_line_takes_memory_glossary_and_says_share_has_no_api() -> None:
    parser = build_parser()
    args = parser.parse_args(["--memory", "a.tmx", "--memory", "b.tsv", "--glossary", "g.tsv"])
    assert args.memory == ["a.tmx", "b.tsv"] and args.glossary == "g.tsv"
    out = io.StringIO()
    parser.print_help(out)
    text = " ".join(out.getvalue().split())
    assert "serves no REST API" in text and "--memory FILE" in text


def test_a_missing_memory_file_is_a_message_not_a_traceback(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    (tmp_path / "bad.tmx").write_bytes(b"\0\1binary")
    svc = TranslationService.load(
        str(tiny_model_dir), device="cpu",
        translator_options={"memory": [str(tmp_path / "bad.tmx")]})
    assert not svc.ready and "bad.tmx" in svc.load_error


# -- files --------------------------------------------------------------------------------


def test_container_formats_have_a_larger_byte_limit(fake_translator: Translator) -> None:
    svc = TranslationService(fake_translator, max_chars=1000)
    try:
        assert max_bytes_for(svc, "a.txt") == 4000
        for ext in (".docx", ".pptx", ".xlsx", ".odt", ".odp", ".ods", ".epub", ".pdf"):
            assert ext in upload.FILE_FORMATS
            assert max_bytes_for(svc, "a" + ext) == CONTAINER_FILE_BYTES
    finally:
        svc.close()


def test_untranslated_items_are_named(fake_translator: Translator, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from translator.files.formats import base

    original = base.Extracted.__init__

    def with_chart(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        self.untranslated = ["chart", "image"]

    monkeypatch.setattr(base.Extracted, "__init__", with_chart)
    path = tmp_path / "berita.txt"
    path.write_text("Harga beras naik.", encoding="utf-8")
    svc = TranslationService(fake_translator)
    try:
        seen: list[tuple[int, int]] = []
        result = translate_upload(svc, path, on_progress=lambda d, t: seen.append((d, t)))
    finally:
        svc.close()
    assert result.untranslated == ("chart", "image")
    assert "2 items not translated: chart, image" in result.status
    assert seen and seen[-1] == (1, 1)
    assert upload.untranslated_note(["chart", "chart"]) == "2 items not translated: chart (x2)"


def test_text_inside_a_container_is_held_to_the_limit(
    fake_translator: Translator, tmp_path: Path
) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for _ in range(30):
        document.add_paragraph("Harga beras naik lagi di pasar. " * 3)
    path = tmp_path / "laporan.docx"
    document.save(str(path))
    svc = TranslationService(fake_translator, max_chars=500)
    try:
        result = translate_upload(svc, path)
    finally:
        svc.close()
    assert result.path is None and "characters of text; the limit is 500" in result.status



def test_a_shared_page_says_it_serves_no_rest_api(fake_translator: Translator) -> None:
    pytest.importorskip("gradio")
    from translator.ui.app import build_app
    from translator.ui.server import SHARE_NOTE

    svc = TranslationService(fake_translator)
    try:
        shared = json.dumps(build_app(svc, shared=True).config, default=str)
        local = json.dumps(build_app(svc).config, default=str)
    finally:
        svc.close()
    assert "it has no REST API" in SHARE_NOTE and "it-shared-note" in shared
    assert "it-shared-note" not in local
    assert "Save to memory" in local and "Download XLIFF" in local


def test_an_idle_app_queue_looks_for_work_every_10_ms(fake_translator: Translator) -> None:
    """Gradio's queue polls every 1 ms when idle (~9% of a core); the app's every 10 ms."""
    pytest.importorskip("gradio")
    from translator.ui.app import build_app
    from translator.ui.command import IDLE_POLL_S, calm_queue

    demo = build_app(TranslationService(fake_translator))
    demo.queue()
    calm_queue(demo)
    assert demo._queue.sleep_when_free == IDLE_POLL_S == 0.01
