"""Decoding over the target vocabulary: lossless, really applied, in the signature; scores."""

from __future__ import annotations

import json
import logging
import math
import shutil
from pathlib import Path

import pytest

from tests.tiny_model import build_tiny_model
from translator import Translator
from translator.backends import DecodeOptions, create_backend
from translator.backends.hub import MODELS_DIR_ENV
from translator.backends.vocabulary import VMAP_FILE, target_vocabulary
from translator.errors import InvalidOptionError

ctranslate2 = pytest.importorskip("ctranslate2")

SENTENCES = [
    "Harga beras naik lima persen pada bulan ini.",
    "Kami akan datang besok pagi ke kantor.",
    "Dia membaca buku di perpustakaan kota.",
    "Selamat pagi, apa kabar?",
    "Banjir merendam ratusan rumah di Jakarta Utara.",
]
#: Every decoding path: greedy, beam, n-best, forced lengths, no-repeat.
OPTIONS = [
    DecodeOptions(beam_size=1, max_new_tokens=24),
    DecodeOptions(beam_size=4, max_new_tokens=24),
    DecodeOptions(beam_size=4, max_new_tokens=24, alternatives=2),
    DecodeOptions(beam_size=3, max_new_tokens=12, min_new_tokens=12),
    DecodeOptions(beam_size=1, max_new_tokens=30, no_repeat_ngram_size=3),
]
BACKENDS = [("transformers", {}), ("ctranslate2", {"compute_type": "float32"}),
            ("ctranslate2", {"compute_type": "int8"})]


@pytest.fixture(scope="module")
def split_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny model with its own, smaller English target.spm (as opus-mt-id-en)."""
    return build_tiny_model(tmp_path_factory.mktemp("split") / "split", seed=3, eos_bias=1.0,
                            init_std=0.5, separate_target=True)


@pytest.fixture(scope="module")
def ruled_out_dir(split_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy whose ``final_logits_bias`` rules out every piece outside the target set."""
    import torch
    from transformers import MarianMTModel

    out = tmp_path_factory.mktemp("ruled") / "ruled"
    shutil.copytree(split_model_dir, out)
    model = MarianMTModel.from_pretrained(str(split_model_dir))
    outside = torch.ones(model.final_logits_bias.shape[-1], dtype=torch.bool)
    outside[list(target_vocabulary(split_model_dir).ids)] = False
    with torch.no_grad():
        model.final_logits_bias[0, outside] = -1e9
    model.save_pretrained(str(out))
    return out


