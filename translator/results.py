"""Result types: small, frozen, JSON-serialisable dataclasses."""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from translator.exchange.xliff import XliffUnit

#: Flag set on a sentence whose output reached its length limit before the model ended it.
TRUNCATED = "truncated"
#: Flag set on a sentence whose output still repeats itself after a retry that forbids loops.
REPETITION = "repetition"
#: Flag set on a sentence whose source held lone surrogates (text no encoding can hold, e.g.
#: from a broken JSON escape); each was replaced with U+FFFD before translating.
SANITIZED = "sanitized"
#: Flag set on a sentence with text to translate whose translation came back empty.
EMPTY = "empty"

#: Flag set on a sentence that holds a glossary term whose English (or, for a
#: do-not-translate term, the term itself) is not in the translation.
GLOSSARY = "glossary"
#: Flag set on a sentence whose confidence is below the translator's ``min_confidence``.
LOW_CONFIDENCE = "low-confidence"

#: ``Sentence.origin`` of a sentence the model translated (or left as it was: a URL, a number).
MODEL = "model"
#: ``Sentence.origin`` of a sentence whose translation is a translation memory's, verbatim.
MEMORY = "memory"

#: Why the engine's own flags are set, as a reader sees it. The text checks
#: (:mod:`translator.checks`: numbers, spans, untranslated, length) give their own.
FLAG_REASONS = {
    TRUNCATED: f"{TRUNCATED}: the translation reached its length limit and may be cut off",
    REPETITION: f"{REPETITION}: the translation repeats itself; check it against the source",
    SANITIZED: f"{SANITIZED}: characters no encoding can hold were replaced before translating",
    EMPTY: f"{EMPTY}: the translation of a non-empty source is empty",
}


@dataclass(frozen=True)
class Suggestion:
    """A translation memory entry whose source resembles a sentence (a fuzzy match).

    Attributes:
        source: The entry's source.
        target: Its translation: a suggestion, never applied.
        score: Similarity in [0, 1) (see :mod:`translator.memory.index`).
        origin: The file it came from.
    """

    source: str
    target: str
    score: float
    origin: str


@dataclass(frozen=True)
class TermUse:
    """A glossary term found in a sentence, and whether its translation holds it.

    Attributes:
        source: The term as the glossary spells it.
        target: Its English (the term itself for a do-not-translate term).
        applied: True when the translation holds it; False when the sentence is flagged
            ``glossary`` for it.
    """

    source: str
    target: str
    applied: bool


