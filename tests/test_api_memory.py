"""The REST API's translation memory, glossary and confidence, in process with scripted backends.

``/suggest`` stores pairs in the server's memory file, ``/frontend/settings`` says so,
``/translate`` carries a ``confidence`` extra field that LibreTranslate clients ignore, and
``translator serve`` refuses a bad memory or glossary file before any model loads.
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from tests.fakes import FakeBackend  # noqa: E402
from translator import Translator  # noqa: E402
from translator.api import review_options  # noqa: E402
from translator.api.config import ApiConfig, KeyLimits  # noqa: E402
from translator.api.routes import create_app  # noqa: E402
from translator.memory import TranslationMemory  # noqa: E402
from translator.results import Document, Paragraph, Sentence  # noqa: E402
from translator.serving.dispatch import Dispatcher  # noqa: E402

FIELDS = {"source": "id", "target": "en"}


def _args(**kw: Any) -> argparse.Namespace:
    return argparse.Namespace(
        **{"memory": [], "glossary": None, "keep": [], "min_confidence": 0, **kw})


def memory_translator(path: Path) -> Translator:
    """A scripted translator with the memory file ``path`` (created when missing)."""
    options = review_options.load(_args(memory=[str(path)]))
    return Translator.from_backend(FakeBackend(), model="fake", checks=False,
                                   **options.kwargs())


@contextmanager
def served(dispatcher: Any, config: ApiConfig | None = None) -> Iterator[TestClient]:
    app = create_app(dispatcher, config)
    try:
        with TestClient(app) as client:
            yield client
    finally:
        app.state.service.close()


# -- /suggest ------------------------------------------------------------------------------

def test_suggest_form_and_json_store_pairs_in_the_memory_file(tmp_path: Path) -> None:
    path = tmp_path / "tm.tmx"
    translator = memory_translator(path)
    assert path.is_file()  # a new .tmx is created empty, ready for suggestions
    with Dispatcher(translator) as dispatcher, served(dispatcher) as client:
        assert client.get("/frontend/settings").json()["suggestions"] is True
        form = client.post("/suggest", data={**FIELDS, "q": "Harga beras naik.",
                                             "s": "Rice prices rose."})
        assert (form.status_code, form.json()) == (200, {"success": True})
        as_json = client.post("/suggest", json={**FIELDS, "q": "Selamat  pagi.",
                                                "s": "Good morning."})
        assert (as_json.status_code, as_json.json()) == (200, {"success": True})
        again = client.post("/suggest", json={**FIELDS, "q": "Harga beras naik.",
                                              "s": "The price of rice rose."})
        assert again.json() == {"success": True}  # the newest wins
    # The server has stopped: the pairs are on disk, read back by a fresh memory.
    on_disk = TranslationMemory.load(path)
    rice, morning = on_disk.exact("Harga beras naik."), on_disk.exact("Selamat pagi.")
    assert rice is not None and rice.target == "The price of rice rose."
    assert morning is not None and morning.target == "Good morning."
    assert len(on_disk) == 2
    live = translator.memory.exact("Harga beras naik.")  # the server's own memory has it too
    assert live is not None and live.origin == review_options.SUGGEST_ORIGIN


def test_suggested_translation_is_the_next_answer(tmp_path: Path) -> None:
    translator = memory_translator(tmp_path / "tm.tmx")
    with Dispatcher(translator) as dispatcher, served(dispatcher) as client:
        q = "Harga beras naik lima persen."
        before = client.post("/translate", json={**FIELDS, "q": q}).json()
        assert before["translatedText"] == q.upper()
        client.post("/suggest", data={**FIELDS, "q": q, "s": "Rice is up five percent."})
        after = client.post("/translate", json={**FIELDS, "q": q}).json()
        assert after["translatedText"] == "Rice is up five percent."
        assert after["confidence"] is None  # the model did not translate it
        batch = client.post("/translate", json={**FIELDS, "q": [q, "Lain."]}).json()
        assert batch["translatedText"] == ["Rice is up five percent.", "LAIN."]


def test_suggest_without_a_memory_is_refused_with_the_fix(fake_translator: Translator) -> None:
    with Dispatcher(fake_translator) as dispatcher, served(dispatcher) as client:
        assert client.get("/frontend/settings").json()["suggestions"] is False
        refused = client.post("/suggest", json={**FIELDS, "q": "a", "s": "b"})
        assert refused.status_code == 403  # LibreTranslate's status when disabled
        error = refused.json()["error"]
        assert error.startswith("Suggestions are disabled on this server.")
        assert "--memory" in error and list(refused.json()) == ["error"]


def test_hostile_suggestions_are_400_json_and_store_nothing(tmp_path: Path) -> None:
    path = tmp_path / "tm.tmx"
    translator = memory_translator(path)
    empty = path.read_bytes()
    keys = {"k": KeyLimits()}
    config = ApiConfig(char_limit=50, api_keys=keys)
    with Dispatcher(translator) as dispatcher, served(dispatcher, config) as client:
        ok = {**FIELDS, "q": "Satu.", "s": "One.", "api_key": "k"}
        assert client.post("/suggest", json={**ok, "api_key": None}).status_code == 403
        assert client.post("/suggest", json={**ok, "api_key": "x"}).json() == {
            "error": "Invalid API key"}
        cases = [
            ({"q": None}, "Invalid request: missing q parameter"),
            ({"s": ""}, "Invalid request: missing s parameter"),
            ({"s": "   "}, "Invalid request: missing s parameter"),
            ({"q": ["Satu.", "Dua."]}, "Invalid request: q must be a string"),
            ({"s": {"x": 1}}, "Invalid request: s must be a string"),
            ({"s": 7}, "Invalid request: s must be a string"),
            ({"q": "Sa\x00tu."}, "U+0000"),
            ({"s": "One\x1b[31m."}, "U+001B"),
            ({"q": "x" * 60}, "Invalid request: request (64) exceeds text limit (50)"),
            ({"source": "en"}, "English (en) is not available"),
            ({"target": None}, "Invalid request: missing target parameter"),
        ]
        for change, message in cases:
            answer = client.post("/suggest", json={**ok, **change})
            assert answer.status_code == 400, change
            assert list(answer.json()) == ["error"] and message in answer.json()["error"]
        broken = client.post("/suggest", content=b"{not json",
                             headers={"content-type": "application/json"})
        assert (broken.status_code, broken.json()) == (400, {"error": "Invalid JSON format"})
    assert path.read_bytes() == empty  # nothing was stored


# -- serve's options --------------------------------------------------------------------

HOSTILE_TMX = (b'<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">'
               b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
               b'<tmx version="1.4"><header/><body><tu><tuv xml:lang="id"><seg>&b;</seg>'
               b'</tuv><tuv xml:lang="en"><seg>x</seg></tuv></tu></body></tmx>')


@pytest.mark.parametrize(("option", "name", "content", "words"), [
    ("--memory", "missing.tsv", None, "not found"),
    ("--memory", "bomb.tmx", HOSTILE_TMX, "bomb.tmx"),
    ("--memory", "binary.tmx", b"\x00\x01PK\x03\x04" * 10, "binary.tmx"),
    ("--glossary", "missing.tsv", None, "no such file"),
    ("--glossary", "one.tsv", b"Badan Pusat Statistik\n", "one.tsv"),
    ("--glossary", "twice.tsv", b"BPS\tStatistics Indonesia\nBPS\tBPS agency\n", "twice.tsv"),
])
def test_serve_refuses_a_bad_file_before_the_model_loads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, name: str,
    content: bytes | None, words: str,
) -> None:
    from translator.cli import main

    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code = main(["serve", "--model", str(tmp_path / "no-model"), option, str(path)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert words in err and "Loading" not in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_review_options_load_memory_glossary_and_keep(tmp_path: Path) -> None:
    terms = tmp_path / "terms.tsv"
    terms.write_text("source\ttarget\nBadan Pusat Statistik\tStatistics Indonesia\n")
    options = review_options.load(_args(glossary=str(terms), keep=["BRIN"]))
    found = [m.text for m in options.glossary.find("Badan Pusat Statistik dan BRIN.")]
    assert found == ["Badan Pusat Statistik", "BRIN"]
    assert options.memory is None and options.min_confidence is None
    assert review_options.load(_args()).kwargs() == {
        "memory": None, "glossary": None, "min_confidence": None}
    new = tmp_path / "tm.tmx"  # a new memory: empty, saved on the first remember()
    assert review_options.load(_args(memory=[str(new)])).memory.paths == (new,)


# -- confidence ---------------------------------------------------------------------------

class ScoredDispatcher:
    """Answers every text at once: upper case, one sentence per line, scored by its length."""

    def __init__(self) -> None:
        self.translator = None

    @staticmethod
    def confidence(line: str) -> float | None:
        return None if line.startswith("=") else round(1 / (1 + len(line) / 100), 4)

    def submit(self, text: str, *, alternatives: int = 0, **_: Any) -> Future[Document]:
        sentences = tuple(Sentence(line, line.upper(), confidence=self.confidence(line))
                          for line in text.splitlines() if line)
        future: Future[Document] = Future()
        future.set_result(Document(text, text.upper(), (Paragraph(text, text.upper(),
                                                                  sentences),)))
        return future


def test_confidence_is_an_extra_field_per_text() -> None:
    with served(ScoredDispatcher()) as client:
        one = client.post("/translate", json={**FIELDS, "q": "Satu."}).json()
        assert one == {"translatedText": "SATU.", "confidence": round(1 / 1.05, 4)}
        # A text's confidence is its least confident sentence's; None when none is scored.
        many = client.post("/translate", data={**FIELDS, "q": "Satu.\n" + "x" * 100})
        assert many.json()["confidence"] == 0.5
        batch = client.post("/translate", json={**FIELDS, "q": ["Satu.", "= kept", ""]}).json()
        assert batch["confidence"] == [round(1 / 1.05, 4), None, None]
        html = client.post("/translate", json={**FIELDS, "format": "html",
                                               "q": ["<p>Satu.</p>", "<p>=</p>"]}).json()
        assert html == {"translatedText": ["<p>SATU.</p>", "<p>=</p>"],
                        "confidence": [round(1 / 1.05, 4), None]}
        spec = client.get("/openapi.json").json()
        assert "confidence" in spec["components"]["schemas"]["TranslateResponse"]["properties"]


def test_libretranslate_clients_ignore_the_extra_field(monkeypatch: pytest.MonkeyPatch) -> None:
    """libretranslatepy (urllib) and deep-translator (requests) against the app in process."""
    from urllib import request

    libre = pytest.importorskip("deep_translator.libre")
    from deep_translator import LibreTranslator
    from libretranslatepy import LibreTranslateAPI

    local = "http://127.0.0.1:5000/"
    with served(ScoredDispatcher()) as client:
        assert "confidence" in client.post("/translate", json={**FIELDS, "q": "a"}).json()

        def urlopen(req: request.Request, timeout: float | None = None) -> io.BytesIO:
            answer = client.request(req.get_method(), urlparse(req.full_url).path,
                                    content=req.data, headers={
                                        "content-type": "application/x-www-form-urlencoded"})
            assert answer.status_code == 200, answer.text
            return io.BytesIO(answer.content)

        def post(url: str, params: dict[str, Any] | None = None, **kwargs: Any) -> Any:
            assert url.startswith(local), url
            return client.post("/" + url[len(local):], params=params)

        monkeypatch.setattr(request, "urlopen", urlopen)
        monkeypatch.setattr(libre.requests, "post", post)
        lt = LibreTranslateAPI(local)
        assert lt.translate("Harga beras naik.", "id", "en") == "HARGA BERAS NAIK."
        assert lt.translate("Harga naik.", "auto", "en") == "HARGA NAIK."
        deep = LibreTranslator(source="id", target="en", custom_url=local, api_key="x")
        assert deep.translate("Harga beras naik.") == "HARGA BERAS NAIK."
        assert deep.translate_batch(["Satu.", "Dua."]) == ["SATU.", "DUA."]


def test_suggest_goes_through_the_engines_remember(fake_translator: Translator) -> None:
    """Once the engine has ``remember``, /suggest uses it (the engine owns the file)."""
    calls: list[tuple[list[tuple[str, str]], str]] = []

    def remember(pairs: list[tuple[str, str]], origin: str = "") -> int:
        if pairs[0][0] == "full disk":
            raise OSError(28, "No space left on device")
        calls.append((list(pairs), origin))
        return len(pairs)

    fake_translator.memory = TranslationMemory()  # type: ignore[attr-defined]
    fake_translator.remember = remember  # type: ignore[attr-defined]
    with Dispatcher(fake_translator) as dispatcher, served(dispatcher) as client:
        assert client.post("/suggest", data={**FIELDS, "q": "Satu.", "s": "One."}).json() == {
            "success": True}
        failed = client.post("/suggest", data={**FIELDS, "q": "full disk", "s": "x"})
        assert failed.status_code == 500 and "No space left" in failed.json()["error"]
    assert calls == [([("Satu.", "One.")], "suggest")]
