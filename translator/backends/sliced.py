"""A Marian model of transformers whose output layer covers the target vocabulary only.

:func:`slice_output` cuts the output projection (``lm_head``) and ``final_logits_bias`` down
to the rows of the target set (:mod:`translator.backends.vocabulary`), so every decoding step
multiplies, normalises and ranks 32,000 columns instead of 54,796: the work is really skipped,
not masked. ``generate()`` then runs in the *sliced* id space (id ``k`` is the ``k``-th
target piece): its start, end, padding and banned ids are sliced ids
(:meth:`SlicedVocabulary.generation_config`), the decoder's input embedding maps each fed
sliced id back to its full id (the embedding table itself stays whole, shared with the
encoder), and :meth:`SlicedVocabulary.to_full` maps the generated ids back for the tokenizer.

Only torch is needed; it is imported by the caller (this module is imported lazily by the
transformers backend).
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

import torch
from torch import nn


class _FullIdEmbedding(nn.Module):
    """The decoder's input embedding, fed sliced ids: looks up their full ids."""

    def __init__(self, embedding: nn.Module, index: torch.Tensor) -> None:
        super().__init__()
        self.embedding = embedding
        self.register_buffer("index", index, persistent=False)

    @property
    def weight(self) -> torch.Tensor:
        return self.embedding.weight

    @property
    def padding_idx(self) -> int | None:
        return getattr(self.embedding, "padding_idx", None)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        return self.embedding(self.index[ids])


class SlicedVocabulary:
    """The id maps between a model's full vocabulary and its target slice.

    Args:
        ids: The target set's full ids, ascending.
        full_size: Size of the full vocabulary.
        device: Where the model runs.
    """

    def __init__(self, ids: Sequence[int], full_size: int, device: str | torch.device) -> None:
        self.index = torch.tensor(list(ids), dtype=torch.long, device=device)
        self._to_sliced = {full: k for k, full in enumerate(ids)}
        self.full_size = full_size

    def __len__(self) -> int:
        return len(self._to_sliced)

    def sliced_id(self, full_id: int | None) -> int | None:
        """The sliced id of ``full_id`` (None when it is None).

        Raises:
            ValueError: ``full_id`` is outside the target set.
        """
        if full_id is None:
            return None
        if full_id not in self._to_sliced:
            raise ValueError(f"token id {full_id} is not in the target vocabulary")
        return self._to_sliced[full_id]

    def to_full(self, ids: torch.Tensor) -> torch.Tensor:
        """Sliced ids (any shape) back to full ids."""
        return self.index[ids]

    def generation_config(self, config: Any) -> Any:
        """A copy of a ``GenerationConfig`` with every token id sliced.

        Banned sequences (``bad_words_ids``) holding a piece outside the set are dropped:
        they can never be generated.
        """
        config = copy.deepcopy(config)
        for key in ("decoder_start_token_id", "pad_token_id", "bos_token_id",
                    "forced_bos_token_id", "forced_eos_token_id"):
            value = getattr(config, key, None)
            if isinstance(value, int):
                setattr(config, key, self._to_sliced.get(value))
        eos = getattr(config, "eos_token_id", None)
        if isinstance(eos, int):
            config.eos_token_id = self.sliced_id(eos)
        elif isinstance(eos, list):
            config.eos_token_id = [self._to_sliced[i] for i in eos if i in self._to_sliced]
        bad = getattr(config, "bad_words_ids", None)
        if bad:
            kept = [[self._to_sliced[i] for i in seq] for seq in bad
                    if all(i in self._to_sliced for i in seq)]
            config.bad_words_ids = kept or None
        return config


def slice_output(model: Any, ids: Sequence[int]) -> SlicedVocabulary:
    """Cut a ``MarianMTModel``'s output layer to the full ids ``ids``, in place.

    The new projection holds a copy of the target rows (the full table stays, as the
    encoder's and decoder's input embedding). From then on the model is driven with sliced
    ids (see the module docstring).

    Returns:
        The id maps to drive ``generate()`` with.
    """
    device = model.lm_head.weight.device
    sliced = SlicedVocabulary(ids, int(model.lm_head.weight.shape[0]), device)
    with torch.no_grad():
        weight = model.lm_head.weight[sliced.index].clone()
        bias = model.final_logits_bias[:, sliced.index].clone()
    head = nn.Linear(weight.shape[1], weight.shape[0], bias=False, device=device,
                     dtype=weight.dtype)
    head.weight = nn.Parameter(weight, requires_grad=False)
    model.lm_head = head
    model.final_logits_bias = bias  # a registered buffer: replaced in place
    decoder = model.get_decoder()
    decoder.embed_tokens = _FullIdEmbedding(decoder.embed_tokens, sliced.index)
    return sliced