@dataclass(frozen=True)
class Sentence:
    """One translated segment.

    Attributes:
        source: The exact source text of the segment, as it appears in the input (a sentence
            hard-wrapped over several lines keeps its line breaks here).
        translation: The English translation ("" for an empty segment). Text that needs no
            translation (a URL, a number, an e-mail address) is returned unchanged.
        flags: Problems found with this segment, such as ``"truncated"`` or ``"numbers"``
            (see :mod:`translator.checks`); empty when all is well.
        alternatives: Other translations from the same beam search, best first, when they
            were asked for (``Translator.translate_document(text, alternatives=3)``);
            distinct and different from ``translation``, so there may be fewer.
        origin: ``"model"``, or ``"memory"`` when a translation memory gave the
            translation verbatim (the model did not run for it).
        suggestions: Fuzzy matches from the translation memory (similarity at least 0.75,
            below 1), best first; never applied.
        score: The model's mean log-probability per output token (natural log); a
            sentence cut into pieces gets the token-weighted mean. None when the model did
            not translate it or the backend cannot tell.
        confidence: ``exp(score)``, in (0, 1]; None with ``score``.
        terms: The glossary terms found in the source and whether each was applied.
        reasons: One short human-readable reason per flag, in the same order, each starting
            with its flag's name (``"numbers: not in the translation: 'Rp1.500.000'"``).
    """

    source: str
    translation: str
    flags: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    origin: str = MODEL
    suggestions: tuple[Suggestion, ...] = ()
    score: float | None = None
    confidence: float | None = None
    terms: tuple[TermUse, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """A blank-line separated block of the input.

    Attributes:
        source: The exact source text of the block.
        translation: The translated block with the source's line layout: standalone lines stay
            lines, with their list markers and indentation.
        sentences: The block's segments in order.
    """

    source: str
    translation: str
    sentences: tuple[Sentence, ...] = ()

    @property
    def flags(self) -> tuple[str, ...]:
        """All distinct flags of the block's sentences, in order of first appearance."""
        return _distinct(flag for s in self.sentences for flag in s.flags)


@dataclass(frozen=True)
class Provenance:
    """What produced a translation, like faster-whisper's ``TranscriptionInfo``.

    Attributes:
        model: The model as it was asked for (hub id or path).
        backend: The backend that ran it ("transformers", "ctranslate2", ...).
        device: Where it ran ("cpu", "cuda:0", ...).
        compute_type: Numeric precision ("float32", "int8", ...; "" when unknown).
        vocabulary: The output vocabulary decoded over ("target" or "full"; "" unknown).
        beam_size: Beams per sentence.
        max_input_tokens: Longest piece given to the model; longer sentences were cut.
        options_signature: ``Translator.options_signature``: a digest of everything that
            decides the translation (equal signatures give equal translations).
        version: The indo-translator version.
    """

    model: str
    backend: str
    device: str = ""
    compute_type: str = ""
    vocabulary: str = ""
    beam_size: int = 0
    max_input_tokens: int = 0
    options_signature: str = ""
    version: str = ""


@dataclass(frozen=True)
class Document:
    """A translated document.

    Attributes:
        source: The input text, unchanged (but for lone surrogates, which no encoding can
            hold: each is replaced with U+FFFD and its sentence flagged ``"sanitized"``).
        translation: The full translation with the source's blank-line skeleton.
        paragraphs: The blocks of the document in order.
        model: The model that produced the translation.
        backend: The backend that ran it (``"transformers"`` or ``"ctranslate2"``).
        provenance: Everything that produced it (model, backend, device, compute type,
            decoding options, package version); None when unknown.
        alternatives: Whole-text alternatives (asked for with ``alternatives=N``): the
            k-th puts each sentence's k-th alternative (or its best) into the source's
            layout; distinct and different from ``translation``. From the same beam search.
    """

    source: str
    translation: str
    paragraphs: tuple[Paragraph, ...] = ()
    model: str = ""
    backend: str = ""
    provenance: Provenance | None = field(default=None, compare=False)
    alternatives: tuple[str, ...] = ()

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence of every paragraph, in order."""
        return tuple(s for p in self.paragraphs for s in p.sentences)

    @property
    def flags(self) -> tuple[str, ...]:
        """All distinct flags of the document's sentences."""
        return _distinct(flag for p in self.paragraphs for flag in p.flags)

    def to_dict(self) -> dict[str, Any]:
        """The document as plain dicts and lists, ready for ``json.dumps``."""
        return dataclasses.asdict(self)

    def to_json(self, **kwargs: Any) -> str:
        """The document as a JSON string (keyword arguments go to ``json.dumps``)."""
        kwargs.setdefault("ensure_ascii", False)
        return json.dumps(self.to_dict(), **kwargs)

    def xliff_units(self) -> list[XliffUnit]:
        """The document's sentences as XLIFF review units, in order.

        ``target`` is the translation; ``state`` is ``"translated"`` for a memory hit,
        ``"needs-review-translation"`` otherwise; each flag (with its reason) is a note;
        fuzzy memory matches and the model's alternatives are alternatives.
        """
        from translator.exchange.xliff import NEEDS_REVIEW, TRANSLATED, Alternative, XliffUnit

        units = []
        for s in self.sentences:
            notes = tuple(s.reasons[i] if i < len(s.reasons) else flag
                          for i, flag in enumerate(s.flags))
            alternatives = (
                *(Alternative(m.target, m.source, m.score, m.origin) for m in s.suggestions),
                *(Alternative(text, origin=MODEL) for text in s.alternatives),
            )
            units.append(XliffUnit(s.source, s.translation,
                                   state=TRANSLATED if s.origin == MEMORY else NEEDS_REVIEW,
                                   notes=notes, alternatives=alternatives))
        return units

    def to_xliff(
        self, *, original: str = "text", source_language: str = "id",
        target_language: str = "en",
    ) -> bytes:
        """The document as an XLIFF 1.2 file for review in any CAT tool (UTF-8 bytes).

        One ``trans-unit`` per sentence (see :meth:`xliff_units`); the file carries the
        source text (UTF-8) as its skeleton, so ``translator merge FILE.xlf`` rebuilds the
        translation, with the edited targets, in the source's layout.

        Args:
            original: The name the XLIFF gives the source (``<file original>``).
            source_language: Language of the sources.
            target_language: Language of the targets.
        """
        from translator.exchange.xliff import TEXT_FORMAT, write_xliff

        return write_xliff([self.xliff_units()], skeleton=self.source.encode("utf-8"),
                           original=original, format=TEXT_FORMAT,
                           source_language=source_language, target_language=target_language)


def _distinct(items: Any) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))
