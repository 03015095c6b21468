"""The API's parts in-process: limits, keys file, file store, errors, cancellation."""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path

import pytest

from tests.fakes import FakeBackend, hold_batches
from translator import InvalidInputError, Translator
from translator.api.config import ApiConfig, KeyLimits, load_api_keys
from translator.api.protection import ApiError, RateLimiter, check_key
from translator.api.server import build_config, is_loopback
from translator.api.service import (
    ApiService,
    ClientGone,
    check_pair,
    parse_translate,
)
from translator.api.storage import FileStore
from translator.serving.dispatch import Dispatcher


def test_rate_limiter_moving_window() -> None:
    now = [0.0]
    limiter = RateLimiter(clock=lambda: now[0])
    limiter.hit("a", 3)
    limiter.hit("a", 3, cost=2)
    with pytest.raises(ApiError) as refused:
        limiter.hit("a", 3)
    assert (refused.value.status, refused.value.message) == (429, "Slowdown: 3 per 1 minute")
    limiter.hit("b", 3)  # other clients are counted apart
    now[0] = 59.0
    with pytest.raises(ApiError):
        limiter.hit("a", 3)  # refused requests do not count, but the window has not moved
    now[0] = 60.5
    limiter.hit("a", 3, cost=3)
    for _ in range(1000):
        limiter.hit("c", -1)  # no limit


def test_keys_file_and_check(tmp_path: Path) -> None:
    path = tmp_path / "keys"
    path.write_text("# comment\n\nalpha\nbeta 10   # trailing comment\ngamma - 500\n")
    keys = load_api_keys(path)
    assert keys == {"alpha": KeyLimits(), "beta": KeyLimits(10, None),
                    "gamma": KeyLimits(None, 500)}
    config = ApiConfig(char_limit=100, req_limit=5, api_keys=keys)
    assert (config.req_limit_for("beta"), config.char_limit_for("beta")) == (10, 100)
    assert (config.req_limit_for("gamma"), config.char_limit_for("gamma")) == (5, 500)
    assert config.req_limit_for(None) == 5
    check_key(config, "alpha")
    for key, message in ((None, "Please contact"), ("zeta", "Invalid API key")):
        with pytest.raises(ApiError, match=message) as denied:
            check_key(config, key)
        assert denied.value.status == 403
    check_key(ApiConfig(), None)  # no keys required
    for bad in ("a b c d\n", "a zero\n", "# nothing\n"):
        path.write_text(bad)
        with pytest.raises(InvalidInputError, match="Fix:"):
            load_api_keys(path)


def test_server_defaults_are_safe(tmp_path: Path) -> None:
    def args(**kw: object) -> argparse.Namespace:
        base = dict(host="127.0.0.1", req_limit=None, api_keys=None, char_limit=100_000,
                    body_limit=1000)
        return argparse.Namespace(**{**base, **kw})

    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("example.org")
    assert build_config(args()).req_limit == -1
    assert build_config(args(host="0.0.0.0")).req_limit == 60
    assert build_config(args(host="0.0.0.0", req_limit=-1)).req_limit == -1
    with pytest.raises(InvalidInputError, match="--api-keys"):
        build_config(args(api_keys=str(tmp_path / "missing")))


def test_request_checks() -> None:
    assert check_pair("ID", "en") == "id" and check_pair("auto", "EN") == "auto"
    for source, target in (("en", "id"), ("id", "id"), ("fr", "en"), ("id", "de")):
        with pytest.raises(ApiError) as bad:
            check_pair(source, target)
        assert bad.value.status == 400
    checked = parse_translate({"q": ["a\r\nb", "c"], "source": "id", "target": "en",
                               "alternatives": "2"}, char_limit=10, alternatives_limit=3)
    assert checked.texts == ("a\nb", "c") and checked.batch and checked.alternatives == 2
    with pytest.raises(ApiError, match=r"request \(11\) exceeds text limit \(10\)"):
        parse_translate({"q": "x" * 11, "source": "id", "target": "en"}, char_limit=10,
                        alternatives_limit=3)
    with pytest.raises(ApiError, match=r"request \(3\) exceeds text limit \(2\)"):
        parse_translate({"q": ["", "", ""], "source": "id", "target": "en"}, char_limit=10,
                        alternatives_limit=3, batch_limit=2)
    unlimited = parse_translate({"q": "x" * 11, "source": "id", "target": "en"},
                                char_limit=-1, alternatives_limit=3)
    assert unlimited.texts == ("x" * 11,)


def test_file_store(tmp_path: Path) -> None:
    store = FileStore(ttl=3600)
    stored = store.save('../../berita "ü";x.en.txt', b"data")
    assert store.download_name(stored) == "berita _ü__x.en.txt"
    path = store.path(stored)
    assert path is not None and path.read_bytes() == b"data" and path.parent == store.folder
    assert store.path("../" + stored) is None and store.path("x" * 32 + ".a") is None
    store.ttl = 0  # everything is now expired
    assert store.path(stored) is None
    store.save("other.txt", b"")  # adding a file removes expired ones
    assert not path.exists()
    folder = store.folder
    store.close()
    assert not folder.exists()


def test_document_alternatives_keep_layout(fake_translator: Translator) -> None:
    doc = fake_translator.translate_document("Satu. Dua.\n\n- tiga", alternatives=2)
    # Whole-text alternatives are the engine's, from the same beam search (no second parse).
    assert doc.alternatives == ("SATU. #1 DUA. #1\n\n- TIGA #1", "SATU. #2 DUA. #2\n\n- TIGA #2")
    assert fake_translator.translate_document("Satu.").alternatives == ()