@pytest.fixture
def models(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv(MODELS_DIR_ENV, str(tmp_path / "models"))
    return tmp_path / "models"


def test_target_set_from_the_model_files(split_model_dir: Path) -> None:
    vocab = json.loads((split_model_dir / "vocab.json").read_text())
    target = target_vocabulary(split_model_dir)
    assert target is not None and len(target) < len(vocab) == target.full_size
    assert {"</s>", "<pad>", "<unk>"} <= set(target.tokens)
    assert list(target.ids) == sorted(target.ids) == [vocab[t] for t in target.tokens]
    assert "▁memb" in vocab and "▁memb" not in target.tokens  # an Indonesian-only piece


def test_shared_tokenizer_decodes_over_full_said_once(
    tiny_model_dir: Path, models: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="translator.backends.vocabulary")
    from translator.backends import vocabulary

    vocabulary._load.cache_clear()  # said once per process: an earlier test may have said it
    assert target_vocabulary(tiny_model_dir) is None  # source.spm == target.spm
    first = create_backend("transformers", tiny_model_dir, device="cpu")
    second = create_backend("ctranslate2", tiny_model_dir, device="cpu")
    assert first.vocabulary == second.vocabulary == "full"
    said = [r for r in caplog.records if "full vocabulary" in r.getMessage()
            and r.name == "translator.backends.vocabulary"]
    assert len(said) == 1 and "shared tokenizer" in "".join(r.getMessage() for r in said)
    assert not (second.model_path / VMAP_FILE).exists()


@pytest.mark.parametrize(("name", "extra"), BACKENDS)
def test_target_equals_full_when_the_rest_is_ruled_out(
    ruled_out_dir: Path, models: Path, name: str, extra: dict
) -> None:
    target = create_backend(name, ruled_out_dir, device="cpu", vocabulary="target", **extra)
    full = create_backend(name, ruled_out_dir, device="cpu", vocabulary="full", **extra)
    assert (target.vocabulary, full.vocabulary) == ("target", "full")
    texts = set()
    for options in OPTIONS:
        limits = [options.max_new_tokens - (i % 3) for i in range(len(SENTENCES))]
        got = target.translate_batch(SENTENCES, options, limits=limits)
        want = full.translate_batch(SENTENCES, options, limits=limits)
        assert [(h.text, h.num_tokens, h.hit_limit, h.alternatives) for h in got] == [
            (h.text, h.num_tokens, h.hit_limit, h.alternatives) for h in want
        ], options
        assert [h.score for h in got] == pytest.approx([h.score for h in want], abs=1e-4)
        texts.update(h.text for h in want)
        if options.alternatives:
            assert all(len(h.alternatives) == options.alternatives for h in got)
    assert len(texts) > 3  # outputs vary: the comparison says something


@pytest.mark.parametrize(("name", "extra"), BACKENDS[:2])
def test_target_really_restricts_the_output(
    split_model_dir: Path, models: Path, name: str, extra: dict
) -> None:
    """Without the bias, the random model writes other pieces; "target" never does."""
    allowed = set(target_vocabulary(split_model_dir).tokens)
    backend = create_backend(name, split_model_dir, device="cpu", **extra)
    full = create_backend(name, split_model_dir, device="cpu", vocabulary="full", **extra)
    options = DecodeOptions(beam_size=2, max_new_tokens=20, alternatives=1)

    def pieces(hyps: list) -> set[str]:
        out = set()
        for h in hyps:
            for text in (h.text, *h.alternatives):
                out.update(backend.tokenizer.tokenize(text) if text else [])
        return out

    got = backend.translate_batch(SENTENCES, options)
    # the target output re-tokenizes with the source tokenizer, so compare characters too
    chars_allowed = set("".join(allowed).replace("▁", " "))
    assert set("".join(h.text for h in got)) <= chars_allowed | {" "}
    assert pieces(full.translate_batch(SENTENCES, options)) != pieces(got)
    if name == "transformers":
        assert backend.model.lm_head.out_features == len(allowed)
    else:
        vmap = (backend.model_path / VMAP_FILE).read_text(encoding="utf-8")
        assert vmap.startswith("\t") and set(vmap.split()) == allowed


def test_vmap_is_part_of_the_conversion(split_model_dir: Path, models: Path) -> None:
    from translator.backends.ct2_convert import MARKER, convert_model

    target = convert_model(split_model_dir, compute_type="int8")
    marker = json.loads((target / MARKER).read_text())
    assert marker["vmap"] and (target / VMAP_FILE).is_file()
    stamp = (target / "model.bin").stat().st_mtime_ns
    (target / VMAP_FILE).write_text("\t</s>\n")  # a damaged map is converted again
    assert convert_model(split_model_dir, compute_type="int8") == target
    assert (target / "model.bin").stat().st_mtime_ns != stamp
    assert json.loads((target / MARKER).read_text())["vmap"] == marker["vmap"]
    del marker["layout"]  # a conversion from before vocabulary maps is converted again
    (target / MARKER).write_text(json.dumps(marker))
    stamp = (target / "model.bin").stat().st_mtime_ns
    convert_model(split_model_dir, compute_type="int8")
    assert (target / "model.bin").stat().st_mtime_ns != stamp


def test_vocabulary_option_and_signature(split_model_dir: Path, models: Path) -> None:
    target = Translator(split_model_dir, backend="ctranslate2", checks=False)
    full = Translator(split_model_dir, backend="ctranslate2", vocabulary="full", checks=False)
    assert target.backend.vocabulary == "target" and full.backend.vocabulary == "full"
    assert target.options_signature != full.options_signature
    assert target.provenance.vocabulary == "target"
    assert full.translate_document("Harga beras naik.").provenance.vocabulary == "full"
    with pytest.raises(InvalidOptionError, match="Fix:.*vocabulary"):
        Translator(split_model_dir, vocabulary="english")


def test_cli_vocabulary_flag(
    split_model_dir: Path, models: Path, monkeypatch: pytest.MonkeyPatch, capsys  # noqa: ANN001
) -> None:
    import translator.core
    from translator.cli import main

    made = []

    class Spy(Translator):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            super().__init__(*args, **kwargs)
            made.append(self.backend.vocabulary)

    monkeypatch.setattr(translator.core, "Translator", Spy)
    for choice in ("full", "target"):
        assert main(["translate", "--model", str(split_model_dir), "--vocabulary", choice,
                     "--no-cache", "Harga beras naik."]) == 0
    assert made == ["full", "target"]
    assert main(["translate", "--model", str(split_model_dir), "--vocabulary", "nope", "x"]) == 2
    assert "--vocabulary" in capsys.readouterr().err


@pytest.mark.parametrize(("name", "extra"), BACKENDS[:2])
@pytest.mark.parametrize("beam", [1, 4])
def test_scores_are_mean_log_probabilities(
    split_model_dir: Path, models: Path, name: str, extra: dict, beam: int
) -> None:
    backend = create_backend(name, split_model_dir, device="cpu", **extra)
    options = DecodeOptions(beam_size=beam, max_new_tokens=16, alternatives=1 if beam > 1 else 0)
    hyps = backend.translate_batch(SENTENCES, options)
    scores = [h.score for h in hyps] + [s for h in hyps for s in h.alternative_scores]
    assert len(scores) == len(SENTENCES) * (1 + options.alternatives)
    for score in scores:
        assert isinstance(score, float) and math.isfinite(score) and score < 0
        assert 0 < math.exp(score) <= 1
    if beam > 1:  # n-best is ordered by this very score (length penalty 1)
        assert all(h.score >= s - 1e-5 for h in hyps for s in h.alternative_scores)


@pytest.mark.parametrize("backend", ["transformers", "ctranslate2"])
def test_whole_documents_equal_with_flags_and_alternatives(
    ruled_out_dir: Path, models: Path, backend: str, sample_article: str
) -> None:
    """The engine's path (windows, retries of loops, flags, n-best) is the same too."""
    docs = [sample_article, "Harga beras naik. Kami akan datang besok."]
    results = {}
    for vocabulary in ("target", "full"):
        translator = Translator(ruled_out_dir, backend=backend, vocabulary=vocabulary,
                                beam_size=2, compute_type="float32").with_options(alternatives=1)
        got = list(translator.translate_documents(docs))
        results[vocabulary] = [
            (s.translation, s.flags, s.alternatives) for d in got for s in d.sentences
        ]
    assert results["target"] == results["full"]
    assert len({t for t, _, _ in results["full"]}) > 3
