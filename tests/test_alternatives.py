"""n-best alternatives: backends return them, the engine aligns them, the public API and the
dispatcher expose them; cancelled requests never reach the model."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.fakes import FakeBackend, hold_batches
from translator import Translator
from translator.backends import DecodeOptions, create_backend
from translator.serving.dispatch import Dispatcher

TEXT = "Harga beras naik.\n\nKami datang besok. Dia membaca buku."


def test_fake_engine_keeps_alternatives_per_sentence(fake_translator: Translator) -> None:
    doc = fake_translator.translate_document(TEXT, alternatives=2)
    assert doc.translation == fake_translator.translate(TEXT)  # the best is unchanged
    for sentence in doc.sentences:
        assert sentence.alternatives == (f"{sentence.translation} #1",
                                         f"{sentence.translation} #2")
    assert all(s.alternatives == () for s in fake_translator.translate_document(TEXT).sentences)
    assert '"alternatives": ["HARGA BERAS NAIK. #1"' in doc.to_json()


def test_cut_sentence_joins_piece_alternatives() -> None:
    backend = FakeBackend()
    translator = Translator.from_backend(backend, model="fake", max_input_tokens=8)
    long = " ".join(f"kata{i}," for i in range(20)) + " akhir."
    (sentence,) = translator.translate_document(long, alternatives=1).sentences
    pieces = max(len(b) for b in backend.batches)
    assert pieces > 1  # really cut
    (alternative,) = sentence.alternatives
    assert alternative.count("#1") == pieces  # one per piece, joined in order
    assert alternative.replace(" #1", "") == sentence.translation


def test_alternatives_bypass_the_cache(tmp_path: Path) -> None:
    backend = FakeBackend()
    translator = Translator.from_backend(backend, model="fake", cache=tmp_path / "c.db")
    translator.translate(TEXT)  # fills the cache
    calls = len(backend.batches)
    doc = translator.translate_document(TEXT, alternatives=1)
    assert len(backend.batches) > calls  # not served from the cache (it has no alternatives)
    assert all(s.alternatives for s in doc.sentences)
    assert translator.with_options(alternatives=1) is translator.with_options(alternatives=1)
    with pytest.raises(ValueError):
        translator.with_options(alternatives=-1)


def test_dispatcher_groups_by_alternatives(fake_backend: FakeBackend) -> None:
    translator = Translator.from_backend(fake_backend, model="fake")
    with Dispatcher(translator, max_wait=0.2) as dispatcher:
        plain = dispatcher.submit("Satu dua.")
        alt = dispatcher.submit("Tiga empat.", alternatives=3)
        assert plain.result(10).sentences[0].alternatives == ()
        assert len(alt.result(10).sentences[0].alternatives) == 3
    # separate rounds (two lanes may run them at once, in either order)
    assert sorted(o.alternatives for o in fake_backend.options) == [0, 3]


def test_dispatcher_drops_cancelled_requests(fake_backend: FakeBackend) -> None:
    gate = hold_batches(fake_backend)
    translator = Translator.from_backend(fake_backend, model="fake")
    # One lane, so the first request holds the model (with two, the second lane would
    # take the others at once).
    with Dispatcher(translator, max_wait=0.0, lanes=1) as dispatcher:
        first = dispatcher.submit("Pertama.")
        time.sleep(0.2)  # the worker is now blocked on the first round
        doomed = [dispatcher.submit(f"Batal nomor {i}.") for i in range(5)]
        kept = dispatcher.submit("Tetap.")
        assert all(f.cancel() for f in doomed)
        gate.set()
        assert first.result(10).translation == "PERTAMA."
        assert kept.result(10).translation == "TETAP."
    sent = [text for batch in fake_backend.batches for text in batch]
    assert not any("Batal" in text for text in sent)


@pytest.mark.slow  # the tiny model
def test_transformers_backend_returns_n_best(tiny_model_dir: Path) -> None:
    backend = create_backend("transformers", tiny_model_dir, device="cpu")
    texts = ["Harga beras naik lima persen.", "Kami akan datang besok pagi."]
    plain = backend.translate_batch(texts, DecodeOptions(beam_size=2, max_new_tokens=12))
    nbest = backend.translate_batch(
        texts, DecodeOptions(beam_size=2, max_new_tokens=12, alternatives=3)
    )
    assert all(h.alternatives == () for h in plain)
    for hyp in nbest:
        assert len(hyp.alternatives) == 3  # the beam was widened to 4 to hold them
        assert all(isinstance(a, str) for a in hyp.alternatives)
    # Widening the beam may change the best; with a beam already wide enough it must not.
    wide = backend.translate_batch(texts, DecodeOptions(beam_size=4, max_new_tokens=12))
    assert [h.text for h in nbest] == [h.text for h in wide]


@pytest.mark.slow  # the tiny model, converted
def test_ctranslate2_backend_returns_n_best(
    tiny_model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("ctranslate2")
    monkeypatch.setenv("INDO_TRANSLATOR_MODELS", str(tmp_path))
    backend = create_backend("ctranslate2", tiny_model_dir, device="cpu",
                             compute_type="float32")
    texts = ["Harga beras naik lima persen.", "Kami akan datang besok pagi."]
    nbest = backend.translate_batch(
        texts, DecodeOptions(beam_size=2, max_new_tokens=12, alternatives=2)
    )
    wide = backend.translate_batch(texts, DecodeOptions(beam_size=3, max_new_tokens=12))
    assert [h.text for h in nbest] == [h.text for h in wide]
    assert all(len(h.alternatives) == 2 for h in nbest)
