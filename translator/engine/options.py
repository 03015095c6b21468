"""The engine's options, and what they come to with a given backend.

Checked once at the public edge (:func:`translator.validate.check_counts`), not here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from translator.backends.base import Backend


@dataclass(frozen=True)
class EngineOptions:
    """Knobs of the engine.

    Attributes:
        beam_size: Beams per sentence.
        max_input_tokens: Longest input piece in tokens; longer sentences are cut.
        max_batch_tokens: Budget of padded source tokens per batch.
        max_batch_size: Most sentences per batch.
        first_window_sentences: Sentences in the first window, so the first paragraph is
            ready quickly; each later window is four times larger, up to
            ``window_sentences``.
        window_sentences: Most sentences gathered before a window is translated.
        output_ratio: Output limit per input token; the limit is
            ``ceil(output_ratio * input_tokens) + output_margin``, at most the model's.
        output_margin: See ``output_ratio``.
        fixed_output_tokens: Force exactly this many output tokens per piece
            (benchmarks only: random weights never stop on their own).
        alternatives: n-best translations kept per sentence (``Sentence.alternatives``);
            such calls do not use the cache.
    """

    beam_size: int = 4
    max_input_tokens: int = 200
    max_batch_tokens: int = 4096
    max_batch_size: int = 64
    first_window_sentences: int = 8
    window_sentences: int = 1024
    output_ratio: float = 2.0
    output_margin: int = 16
    fixed_output_tokens: int | None = None
    alternatives: int = 0


def input_limit(backend: Backend, options: EngineOptions) -> int:
    """The longest input piece in tokens: the option, within the model's positions.

    Room is left for the end-of-sentence token inside the model's positions.
    """
    return min(options.max_input_tokens, backend.max_positions - 2)
