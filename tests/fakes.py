"""A deterministic stand-in backend for testing the engine's mechanics exactly."""

from __future__ import annotations

import threading
from collections.abc import Sequence

from translator.backends.base import Backend, DecodeOptions, Hypothesis


class FakeBackend(Backend):
    """"Translates" by upper-casing; one token per word plus end-of-sentence.

    Records every batch it was given, so tests can check batching. An input containing
    ``LOOP`` produces a repetition loop unless ``no_repeat_ngram_size`` is set; one
    containing ``STUCK`` loops even then. Asked for alternatives, it gives the output with
    `` #1``, `` #2``, ... appended.
    """

    name = "fake"
    device = "cpu"
    default_beam_size = 6
    max_positions = 512

    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.options: list[DecodeOptions] = []

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        return [len(t.split()) + 1 for t in texts]

    def translate_batch(
        self,
        texts: Sequence[str],
        options: DecodeOptions,
        *,
        limits: Sequence[int] | None = None,
    ) -> list[Hypothesis]:
        self.batches.append(list(texts))
        self.options.append(options)
        limits = limits or [options.max_new_tokens] * len(texts)
        out = []
        for text, limit in zip(texts, limits):
            words = text.upper().split()
            if "STUCK" in words or ("LOOP" in words and not options.no_repeat_ngram_size):
                words = ["SORRY"] * 8
            words += ["PAD"] * (options.min_new_tokens - len(words))
            hit = len(words) >= limit
            text = " ".join(words[:limit])
            alternatives = tuple(f"{text} #{k}" for k in range(1, options.alternatives + 1))
            out.append(Hypothesis(text, min(len(words), limit), hit, alternatives))
        return out


def hold_batches(backend: FakeBackend) -> threading.Event:
    """Make ``backend``'s batches wait (10 s at most) until the returned event is set."""
    gate = threading.Event()
    original = backend.translate_batch

    def held(texts, options, *, limits=None):  # noqa: ANN001, ANN202
        gate.wait(10)
        return original(texts, options, limits=limits)

    backend.translate_batch = held  # type: ignore[method-assign]
    return gate


def interrupt_on_batch(backend: FakeBackend, n: int) -> None:
    """Make ``backend``'s ``n``-th batch raise ``KeyboardInterrupt`` (a user's Ctrl-C)."""
    calls = 0
    original = backend.translate_batch

    def flaky(texts, options, *, limits=None):  # noqa: ANN001, ANN202
        nonlocal calls
        calls += 1
        if calls == n:
            raise KeyboardInterrupt
        return original(texts, options, limits=limits)

    backend.translate_batch = flaky  # type: ignore[method-assign]


class ScriptedBackend(FakeBackend):
    """Says what a script says: ``script[input] = [(text, score), ...]`` (best first).

    An input not in the script is upper-cased with ``default_score``. Every input the
    model was given is in ``inputs``; each output has as many alternatives as asked and the
    script holds (the rest are dropped), with their scores.
    """

    name = "scripted"

    def __init__(self, script: dict[str, list[tuple[str, float]]] | None = None,
                 default_score: float | None = -0.1) -> None:
        super().__init__()
        self.script = dict(script or {})
        self.default_score = default_score
        self.inputs: list[str] = []

    def translate_batch(self, texts, options, *, limits=None):  # noqa: ANN001, ANN201
        self.batches.append(list(texts))
        self.options.append(options)
        self.inputs += list(texts)
        out = []
        for text in texts:
            nbest = self.script.get(text) or [(text.upper(), self.default_score)]
            best, *rest = nbest[: 1 + options.alternatives]
            out.append(Hypothesis(
                best[0], len(best[0].split()), False, tuple(t for t, _ in rest), best[1],
                tuple(s for _, s in rest)))
        return out
