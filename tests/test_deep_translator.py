"""deep-translator's ``LibreTranslator`` against our API, as the README tells users to call it.

deep-translator posts to ``custom_url + "translate"`` (string concatenation, so the URL
needs its final slash), refuses to start without an ``api_key`` (any value does when the
server has no keys), and has no ``base_url`` parameter: ``base_url=`` lands in ``**kwargs``
and is dropped, so the text goes to a public LibreTranslate server. Its HTTP calls are
routed here to the app in process, so nothing leaves the machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

pytest.importorskip("fastapi")
libre = pytest.importorskip("deep_translator.libre")

from tests.fakes import FakeBackend  # noqa: E402
from translator import Translator  # noqa: E402
from translator.serving.dispatch import Dispatcher  # noqa: E402

LOCAL = "http://127.0.0.1:5000/"


@pytest.fixture()
def posted(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every URL deep-translator posts to; those under LOCAL are answered by our app."""
    from fastapi.testclient import TestClient

    from translator.api.routes import create_app

    urls: list[str] = []
    translator = Translator.from_backend(FakeBackend(), model="fake", checks=False)
    with Dispatcher(translator) as dispatcher:
        app = create_app(dispatcher)
        client = TestClient(app)

        def post(url: str, params: dict[str, Any] | None = None, **kwargs: Any) -> Any:
            urls.append(url)
            if not url.startswith(LOCAL):
                pytest.fail(f"the text was sent to {url}")
            return client.post("/" + url[len(LOCAL):], params=params)

        monkeypatch.setattr(libre.requests, "post", post)
        yield urls
        app.state.service.close()


def test_the_readme_line_translates_on_our_server(posted: list[str]) -> None:
    from deep_translator import LibreTranslator

    lt = LibreTranslator(source="id", target="en", custom_url=LOCAL, api_key="x")
    assert lt.translate("Harga beras naik.") == "HARGA BERAS NAIK."
    assert lt.translate_batch(["Satu.", "Dua."]) == ["SATU.", "DUA."]
    assert posted == [LOCAL + "translate"] * 3


def test_the_traps_the_readme_warns_about(monkeypatch: pytest.MonkeyPatch) -> None:
    from deep_translator import LibreTranslator
    from deep_translator.exceptions import ApiKeyException

    urls: list[str] = []

    def post(url: str, **kwargs: Any) -> Any:
        urls.append(url)
        raise ConnectionError  # deep-translator turns it into a ServerException

    monkeypatch.setattr(libre.requests, "post", post)
    with pytest.raises(ApiKeyException):
        LibreTranslator(source="id", target="en", custom_url=LOCAL, api_key=None)
    for kwargs in ({"base_url": LOCAL}, {"custom_url": LOCAL.rstrip("/")}):
        with pytest.raises(Exception):  # noqa: B017, PT011 (its ServerException)
            LibreTranslator(source="id", target="en", api_key="x", **kwargs).translate("Satu.")
    base_url_went_to, no_slash_went_to = urls
    assert not base_url_went_to.startswith(LOCAL)  # ignored: a public server got the text
    assert no_slash_went_to == "http://127.0.0.1:5000translate"
