"""The glossary in the engine: find terms per model input, decode, enforce.

A model input that holds glossary terms is decoded with n-best alternatives (at least
:data:`TERM_ALTERNATIVES`), then :func:`translator.terms.enforce_many` picks the first
candidate holding every term, else decodes again with the terms' English in the source
(one batched call for all such inputs), else keeps the best and flags it. Inputs without
terms are decoded as usual, in their own batches. The chosen candidate's score is the
input's score; the others stay its alternatives.

Terms are not matched inside what the engine keeps verbatim (URLs, e-mail addresses,
handles, code-like spans): :func:`protected_spans`. The glossary is enforced through the
source only (no ``suppress_sequences``), so the output vocabulary (target pieces only,
:mod:`translator.backends.vocabulary`) needs nothing special.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from translator.checks.spans import find_spans
from translator.engine.decode import Decoder, Result
from translator.results import REPETITION, TermUse
from translator.terms import Glossary, TermMatch, enforce_many, inject, missing, reason

#: Fewest n-best candidates asked for an input that holds a term.
TERM_ALTERNATIVES = 4


def protected_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every span of ``text`` that must stay verbatim."""
    spans = []
    for span in dict.fromkeys(find_spans(text)):
        spans += [(m.start(), m.end()) for m in re.finditer(re.escape(span), text)]
    return spans


def find_terms(glossary: Glossary | None, inputs: Sequence[str]) -> dict[str, list[TermMatch]]:
    """The term matches of each input that holds any (inputs without terms left out)."""
    if not glossary:
        return {}
    found = {}
    for text in inputs:
        matches = glossary.find(text, protected=protected_spans(text))
        if matches:
            found[text] = matches
    return found


def decode(
    decoder: Decoder, inputs: Sequence[str], matches: Mapping[str, list[TermMatch]]
) -> dict[str, Result]:
    """Translate ``inputs``, enforcing the glossary on those in ``matches``."""
    plain = [t for t in inputs if t not in matches]
    termed = [t for t in inputs if t in matches]
    out = dict(zip(plain, decoder.translate_inputs(plain)))
    if not termed:
        return out
    asked = decoder.options.alternatives
    n_alt = max(asked, TERM_ALTERNATIVES)
    decoded = decoder.translate_inputs(termed, alternatives=n_alt)
    redone: dict[str, Result] = {}

    def redecode(sources: list[str]) -> list[list[str]]:
        results = decoder.translate_inputs(sources, alternatives=n_alt)
        redone.update(zip(sources, results))
        return [r.candidates for r in results]

    outcomes = enforce_many(
        [(t, matches[t], r.candidates) for t, r in zip(termed, decoded)], redecode
    )
    for text, first, outcome in zip(termed, decoded, outcomes):
        base = first
        if outcome.method == "redecoded":
            injected = inject(text, matches[text])
            base = redone[injected] if injected is not None else first
        flags = base.flags if outcome.candidate == 0 else tuple(
            f for f in base.flags if f != REPETITION)
        chosen = base.candidates[outcome.candidate]
        others = [(c, base.candidate_score(i)) for i, c in enumerate(base.candidates)
                  if i != outcome.candidate and c not in (chosen, outcome.translation)]
        others = others[:asked]
        out[text] = Result(
            outcome.translation, (*flags, *outcome.flags),
            tuple(c for c, _ in others), base.candidate_score(outcome.candidate),
            tuple(s for _, s in others),
        )
    return out


def term_uses(translation: str, matches: Sequence[TermMatch]) -> tuple[tuple[TermUse, ...],
                                                                          str | None]:
    """Each term's use in ``translation``, and the ``glossary`` reason (None: all held)."""
    lacking = missing(translation, matches)
    uses = []
    for m in matches:
        use = TermUse(m.term.source, m.text if m.term.keep else m.term.target,
                      m not in lacking)
        if use not in uses:
            uses.append(use)
    return tuple(uses), (reason(lacking) if lacking else None)
