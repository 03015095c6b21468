"""The LibreTranslate-compatible API, live: `translator serve` in a subprocess on loopback,
called with the official libretranslatepy client and with raw JSON, form and multipart
requests as browsers and curl send them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

# Two servers with a model, about half a minute in all: the in-process API tests
# (test_api_units.py) run in the quick suite.
pytestmark = pytest.mark.slow

pytest.importorskip("fastapi")
pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from tests.live_server import LiveServer, offline_env  # noqa: E402
from translator.text.layout import parse  # noqa: E402

ARTICLE = (
    "Harga beras naik lima persen pada bulan ini.\n\n"
    "Pemerintah menambah stok di pasar. Warga diminta tidak panik.\n\n"
    "- Jakarta\n- Surabaya"
)
ENGLISH = "The government announced on Monday that the price of rice will rise next month."
INDONESIAN = "Pemerintah mengumumkan pada hari Senin bahwa harga beras akan naik bulan depan."

# `translator serve` must not import Gradio: a stand-in package that refuses to be imported.
NO_GRADIO = 'raise ImportError("translator serve must not import gradio")\n'


def _serve_args(model: Path, *extra: str) -> list[str]:
    # Random weights rarely stop by themselves: a fixed output length keeps this fast.
    return ["-m", "translator", "serve", "--model", str(model), "--device", "cpu",
            "--fixed-output-tokens", "8", *extra]


@pytest.fixture(scope="module")
def server(tiny_ct2_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("api")
    (tmp / "blocker" / "gradio").mkdir(parents=True)
    (tmp / "blocker" / "gradio" / "__init__.py").write_text(NO_GRADIO)
    env = offline_env(tmp)
    env["PYTHONPATH"] = f"{tmp / 'blocker'}:{env['PYTHONPATH']}"
    live = LiveServer(_serve_args(tiny_ct2_model_dir), env, tmp / "serve.log")
    yield live.url
    live.stop()
    assert "Traceback" not in live.output


@pytest.fixture(scope="module")
def review_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The guarded server's translation memory (created by it) and glossary."""
    tmp = tmp_path_factory.mktemp("api-review")
    terms = tmp / "terms.tsv"
    terms.write_text("Badan Pusat Statistik\tStatistics Indonesia\n")
    return tmp / "tm.tmx", terms


