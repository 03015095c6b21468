"""The real app started without a model: it still serves its page, its Gradio API and its
REST API, each saying how to give it one. (The app with a model: tests/test_app_page.py.)"""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from tests.appserver import Server, app_env

pytestmark = pytest.mark.slow


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
