"""Sentences and paragraphs from the engine's results: flags, reasons, memory, confidence.

The one place a :class:`~translator.results.Sentence` is made. A sentence's translation
comes from the translation memory (origin "memory", verbatim, no score) or from the model
(its score and confidence, the glossary terms it holds, the memory's fuzzy suggestions,
and the flags of the model, the glossary, the text checks and the confidence threshold).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from translator.checks import check_pair
from translator.engine.decode import Result
from translator.engine.glossary import term_uses
from translator.memory import Entry
from translator.results import (
    EMPTY,
    FLAG_REASONS,
    GLOSSARY,
    LOW_CONFIDENCE,
    MEMORY,
    SANITIZED,
    Paragraph,
    Sentence,
    Suggestion,
)
from translator.terms import TermMatch
from translator.text.layout import Block, Segment


@dataclass
class WindowResults:
    """What a window's paragraphs are rendered from.

    Attributes:
        results: The model's result per model input.
        memory: The memory entry per model input found there verbatim.
        suggestions: The memory's fuzzy matches per model input.
        matches: The glossary terms per model input that holds any.
        min_confidence: Flag sentences whose confidence is below it (None: never).
        checks: Run the text checks and the confidence threshold (a check too).
    """

    results: Mapping[str, Result]
    memory: Mapping[str, Entry] = field(default_factory=dict)
    suggestions: Mapping[str, tuple[Suggestion, ...]] = field(default_factory=dict)
    matches: Mapping[str, list[TermMatch]] = field(default_factory=dict)
    min_confidence: float | None = None
    checks: bool = True


def memory_paragraph(block: Block, entry: Entry) -> Paragraph:
    """A paragraph whose whole text is a memory source: the memory's target, verbatim."""
    sentence = Sentence(source=block.text, translation=entry.target, origin=MEMORY)
    return Paragraph(source=block.text, translation=entry.target, sentences=(sentence,))


def sentences(
    segments: Sequence[Segment], window: WindowResults, replaced: Sequence[int] = ()
) -> tuple[Sentence, ...]:
    """The translated sentences of ``segments`` (``replaced``: lone surrogates' offsets)."""
    sentences = []
    for seg in segments:
        key = seg.model_input
        sanitized = bool(replaced) and bisect.bisect_left(replaced, seg.start) < \
            bisect.bisect_left(replaced, seg.end)
        entry = None if seg.verbatim else window.memory.get(key)
        if seg.verbatim or entry is not None:
            flags = (SANITIZED,) if sanitized else ()
            sentences.append(Sentence(
                source=seg.text, translation=seg.text if entry is None else entry.target,
                flags=flags, reasons=tuple(FLAG_REASONS[f] for f in flags),
                origin=MEMORY if entry is not None else "model"))
            continue
        sentences.append(_model_sentence(seg.text, key, window, sanitized))
    return tuple(sentences)


def paragraph(block: Block, sentences: Sequence[Sentence]) -> Paragraph:
    """The translated :class:`Paragraph` of ``block`` from its sentences, in order.

    One memory sentence for the whole block (:func:`memory_paragraph`) stands for it all.
    """
    if len(sentences) == 1 and len(block.segments) != 1 and sentences[0].source == block.text:
        return Paragraph(source=block.text, translation=sentences[0].translation,
                         sentences=tuple(sentences))
    translation = block.render([s.translation for s in sentences])
    return Paragraph(source=block.text, translation=translation, sentences=tuple(sentences))


def _model_sentence(source: str, key: str, window: WindowResults, sanitized: bool) -> Sentence:
    result = window.results[key]
    text, flags = result.text, list(result.flags)
    if not text and key and EMPTY not in flags:
        flags.append(EMPTY)
    if sanitized:
        flags.append(SANITIZED)
    matches = window.matches.get(key, ())
    uses, glossary_reason = term_uses(text, matches) if matches else ((), None)
    if GLOSSARY in flags and glossary_reason is None:
        flags.remove(GLOSSARY)  # every term is there after all
    elif glossary_reason is not None and GLOSSARY not in flags:
        flags.append(GLOSSARY)
    reasons = [glossary_reason if f == GLOSSARY else FLAG_REASONS.get(f, f) for f in flags]
    score = result.score
    confidence = None if score is None else min(1.0, math.exp(score))
    if window.checks:  # the text checks, each flag once
        found = check_pair(source, text)
        for f, r in zip(found.flags, found.reasons):
            if f not in flags:
                flags.append(f)
                reasons.append(r)
    low = window.min_confidence
    if window.checks and confidence is not None and low is not None and confidence < low:
        flags.append(LOW_CONFIDENCE)
        reasons.append(f"{LOW_CONFIDENCE}: confidence {confidence:.2f} is below {low:.2f}")
    return Sentence(
        source=source, translation=text, flags=tuple(flags), alternatives=result.alternatives,
        reasons=tuple(r or "" for r in reasons), suggestions=window.suggestions.get(key, ()),
        score=score, confidence=confidence, terms=uses,
    )
