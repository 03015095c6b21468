"""What every backend of a Marian model shares: its files, tokenizer and length rules."""

from __future__ import annotations

import json
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from translator.errors import ModelLoadError

#: Files a Marian model directory must hold besides its weights.
REQUIRED_FILES = ("config.json", "source.spm", "target.spm", "vocab.json")

T = TypeVar("T")


def check_model_files(model_dir: Path) -> None:
    """Raise :class:`ModelLoadError` naming the files ``model_dir`` lacks."""
    missing = [f for f in REQUIRED_FILES if not (Path(model_dir) / f).is_file()]
    if missing:
        raise ModelLoadError(
            f"The model directory {model_dir} lacks {', '.join(missing)}. "
            "Fix: download the model again with `translator download --force`, or "
            "copy the complete directory."
        )


def load_tokenizer(model_dir: Path) -> Any:
    """The model's own ``MarianTokenizer`` (sentencepiece), without the sacremoses nag."""
    from transformers import MarianTokenizer

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*sacremoses.*")
        return MarianTokenizer.from_pretrained(str(model_dir))


def read_json(path: Path) -> dict:
    """A JSON file's object, or {} when it is missing or broken."""
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def model_beam_size(model_dir: Path) -> int:
    """The model's own beam size: generation_config.json, else config.json, else 1.

    Older Marian checkpoints keep ``num_beams`` in config.json only, and transformers 5
    no longer reads generation settings from there.
    """
    generation = read_json(Path(model_dir) / "generation_config.json")
    config = read_json(Path(model_dir) / "config.json")
    return int(generation.get("num_beams") or config.get("num_beams") or 1)


def cut_to_limit(tokens: Sequence[T], limit: int) -> tuple[Sequence[T], bool]:
    """An output's tokens cut to its own limit, and whether it reached that limit.

    Outputs are generated under the batch's largest limit; cutting each at its own keeps a
    sentence's result independent of its batch-mates. An output that reached its limit did
    not end by itself: it is marked, never passed off as complete.
    """
    return tokens[:limit], len(tokens) >= limit


class MarianTokens:
    """Token counting with the model's sentencepiece tokenizer (``self.tokenizer``)."""

    tokenizer: Any

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Source token count of each text, end-of-sentence included."""
        if not texts:
            return []
        # verbose=False: counting a long text is not running it (no "longer than" warning)
        ids = self.tokenizer(list(texts), add_special_tokens=True, verbose=False)["input_ids"]
        return [len(x) for x in ids]
