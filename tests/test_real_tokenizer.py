"""The real opus-mt-id-en tokenizer and a full-size model with random weights.

Skipped when ../shared/opus-mt-id-en is absent (a fresh clone elsewhere).
"""

from __future__ import annotations

import random
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from translator import Translator
from translator.backends.base import Hypothesis

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def full_size_model(real_tokenizer_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out = tmp_path_factory.mktemp("full") / "opus-mt-id-en-random"
    torch.manual_seed(0)
    model = MarianMTModel(MarianConfig.from_pretrained(real_tokenizer_dir))
    model.save_pretrained(out)
    MarianTokenizer.from_pretrained(real_tokenizer_dir).save_pretrained(out)
    shutil.copy(real_tokenizer_dir / "generation_config.json", out / "generation_config.json")
    return out


@pytest.fixture(scope="module")
def translator(full_size_model: Path) -> Translator:
    loaded = Translator(full_size_model, backend="transformers", device="cpu", beam_size=1)
    return Translator.from_backend(
        loaded.backend, model=str(full_size_model), beam_size=1, fixed_output_tokens=4
    )


def test_model_defaults(full_size_model: Path) -> None:
    t = Translator(full_size_model, device="cpu")
    assert t.beam_size == 6  # from the real generation_config
    assert t.backend.max_positions == 512


def test_sample_article_layout(translator: Translator, shared_dir: Path) -> None:
    text = (shared_dir / "samples" / "vov-imcwp17.id.txt").read_text(encoding="utf-8")
    doc = translator.translate_document(text)
    skeleton = re.compile(r"(?:\n[ \t\xa0]*){2,}")
    assert skeleton.findall(doc.translation) == skeleton.findall(text)
    assert len(doc.paragraphs) == 7
    caption = doc.paragraphs[2]
    assert len(caption.translation.split("\n")) == 3  # alt text, joined caption, photo credit
    assert all("truncated" in s.flags for s in doc.sentences)  # 4 forced tokens, never ended


def test_three_thousand_words_stay_under_the_limit(
    translator: Translator, shared_dir: Path
) -> None:
    conllu = shared_dir / "data" / "ud-id-dev" / "id_csui-ud-train.conllu"
    words = " ".join(
        line[len("# text = ") :] for line in conllu.read_text(encoding="utf-8").splitlines()
        if line.startswith("# text = ")
    ).replace(".", "").split()
    rng = random.Random(0)
    text = " ".join(rng.choice(words) for _ in range(3000)) + "."
    seen: list[str] = []

    def fake_generate(texts, options, *, limits=None):
        seen.extend(texts)
        return [Hypothesis("x", 1, False) for _ in texts]

    translator.backend.translate_batch = fake_generate  # type: ignore[method-assign]
    try:
        doc = translator.translate_document(text)
    finally:
        del translator.backend.translate_batch
    counts = translator.backend.count_tokens(seen)
    assert sum(counts) > 3000  # it really was far over the limit
    assert max(counts) <= 200
    assert len(doc.sentences) == 1
    assert Counter(re.sub(r"\s", "", "".join(seen))) == Counter(re.sub(r"\s", "", text))
