"""Translation checks: cheap, model-free flags for sentences a reader must verify.

Each check looks at one (source, translation) pair of plain text and either passes or
gives a short reason. The checks are:

* ``numbers``: a number of the source has no counterpart in the translation, or the
  translation has one the source lacks (Indonesian and English conventions both read);
* ``spans``: a URL, e-mail address, @handle, #hashtag or code-like token of the source is
  not in the translation verbatim;
* ``untranslated``: the translation is (nearly) the source again, or still Indonesian;
* ``length``: the translation is far shorter or longer than such sources usually get;
* ``empty``: the translation of a non-empty source is empty.

Example:
    >>> from translator.checks import check_pair
    >>> result = check_pair("Harganya Rp1.500.000.", "It costs IDR 1,500.")
    >>> result.flags
    ('numbers',)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from translator.checks.language import check_untranslated
from translator.checks.length import check_length
from translator.checks.numbers import check_numbers
from translator.checks.spans import check_spans
from translator.results import EMPTY, FLAG_REASONS  # "empty": one name, engine or check

#: A number of the source is missing from the translation, or one was added.
NUMBERS = "numbers"
#: A URL, e-mail address, handle, hashtag or code-like token was not kept verbatim.
SPANS = "spans"
#: The translation is the source again, or still Indonesian.
UNTRANSLATED = "untranslated"
#: The translation is far shorter or longer than usual for such a source.
LENGTH = "length"

#: Every check flag, in the order checks run.
CHECK_FLAGS: tuple[str, ...] = (EMPTY, NUMBERS, SPANS, UNTRANSLATED, LENGTH)

_CHECKS: tuple[tuple[str, Callable[[str, str], str | None]], ...] = (
    (NUMBERS, check_numbers),
    (SPANS, check_spans),
    (UNTRANSLATED, check_untranslated),
    (LENGTH, check_length),
)


@dataclass(frozen=True)
class CheckResult:
    """What the checks found on one pair.

    Attributes:
        flags: The flags raised, in :data:`CHECK_FLAGS` order; empty when all is well.
        reasons: One short human-readable reason per flag, in the same order.
    """

    flags: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        """True when at least one check raised a flag."""
        return bool(self.flags)

    def to_dict(self) -> dict[str, Any]:
        """The result as ``{"flags": [...], "reasons": [...]}``."""
        return {"flags": list(self.flags), "reasons": list(self.reasons)}


def check_pair(source: str, translation: str) -> CheckResult:
    """Run every check on one source sentence and its translation.

    Args:
        source: The Indonesian source text (a sentence or a short passage).
        translation: Its English translation, from any system.

    Returns:
        The flags raised and a reason for each; ``bool(result)`` is False when clean.

    Raises:
        TypeError: If either argument is not a string.
    """
    if not isinstance(source, str) or not isinstance(translation, str):
        raise TypeError(
            "check_pair needs two strings. Fix: call check_pair(source_text, translation_text)."
        )
    if not source.strip():
        return CheckResult()
    if not translation.strip():
        return CheckResult((EMPTY,), (FLAG_REASONS[EMPTY],))
    flags: list[str] = []
    reasons: list[str] = []
    for flag, check in _CHECKS:
        reason = check(source, translation)
        if reason:
            flags.append(flag)
            reasons.append(f"{flag}: {reason}")
    return CheckResult(tuple(flags), tuple(reasons))


def check_pairs(pairs: Iterable[tuple[str, str]]) -> Iterator[CheckResult]:
    """Run :func:`check_pair` on each (source, translation) pair, lazily, in order.

    Args:
        pairs: (source, translation) tuples, such as ``zip(sources, translations)``.

    Yields:
        One :class:`CheckResult` per pair.
    """
    for source, translation in pairs:
        yield check_pair(source, translation)


__all__ = [
    "CHECK_FLAGS",
    "EMPTY",
    "LENGTH",
    "NUMBERS",
    "SPANS",
    "UNTRANSLATED",
    "CheckResult",
    "check_pair",
    "check_pairs",
]
