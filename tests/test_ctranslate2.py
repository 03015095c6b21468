"""The CTranslate2 backend: same outputs as transformers, cached conversion, limits, auto."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from tests.checks import assert_layout_kept

pytest.importorskip("ctranslate2")

from tests.tiny_model import CORPUS, build_tiny_model
from translator import Translator
from translator.backends import DecodeOptions, Hypothesis, create_backend, resolve_backend_name
from translator.backends.ct2_convert import MARKER, convert_model, converted_dir
from translator.backends.ct2_runtime import default_thread_layout
from translator.backends.hub import MODELS_DIR_ENV
from translator.cli import main
from translator.results import TRUNCATED

SENTENCES = [line for line in CORPUS.splitlines() if line] + [
    "Harga beras naik.",
    "Kami akan datang besok.",
    "Dia membaca buku di perpustakaan.",
    "Selamat pagi, apa kabar?",
]


def without_scores(hyps: list[Hypothesis]) -> list[Hypothesis]:
    """Hypotheses with their float scores dropped (compared apart, approximately)."""
    return [dataclasses.replace(h, score=None, alternative_scores=()) for h in hyps]


@pytest.fixture(scope="module")
def chatty_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny model whose greedy outputs vary with the input: some end, some run on."""
    return build_tiny_model(
        tmp_path_factory.mktemp("chatty") / "chatty", seed=0, eos_bias=1.6, init_std=0.5
    )


