"""Per-token log-probabilities of ``generate()``'s outputs, without keeping every step's scores.

``output_scores=True`` keeps a (rows x vocabulary) tensor per step: gigabytes for a batch of
64 sentences at beam 6. :class:`ScoreRecorder` keeps, per step and row, only the few best
log-probabilities and their ids: the token a row continues with is always among them (greedy
search takes the best; beam search takes at most ``2 * num_beams`` candidates from any one
row, and the best of that row first). After generation, :func:`token_log_probs` finds each
output token's log-probability through ``beam_indices`` (which row it came from).

The log-probabilities are ``log_softmax`` of the scores after every other processor (minimum
length, no-repeat, banned words), i.e. renormalised over the tokens still allowed, as
CTranslate2 computes them. The recorder returns the scores unchanged, so it never alters
what is generated.
"""

from __future__ import annotations

import torch
from transformers import LogitsProcessor


class ScoreRecorder(LogitsProcessor):
    """A logits processor (put last) that records each row's best log-probabilities.

    Args:
        keep: Candidates kept per row and step (1 for greedy search, ``2 * num_beams`` for
            beam search).
    """

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self.values: list[torch.Tensor] = []
        self.ids: list[torch.Tensor] = []

    def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor) -> torch.Tensor:
        """Record the step's best log-probabilities; return ``scores`` unchanged."""
        log_probs = torch.log_softmax(scores.float(), dim=-1)
        values, ids = log_probs.topk(min(self.keep, log_probs.shape[-1]), dim=-1)
        self.values.append(values)
        self.ids.append(ids)
        return scores


def token_log_probs(
    recorder: ScoreRecorder, tokens: torch.Tensor, beam_indices: torch.Tensor | None
) -> torch.Tensor:
    """Each generated token's log-probability.

    Args:
        recorder: The recorder that saw the generation.
        tokens: Generated tokens (rows x steps), the decoder start token removed.
        beam_indices: Beam search: the row of the step's scores each token came from
            (rows x steps, -1 after a hypothesis ended); None for greedy search (row i is
            row i at every step).

    Returns:
        A float tensor like ``tokens``: NaN where a token was not recorded (after the end).
    """
    steps = min(tokens.shape[1], len(recorder.values))
    out = torch.full(tokens.shape, float("nan"))
    if steps == 0:
        return out
    values = torch.stack(recorder.values[:steps]).cpu()  # steps x step_rows x keep
    ids = torch.stack(recorder.ids[:steps]).cpu()
    tokens = tokens[:, :steps].cpu()
    if beam_indices is None:
        rows = torch.arange(tokens.shape[0])[:, None].expand(-1, steps)
    else:
        rows = beam_indices[:, :steps].cpu().long()
    valid = rows >= 0
    step = torch.arange(steps)[None, :].expand_as(rows)
    cand_ids = ids[step, rows.clamp(min=0)]  # rows x steps x keep
    cand_values = values[step, rows.clamp(min=0)]
    hit = cand_ids == tokens[..., None]
    found = hit.any(-1) & valid
    picked = torch.where(hit, cand_values, torch.zeros_like(cand_values)).sum(-1)
    out[:, :steps] = torch.where(found, picked, torch.full_like(picked, float("nan")))
    return out


def mean_score(log_probs: list[float], count: int) -> float | None:
    """The mean of the first ``count`` log-probabilities, or None when one is unknown."""
    kept = log_probs[:count]
    if count <= 0 or len(kept) < count or any(v != v for v in kept):  # NaN: not recorded
        return None
    return sum(kept) / count
