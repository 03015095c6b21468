"""Sentence-boundary decisions of the Indonesian sentence splitter.

Owns the question "does a sentence end between this token and the next?":
:func:`is_boundary` dispatches on the terminal punctuation (``?``/``!``,
ellipsis, period) and, for a period, weighs the word before it (abbreviation,
initial, degree, company suffix, number, list marker) against how the next
token begins.  :class:`Context` carries what the decision needs to know about
the sentence being built, and :func:`next_marker` follows a running numbered
list.  :func:`period_never_ends` answers the narrower question for
:mod:`translator.text.layout`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from translator.text.segment.tokens import (
    NUMBER_RE,
    QUOTE_CLOSERS,
    TRAILING_PUNCT,
    bare_word,
    classify_word,
    is_name_part,
    split_end,
    starts_like_sentence,
)
from translator.text.segment.words import (
    COMPANY_SUFFIXES,
    MONTH_ABBREVIATIONS,
    NUMBER_PREFIXES,
    NUMBER_WORDS,
    SENTENCE_STARTERS,
    SPEECH_VERBS,
)

#: A numbered list marker token: "1.", "12.".
_NUMBERED_MARKER_RE = re.compile(r"([0-9]{1,2})\.")
#: Roman numerals used as section markers (I., II., IV.).
_ROMAN_RE = re.compile(r"[IVXLC]{1,5}")
#: A 4-digit year: "1945. 20 tahun kemudian" ends a sentence before the digit.
_YEAR_RE = re.compile(r"(?:1[5-9]|20)[0-9]{2}")


class Context(NamedTuple):
    """Where a candidate token stands within the sentence being built.

    Attributes:
        at_sentence_start: Whether the token opens the current sentence.
        prev_token: The token before it ("" when there is none).
        in_brackets: Whether a bracket opened shortly before is still open, as
            in "(SSK. II)": a period there does not end the sentence.
        expected_marker: The number the next numbered list marker would have
            (0 when no numbered list is running in the current sentence).
        following: The token after the next one ("" when there is none), used
            to tell "Tbk. Jahja Setiaatmadja mengatakan" (a name follows) from
            "Tbk. Saham perseroan naik" (a new sentence).
    """

    at_sentence_start: bool
    prev_token: str
    in_brackets: bool
    expected_marker: int
    following: str = ""


def _is_list_marker(word: str, context: Context) -> bool:
    """Tell whether ``word`` + period is an enumeration marker ("1.", "a.", "IV.").

    Args:
        word: The word before the period.
        context: Where the token stands in the current sentence.

    Returns:
        True when the token is a list marker that must stay with its item.
    """
    if context.expected_marker > 1 and word.isdigit() and int(word) == context.expected_marker:
        # "1. Pendahuluan 2. Metode": the next number of a running enumeration.
        return True
    short = (word.isdigit() and len(word) <= 2) or (len(word) == 1 and word.isalpha())
    if not (short or _ROMAN_RE.fullmatch(word)):
        return False
    return context.at_sentence_start or context.prev_token.endswith((":", ";"))


def _period_boundary(word: str, closers: str, next_token: str, context: Context) -> bool:
    """Decide whether a period after ``word`` ends the sentence."""
    kind, quoted = starts_like_sentence(next_token)
    if kind in ("lower", "other") or context.in_brackets:
        return False
    if _is_list_marker(word, context):
        return False
    if "/" in word and "://" not in word:
        # "RT. 05/RW. 02": judge the part after the slash.
        word = word.rsplit("/", 1)[1]
    if _continues_number(word, next_token, context):
        return False
    word_class = classify_word(word, context.prev_token) if word else "normal"
    if word_class == "never":
        return False
    if kind == "bullet":
        return word_class == "normal"
    if word_class in ("normal", "number"):
        if kind == "digit":
            # "... Medan. 20 tahun kemudian" splits; "2.904. 678" does not.
            return word_class == "normal" or _YEAR_RE.fullmatch(word) is not None
        return True
    if kind == "digit" or next_token.startswith(("(", "[")):
        # "Persero Tbk. (BBNI)": a bracket after an abbreviation explains it.
        return False
    # Only capitalised next words are left.
    if word_class == "list_end":
        return True
    if word_class == "company":
        return _company_boundary(closers, next_token, context.following)
    if word_class == "degree":
        # "oleh Budi, S.H. Ia kemudian ..." splits; "S.H. M.H." does not.
        return not is_name_part(next_token)
    if any(ch in QUOTE_CLOSERS for ch in closers) or quoted:
        return True
    return bare_word(next_token) in SENTENCE_STARTERS


def _continues_number(word: str, next_token: str, context: Context) -> bool:
    """Tell whether a period after ``word`` sits inside a number or a code.

    Covers "kaliber. 50" (.50 caliber), "Tol Jagorawi Km. 20" (a kilometre
    post, not "5 km. 20 menit ..."), "5 Jan. 1980" and regulation numbers written with spaces
    such as "Peraturan Bapepam No. XI. B. 02.00".

    Args:
        word: The word before the period.
        next_token: The token after it.
        context: Where the token stands in the current sentence.

    Returns:
        True when the period does not end the sentence.
    """
    next_bare = next_token.rstrip(TRAILING_PUNCT)
    lower = word.lower()
    if lower in MONTH_ABBREVIATIONS and next_bare[:1].isdigit():
        return True  # "5 Jan. 1980"
    if lower in NUMBER_PREFIXES and next_bare[:1].isdigit():
        return lower != "km" or not NUMBER_RE.fullmatch(context.prev_token.rstrip(",."))
    if bare_word(context.prev_token) not in NUMBER_WORDS:
        return False
    is_code = _ROMAN_RE.fullmatch(word) is not None or any(ch.isdigit() for ch in word)
    next_is_code = (
        (len(next_bare) == 1 and next_bare.isalpha())
        or _ROMAN_RE.fullmatch(next_bare) is not None
        or next_bare[:1].isdigit()
    )
    return is_code and next_is_code


def _company_boundary(closers: str, next_token: str, following: str) -> bool:
    """Decide whether a period after a company suffix (Tbk., Inc.) ends the sentence.

    The next token is already known to start with a capital letter.

    Args:
        closers: Closing quotes or brackets after the period.
        next_token: The token after the suffix.
        following: The token after ``next_token``.

    Returns:
        True for "Apple Inc. Perusahaan itu ..." or "Tbk. PT Lain ...", False for
        "Tbk. Jahja Setiaatmadja mengatakan" or "Co. Ltd.".
    """
    bare = bare_word(next_token)
    if any(ch in QUOTE_CLOSERS for ch in closers) or starts_like_sentence(next_token)[1]:
        return True
    if bare in SENTENCE_STARTERS or bare == "pt":
        return True
    if bare in COMPANY_SUFFIXES or bare == "c/o":
        return False
    # Two capitalised words in a row read as a name: "Jahja Setiaatmadja".
    return starts_like_sentence(following)[0] != "upper"


def _question_boundary(closers: str, next_token: str) -> bool:
    """Decide whether a ``?`` or ``!`` ends the sentence."""
    kind, _ = starts_like_sentence(next_token)
    if kind in ("lower", "other"):
        return False
    # '"Apa kabar?" Tanya dia.' (speech verb written with a capital) is one sentence.
    quoted = any(ch in QUOTE_CLOSERS for ch in closers)
    return not (quoted and bare_word(next_token) in SPEECH_VERBS)


def is_boundary(token: str, next_token: str, context: Context) -> bool:
    """Decide whether a sentence ends after ``token``.

    Args:
        token: The token that may end a sentence.
        next_token: The token right after it.
        context: Where ``token`` stands in the current sentence.

    Returns:
        True when a sentence boundary falls between ``token`` and ``next_token``.
    """
    word, terminal, closers, enclosed = split_end(token)
    if not terminal or enclosed:
        return False
    if "?" in terminal or "!" in terminal:
        return _question_boundary(closers, next_token)
    if terminal != ".":
        # Ellipsis ("...", "…", ".."): ends a sentence before a capital.
        return starts_like_sentence(next_token)[0] == "upper"
    return _period_boundary(word, closers, next_token, context)


def next_marker(token: str, context: Context, expected_marker: int) -> int:
    """Update the expected number of a running numbered list after ``token``."""
    match = _NUMBERED_MARKER_RE.fullmatch(token)
    if match and _is_list_marker(match.group(1), context):
        return int(match.group(1)) + 1
    return expected_marker


def period_never_ends(token: str, prev_token: str = "") -> bool:
    """Tell whether ``token`` is an abbreviation whose period never ends a sentence.

    Args:
        token: A whitespace-free token ending in a period: ``"Jl."``, ``"Dr."``,
            ``"No."``.
        prev_token: The token before it ("" when there is none).

    Returns:
        True for titles, ranks, address and reference words ("Ia tinggal di Jl.
        Sudirman" never splits after "Jl.").
    """
    word, terminal, _, _ = split_end(token)
    return terminal == "." and classify_word(word, prev_token) == "never"
