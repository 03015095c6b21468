"""The engine's entrance: lone surrogates sanitised and flagged; empty outputs flagged."""

from __future__ import annotations

import pytest

from tests.checks import examples
from tests.fakes import FakeBackend
from translator.engine.engine import sanitize
from translator.results import EMPTY, SANITIZED


def test_sanitize_replaces_every_lone_surrogate() -> None:
    assert sanitize("Harga \ud800 naik \udfff.") == ("Harga \ufffd naik \ufffd.", [6, 13])
    assert sanitize("bersih") == ("bersih", [])


def test_lone_surrogate_is_translated_and_flagged_fake(fake_translator) -> None:
    doc = fake_translator.translate_document("Harga \ud800 naik. Stok aman.")
    assert doc.translation == "HARGA \ufffd NAIK. STOK AMAN."
    flags = [s.flags for s in doc.sentences]
    assert flags == [(SANITIZED,), ()]
    doc.translation.encode("utf-8")  # encodable now


@pytest.mark.slow
def test_lone_surrogate_does_not_crash_the_tokenizer(tiny_translator) -> None:
    doc = tiny_translator.translate_document("Harga \ud800 naik.")
    assert SANITIZED in doc.flags
    assert "\ud800" not in doc.translation
    doc.to_json().encode("utf-8")


class _Silent(FakeBackend):
    def translate_batch(self, texts, options, *, limits=None):  # noqa: ANN001, ANN201
        hyps = super().translate_batch(texts, options, limits=limits)
        return [type(h)("" if "KOSONG" in h.text else h.text, h.num_tokens, h.hit_limit)
                for h in hyps]


def test_empty_output_for_a_non_empty_source_is_flagged() -> None:
    from translator import Translator

    translator = Translator.from_backend(_Silent(), model="fake", checks=False)
    doc = translator.translate_document("Ini kosong. Ini penuh.")
    assert [s.translation for s in doc.sentences] == ["", "INI PENUH."]
    assert [s.flags for s in doc.sentences] == [(EMPTY,), ()]
    # Verbatim pieces (numbers) are never flagged.
    assert translator.translate_document("12.000").flags == ()


@pytest.mark.slow
def test_tiny_model_takes_any_text(tiny_translator) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    pieces = st.sampled_from(["Harga", " naik.", "\ud800", "\udfff", "\x00", "\u2028", "\r\n",
                              "\u200d", "\U0001f1ee\U0001f1e9", "e\u0301", "\u202e", "\n\n"])

    @settings(max_examples=examples(6), deadline=None)
    @given(text=st.lists(pieces, max_size=8).map("".join))
    def check(text: str) -> None:
        doc = tiny_translator.translate_document(text)
        doc.to_json().encode("utf-8")
        assert ("sanitized" in doc.flags) == any("\ud800" <= c <= "\udfff" for c in text)

    check()
