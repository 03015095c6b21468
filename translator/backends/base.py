"""The small interface every translation backend implements."""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from translator.errors import InvalidOptionError, option_fix


@dataclass(frozen=True)
class Hypothesis:
    """A backend's output for one input.

    Attributes:
        text: The decoded translation.
        num_tokens: Output tokens generated, end-of-sentence not counted.
        hit_limit: True when decoding stopped at the length limit instead of ending itself.
        alternatives: The next-best translations of the same beam search, best first
            (as many as :attr:`DecodeOptions.alternatives` asked for; empty by default).
        score: How sure the model is of ``text``: the mean log-probability of its output
            tokens (natural log, end-of-sentence included when it ended by itself), so
            ``exp(score)`` is in (0, 1]; None when the backend cannot tell. An output cut
            to its own limit (shorter than its batch's) keeps the score of all it decoded.
        alternative_scores: The same for each alternative (empty when not known).
    """

    text: str
    num_tokens: int
    hit_limit: bool
    alternatives: tuple[str, ...] = ()
    score: float | None = None
    alternative_scores: tuple[float, ...] = ()


@dataclass(frozen=True)
class DecodeOptions:
    """How to decode one batch.

    Attributes:
        beam_size: Beams per sentence (1 is greedy search).
        max_new_tokens: Most output tokens per sentence.
        min_new_tokens: Fewest output tokens per sentence (0 lets the model stop freely;
            benchmarks force equal output lengths with it).
        no_repeat_ngram_size: Forbid repeating any n-gram of this size (0 = off).
        alternatives: Extra n-best translations to return per input (0 = none); the beam
            is widened to ``1 + alternatives`` when it is narrower.
    """

    beam_size: int
    max_new_tokens: int
    min_new_tokens: int = 0
    no_repeat_ngram_size: int = 0
    alternatives: int = 0

    @property
    def num_hypotheses(self) -> int:
        """Hypotheses kept per input: the best and the alternatives."""
        return 1 + max(0, self.alternatives)

    @property
    def num_beams(self) -> int:
        """Beams searched: the beam size, widened to hold every hypothesis asked for."""
        return max(self.beam_size, self.num_hypotheses)


@dataclass(frozen=True)
class BatchRequest:
    """One planned batch, as handed to :meth:`Backend.translate_batches`.

    Attributes:
        texts: The inputs.
        options: Decoding options of the batch.
        limits: Each input's own output limit (see :meth:`Backend.translate_batch`).
    """

    texts: tuple[str, ...]
    options: DecodeOptions
    limits: tuple[int, ...] | None = None


class Backend(ABC):
    """Runs one loaded model: counts tokens and translates batches of plain strings.

    Attributes:
        name: The backend's name as users select it.
        device: Where it runs ("cpu", "cuda", ...).
        compute_type: Numeric precision of the weights ("float32", "int8", ...; "" unknown).
        vocabulary: The output vocabulary decoded over: "target" (only the pieces the
            model's target tokenizer writes) or "full" (see
            :mod:`translator.backends.vocabulary`).
        default_beam_size: The model's own beam size.
        max_positions: The most tokens the model can encode or decode.
    """

    name: str = ""
    device: str = "cpu"
    compute_type: str = ""
    vocabulary: str = "full"
    default_beam_size: int = 4
    max_positions: int = 512

    @abstractmethod
    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Source token count of each text, end-of-sentence included."""

    @abstractmethod
    def translate_batch(
        self,
        texts: Sequence[str],
        options: DecodeOptions,
        *,
        limits: Sequence[int] | None = None,
    ) -> list[Hypothesis]:
        """Translate one batch; outputs are in input order.

        Args:
            texts: The inputs.
            options: Decoding options; ``max_new_tokens`` is the batch's largest limit.
            limits: Each input's own output limit (at most ``options.max_new_tokens``). An
                output longer than its own limit is cut there and marked ``hit_limit``, so
                a sentence's result does not depend on which sentences share its batch.
        """

    def translate_batches(self, requests: Sequence[BatchRequest]) -> list[list[Hypothesis]]:
        """Translate several planned batches; one list of hypotheses per request, in order.

        The engine hands over all batches of a window at once, so a backend that can run
        batches in parallel (CTranslate2 with several workers) keeps every worker busy.
        The default runs :meth:`translate_batch` on each request in turn.
        """
        return [
            self.translate_batch(list(r.texts), r.options, limits=r.limits) for r in requests
        ]

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the model's memory (optional)."""


#: The device names every backend accepts.
DEVICE_NAMES = "auto, cpu, cuda or cuda:N"
_DEVICE = re.compile(r"auto|cpu|cuda(:\d+)?")


def check_device_name(device: str) -> str:
    """Return ``device`` when it is "auto", "cpu", "cuda" or "cuda:N".

    Raises:
        InvalidOptionError: Any other name ("gpu", "cuda0", ...).
    """
    if not isinstance(device, str) or not _DEVICE.fullmatch(device):
        raise InvalidOptionError(
            "device", device, f"Unknown device {device!r}.",
            option_fix("device", "cpu", before="use", after=f" (or one of {DEVICE_NAMES})"),
        )
    return device
