"""Making a translation use the glossary: choose, re-decode, check, else flag.

Pure decision logic, the same for every backend. For each sentence that holds terms:

1. **Choose**: the first of the beam search's n-best candidates (best first) that holds
   every term (:func:`satisfied`) wins: the best itself, else an alternative.
2. **Re-decode**: else the source is decoded again with each term's English written in
   place of the Indonesian (:func:`inject`), and the first candidate of that decoding that
   holds every term wins. The English in the source was chosen over the alternatives
   because it works with every backend through its ordinary ``translate_batch`` (no special
   tokens, no ``target_prefix`` support needed), batches with the other sentences, and
   MarianMT copies English words and names in Indonesian text through well (Indonesian
   text is full of them). A placeholder would need the model to copy a token it never saw
   in training; a ``target_prefix`` needs to know where in the English the term goes. A
   clitic stays, hyphenated as Indonesian writes it on foreign words
   (``pemerintahnya`` -> ``government-nya``). Keep terms are already in the source, so a
   sentence whose only missing terms are keep terms is not re-decoded.
3. **Flag**: else the best candidate is kept with the flag ``glossary`` and a reason naming
   each missing term and its English: ``glossary: "Badan Pusat Statistik" should be
   "Statistics Indonesia"`` (``"BRIN" should stay "BRIN"`` for a keep term).

A sentence without terms is never flagged. :func:`enforce_many` does this for a batch of
sentences with one call of ``redecode`` for all the sentences that need it.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from translator.terms.match import TermMatch, capitalise

#: The flag of a sentence whose translation misses a glossary term.
GLOSSARY = "glossary"

#: Re-decodes sources: one n-best list (best first) per input, in input order.
Redecode = Callable[[list[str]], list[list[str]]]

#: How a translation was arrived at (:attr:`Enforced.method`).
METHODS = ("none", "best", "alternative", "redecoded", "flagged")


@dataclass(frozen=True)
class Enforced:
    """The outcome for one sentence.

    Attributes:
        translation: The translation to use.
        flags: ``("glossary",)`` when a term is missing from it, else ``()``.
        reasons: One reason per flag (see the module docstring for the wording).
        applied: The term occurrences the translation holds.
        missing: The term occurrences it lacks (flagged).
        method: "none" (no terms in the sentence), "best", "alternative" (an n-best
            candidate after the best), "redecoded" or "flagged".
        candidate: The index of the chosen candidate in its n-best list: the list given
            (methods "none", "best", "alternative", "flagged") or the re-decoding's
            ("redecoded"), so a caller can take that hypothesis's score.
    """

    translation: str
    flags: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    applied: tuple[TermMatch, ...] = ()
    missing: tuple[TermMatch, ...] = ()
    method: str = "none"
    candidate: int = 0


@functools.lru_cache(maxsize=4096)
def _pattern(expected: str, exact: bool, plural: bool = False) -> re.Pattern[str]:
    words = [re.escape(w) for w in expected.split()]
    if plural and words and words[-1][-1:].isalpha():
        last = words[-1]
        if len(last) > 2 and last[-1] in "yY" and last[-2] not in "aeiouAEIOU":
            words[-1] = f"{last[:-1]}(?:y|ies)"
        else:
            words[-1] = f"{last}(?:s|es)?"
    body = r"\s+".join(words)
    return re.compile(rf"(?<!\w){body}(?!\w)", 0 if exact else re.IGNORECASE)


def satisfied(translation: str, match: TermMatch) -> bool:
    """True when ``translation`` holds the term's English as whole words.

    Any case and any whitespace between words for a translated term (a capital at the
    start of the sentence, or a title-case term, counts), and its last word may be plural
    (``party`` holds in ``parties``: Indonesian rarely marks the plural, so ``partai``
    is often ``parties``); a keep term must appear verbatim,
    case included, as the source writes it or as the glossary does (``Bank`` starting an
    Indonesian sentence may be ``bank`` inside the English one).
    """
    if match.term.keep:
        return any(_pattern(form, True).search(translation) is not None
                   for form in dict.fromkeys((match.text, match.term.source)))
    return _pattern(match.english, False, True).search(translation) is not None


def terms_key(matches: Sequence[TermMatch]) -> str:
    """A short stable key of the terms a sentence holds, for its cache key.

    A sentence's translation depends on the glossary only through the terms it holds, so
    a cache keyed by this (not the whole glossary's digest) stays valid when unrelated
    terms change. "" for no terms.
    """
    if not matches:
        return ""
    lines = sorted({f"{m.term.source}\t{m.term.target}" for m in matches})
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def missing(translation: str, matches: Sequence[TermMatch]) -> tuple[TermMatch, ...]:
    """The matches whose English ``translation`` lacks."""
    return tuple(m for m in matches if not satisfied(translation, m))


def reason(matches: Sequence[TermMatch]) -> str:
    """The ``glossary`` flag's reason for these missing terms (each named once)."""
    parts: list[str] = []
    for m in matches:
        if m.term.keep:
            part = f'"{m.text}" should stay "{m.text}"'
        else:
            part = f'"{m.term.source}" should be "{m.term.target}"'
        if part not in parts:
            parts.append(part)
    return f"{GLOSSARY}: " + "; ".join(parts)


def inject(source: str, matches: Sequence[TermMatch]) -> str | None:
    """``source`` with each translated term's English in place of its Indonesian.

    A clitic written on the term is kept after a hyphen (``Statistics Indonesia-nya``).
    None when no term would change (only keep terms): decoding again would not help.
    """
    pieces: list[str] = []
    done = 0
    for m in sorted(matches, key=lambda m: m.start):
        if m.term.keep or m.start < done:
            continue
        pieces += [source[done:m.start], m.english + ("-" if m.clitic else "")]
        done = m.end
    if not pieces:
        return None
    pieces.append(source[done:])
    return "".join(pieces)


def fix_case(translation: str, matches: Sequence[TermMatch]) -> str:
    """Raise the case of each translated term found in ``translation`` to the glossary's.

    Only lower-case letters the glossary writes in upper case change (``statistics
    indonesia`` -> ``Statistics Indonesia``), and a term that starts the translation gets
    a capital; a capital the model wrote is never lowered (``President`` before a name).
    """
    out = translation
    for m in matches:
        if m.term.keep:
            continue
        target = m.term.target
        for found in list(_pattern(target, False).finditer(out)):
            written = found.group()
            fixed = _raise_case(written, target)
            if found.start() == _first_letter(out):
                fixed = capitalise(fixed)
            if fixed != written:
                out = out[:found.start()] + fixed + out[found.end():]
    return out


def _raise_case(written: str, target: str) -> str:
    """``written`` with the upper-case letters of ``target`` (same words, any spacing)."""
    letters = iter(c for c in target if not c.isspace())
    out = []
    for c in written:
        if c.isspace():
            out.append(c)
            continue
        t = next(letters, c)
        out.append(t if t.isupper() and c.lower() == t.lower() else c)
    return "".join(out)


def _first_letter(text: str) -> int:
    return next((i for i, c in enumerate(text) if c.isalnum()), -1)


def _chosen(translation: str, matches: Sequence[TermMatch], method: str,
            candidate: int) -> Enforced:
    fixed = fix_case(translation, matches)
    if fixed != translation and missing(fixed, matches):  # a case fix must never undo a term
        fixed = translation
    return Enforced(fixed, applied=tuple(matches), method=method, candidate=candidate)


def _first_holding(candidates: Sequence[str], matches: Sequence[TermMatch]) -> int | None:
    for i, text in enumerate(candidates):
        if not missing(text, matches):
            return i
    return None


def enforce_many(
    items: Sequence[tuple[str, Sequence[TermMatch], Sequence[str]]],
    redecode: Redecode | None = None,
) -> list[Enforced]:
    """Enforce the glossary on a batch of sentences; one outcome per item, in order.

    Args:
        items: ``(source, matches, candidates)`` per sentence: its source text, its term
            matches (``Glossary.find(source)``), and its n-best translations, best first
            (just the best for a sentence without terms).
        redecode: Translates a list of sources, returning an n-best list (best first) for
            each; called once, with the injected sources of every sentence that no
            candidate satisfies. None: no re-decoding (such sentences are flagged).

    Raises:
        ValueError: An item has no candidate, or ``redecode`` returned a list of another
            length.
    """
    results: list[Enforced | None] = []
    pending: list[tuple[int, str]] = []
    for index, (source, matches, candidates) in enumerate(items):
        if not candidates:
            raise ValueError(f"sentence {index} has no candidate translation")
        if not matches:
            results.append(Enforced(candidates[0]))
            continue
        at = _first_holding(candidates, matches)
        if at is not None:
            results.append(_chosen(candidates[at], matches, "best" if at == 0 else
                                   "alternative", at))
            continue
        injected = inject(source, matches) if redecode is not None else None
        if injected is not None:
            pending.append((index, injected))
        results.append(None)
    if pending:
        assert redecode is not None
        outputs = redecode([text for _, text in pending])
        if len(outputs) != len(pending):
            raise ValueError(f"redecode gave {len(outputs)} results for {len(pending)} inputs")
        for (index, _), nbest in zip(pending, outputs):
            matches = items[index][1]
            at = _first_holding(nbest, matches)
            if at is not None:
                results[index] = _chosen(nbest[at], matches, "redecoded", at)
    out: list[Enforced] = []
    for (_, matches, candidates), result in zip(items, results):
        if result is None:
            best = candidates[0]
            lacking = missing(best, matches)
            held = tuple(m for m in matches if m not in lacking)
            result = Enforced(fix_case(best, held), (GLOSSARY,), (reason(lacking),), held,
                              lacking, "flagged", 0)
        out.append(result)
    return out


def enforce(
    source: str,
    matches: Sequence[TermMatch],
    candidates: Sequence[str],
    redecode: Redecode | None = None,
) -> Enforced:
    """Enforce the glossary on one sentence (see :func:`enforce_many`)."""
    return enforce_many([(source, matches, candidates)], redecode)[0]
