"""Rule-based sentence splitter for Indonesian text.

The splitter works on whitespace-separated tokens.  A sentence boundary can only
fall *between* two tokens (or, rarely, inside a token such as ``selesai.Lalu``),
so every non-whitespace character of the input ends up in exactly one sentence.

For each candidate position the decision is made from two pieces of evidence:

* the token that ends with terminal punctuation (``.``, ``?``, ``!``, ``...``,
  ``…``), in particular the word before a period: is it a known abbreviation,
  an initial, a number, a list marker, or an ordinary word?
* the token that follows: does it look like the start of a sentence (capital
  letter, digit, opening quote followed by a capital), or like a continuation
  (lowercase word, speech verb after a quotation)?

A few decisions look one token further: after a company suffix ("Tbk.",
"Inc.") two capitalised words read as a name ("Tbk. Jahja Setiaatmadja
mengatakan"), and emoticons, emoji and hashtags written after final
punctuation stay with the sentence they close ("Selamat! 🎉 Kami ...").

:func:`running_text_spans` reads its input as running text (line breaks are spaces);
:func:`sentence_spans` and :func:`split_sentences` take a whole text and also end a
sentence at every blank line and every line that stands alone, as
:mod:`translator.text.layout` decides.

The package is pure Python (standard library only) and runs in linear time.  Its
modules, each owning one concern:

* :mod:`translator.text.segment.words`: the word lists (titles, ranks, abbreviations,
  degrees, sentence starters, speech verbs, top-level domains);
* :mod:`translator.text.segment.tokens`: character classes and what one token is;
* :mod:`translator.text.segment.boundaries`: whether a sentence ends between two tokens;
* :mod:`translator.text.segment.spans`: the walk over a text and the public span functions.

This package module only re-exports the public names, so
``from translator.text.segment import split_sentences`` and ``segment.NEVER_FINAL`` keep working.
"""

from __future__ import annotations

from translator.text.segment.boundaries import period_never_ends
from translator.text.segment.spans import (
    MAX_BRACKET_TOKENS,
    MAX_WORD_CHARS,
    running_text_spans,
    sentence_spans,
    split_sentences,
)
from translator.text.segment.tokens import (
    BULLETS,
    CLOSERS,
    OPENERS,
    QUOTE_CLOSERS,
    QUOTE_OPENERS,
    TERMINALS,
    TRAILING_PUNCT,
)
from translator.text.segment.words import (
    AMBIGUOUS_ABBREVIATIONS,
    CASE_SENSITIVE_NEVER_FINAL,
    CATEGORY_NOUNS,
    COMPANY_SUFFIXES,
    DEGREES,
    LIST_END_ABBREVIATIONS,
    LOWERCASE_TITLES,
    MID_SENTENCE_ABBREVIATIONS,
    MONTH_ABBREVIATIONS,
    NEVER_FINAL,
    NUMBER_PREFIXES,
    NUMBER_WORDS,
    RANKS,
    REFERENCE_WORDS,
    SENTENCE_STARTERS,
    SPEECH_VERBS,
    TITLES,
    TOP_LEVEL_DOMAINS,
)

__all__ = [
    # the splitter
    "period_never_ends",
    "running_text_spans",
    "sentence_spans",
    "split_sentences",
    # character classes, word lists and limits, public since the single-module splitter
    # (benchmarks/splitter_eval.py reads segment.NEVER_FINAL and friends)
    "AMBIGUOUS_ABBREVIATIONS",
    "BULLETS",
    "CASE_SENSITIVE_NEVER_FINAL",
    "CATEGORY_NOUNS",
    "CLOSERS",
    "COMPANY_SUFFIXES",
    "DEGREES",
    "LIST_END_ABBREVIATIONS",
    "LOWERCASE_TITLES",
    "MAX_BRACKET_TOKENS",
    "MAX_WORD_CHARS",
    "MID_SENTENCE_ABBREVIATIONS",
    "MONTH_ABBREVIATIONS",
    "NEVER_FINAL",
    "NUMBER_PREFIXES",
    "NUMBER_WORDS",
    "OPENERS",
    "QUOTE_CLOSERS",
    "QUOTE_OPENERS",
    "RANKS",
    "REFERENCE_WORDS",
    "SENTENCE_STARTERS",
    "SPEECH_VERBS",
    "TERMINALS",
    "TITLES",
    "TOP_LEVEL_DOMAINS",
    "TRAILING_PUNCT",
]