def test_disconnected_client_cancels_its_queued_work(fake_backend: FakeBackend) -> None:
    gate = hold_batches(fake_backend)
    translator = Translator.from_backend(fake_backend, model="fake")
    # One lane, so the first request holds the model (with two, the second lane would
    # take the others at once).
    with Dispatcher(translator, max_wait=0.0, lanes=1) as dispatcher:
        busy = dispatcher.submit("Sibuk.")  # holds the model
        time.sleep(0.2)
        service = ApiService(dispatcher, ApiConfig())
        checked = parse_translate({"q": ["Batal satu.", "Batal dua."], "source": "id",
                                   "target": "en"}, char_limit=-1, alternatives_limit=3)

        async def gone() -> bool:
            return True

        with pytest.raises(ClientGone):
            asyncio.run(service.translate(checked, gone=gone))
        gate.set()
        busy.result(10)
        assert dispatcher.translate("Lagi.", timeout=10).translation == "LAGI."
    sent = [text for batch in fake_backend.batches for text in batch]
    assert not any("Batal" in text for text in sent)  # never reached the model
    service.close()


def test_unexpected_failure_is_a_json_500_without_traceback() -> None:
    from fastapi.testclient import TestClient

    from translator.api.routes import create_app

    class Broken(FakeBackend):
        def translate_batch(self, texts, options, *, limits=None):
            raise RuntimeError("secret internal detail /home/x")

    translator = Translator.from_backend(Broken(), model="broken")
    with Dispatcher(translator) as dispatcher:
        app = create_app(dispatcher)
        client = TestClient(app, raise_server_exceptions=False)
        answer = client.post("/translate", json={"q": "Halo.", "source": "id", "target": "en"})
        assert answer.status_code == 500
        error = answer.json()["error"]
        assert "RuntimeError" in error and "Traceback" not in error and "/home" not in error
        assert list(answer.json()) == ["error"]
        app.state.service.close()


def test_cli_knows_serve_without_importing_the_server_stack() -> None:
    import subprocess
    import sys

    code = ("import sys\nfrom translator.cli import build_parser\n"
            "args = build_parser().parse_args(['serve', '--port', '5001', '--req-limit', '5'])\n"
            "print(args.port, args.req_limit, args.host, args.char_limit)\n"
            "print(sorted(m for m in ('fastapi', 'uvicorn', 'gradio', 'torch') "
            "if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, cwd=Path(__file__).resolve().parent.parent)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines() == ["5001 5 127.0.0.1 100000", "[]"]
    from translator.cli import main

    for bad in (["--port", "70000"], ["--req-limit", "0"], ["--char-limit", "x"],
                ["--body-limit", "-1"], ["--beam-size", "0"]):
        assert main(["serve", *bad]) == 2  # refused while parsing, before a model loads


def test_routes_in_process_with_the_fake_backend(fake_translator: Translator) -> None:
    """The quick suite's API check (the live tests, with a model, are slow)."""
    from fastapi.testclient import TestClient

    from translator.api.routes import create_app

    keys = {"k": KeyLimits(req_limit=2)}
    with Dispatcher(fake_translator) as dispatcher:
        app = create_app(dispatcher, ApiConfig(char_limit=200, api_keys=keys))
        client = TestClient(app)
        fields = {"q": "Satu. Dua.\n\nTiga.", "source": "id", "target": "en", "api_key": "k"}
        answer = client.post("/translate", json={**fields, "alternatives": 1}).json()
        assert answer == {"translatedText": "SATU. DUA.\n\nTIGA.", "confidence": None,
                          "alternatives": ["SATU. #1 DUA. #1\n\nTIGA. #1"]}
        form = client.post("/translate", data={**fields, "q": "<p>Satu <b>dua</b></p>",
                                               "format": "html"})
        assert form.json() == {"translatedText": "<p>SATU <b>DUA</b></p>", "confidence": None}
        assert client.post("/translate", json=fields).status_code == 429  # k: 2 per minute
        assert client.post("/translate", json={**fields, "api_key": "x"}).status_code == 403
        open_app = create_app(dispatcher, ApiConfig())  # no keys
        open_client = TestClient(open_app)
        disabled = open_client.post("/suggest", data={"q": "a", "s": "b"})
        assert disabled.status_code == 403  # as LibreTranslate's, with the fix
        assert disabled.json()["error"].startswith("Suggestions are disabled on this server.")
        assert "--memory" in disabled.json()["error"]
        upload = open_client.post("/translate_file", files={"file": ("a.md", b"# Judul\n\nIsi.\n")},
                                  data={"source": "id", "target": "en"})
        download = open_client.get(upload.json()["translatedFileUrl"])
        assert download.text == "# JUDUL\n\nISI.\n"
        assert 'filename="a.en.md"' in download.headers["content-disposition"]
        for each in (app, open_app):
            each.state.service.close()


def test_the_api_without_a_model_answers_503_json_on_every_endpoint() -> None:
    from fastapi.testclient import TestClient

    from translator.api.routes import API_PATHS
    from translator.api.unavailable import create_unavailable_app

    app = create_unavailable_app("Model 'x' was not found. Fix: pass --model DIR.")
    client = TestClient(app)
    for path in [*sorted(API_PATHS), "/download_file/abc.txt"]:
        for method in ("GET", "POST"):
            response = client.request(method, path)
            assert response.status_code == 503, (method, path)
            error = response.json()["error"]
            assert "Model 'x' was not found." in error and "--model DIR" in error
            assert error.count("Fix:") == 1
    assert client.get("/translate", headers={"Origin": "http://a.example"}).headers[
        "access-control-allow-origin"] == "*"