@pytest.fixture(scope="module")
def guarded(tiny_ct2_model_dir: Path, review_files: tuple[Path, Path],
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A server with API keys and limits, and a translation memory and glossary too."""
    tmp = tmp_path_factory.mktemp("api-keys")
    keys = tmp / "keys.txt"
    keys.write_text("# test keys\ngood-key\nlimited-key 2\nbatch-key 4\nbig-key - 1000\n")
    memory, terms = review_files
    live = LiveServer(
        _serve_args(tiny_ct2_model_dir, "--api-keys", str(keys), "--char-limit", "60",
                    "--req-limit", "100", "--body-limit", "4000",
                    "--memory", str(memory), "--glossary", str(terms), "--keep", "BRIN"),
        offline_env(tmp), tmp / "serve.log",
    )
    yield live.url
    live.stop()
    assert "Traceback" not in live.output


def _post(url: str, path: str, **kwargs: object) -> httpx.Response:
    return httpx.post(url + path, timeout=60, **kwargs)  # type: ignore[arg-type]


def _paragraphs(text: str) -> int:
    return len(parse(text).blocks)


# -- the official client --------------------------------------------------------------

def test_libretranslatepy_client(server: str) -> None:
    from libretranslatepy import LibreTranslateAPI

    lt = LibreTranslateAPI(server)
    english = lt.translate(ARTICLE, "id", "en")
    assert isinstance(english, str) and english.strip()
    assert _paragraphs(english) == _paragraphs(ARTICLE)
    assert lt.translate(ARTICLE, "auto", "en") == english
    assert lt.detect(ENGLISH)[0]["language"] == "en"
    assert lt.detect(INDONESIAN)[0]["language"] == "id"
    codes = {lang["code"]: lang["targets"] for lang in lt.languages()}
    assert codes == {"id": ["en"], "en": []}


# -- raw requests -----------------------------------------------------------------------

def test_json_and_form_bodies_give_the_same_answer(server: str) -> None:
    fields = {"q": ARTICLE, "source": "id", "target": "en"}
    as_json = _post(server, "/translate", json=fields)
    as_form = _post(server, "/translate", data=fields)
    assert as_json.status_code == as_form.status_code == 200
    assert as_json.json() == as_form.json()
    assert set(as_json.json()) == {"translatedText", "confidence"}
    assert as_json.headers["content-type"] == "application/json"
    # Form bodies may use CRLF line ends; they are read as LF.
    crlf = _post(server, "/translate", data={**fields, "q": ARTICLE.replace("\n", "\r\n")})
    assert crlf.json() == as_json.json()


def test_list_q_gives_a_list(server: str) -> None:
    texts = [ARTICLE, "Selamat pagi.", ""]
    answer = _post(server, "/translate", json={"q": texts, "source": "id", "target": "en"})
    translated = answer.json()["translatedText"]
    assert isinstance(translated, list) and len(translated) == 3
    assert _paragraphs(translated[0]) == _paragraphs(ARTICLE)
    assert translated[1].strip() and translated[2] == ""


def test_html_keeps_markup(server: str) -> None:
    html = '<p class="lead">Harga <b>beras</b> naik.</p><pre>kode()</pre>'
    answer = _post(server, "/translate",
                   data={"q": html, "source": "id", "target": "en", "format": "html"})
    assert answer.status_code == 200
    out = answer.json()["translatedText"]
    assert out.startswith('<p class="lead">') and "<b>" in out and "</b>" in out
    assert out.endswith("</p><pre>kode()</pre>")  # code is never translated
    assert "Harga" not in out and "beras" not in out
    bad = _post(server, "/translate", data={"q": "x", "source": "id", "target": "en",
                                            "format": "xml"})
    assert bad.status_code == 400 and bad.json() == {"error": "xml format is not supported"}


def test_alternatives(server: str) -> None:
    fields = {"q": "Harga beras naik lima persen.", "source": "id", "target": "en"}
    plain = _post(server, "/translate", json=fields).json()
    answer = _post(server, "/translate", json={**fields, "alternatives": 3}).json()
    assert "alternatives" not in plain
    alternatives = answer["alternatives"]
    assert isinstance(alternatives, list) and 1 <= len(alternatives) <= 3
    assert answer["translatedText"] not in alternatives
    assert len(set(alternatives)) == len(alternatives)
    batch = _post(server, "/translate",
                  json={**fields, "q": ["Satu.", "Dua."], "alternatives": "2"}).json()
    assert [isinstance(a, list) for a in batch["alternatives"]] == [True, True]
    too_many = _post(server, "/translate", json={**fields, "alternatives": 4})
    assert too_many.status_code == 400
    assert too_many.json()["error"] == "Invalid request: alternatives parameter must be <= 3"
    nan = _post(server, "/translate", data={**fields, "alternatives": "many"})
    assert nan.json() == {
        "error": "Invalid request: alternatives parameter is not a number"}


def test_auto_detection_and_warnings(server: str) -> None:
    auto = _post(server, "/translate", json={"q": INDONESIAN, "source": "auto", "target": "en"})
    assert auto.status_code == 200
    detected = auto.json()["detectedLanguage"]
    assert detected["language"] == "id" and 50 < detected["confidence"] <= 100
    assert "x-translator-warning" not in auto.headers

    english = _post(server, "/translate", json={"q": ENGLISH, "source": "auto", "target": "en"})
    assert english.status_code == 400
    assert "English" in english.json()["error"] and "(id) to English (en)" in english.json()[
        "error"]

    forced = _post(server, "/translate", json={"q": ENGLISH, "source": "id", "target": "en"})
    assert forced.status_code == 200  # translated as asked, but flagged
    assert "looks like English" in forced.headers["x-translator-warning"]
    assert set(forced.json()) == {"translatedText", "confidence"}

    batch = _post(server, "/translate",
                  json={"q": [INDONESIAN, "Apa kabar?"], "source": "auto", "target": "en"})
    assert [d["language"] for d in batch.json()["detectedLanguage"]] == ["id", "id"]


def test_detect(server: str) -> None:
    answer = _post(server, "/detect", json={"q": ENGLISH})
    assert answer.status_code == 200
    detections = answer.json()
    assert detections[0]["language"] == "en"
    assert all(set(d) == {"confidence", "language"} for d in detections)
    assert _post(server, "/detect", data={"q": "Kerajaan Malaysia mengumumkan dasar baharu "
                                               "untuk rakyat."}).json()[0]["language"] == "id"
    assert _post(server, "/detect", data={}).json() == {
        "error": "Invalid request: missing q parameter"}


def test_file_translation_and_download(server: str, tmp_path: Path) -> None:
    text = ARTICLE + "\n"
    answer = _post(server, "/translate_file",
                   files={"file": ("berita.id.txt", text.encode(), "text/plain")},
                   data={"source": "id", "target": "en"})
    assert answer.status_code == 200
    url = answer.json()["translatedFileUrl"]
    assert url.startswith(server + "/download_file/") and url.endswith(".berita.en.txt")
    download = httpx.get(url, timeout=30)
    assert download.status_code == 200
    assert 'filename="berita.en.txt"' in download.headers["content-disposition"]
    assert _paragraphs(download.text) == _paragraphs(text)

    html = _post(server, "/translate_file", data={"source": "auto", "target": "en"},
                 files={"file": ("p.html", b"<h1>Berita hari ini</h1><p>Harga naik.</p>")})
    page = httpx.get(html.json()["translatedFileUrl"], timeout=30).text
    assert page.startswith("<h1>") and "</h1><p>" in page and "Harga" not in page

    pdf = _post(server, "/translate_file", files={"file": ("a.pages", b"PK")},
                data={"source": "id", "target": "en"})
    assert pdf.status_code == 400 and "file format not supported" in pdf.json()["error"]
    no_file = _post(server, "/translate_file", data={"source": "id", "target": "en"})
    assert no_file.json() == {"error": "Invalid request: missing file parameter"}
    gone = httpx.get(server + "/download_file/" + "0" * 32 + ".x.en.txt", timeout=30)
    assert gone.status_code == 404 and "Translate it again" in gone.json()["error"]
    sneaky = httpx.get(server + "/download_file/..%2F..%2Fetc%2Fpasswd", timeout=30)
    assert sneaky.status_code == 404 and "error" in sneaky.json()


def test_errors_are_json_with_libretranslate_messages(server: str) -> None:
    cases = [
        ({"source": "id", "target": "en"}, "Invalid request: missing q parameter"),
        ({"q": "Halo", "target": "en"}, "Invalid request: missing source parameter"),
        ({"q": "Halo", "source": "id"}, "Invalid request: missing target parameter"),
    ]
    for fields, message in cases:
        answer = _post(server, "/translate", json=fields)
        assert (answer.status_code, answer.json()) == (400, {"error": message})
    pair = _post(server, "/translate", data={"q": "Halo", "source": "en", "target": "id"})
    assert pair.status_code == 400
    assert pair.json()["error"].startswith(
        "Indonesian (id) is not available as a target language from English (en).")
    assert _post(server, "/translate", data={"q": "Halo", "source": "id", "target": "fr"}
                 ).json()["error"].startswith("fr is not supported")
    broken = _post(server, "/translate", content=b"{not json",
                   headers={"content-type": "application/json"})
    assert (broken.status_code, broken.json()) == (400, {"error": "Invalid JSON format"})
    array = _post(server, "/translate", json=["q"])
    assert array.json() == {"error": "Invalid JSON format"}
    wrong_type = _post(server, "/translate", json={"q": [1, 2], "source": "id", "target": "en"})
    assert wrong_type.status_code == 400
    unknown = httpx.get(server + "/nowhere", timeout=30)
    assert (unknown.status_code, unknown.json()) == (404, {"error": "Not Found"})
    method = httpx.get(server + "/translate", timeout=30)
    assert method.status_code == 405 and "error" in method.json()


def test_settings_docs_and_cors(server: str) -> None:
    settings = httpx.get(server + "/frontend/settings", timeout=30).json()
    assert settings["charLimit"] == 100_000 and settings["apiKeys"] is False
    assert ".docx" in settings["supportedFilesFormat"]
    assert settings["language"]["source"]["code"] == "id"
    spec = httpx.get(server + "/openapi.json", timeout=30).json()
    assert {"/translate", "/detect", "/languages", "/translate_file"} <= set(spec["paths"])
    body = spec["paths"]["/translate"]["post"]["requestBody"]["content"]
    assert {"application/json", "application/x-www-form-urlencoded"} <= set(body)
    docs = httpx.get(server + "/docs", timeout=30).text
    assert "swagger" in docs.lower() and "cdn" not in docs  # works offline
    for asset in ("swagger-ui-bundle.js", "swagger-ui.css"):
        assert httpx.get(f"{server}/docs-static/{asset}", timeout=30).status_code == 200
    preflight = httpx.options(server + "/translate", timeout=30, headers={
        "Origin": "https://example.org", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "*"
    simple = _post(server, "/detect", data={"q": "Halo"}, headers={"Origin": "https://x.org"})
    assert simple.headers["access-control-allow-origin"] == "*"


# -- protection -------------------------------------------------------------------------

def test_api_keys(guarded: str) -> None:
    from libretranslatepy import LibreTranslateAPI

    fields = {"q": "Selamat pagi.", "source": "id", "target": "en"}
    missing = _post(guarded, "/translate", json=fields)
    assert missing.status_code == 403
    assert missing.json() == {"error": "Please contact the server operator to get an API key"}
    wrong = _post(guarded, "/translate", data={**fields, "api_key": "nope"})
    assert (wrong.status_code, wrong.json()) == (403, {"error": "Invalid API key"})
    assert _post(guarded, "/detect", data={"q": "Halo"}).status_code == 403
    assert _post(guarded, "/translate", json={**fields, "api_key": "good-key"}).status_code == 200
    assert LibreTranslateAPI(guarded, api_key="good-key").translate("Halo.", "id", "en")
    # Information endpoints stay open, as in LibreTranslate.
    assert httpx.get(guarded + "/languages", timeout=30).status_code == 200
    settings = httpx.get(guarded + "/frontend/settings", timeout=30).json()
    assert settings["apiKeys"] is True and settings["keyRequired"] is True
    assert settings["charLimit"] == 60


def test_rate_limit_per_key(guarded: str) -> None:
    fields = {"q": "Halo.", "source": "id", "target": "en", "api_key": "limited-key"}
    codes = [_post(guarded, "/translate", json=fields).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    slow = _post(guarded, "/translate", json=fields)
    assert slow.json() == {"error": "Slowdown: 2 per 1 minute"}
    # Other keys have their own budget; a list of N texts costs N requests.
    batch = {**fields, "api_key": "batch-key"}
    assert _post(guarded, "/translate", json={**batch, "q": ["a"] * 3}).status_code == 200
    assert _post(guarded, "/translate", json={**batch, "q": ["a"] * 2}).status_code == 429
    assert _post(guarded, "/translate", json=batch).status_code == 200


def test_char_and_body_limits(guarded: str) -> None:
    long = "Harga beras naik. " * 4  # 72 characters
    fields = {"q": long, "source": "id", "target": "en", "api_key": "good-key"}
    over = _post(guarded, "/translate", json=fields)
    assert (over.status_code, over.json()) == (
        400, {"error": "Invalid request: request (72) exceeds text limit (60)"})
    in_list = _post(guarded, "/translate", json={**fields, "q": [long[:40], long[:40]]})
    assert in_list.status_code == 400  # the limit is per request, all texts together
    assert _post(guarded, "/translate", json={**fields, "api_key": "big-key"}).status_code == 200
    body = _post(guarded, "/translate", json={**fields, "q": "x" * 5000})
    assert body.status_code == 413 and "limit is 4,000 bytes" in body.json()["error"]
    upload = _post(guarded, "/translate_file", files={"file": ("big.txt", b"kata " * 2000)},
                   data={"source": "id", "target": "en", "api_key": "good-key"})
    assert upload.status_code == 413


# -- translation memory and glossary ------------------------------------------------------

def test_serve_with_memory_and_glossary(guarded: str, review_files: tuple[Path, Path]) -> None:
    from translator.memory import TranslationMemory

    memory, _ = review_files  # tm.tmx is created
    fields = {"source": "id", "target": "en", "api_key": "good-key"}
    settings = httpx.get(guarded + "/frontend/settings", timeout=30).json()
    assert settings["suggestions"] is True
    stored = _post(guarded, "/suggest", data={"q": "Harga beras naik.", "s": "Rice is up.",
                                              **fields})
    assert (stored.status_code, stored.json()) == (200, {"success": True})
    answer = _post(guarded, "/translate", json={"q": "BRIN dan Badan Pusat Statistik.", **fields})
    assert answer.status_code == 200 and "confidence" in answer.json()
    entry = TranslationMemory.load(memory).exact("Harga beras naik.")
    assert entry is not None and entry.target == "Rice is up."
