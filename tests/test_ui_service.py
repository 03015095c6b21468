"""The web app's handlers, without a server: streaming, side by side, limits, files."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
import time
from html import escape, unescape
from pathlib import Path

import pytest

from tests.fakes import FakeBackend
from translator import InputTooLargeError, Translator, TranslatorError
from translator.files import naming, upload
from translator.text.layout import parse
from translator.ui import render
from translator.ui.examples import EXAMPLES, LIST_AND_QUOTE
from translator.ui.language import language_warning
from translator.ui.service import EMPTY_HINT, TranslationService
from translator.ui.uploads import translate_upload

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def service(fake_translator: Translator):
    svc = TranslationService(fake_translator, max_chars=5000)
    yield svc
    svc.close()


def _paragraphs(text: str) -> int:
    return len(parse(text).blocks)


# -- streaming ------------------------------------------------------------------------------


def test_stream_grows_round_by_round_in_order(
    fake_translator: Translator, sample_article: str
) -> None:
    expected = fake_translator.translate(sample_article)
    svc = TranslationService(fake_translator, slice_sentences=2)  # several rounds
    try:
        updates = [u for u in svc.stream(sample_article) if not u.heartbeat]
    finally:
        svc.close()
    assert updates[0].translation == "" and updates[0].done == 0
    partial = updates[1:-1]
    assert len(partial) >= 3  # the counter moves with every round
    for update in partial:
        assert expected.startswith(update.translation)  # the source's separators, in order
        assert 0 < update.done < update.total
        assert f"{update.done} of {update.total} sentences" in update.status
    assert partial[0].translation  # the first paragraph comes first
    last = updates[-1]
    assert last.translation == expected
    assert last.document is not None and last.document.translation == expected
    assert last.document.source == sample_article
    assert last.done == last.total == len(last.document.sentences)
    assert [u.done for u in updates] == sorted(u.done for u in updates)
    assert "Done:" in last.status


@pytest.mark.parametrize("label", [label for label, _ in EXAMPLES])
def test_examples_keep_their_layout(
    service: TranslationService, fake_translator: Translator, label: str
) -> None:
    text = dict(EXAMPLES)[label]
    last = list(service.stream(text))[-1]
    assert last.error is None
    assert last.translation == fake_translator.translate(text)
    assert _paragraphs(last.translation) == _paragraphs(text)


@pytest.mark.slow
def test_stream_with_the_tiny_model_matches_translate(tiny_translator: Translator) -> None:
    # Random weights make the output depend on which sentences share a batch: rounds as
    # large as at beam 1 (64 // beam 4 = 16 sentences), as this test has always had them.
    svc = TranslationService(tiny_translator, slice_sentences=64)
    try:
        last = list(svc.stream(LIST_AND_QUOTE))[-1]
    finally:
        svc.close()
    assert last.translation == tiny_translator.translate(LIST_AND_QUOTE)
    assert len(last.document.paragraphs) == _paragraphs(LIST_AND_QUOTE)


ODD_TEXTS = [
    "Halo\x00 dunia\x07 \x1b[31m merah\x7f.\n\nBaris\x0bkedua\x0c.",
    "Selamat pagi 😀🇮🇩! Apa kabar? 👍🏽\n\n🎉🎉🎉",
    "The meeting is tomorrow, jadi tolong datang tepat waktu ya. OK? Thanks!",
    "Rusak \ud800 setengah.",
    "\u200b\u2028\u2029\ufeff",
]


def test_odd_input_never_crashes(tiny_translator: Translator) -> None:
    svc = TranslationService(tiny_translator)
    try:
        for text in ODD_TEXTS:
            updates = list(svc.stream(text))
            assert updates[-1].error is None, text
            assert isinstance(svc.translate(text), str)
    finally:
        svc.close()


def test_empty_and_blank_input_say_so(service: TranslationService) -> None:
    messages = set()
    for text in ("", "   \n\n  ", None):
        [update] = list(service.stream(text))
        assert update.error is None and update.document is None
        assert "it-warn" in update.status and "Nothing to translate" in update.status
        assert update.status != render.status(EMPTY_HINT, kind="hint")  # not the idle hint
        messages.add(update.status)
    assert len(messages) == 2  # empty and blank are told apart
    assert "only spaces" in list(service.stream(" \n"))[0].status
    assert service.translate("") == ""


def test_too_large_input_is_refused_clearly(
    service: TranslationService, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="translator.ui.service"):
        [update] = list(service.stream("kata " * 2000))
    assert update.error and "limit is 5,000" in update.error and "Fix:" in update.error
    assert "split it into parts" in update.error
    assert "--max-chars" not in update.error  # only the server's admin can do that ...
    assert "--max-chars" in caplog.text  # ... so it goes to the server log
    assert "it-error" in update.status
    with pytest.raises(InputTooLargeError, match="shorten it"):
        service.translate("x" * 5001)
    assert service.translate("Masih bisa.") == "MASIH BISA."  # nothing else broke


def test_non_text_input_is_refused(service: TranslationService) -> None:
    [update] = list(service.stream(b"bytes"))  # type: ignore[arg-type]
    assert update.error and "Fix:" in update.error


def test_beam_size_reaches_the_backend(service: TranslationService, fake_backend) -> None:
    list(service.stream("Satu kalimat.", beam_size=2.0))
    service.translate("Dua kalimat.", beam_size=3)
    assert [o.beam_size for o in fake_backend.options] == [2, 3]


class SlowBackend(FakeBackend):
    def translate_batch(self, texts, options, *, limits=None):  # noqa: ANN001, ANN201
        time.sleep(0.05)
        return super().translate_batch(texts, options, limits=limits)


LONG = "\n\n".join(f"Paragraf {i}. Kalimat kedua {i}." for i in range(80))


def test_a_new_stream_or_cancel_stops_the_sessions_translation() -> None:
    backend = SlowBackend()
    svc = TranslationService(Translator.from_backend(backend, model="fake"), slice_sentences=4)
    try:
        first = svc.stream(LONG, session="s1")
        assert next(first).done == 0
        assert svc.running("s1")
        # The same page translates again: the first one ends without another update.
        second = svc.stream("Teks baru.", session="s1")
        assert [u.translation for u in second][-1] == "TEKS BARU."
        assert [u for u in first if not u.heartbeat] == []
        # Cancel (Stop, Clear, a closed page) ends a running one the same way.
        third = svc.stream(LONG, session="s2")
        next(third)
        assert svc.cancel("s2") and not svc.running("s2")
        assert [u for u in third if not u.heartbeat] == []
        assert not svc.cancel("nobody")
        assert svc.dispatcher.stats.cancelled == 2
    finally:
        svc.close()
    # The model stopped working on them: far fewer batches than two long texts need.
    assert sum(len(b) for b in backend.batches) < 80


def test_a_closed_stream_frees_the_model() -> None:
    backend = SlowBackend()
    svc = TranslationService(Translator.from_backend(backend, model="fake"), slice_sentences=4)
    try:
        stream = svc.stream(LONG)
        next(stream)
        next(stream)
        stream.close()  # the page went away: Gradio closes the generator
        time.sleep(0.3)
        before = len(backend.batches)
        time.sleep(0.3)
        assert len(backend.batches) == before  # no more work on it
        assert svc.dispatcher.stats.cancelled == 1
    finally:
        svc.close()


class VerySlowBackend(FakeBackend):
    def translate_batch(self, texts, options, *, limits=None):  # noqa: ANN001, ANN201
        time.sleep(0.6)
        return super().translate_batch(texts, options, limits=limits)


def test_heartbeats_while_waiting() -> None:
    svc = TranslationService(Translator.from_backend(VerySlowBackend(), model="fake"))
    try:
        updates = list(svc.stream("Satu kalimat saja."))
    finally:
        svc.close()
    assert any(u.heartbeat for u in updates)  # Gradio may close the stream meanwhile
    assert updates[-1].translation == "SATU KALIMAT SAJA."


# -- model that could not load -----------------------------------------------------------


def test_missing_model_keeps_the_error_with_its_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("INDO_TRANSLATOR_MODELS", str(tmp_path / "models"))
    svc = TranslationService.load()
    assert not svc.ready
    assert "was not found" in svc.load_error and "Fix:" in svc.load_error
    assert "python app.py --model DIR" in svc.load_error  # the app's fix, not Python's
    assert "Translator(" not in svc.load_error
    [update] = list(svc.stream("Halo."))
    assert update.error == svc.load_error and "it-error" in update.status
    with pytest.raises(TranslatorError, match="Fix:"):
        svc.translate("Halo.")
    result = translate_upload(svc, None)
    assert result.path is None
    assert "No model" in svc.info_line()
    svc.close()


def test_unknown_backend_is_a_load_error(tiny_model_dir: Path) -> None:
    svc = TranslationService.load(str(tiny_model_dir), backend="nope")
    assert not svc.ready and "Unknown backend" in svc.load_error


# -- side by side ------------------------------------------------------------------------


def test_side_by_side_rows_match_the_document(
    fake_translator: Translator, sample_article: str
) -> None:
    doc = fake_translator.translate_document(sample_article)
    html = render.side_by_side(doc)
    assert html.count('class="it-para"') == len(doc.paragraphs)
    rows = re.findall(
        r'<td class="it-src" lang="id"[^>]*>(.*?)</td><td class="it-tgt"[^>]*>'
        r'<textarea[^>]*lang="en"[^>]*>(.*?)</textarea>',
        html, re.S,
    )
    assert len(rows) == len(doc.sentences)
    for (src, tgt), sentence in zip(rows, doc.sentences):
        assert src == escape(sentence.source)
        assert tgt == escape(sentence.translation)


def test_side_by_side_marks_flags_and_escapes(fake_translator: Translator) -> None:
    text = 'Judul <b>tebal</b> & "kutip".\n\nIni STUCK terus. Baik.'
    doc = fake_translator.translate_document(text)
    html = render.side_by_side(doc)
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp;" in html
    assert html.count(' it-flagged"') == 1
    assert "⚠ repetition" in html and "1 flagged" in html
    assert "it-hint" in render.side_by_side(None)


def test_truncated_sentences_are_marked(looping_model_dir: Path) -> None:
    translator = Translator(looping_model_dir, device="cpu", beam_size=1)
    doc = translator.translate_document("Harga beras naik.")
    html = render.side_by_side(doc)
    assert "⚠ truncated" in html and ' it-flagged"' in html
    assert "it-warn" in render.finished(doc, seconds=0.1)


def test_progress_bar_only_for_long_texts() -> None:
    assert "<progress" not in render.progress(1, 3)
    assert '<progress class="it-progress" value="5" max="40"' in render.progress(5, 40)


def test_counts_are_plural_only_when_needed(fake_translator: Translator) -> None:
    one = render.finished(fake_translator.translate_document("Satu."), seconds=0.1)
    assert "1 paragraph, 1 sentence in" in one
    two = render.finished(fake_translator.translate_document("Satu. Dua.\n\nTiga."),
                          seconds=0.1)
    assert "2 paragraphs, 3 sentences in" in two


# -- files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("berita.txt", "berita.en.txt"),
        ("berita.id.txt", "berita.en.txt"),
        ("Catatan Rapat.MD", "Catatan Rapat.en.MD"),
        ("/tmp/x/laporan.2024.md", "laporan.2024.en.md"),
    ],
)
def test_output_names(name: str, expected: str) -> None:
    assert naming.output_name(name) == expected


def test_txt_upload_keeps_layout_and_line_endings(
    service: TranslationService, fake_translator: Translator, tmp_path: Path,
    sample_article: str,
) -> None:
    source = sample_article.replace("\n", "\r\n")
    path = tmp_path / "berita.txt"
    path.write_bytes(b"\xef\xbb\xbf" + source.encode("utf-8"))
    result = translate_upload(service, path)
    assert result.path is not None and result.path.name == "berita.en.txt"
    data = result.path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode("utf-8") == fake_translator.translate(source)
    assert data.count(b"\n") == data.count(b"\r\n") > 10  # CRLF line endings kept
    assert result.source == source
    assert "berita.en.txt" in result.status


def test_md_and_cp1252_uploads(service: TranslationService, tmp_path: Path) -> None:
    md = tmp_path / "catatan.id.md"
    md.write_text("# Judul\n\n- satu\n- dua\n\n> kutipan.\n", encoding="utf-8")
    result = translate_upload(service, md)
    assert result.path is not None and result.path.name == "catatan.en.md"
    assert result.path.read_text(encoding="utf-8") == "# JUDUL\n\n- SATU\n- DUA\n\n> KUTIPAN.\n"
    old = tmp_path / "lama.txt"
    old.write_bytes("Café “lama”.".encode("cp1252"))
    result = translate_upload(service, old)
    assert result.path is not None
    assert result.path.read_text(encoding="utf-8") == "CAFÉ “LAMA”."


def test_bad_uploads_get_clear_messages(service: TranslationService, tmp_path: Path) -> None:
    binary = tmp_path / "foto.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    unknown = tmp_path / "laporan.pages"
    unknown.write_bytes(b"%PDF-1.7")
    no_ext = tmp_path / "README"
    no_ext.write_text("Halo.")
    big = tmp_path / "besar.txt"
    big.write_text("kata " * 5000)  # 25,000 bytes > 4 * 5,000
    long_text = tmp_path / "panjang.txt"
    long_text.write_text("é" * 6000)  # small enough in bytes, too long in characters
    cases = {
        binary: "binary file, not text",
        unknown: "'.pages' files are not supported",
        no_ext: "without an extension",
        big: "too large",
        long_text: "limit is 5,000",
        tmp_path / "missing.txt": "Could not read",
    }
    for path, message in cases.items():
        result = translate_upload(service, path)
        assert result.path is None, path
        status = unescape(result.status)
        assert message in status and "Fix:" in status, status
        assert "--max-chars" not in status
    assert service.translate("Tetap jalan.") == "TETAP JALAN."


@pytest.mark.parametrize(("name", "data"), [
    ("kosong.txt", b""), ("spasi.md", b"  \n\n \n"), ("kosong.srt", b""),
    ("kosong.html", b"<html><body><p> </p></body></html>"),
])
def test_empty_files_get_their_own_message(
    service: TranslationService, tmp_path: Path, name: str, data: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    result = translate_upload(service, path)
    assert result.path is None  # no 0-byte download
    assert f"{name} is empty" in unescape(result.status) and "it-warn" in result.status


def test_info_line_names_the_model_without_the_server_path(tiny_model_dir: Path) -> None:
    svc = TranslationService(Translator(tiny_model_dir, device="cpu"))
    try:
        line = svc.info_line()
    finally:
        svc.close()
    assert f"Model: {tiny_model_dir.name} ·" in line
    assert str(tiny_model_dir.parent) not in line


def test_adding_a_format_is_one_entry(
    service: TranslationService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from translator.files import formats

    # One entry in the one registry (a format module and class; here the txt one again)
    monkeypatch.setitem(formats.FORMATS, "rev", formats.FormatEntry("txt", "TextFormat",
                                                                    (".rev",)))
    monkeypatch.setattr(upload, "FILE_FORMATS", formats.extensions(kind="document"))
    path = tmp_path / "x.rev"
    path.write_text("satu\n\ndua")
    result = translate_upload(service, path)
    assert result.path is not None and result.path.read_text() == "SATU\n\nDUA"


# -- import cost -------------------------------------------------------------------------


def test_ui_modules_do_not_import_gradio() -> None:
    code = (
        "import sys, translator.ui.app, translator.ui.command, translator.ui.service\n"
        "import translator.serving.dispatch, translator.ui.review, translator.ui.sidebyside\n"
        "print([m for m in ('gradio', 'torch') if m in sys.modules])\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


# -- cache through the dispatcher ----------------------------------------------------------


def test_identical_beam_requests_through_the_app_hit_the_model_once(tmp_path: Path) -> None:
    backend = FakeBackend()
    translator = Translator.from_backend(backend, model="fake", cache=tmp_path / "cache")
    service = TranslationService(translator, max_wait=0.0)
    try:
        for _ in range(3):
            assert service.translate("Kucing tidur.", beam_size=2) == "KUCING TIDUR."
        assert backend.batches == [["Kucing tidur."]]
        assert [o.beam_size for o in backend.options] == [2]
        # a variant shares the model and the cache, and is made once per beam size
        assert translator.with_options(beam_size=2) is translator.with_options(beam_size=2)
        assert translator.with_options(beam_size=2).backend is backend
        assert translator.with_options(beam_size=2).cache is translator.cache
        assert translator.with_options() is translator
        assert (translator.with_options(beam_size=2).options_signature
                != translator.options_signature)
    finally:
        service.close()


# -- language warning, alternatives ------------------------------------------------------


def test_language_warning_only_for_clearly_other_languages(service: TranslationService) -> None:
    english = ("The government announced new measures to reduce plastic waste in coastal "
               "cities. Officials said the plan would start next year.")
    warning = language_warning(english)
    assert "looks like English" in warning and "it-warn" in warning
    assert language_warning(dict(EXAMPLES)["News article"]) == ""
    assert language_warning("") == "" and language_warning(None) == ""
    assert language_warning("OK 123") == ""  # too short for a verdict


def test_alternatives_in_side_by_side(service: TranslationService) -> None:
    doc = service.document("Satu. Dua.\n\nTiga.", alternatives=3)
    assert doc is not None and all(s.alternatives for s in doc.sentences)
    html = render.side_by_side(doc)
    assert html.count('<details class="it-alts">') == 3
    assert all(len(re.findall("<li>", part)) <= 3 for part in html.split("<details")[1:])
    plain = service.document("Satu. Dua.\n\nTiga.")
    assert plain is not None and "it-alts" not in render.side_by_side(plain)
    assert service.document("   ") is None


def test_field_formats_are_not_offered_for_upload(
    service: TranslationService, tmp_path: Path
) -> None:
    # .parquet was listed as an upload format and failed with a bare AssertionError.
    assert not {".parquet", ".pq", ".jsonl", ".csv"} & set(upload.FILE_FORMATS)
    for name in ("data.parquet", "data.jsonl", "data.csv"):
        path = tmp_path / name
        path.write_bytes(b"PAR1 not really")
        result = translate_upload(service, path)
        assert result.path is None, name
        assert "files are not supported" in unescape(result.status), name


def test_stream_with_alternatives_translates_the_text_once(
    fake_translator: Translator, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    backend = fake_translator.backend
    original = backend.translate_batch

    def counting(texts, options, **kw):
        calls.append(len(texts))
        return original(texts, options, **kw)

    monkeypatch.setattr(backend, "translate_batch", counting)
    svc = TranslationService(fake_translator)
    try:
        updates = [u for u in svc.stream("Satu. Dua.\n\nTiga.", alternatives=3)
                   if not u.heartbeat]
    finally:
        svc.close()
    document = updates[-1].document
    assert document is not None and sum(calls) == 3  # each sentence once, n-best included
    assert all(s.alternatives for s in document.sentences)
