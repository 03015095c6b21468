"""One parse per request on every path, and one error class per mistake on every interface."""

from __future__ import annotations

import asyncio

import pytest

import translator.text.layout as layout_module
from translator import InvalidOptionError, NotTextError, Translator
from translator.api.config import ApiConfig
from translator.api.service import ApiService, parse_translate
from translator.serving.dispatch import Dispatcher
from translator.ui.service import TranslationService

TEXT = "Harga beras naik. Petani senang.\n\nPasar ramai.\n\n- satu\n- dua"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every call of layout.parse, counted (each parse reads the text's blocks once)."""
    seen: list[str] = []
    real = layout_module.physical_blocks

    def counting(text: str):  # noqa: ANN202
        seen.append(text)
        return real(text)

    monkeypatch.setattr(layout_module, "physical_blocks", counting)
    return seen


def test_translator_paths_parse_once(fake_translator: Translator, parses: list[str]) -> None:
    fake_translator.translate(TEXT)
    assert parses == [TEXT]
    parses.clear()
    fake_translator.translate_document(TEXT)
    assert len(parses) == 1
    parses.clear()
    doc = fake_translator.translate_document(TEXT, alternatives=2)
    assert len(parses) == 1 and doc.alternatives
    parses.clear()
    list(fake_translator.stream([TEXT]))
    assert len(parses) == 1


@pytest.mark.parametrize("alternatives", [0, 2])
def test_dispatcher_parses_once(fake_translator: Translator, parses: list[str],
                                alternatives: int) -> None:
    with Dispatcher(fake_translator, slice_sentences=1) as dispatcher:  # several rounds
        doc = dispatcher.submit(TEXT, alternatives=alternatives).result(10)
    assert doc.translation == fake_translator.translate(TEXT)
    assert len(parses) == 2  # this request once, the translate() just above once
    assert bool(doc.alternatives) == bool(alternatives)


def test_rest_and_app_parse_once(fake_translator: Translator, parses: list[str]) -> None:
    with Dispatcher(fake_translator) as dispatcher:
        service = ApiService(dispatcher, ApiConfig())
        request = parse_translate({"q": TEXT, "source": "id", "target": "en",
                                   "alternatives": 2}, char_limit=-1, alternatives_limit=3)
        answer = asyncio.run(service.translate(request))
        service.close()
    assert answer.body["alternatives"] and len(parses) == 1
    parses.clear()
    app = TranslationService(fake_translator)
    try:
        updates = list(app.stream(TEXT))
        assert updates[-1].document is not None and len(parses) == 1
        parses.clear()
        assert app.document(TEXT, alternatives=3) is not None and len(parses) == 1
    finally:
        app.close()


def test_a_bad_beam_size_is_the_same_error_everywhere(fake_translator: Translator) -> None:
    for call in (
        lambda: Translator.from_backend(fake_translator.backend, beam_size=0),
        lambda: fake_translator.with_options(beam_size=0),
    ):
        with pytest.raises(InvalidOptionError, match="Fix:"):
            call()
    with Dispatcher(fake_translator) as dispatcher, pytest.raises(InvalidOptionError):
        dispatcher.submit("Satu.", beam_size=0)
    app = TranslationService(fake_translator)
    try:  # the page says so in a sentence: never a silent clamp to 16
        update = list(app.stream("Satu.", beam_size=40))[-1]
        assert update.error and "beam_size" in update.error
    finally:
        app.close()


def test_bad_alternatives_are_the_same_error_everywhere(fake_translator: Translator) -> None:
    for call in (
        lambda: fake_translator.with_options(alternatives=-1),
        lambda: fake_translator.translate_document("Satu.", alternatives=-1),
    ):
        with pytest.raises(InvalidOptionError):
            call()
    with Dispatcher(fake_translator) as dispatcher, pytest.raises(InvalidOptionError):
        dispatcher.submit("Satu.", alternatives=-1)
    assert issubclass(InvalidOptionError, ValueError)


def test_not_text_is_the_same_error_everywhere(fake_translator: Translator) -> None:
    with pytest.raises(NotTextError):
        fake_translator.translate(b"bytes")  # type: ignore[arg-type]
    with Dispatcher(fake_translator) as dispatcher, pytest.raises(NotTextError):
        dispatcher.submit(b"bytes")  # type: ignore[arg-type]


def test_bad_counts_of_the_serving_layers_are_invalid_option_errors(
    fake_translator: Translator,
) -> None:
    with pytest.raises(InvalidOptionError, match="lanes"):
        Dispatcher(fake_translator, lanes=0)
    with pytest.raises(InvalidOptionError, match="max_chars"):
        TranslationService(fake_translator, max_chars=0)


def test_a_text_file_is_decoded_once(fake_translator: Translator, tmp_path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The run's summary says what the format read the file as: no second detection."""
    import sys

    from translator.files.encoding import detect as real

    calls: list[str] = []

    def counting(data: bytes, source: str, **kwargs):  # noqa: ANN003, ANN202
        calls.append(source)
        return real(data, source, **kwargs)

    for module in [m for name, m in sys.modules.items() if name.startswith("translator.")]:
        if getattr(module, "detect", None) is real:  # wherever it was imported
            monkeypatch.setattr(module, "detect", counting)
    src = tmp_path / "berita.txt"
    src.write_bytes("Harga naik ke Rp 5.000 – kata “pejabat”.".encode("cp1252"))
    for name, out in (("berita.txt", "out.txt"), ("berita.html", "out.html")):
        (tmp_path / name).write_bytes(src.read_bytes())
        calls.clear()
        result = fake_translator.translate_file(tmp_path / name, tmp_path / out)
        assert calls == [str(tmp_path / name)]
        assert result.detected == "cp1252 (detected)"
