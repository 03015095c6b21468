"""`python app.py` serves the web page and the REST API from one process and one model."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

# The app runs in a subprocess: gradio is only looked for here (importing it takes seconds
# of every pytest worker's collection).
pytestmark = pytest.mark.skipif(
    not all(importlib.util.find_spec(name) for name in ("gradio", "fastapi")),
    reason="needs gradio and fastapi (pip install -e '.[dev]')",
)
httpx = pytest.importorskip("httpx")

from tests.live_server import LiveServer, offline_env  # noqa: E402


@pytest.fixture(scope="module")
def app_and_api(tiny_ct2_model_dir: Path, tmp_path_factory: pytest.TempPathFactory
                ) -> Iterator[LiveServer]:
    tmp = tmp_path_factory.mktemp("app-api")
    args = ["app.py", "--model", str(tiny_ct2_model_dir),
            "--device", "cpu", "--fixed-output-tokens", "8", "--max-chars", "5000"]
    server = LiveServer(args, offline_env(tmp), tmp / "app.log", ready_path="/config")
    yield server
    server.stop()


@pytest.mark.slow  # starts app.py with a model: about 20 s
def test_one_process_serves_page_gradio_api_and_rest_api(app_and_api: LiveServer) -> None:
    from gradio_client import Client
    from libretranslatepy import LibreTranslateAPI

    url = app_and_api.url
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
    assert settings["charLimit"] == 5000  # the app's --max-chars is the API's limit too
    assert "swagger" in httpx.get(url + "/docs", timeout=30).text.lower()
    assert app_and_api.output.count("Loading ") == 1  # one model for both faces
    assert "Traceback" not in app_and_api.output


# Without a model, the app's REST API answers JSON 503: see
# tests/test_app_live.py::test_missing_model_still_serves_the_page_with_the_fix (one server).
