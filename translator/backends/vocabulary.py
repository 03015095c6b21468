"""The target vocabulary: the pieces a Marian model can write in its output language.

opus-mt-id-en shares one vocabulary of 54,796 pieces between Indonesian and English, but
its English side is written with ``target.spm``, whose pieces are 31,991 of them. The model
was never trained to output the others, yet every decoding step computes their logits.
Decoding over the target set only (``vocabulary="target"``, the default) skips that work;
it is lossless for the trained model, whose logits for those pieces never win.

The set is computed from the model's own files: the pieces of ``target.spm`` present in
``vocab.json``, plus the end-of-sentence, padding (Marian's decoder start) and unknown
tokens. A model with a single shared tokenizer (no separate ``target.spm``, or one identical
to ``source.spm``) or with separate vocabularies already has nothing to skip: it decodes
over the full vocabulary, said once in the log.

This module reads files only (sentencepiece and JSON); the backends apply the set:
CTranslate2 with its vocabulary map (:func:`write_vmap`), transformers with a sliced output
projection (:mod:`translator.backends.sliced`).

Measured with ``benchmarks/speed.py --vocabulary-only`` (full-size opus-mt-id-en, random
weights, 24 sentences x 24 forced output tokens, 2 shared cores, medians of 5 interleaved
repeats): CTranslate2 int8 1.17x faster at beam 1 and 1.27x at beam 6, the sample article
1.33x; transformers (8 x 16, 3 repeats, busier) 1.35x less CPU time at beam 1, 1.33x at 6.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from translator.errors import InvalidOptionError, option_fix

logger = logging.getLogger(__name__)

#: Values of the ``vocabulary`` option.
VOCABULARIES = ("target", "full")
#: The default: decode over the target vocabulary only.
DEFAULT_VOCABULARY = "target"
#: CTranslate2's vocabulary map file in a converted model.
VMAP_FILE = "vmap.txt"


@dataclass(frozen=True)
class TargetVocabulary:
    """The pieces a model may output.

    Attributes:
        tokens: The pieces, in vocabulary id order.
        ids: Their ids in the model's (full) vocabulary, ascending.
        full_size: Size of the full vocabulary.
    """

    tokens: tuple[str, ...]
    ids: tuple[int, ...]
    full_size: int

    def __len__(self) -> int:
        return len(self.ids)


def check_vocabulary(vocabulary: str) -> str:
    """Return ``vocabulary`` when it is "target" or "full".

    Raises:
        InvalidOptionError: Any other value.
    """
    if vocabulary not in VOCABULARIES:
        raise InvalidOptionError(
            "vocabulary", vocabulary, f"Unknown vocabulary {vocabulary!r}.",
            option_fix("vocabulary", "target", before="use", after=" (or full)"),
        )
    return vocabulary


def _special_tokens(model_dir: Path) -> list[str]:
    """End-of-sentence, padding and unknown tokens, as the tokenizer files name them."""
    names = {"eos_token": "</s>", "pad_token": "<pad>", "unk_token": "<unk>"}
    for file in ("special_tokens_map.json", "tokenizer_config.json"):
        try:
            data = json.loads((model_dir / file).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for key in names:
            value = data.get(key)
            if isinstance(value, dict):  # {"content": "</s>", ...}
                value = value.get("content")
            if isinstance(value, str) and value:
                names[key] = value
        break
    return list(names.values())


def _config_ids(model_dir: Path) -> list[int]:
    """The ids the decoder starts with or stops at, from config.json."""
    try:
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    keys = ("eos_token_id", "pad_token_id", "decoder_start_token_id")
    return [config[k] for k in keys if isinstance(config.get(k), int)]


def _shared_reason(model_dir: Path) -> str | None:
    """Why ``model_dir`` has no separate target vocabulary, or None when it has one."""
    source, target = model_dir / "source.spm", model_dir / "target.spm"
    if not target.is_file() or not (model_dir / "vocab.json").is_file():
        return "it has no separate target.spm and vocab.json"
    if source.is_file() and source.read_bytes() == target.read_bytes():
        return "its source.spm and target.spm are one shared tokenizer"
    try:
        config = json.loads((model_dir / "tokenizer_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        config = {}
    if config.get("separate_vocabs"):
        return "its decoder vocabulary is already the target one (separate_vocabs)"
    return None


@lru_cache(maxsize=8)
def _load(model_dir: Path, stamp: tuple) -> TargetVocabulary | None:  # noqa: ARG001 - cache key
    reason = _shared_reason(model_dir)
    if reason is None:
        import sentencepiece as spm

        vocab = json.loads((model_dir / "vocab.json").read_text(encoding="utf-8"))
        processor = spm.SentencePieceProcessor(model_file=str(model_dir / "target.spm"))
        pieces = {processor.id_to_piece(i) for i in range(processor.get_piece_size())}
        pieces.update(_special_tokens(model_dir))
        ids = {vocab[p] for p in pieces if p in vocab}
        full_size = max(vocab.values()) + 1
        ids.update(i for i in _config_ids(model_dir) if 0 <= i < full_size)
        if len(ids) < full_size:
            by_id = {i: p for p, i in vocab.items()}
            ordered = sorted(ids)
            return TargetVocabulary(tuple(by_id[i] for i in ordered), tuple(ordered), full_size)
        reason = "its target.spm covers the whole vocabulary"
    logger.info("%s decodes over the full vocabulary: %s", model_dir, reason)
    return None


def target_vocabulary(model_dir: Path) -> TargetVocabulary | None:
    """The target vocabulary of the Marian model in ``model_dir``.

    Returns:
        The set, or None when the model has no separate target vocabulary (then it
        decodes over the full one; the reason is logged once per model).
    """
    model_dir = Path(model_dir).resolve()
    stamp = tuple(
        (p.stat().st_size, p.stat().st_mtime_ns) if p.is_file() else None
        for p in (model_dir / f for f in ("source.spm", "target.spm", "vocab.json"))
    )
    return _load(model_dir, stamp)


def resolve_vocabulary(vocabulary: str, model_dir: Path) -> TargetVocabulary | None:
    """The set to decode over for the ``vocabulary`` option; None means the full one.

    Raises:
        InvalidOptionError: ``vocabulary`` is not "target" or "full".
    """
    if check_vocabulary(vocabulary) == "full":
        return None
    return target_vocabulary(model_dir)


def vmap_text(tokens: Sequence[str]) -> str:
    """CTranslate2's vocabulary map that always allows ``tokens``.

    Its lines are ``source tokens<TAB>target tokens``; CTranslate2 restricts the output
    layer to the targets of every source n-gram in the batch, plus those of the line
    whose source is empty (always applied), plus unk, bos, eos and the decoder's start
    tokens. One empty-source line with the whole target set is what we need.
    """
    bad = [t for t in tokens if not t or any(c.isspace() for c in t)]
    if bad:  # CTranslate2 splits the line at spaces: such a piece cannot be mapped
        raise ValueError(f"Pieces with whitespace cannot go in a vocabulary map: {bad[:5]}")
    return "\t" + " ".join(tokens) + "\n"


def write_vmap(model_dir: Path, target: Path) -> str | None:
    """Write ``vmap.txt`` for ``model_dir`` into the converted model ``target``.

    Returns:
        The map's SHA-256 (recorded in the conversion marker), or None when the model has
        no separate target vocabulary (no file written).
    """
    vocabulary = target_vocabulary(model_dir)
    if vocabulary is None:
        return None
    text = vmap_text(vocabulary.tokens)
    (Path(target) / VMAP_FILE).write_text(text, encoding="utf-8")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def vmap_digest(target: Path) -> str | None:
    """SHA-256 of the converted model's ``vmap.txt``, or None when it has none."""
    path = Path(target) / VMAP_FILE
    if not path.is_file():
        return None
    return hashlib.sha256(path.read_bytes()).hexdigest()
