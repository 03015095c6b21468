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

from translator.backends.base import Backend, BatchRequest, DecodeOptions, Hypothesis
from translator.engine.options import EngineOptions, input_limit
from translator.results import REPETITION, TRUNCATED
from translator.text.batching import plan_batches
from translator.text.chunking import split_to_fit

logger = logging.getLogger(__name__)

#: A model input's result: (translation, flags, alternatives).
Result = tuple[str, tuple[str, ...], tuple[str, ...]]


class Decoder:
    """Translates single-line model inputs with one backend and one set of options."""

    def __init__(self, backend: Backend, options: EngineOptions) -> None:
        self.backend = backend
        self.options = options
        self.max_input_tokens = input_limit(backend, options)

    def translate_inputs(self, texts: Sequence[str]) -> list[Result]:
        """Translate single-line model inputs; returns (translation, flags, alternatives).

        Inputs over the token limit are cut into pieces that are translated separately
        and joined again; a flag on any piece is a flag on the input, and the k-th
        alternative joins each piece's k-th (or best).
        """
        if not texts:
            return []
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
        hyps = self._translate_pieces(pieces, lengths)
        n_alt = self.options.alternatives
        out_text: list[list[str]] = [[] for _ in texts]
        out_flags: list[list[str]] = [[] for _ in texts]
        out_alts: list[list[list[str]]] = [[[] for _ in range(n_alt)] for _ in texts]
        for i, (text, flags, alts) in zip(owner, hyps):
            if text:
                out_text[i].append(text)
            out_flags[i] += flags
            for k in range(n_alt):
                alt = alts[k] if k < len(alts) else text
                if alt:
                    out_alts[i][k].append(alt)
        return [
            (" ".join(t), tuple(dict.fromkeys(f)), _distinct_alternatives(a, " ".join(t)))
            for t, f, a in zip(out_text, out_flags, out_alts)
        ]

    def _translate_pieces(
        self, pieces: list[str], lengths: list[int]
    ) -> list[tuple[str, list[str], tuple[str, ...]]]:
        hyps = self._decode(pieces, lengths, no_repeat=0)
        # A loop in the output is a decoding failure, unless the source repeats itself too.
        loops = [
            i for i, h in enumerate(hyps)
            if is_repetitive(h.text) and not is_repetitive(pieces[i])
        ]
        if loops and self.options.fixed_output_tokens is None:
            logger.debug("retrying %d looping outputs with no_repeat_ngram_size=3", len(loops))
            retry = self._decode([pieces[i] for i in loops], [lengths[i] for i in loops], 3)
            for i, h in zip(loops, retry):
                hyps[i] = h
        out = []
        loop_set = set(loops)
        for i, h in enumerate(hyps):
            flags = [TRUNCATED] if h.hit_limit else []
            if i in loop_set and is_repetitive(h.text):
                flags.append(REPETITION)
            out.append((h.text.strip(), flags, tuple(a.strip() for a in h.alternatives)))
        return out

    def _decode(self, pieces: list[str], lengths: list[int], no_repeat: int) -> list[Hypothesis]:
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
                alternatives=opts.alternatives,
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


def _distinct_alternatives(parts: list[list[str]], best: str) -> tuple[str, ...]:
    """Joined alternatives, without empty ones, repeats and copies of the best."""
    joined = (" ".join(p) for p in parts)
    return tuple(a for a in dict.fromkeys(joined) if a and a != best)


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