@pytest.fixture
def models(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    where = tmp_path / "models"
    monkeypatch.setenv(MODELS_DIR_ENV, str(where))
    return where


def test_float32_greedy_equals_transformers_token_for_token(
    chatty_model_dir: Path, models: Path
) -> None:
    ref = create_backend("transformers", chatty_model_dir, device="cpu")
    fast = create_backend("ctranslate2", chatty_model_dir, device="cpu", compute_type="float32")
    assert fast.count_tokens(SENTENCES) == ref.count_tokens(SENTENCES)
    assert fast.default_beam_size == ref.default_beam_size
    assert fast.max_positions == ref.max_positions
    options = DecodeOptions(beam_size=1, max_new_tokens=40)
    limits = [40 if i % 3 else 12 for i in range(len(SENTENCES))]
    expected = ref.translate_batch(SENTENCES, options, limits=limits)
    got = fast.translate_batch(SENTENCES, options, limits=limits)
    assert without_scores(got) == without_scores(expected)
    # the same scores (mean log-probabilities), up to float rounding
    assert [h.score for h in got] == pytest.approx([h.score for h in expected], abs=1e-4)
    # the set is a real test: some outputs end by themselves, some hit the limit
    assert {h.num_tokens for h in expected} == {0, 12, 40}
    assert len({h.text for h in expected}) > 5
    assert any(h.hit_limit for h in expected) and any(not h.hit_limit for h in expected)
    # min_new_tokens and no_repeat_ngram_size are passed through the same way
    options = DecodeOptions(beam_size=1, max_new_tokens=30, min_new_tokens=5,
                            no_repeat_ngram_size=3)
    assert without_scores(fast.translate_batch(SENTENCES, options)) == without_scores(
        ref.translate_batch(SENTENCES, options)
    )


@pytest.mark.slow
def test_float32_whole_documents_equal_transformers(
    chatty_model_dir: Path, models: Path, sample_article: str
) -> None:
    ref = Translator(chatty_model_dir, backend="transformers", beam_size=1)
    fast = Translator(chatty_model_dir, backend="ctranslate2", compute_type="float32",
                      beam_size=1)
    docs = [sample_article, "Harga beras naik. Kami akan datang besok."]
    got = list(fast.translate_documents(docs))
    want = list(ref.translate_documents(docs))
    assert [d.translation for d in got] == [d.translation for d in want]
    assert [s.flags for d in got for s in d.sentences] == [
        s.flags for d in want for s in d.sentences
    ]
    assert {d.backend for d in got} == {"ctranslate2"}


def test_int8_runs_and_keeps_layout(tiny_model_dir: Path, models: Path, sample_article: str):
    translator = Translator(tiny_model_dir, backend="ctranslate2", compute_type="int8")
    assert translator.backend.compute_type == "int8"
    assert (models / "model-ct2-int8" / "model.bin").is_file()
    out = translator.translate(sample_article)
    assert_layout_kept(out, sample_article)
    doc = translator.translate_document(sample_article)
    assert doc.backend == "ctranslate2" and len(doc.paragraphs) == 7
    many = translator.translate([sample_article, "Harga beras naik."])
    assert many[0] == out


def test_conversion_is_cached_and_force_rebuilds(tiny_model_dir: Path, models: Path) -> None:
    first = convert_model(tiny_model_dir, compute_type="int8")
    assert first == models / "model-ct2-int8" == converted_dir(tiny_model_dir, "int8")
    stamp = (first / "model.bin").stat().st_mtime_ns
    marker = json.loads((first / MARKER).read_text())
    assert marker["compute_type"] == "int8"
    assert convert_model(tiny_model_dir, compute_type="int8") == first
    assert (first / "model.bin").stat().st_mtime_ns == stamp  # reused, not rebuilt
    assert main(["convert", str(tiny_model_dir), "--compute-type", "int8", "--force"]) == 0
    assert (first / "model.bin").stat().st_mtime_ns != stamp
    # no temporary folders are left behind
    assert sorted(p.name for p in models.iterdir()) == ["model-ct2-int8"]


def test_broken_or_stale_cache_is_rebuilt(
    tiny_model_dir: Path, looping_model_dir: Path, models: Path
) -> None:
    target = convert_model(tiny_model_dir, compute_type="int8")
    (target / "model.bin").write_bytes(b"half a model")  # an interrupted copy, say
    (target / MARKER).unlink()
    rebuilt = convert_model(tiny_model_dir, compute_type="int8")
    assert rebuilt == target and (target / "model.bin").stat().st_size > 1000
    # a different model with the same directory name ("model") must not reuse it
    other = convert_model(looping_model_dir, compute_type="int8")
    assert other == target
    marker = json.loads((target / MARKER).read_text())
    assert marker["fingerprint"]["source"] == str(looping_model_dir.resolve())


def test_cli_convert_hub_name(tiny_model_dir: Path, models: Path) -> None:
    models.mkdir()
    (models / "opus-mt-id-en").symlink_to(tiny_model_dir)
    assert main(["convert", "--compute-type", "float32"]) == 0
    assert (models / "opus-mt-id-en-ct2-float32" / "model.bin").is_file()
    assert main(["convert", "--compute-type", "nope"]) != 0


def test_per_sentence_limits_flag_truncated(looping_model_dir: Path, models: Path) -> None:
    translator = Translator(looping_model_dir, backend="ctranslate2", beam_size=2)
    seen = []
    real = translator.backend.translate_batches

    def spy(requests):
        out = real(requests)
        for request, hyps in zip(requests, out):
            seen.extend(zip(request.texts, request.limits, hyps))
        return out

    translator.backend.translate_batches = spy  # type: ignore[method-assign]
    text = "Harga beras naik. Kami akan datang besok pagi ke kantor untuk rapat dengan mereka."
    doc = translator.translate_document(text)
    assert len(doc.sentences) == 2
    assert all(TRUNCATED in s.flags for s in doc.sentences)
    limits = {limit for _, limit, _ in seen}
    assert len(limits) == 2  # two sentences of different lengths in one batch
    for source, limit, hyp in seen:
        assert hyp.hit_limit
        assert hyp.num_tokens == limit == translator.engine.output_limit(
            translator.backend.count_tokens([source])[0]
        )


def test_auto_picks_ctranslate2(tiny_model_dir: Path, models: Path) -> None:
    assert resolve_backend_name("auto") == "ctranslate2"
    translator = Translator(tiny_model_dir)
    assert translator.backend.name == "ctranslate2"
    assert translator.translate_document("Harga beras naik.").backend == "ctranslate2"
    assert "ctranslate2" in repr(translator)


def test_auto_falls_back_to_transformers(monkeypatch: pytest.MonkeyPatch) -> None:
    import translator.backends.ct2_runtime as module

    monkeypatch.setattr(module, "available", lambda: False)
    assert resolve_backend_name("auto") == "transformers"


def test_thread_layout_defaults_and_overrides() -> None:
    assert default_thread_layout(2).inter_threads == 2
    assert default_thread_layout(2).intra_threads == 1
    layout = default_thread_layout(4, intra_threads=2)
    assert (layout.inter_threads, layout.intra_threads) == (2, 2)
    layout = default_thread_layout(None, inter_threads=1, intra_threads=2)
    assert (layout.inter_threads, layout.intra_threads) == (1, 2)
    with pytest.raises(ValueError):
        default_thread_layout(2, inter_threads=0)


def test_thread_layout_option(tiny_model_dir: Path, models: Path) -> None:
    translator = Translator(tiny_model_dir, backend="ctranslate2", inter_threads=1,
                            intra_threads=2)
    assert translator.backend.threads.inter_threads == 1
    assert translator.backend.threads.intra_threads == 2
    assert translator.translate("Harga beras naik.") is not None


def test_bad_compute_type(tiny_model_dir: Path, models: Path) -> None:
    with pytest.raises(ValueError, match="Fix:"):
        Translator(tiny_model_dir, backend="ctranslate2", compute_type="int3")


def test_broken_model_directory(tmp_path: Path, tiny_model_dir: Path, models: Path) -> None:
    from translator import ModelLoadError

    broken = tmp_path / "broken"
    broken.mkdir()
    for f in tiny_model_dir.iterdir():
        if f.name != "model.safetensors":
            (broken / f.name).write_bytes(f.read_bytes())
    (broken / "model.safetensors").write_bytes(b"not weights")
    with pytest.raises(ModelLoadError, match="Fix:"):
        Translator(broken, backend="ctranslate2")
    assert not models.exists() or not any(models.iterdir())  # nothing half-written
