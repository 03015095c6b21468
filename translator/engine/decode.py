"""Decoding model inputs: cut to fit, batched under a token budget, retried on loops.

A model input longer than the input limit is cut into pieces (:mod:`translator.text.chunking`)
that are translated separately and joined again. Pieces are packed into batches
(:mod:`translator.text.batching`); every batch of a window goes to the backend at once. An
output that loops is decoded again with ``no_repeat_ngram_size=3``; outputs that reach
their length limit are flagged. Alternatives come from the same beam search.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

from translator.backends.base import Backend, BatchRequest, DecodeOptions, Hypothesis
from translator.engine.options import EngineOptions, input_limit
from translator.results import REPETITION, TRUNCATED
from translator.text.batching import plan_batches
from translator.text.chunking import split_to_fit

logger = logging.getLogger(__name__)



@dataclass(frozen=True)
class Result:
    """A model input's translation.

    Attributes:
        text: The best translation.
        flags: The model's flags (truncated, repetition).
        alternatives: Other translations, best first, distinct and unlike ``text``.
        score: Mean log-probability per output token; an input cut into pieces gets the
            token-weighted mean of its pieces (weight: output tokens, plus one for the
            end-of-sentence when the piece ended by itself). None when unknown.
        alternative_scores: The same for each alternative (None where unknown).
    """

    text: str
    flags: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    score: float | None = None
    alternative_scores: tuple[float | None, ...] = ()

    @property
    def candidates(self) -> list[str]:
        """The best translation and then the alternatives."""
        return [self.text, *self.alternatives]

    def candidate_score(self, index: int) -> float | None:
        """The score of :attr:`candidates` ``[index]``."""
        if index == 0:
            return self.score
        scores = self.alternative_scores
        return scores[index - 1] if index - 1 < len(scores) else None


#: A decoded piece: (text, flags, alternatives, score, alternative scores, weight).
_Piece = tuple[str, list[str], tuple[str, ...], "float | None", tuple["float | None", ...], int]


class Decoder:
    """Translates single-line model inputs with one backend and one set of options."""

    def __init__(self, backend: Backend, options: EngineOptions) -> None:
        self.backend = backend
        self.options = options
        self.max_input_tokens = input_limit(backend, options)

    def translate_inputs(
        self, texts: Sequence[str], *, alternatives: int | None = None
    ) -> list[Result]:
        """Translate single-line model inputs, one :class:`Result` each, in order.

        Inputs over the token limit are cut into pieces that are translated separately
        and joined again; a flag on any piece is a flag on the input, and the k-th
        alternative joins each piece's k-th (or best).

        Args:
            texts: The inputs.
            alternatives: n-best translations kept per input (None: the options').
        """
        if not texts:
            return []
        n_alt = self.options.alternatives if alternatives is None else alternatives
        pieces: list[str] = []
        lengths: list[int] = []
        owner: list[int] = []
        for i, (text, n) in enumerate(zip(texts, self.backend.count_tokens(texts))):
            if n <= self.max_input_tokens:
                parts, sizes = [text], [n]
            else:
                parts = split_to_fit(text, self.backend.count_tokens, self.max_input_tokens)
                sizes = self.backend.count_tokens(parts)
                logger.debug("cut a %d-token sentence into %d pieces", n, len(parts))
            pieces += parts
            lengths += sizes
            owner += [i] * len(parts)
        hyps = self._translate_pieces(pieces, lengths, n_alt)
        grouped: list[list[_Piece]] = [[] for _ in texts]
        for i, piece in zip(owner, hyps):
            grouped[i].append(piece)
        return [_join(parts, n_alt) for parts in grouped]

    def _translate_pieces(
        self, pieces: list[str], lengths: list[int], n_alt: int
    ) -> list[_Piece]:
        hyps = self._decode(pieces, lengths, 0, n_alt)
        # A loop in the output is a decoding failure, unless the source repeats itself too.
        loops = [
            i for i, h in enumerate(hyps)
            if is_repetitive(h.text) and not is_repetitive(pieces[i])
        ]
        if loops and self.options.fixed_output_tokens is None:
            logger.debug("retrying %d looping outputs with no_repeat_ngram_size=3", len(loops))
            retry = self._decode([pieces[i] for i in loops], [lengths[i] for i in loops], 3,
                                 n_alt)
            for i, h in zip(loops, retry):
                hyps[i] = h
        out = []
        loop_set = set(loops)
        for i, h in enumerate(hyps):
            flags = [TRUNCATED] if h.hit_limit else []
            if i in loop_set and is_repetitive(h.text):
                flags.append(REPETITION)
            weight = h.num_tokens + (0 if h.hit_limit else 1)
            out.append((h.text.strip(), flags, tuple(a.strip() for a in h.alternatives),
                        h.score, tuple(h.alternative_scores), weight))
        return out

    def _decode(
        self, pieces: list[str], lengths: list[int], no_repeat: int, n_alt: int
    ) -> list[Hypothesis]:
        opts = self.options
        hyps: list[Hypothesis | None] = [None] * len(pieces)
        batches = plan_batches(
            lengths, max_tokens=opts.max_batch_tokens, max_size=opts.max_batch_size
        )
        requests = []
        for batch in batches:
            longest = max(lengths[i] for i in batch)
            decode = DecodeOptions(
                beam_size=opts.beam_size,
                max_new_tokens=self.output_limit(longest),
                min_new_tokens=opts.fixed_output_tokens or 0,
                no_repeat_ngram_size=no_repeat,
                alternatives=n_alt,
            )
            texts = tuple(pieces[i] for i in batch)
            limits = tuple(self.output_limit(lengths[i]) for i in batch)
            requests.append(BatchRequest(texts, decode, limits))
        # All batches of the window at once: a backend with parallel workers runs them
        # side by side; the default runs them one after another.
        for batch, out in zip(batches, self.backend.translate_batches(requests), strict=True):
            for i, h in zip(batch, out, strict=True):
                hyps[i] = h
        return hyps  # type: ignore[return-value]

    def output_limit(self, input_tokens: int) -> int:
        """Most output tokens for an input of ``input_tokens`` tokens."""
        if self.options.fixed_output_tokens is not None:
            return self.options.fixed_output_tokens
        limit = math.ceil(self.options.output_ratio * input_tokens) + self.options.output_margin
        return min(limit, self.backend.max_positions - 2)


def _mean(scores: Sequence[float | None], weights: Sequence[int]) -> float | None:
    """The weighted mean of the pieces' scores; None when one is unknown."""
    if not scores or any(s is None for s in scores):
        return None
    if len(scores) == 1:
        return scores[0]
    total = sum(weights)
    if total <= 0:
        return sum(scores) / len(scores)  # type: ignore[arg-type]
    return sum(s * w for s, w in zip(scores, weights)) / total  # type: ignore[operator]


def _join(parts: list[_Piece], n_alt: int) -> Result:
    """One input's :class:`Result` from its pieces (see :meth:`Decoder.translate_inputs`).

    An alternative's score weighs its pieces as the best's pieces are weighed (the
    backend does not count an alternative's tokens).
    """
    texts = [p[0] for p in parts if p[0]]
    flags = tuple(dict.fromkeys(f for p in parts for f in p[1]))
    weights = [p[5] for p in parts]
    best = " ".join(texts)
    score = _mean([p[3] for p in parts], weights)
    found: dict[str, float | None] = {}
    for k in range(n_alt):
        words, scores = [], []
        for text, _, alts, piece_score, alt_scores, _ in parts:
            if k < len(alts):
                words.append(alts[k])
                scores.append(alt_scores[k] if k < len(alt_scores) else None)
            else:
                words.append(text)
                scores.append(piece_score)
        joined = " ".join(w for w in words if w)
        if joined and joined != best and joined not in found:
            found[joined] = _mean(scores, weights)
    return Result(best, flags, tuple(found), score, tuple(found.values()))


def is_repetitive(text: str, *, max_ngram: int = 6) -> bool:
    """True when ``text`` contains a degenerate loop ("I'm sorry I'm sorry I'm sorry ...").

    A loop is any run of 1 to ``max_ngram`` words repeated back to back: a single word four
    times or more, a longer n-gram three times or more.
    """
    words = text.split()
    n_words = len(words)
    for n in range(1, max_ngram + 1):
        needed = 4 if n == 1 else 3
        if n * needed > n_words:
            break
        for start in range(n_words - n * needed + 1):
            gram = words[start : start + n]
            reps = 1
            pos = start + n
            while words[pos : pos + n] == gram:
                reps += 1
                pos += n
                if reps >= needed:
                    return True
    return False

