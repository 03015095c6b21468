"""The real loading code and the transformers backend, on a tiny random Marian model."""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from tests.checks import assert_layout_kept
from translator import ModelLoadError, Translator
from translator.results import TRUNCATED


def test_loads_from_directory(tiny_translator: Translator, tiny_model_dir: Path) -> None:
    assert tiny_translator.resolved.source == "directory"
    assert tiny_translator.resolved.path == tiny_model_dir.resolve()
    assert tiny_translator.backend.name == "transformers"
    assert tiny_translator.device == "cpu"
    assert tiny_translator.beam_size == 4  # the model's own generation config
    assert "transformers" in repr(tiny_translator)


def test_str_and_list(tiny_translator: Translator) -> None:
    out = tiny_translator.translate("Harga beras naik lima persen.")
    assert isinstance(out, str)
    many = tiny_translator.translate(["Harga beras naik.", "Kami akan datang besok."])
    assert isinstance(many, list) and len(many) == 2


@pytest.mark.slow
def test_list_equals_each_alone_greedy(tiny_model_dir: Path, sample_article: str) -> None:
    translator = Translator(tiny_model_dir, beam_size=1, backend="transformers")
    docs = [sample_article, "Harga beras naik.", "Kami akan datang besok pagi ke kantor.", ""]
    assert translator.translate(docs) == [translator.translate(d) for d in docs]


@pytest.mark.slow
def test_list_equals_each_alone_beam(tiny_translator: Translator, sample_article: str) -> None:
    # Beam search is batch-independent for every output that ends before its own limit.
    docs = [sample_article, "Harga beras naik.", "Dia membaca buku di perpustakaan kota."]
    together = [d.sentences for d in tiny_translator.translate_documents(docs)]
    alone = [tiny_translator.translate_document(d).sentences for d in docs]
    for sents_a, sents_b in zip(together, alone):
        for a, b in zip(sents_a, sents_b, strict=True):
            assert a.source == b.source
            if not a.flags and not b.flags:
                assert a.translation == b.translation


@pytest.mark.slow
def test_document_alignment_and_flags(tiny_translator: Translator, sample_article: str) -> None:
    doc = tiny_translator.translate_document(sample_article)
    assert len(doc.paragraphs) == 7
    flags = {f for s in doc.sentences for f in s.flags}
    assert flags <= {TRUNCATED, "repetition"}
    assert any(s.flags == () for s in doc.sentences)
    json.loads(doc.to_json())


@pytest.mark.slow
def test_flags_when_the_model_never_stops(looping_model_dir: Path) -> None:
    translator = Translator(looping_model_dir, beam_size=2, backend="transformers")
    outputs = []
    real = translator.backend.translate_batch

    def spy(texts, options, *, limits=None):
        hyps = real(texts, options, limits=limits)
        outputs.extend(zip(texts, hyps))
        return hyps

    translator.backend.translate_batch = spy  # type: ignore[method-assign]
    doc = translator.translate_document("Harga beras naik. Kami akan datang besok pagi ke kantor.")
    assert all(TRUNCATED in sent.flags for sent in doc.sentences)
    assert outputs
    for text, hyp in outputs:
        # the limit scales with the input, and a cut-off output says so
        assert hyp.hit_limit
        assert hyp.num_tokens == translator.engine.output_limit(
            translator.backend.count_tokens([text])[0]
        )


@pytest.mark.slow
def test_layout_contract_with_a_real_model(
    tiny_translator: Translator, sample_article: str
) -> None:
    out = tiny_translator.translate(sample_article)
    assert_layout_kept(out, sample_article)


@pytest.mark.slow
def test_three_thousand_word_paragraph(tiny_ct2_model_dir: Path) -> None:
    translator = Translator(
        tiny_ct2_model_dir, beam_size=1, max_input_tokens=120, backend="ctranslate2"
    )
    words = (
        "warga desa bergotong royong membersihkan sungai yang tercemar sampah plastik "
        "dan harga beras naik lima persen"
    ).split()
    rng = random.Random(3)
    text = " ".join(rng.choice(words) + ("," if i % 40 == 39 else "") for i in range(3000))
    seen: list[str] = []
    real = translator.backend.translate_batches

    def spy(requests):
        for request in requests:
            if not request.options.no_repeat_ngram_size:  # first pass only, not loop retries
                seen.extend(request.texts)
        return real(requests)

    translator.backend.translate_batches = spy  # type: ignore[method-assign]
    doc = translator.translate_document(text + ".")
    assert len(doc.paragraphs) == 1
    counts = translator.backend.count_tokens(seen)
    assert max(counts) <= 120
    assert all(piece in text + "." for piece in seen)
    assert Counter(re.sub(r"\s", "", "".join(seen))) == Counter(re.sub(r"\s", "", text + "."))


def test_broken_model_directory(tmp_path: Path, tiny_model_dir: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    for f in tiny_model_dir.iterdir():
        if f.name != "source.spm":
            (broken / f.name).write_bytes(f.read_bytes())
    with pytest.raises(ModelLoadError, match="Fix:"):
        Translator(broken)


def test_unknown_backend(tiny_model_dir: Path) -> None:
    with pytest.raises(ValueError, match="Unknown backend"):
        Translator(tiny_model_dir, backend="nope")
