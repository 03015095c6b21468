"""Token classification for the Indonesian sentence splitter.

Owns the character classes (openers, closers, terminal punctuation, bullets),
the token patterns and the helpers that say what a single token is: how it
begins (:func:`starts_like_sentence`), what it ends with (:func:`split_end`),
what kind of word stands before a period (:func:`classify_word`), and whether it
is a name part, a domain name, or a trailer (emoticon, emoji, hashtag).  The
decisions that combine tokens live in :mod:`translator.text.segment.boundaries`.
"""

from __future__ import annotations

import re

from translator.text.segment.words import (
    AMBIGUOUS_ABBREVIATIONS,
    CASE_SENSITIVE_NEVER_FINAL,
    CATEGORY_NOUNS,
    COMPANY_SUFFIXES,
    DEGREES,
    LIST_END_ABBREVIATIONS,
    LOWERCASE_TITLES,
    MONTH_ABBREVIATIONS,
    NEVER_FINAL,
    TITLES,
    TOP_LEVEL_DOMAINS,
)

#: Characters that may open a quotation or a bracket before a word.
OPENERS = "\"'`“‘«‹„([{"
#: Characters that may close a quotation or a bracket after a word.
CLOSERS = "\"'”’»›)]}"
#: Quotation marks among the closers (stronger end-of-sentence evidence).
QUOTE_CLOSERS = frozenset("\"'”’»›")
#: Quotation marks among the openers.
QUOTE_OPENERS = frozenset("\"'`“‘«‹„")
#: Sentence-final punctuation.
TERMINALS = ".?!…"
#: Punctuation trimmed from the end of the next word before list look-ups.
TRAILING_PUNCT = ",;:.!?…" + CLOSERS
#: Bullet-like characters that may open a new sentence or list item.
BULLETS = frozenset("•▪●◦*-–—")

#: Letter-dot sequences: initials (B.J), degrees (S.H, M.Si, Sp.PD), a.n, s.d.
_DOTTED_RE = re.compile(r"[A-Za-z]{1,4}(?:\.-?[A-Za-z]{1,4})+")
#: Numbers with optional separators: 2020, 1.500, 07.30, 17.08.1945, 3,5.
NUMBER_RE = re.compile(r"[0-9]+(?:[.,:/-][0-9]+)*")
#: A domain name such as "bbc.com" or "ui.ac.id" (the top-level domain is checked
#: against :data:`TOP_LEVEL_DOMAINS`).
_DOMAIN_RE = re.compile(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.([a-z]{2,4})")
#: Text emoticons: ":)", ":-(", ";D", ":p", "<3", "^_^".
_EMOTICON_RE = re.compile(r"[:;=][-'^]?[()DPpOov3/\\|\[\]*]+|<3|\^[_-]?\^")


def starts_like_sentence(token: str) -> tuple[str, bool]:
    """Classify how a token begins.

    Args:
        token: The token following a candidate boundary.

    Returns:
        A pair ``(kind, quoted)`` where ``kind`` is one of ``"upper"``,
        ``"digit"``, ``"lower"``, ``"bullet"`` or ``"other"`` and ``quoted``
        tells whether the token opens with a quotation mark.
    """
    stripped = token.lstrip(OPENERS)
    quoted = any(ch in QUOTE_OPENERS for ch in token[: len(token) - len(stripped)])
    if not stripped:
        return "other", quoted
    first = stripped[0]
    if first.isupper():
        return "upper", quoted
    if first.isdigit():
        return "digit", quoted
    if first == "@" and len(stripped) > 1 and stripped[1].isalnum():
        # A mention opens a sentence: "Terima kasih. @kompascom juga ..."
        return "upper", quoted
    if first.islower():
        # "eKTP", "iPhone" behave like capitalised words, and so do the titles
        # that Indonesian writes in lowercase: "... stabil. dr. Andi mengatakan".
        if len(stripped) > 1 and stripped[1].isupper():
            return "upper", quoted
        if stripped.endswith(".") and stripped[:-1] in LOWERCASE_TITLES:
            return "upper", quoted
        return "lower", quoted
    if first in BULLETS and len(stripped) == 1:
        return "bullet", quoted
    return "other", quoted


def bare_word(token: str) -> str:
    """Return ``token`` without surrounding quotes, brackets and punctuation, lowercased."""
    return token.lstrip(OPENERS).rstrip(TRAILING_PUNCT).lower()


def split_end(token: str) -> tuple[str, str, str, bool]:
    """Split a token into its word, terminal punctuation and closing characters.

    Args:
        token: A whitespace-free token, e.g. ``'siap."'`` or ``'Antara).'``.

    Returns:
        ``(word, terminal, closers, enclosed)``: the word without openers or
        closers (``'siap'``), the terminal punctuation (``'.'``), the closing
        quotes/brackets after it (``'"'``) and whether the punctuation sits
        alone inside brackets, as in ``'(?)'`` or ``'[...]'``.
    """
    body = token.rstrip(CLOSERS)
    closers = token[len(body):]
    core = body.rstrip(TERMINALS)
    terminal = body[len(core):]
    word = core.lstrip(OPENERS)
    enclosed = bool(core) and not word
    return word.rstrip(CLOSERS), terminal, closers, enclosed


def classify_word(word: str, prev_token: str) -> str:
    """Classify the word that precedes a period.

    Args:
        word: The word without openers, closers and the final period.
        prev_token: The token before it, e.g. ``"Budi,"`` before a degree.

    Returns:
        One of ``"never"`` (title, rank, address word: never sentence-final),
        ``"list_end"`` (dll., dsb., Tbk.), ``"degree"`` (a degree after a comma
        or another degree), ``"ambiguous"`` (initials, other dotted
        abbreviations), ``"number"`` or ``"normal"``.
    """
    lower = word.lower()
    prev_word = prev_token.lstrip(OPENERS).rstrip(",.").lower()
    if word in CASE_SENSITIVE_NEVER_FINAL or lower in NEVER_FINAL:
        return "never"
    if word in ("KM", "Km") and not NUMBER_RE.fullmatch(prev_word):
        # "Kapal KM. Sinar Bangun", "Tol Jagorawi Km. 20"; not "sejauh 5 KM."
        return "never"
    if lower in MONTH_ABBREVIATIONS and prev_word.isdigit():
        return "normal"
    if lower in ("a.m", "p.m"):
        return "normal"  # "pukul 9 p.m. Penumpang ..."
    if lower in LIST_END_ABBREVIATIONS:
        return "list_end"
    if lower in COMPANY_SUFFIXES:
        return "company"
    if lower in DEGREES:
        after_name = prev_token.endswith(",") or prev_word in DEGREES
        return "degree" if after_name else "ambiguous"
    if lower in AMBIGUOUS_ABBREVIATIONS:
        return "ambiguous"
    if len(word) == 1 and word.isalpha():
        # "vitamin C.", "5 m." and "1445 H." (Hijri year) behave like words;
        # "Soesilo B." is an initial.
        era = word in "HM" and prev_word.isdigit() and len(prev_word) in (3, 4)
        if word.islower() or prev_word in CATEGORY_NOUNS or era:
            return "normal"
        return "ambiguous"
    if NUMBER_RE.fullmatch(word):
        return "number"
    if _is_domain(word):
        # "dilaporkan bbc.com. Presiden ...": a site name, not an abbreviation.
        return "normal"
    if _DOTTED_RE.fullmatch(word):
        return "ambiguous"
    return "normal"


def _is_domain(word: str) -> bool:
    """Tell whether ``word`` is a domain name such as ``cnn.com`` or ``ui.ac.id``."""
    match = _DOMAIN_RE.fullmatch(word)
    return (
        match is not None
        and match.group(1) in TOP_LEVEL_DOMAINS
        and match.start(1) > 3
        and word.lower() not in DEGREES
    )


def is_trailer(token: str) -> bool:
    """Tell whether ``token`` only decorates the sentence before it.

    Emoticons (":)"), emoji ("🎉") and hashtags ("#Pemilu2024") written after
    the final punctuation belong to that sentence: "Selamat! 🎉 Kami ..." ends
    after the emoji.

    Args:
        token: A whitespace-free token.

    Returns:
        True for an emoticon, a run of emoji/symbols or a hashtag.
    """
    if _EMOTICON_RE.fullmatch(token):
        return True
    if len(token) > 1 and token[0] == "#" and token[1].isalnum():
        return True
    return _is_emoji(token)


def _is_emoji(token: str) -> bool:
    """Tell whether ``token`` is made of emoji only ("🎉", "👍🏻", "❤️").

    Other symbols such as "©", "°" or "™" are not emoji: "Hak cipta © Kompas"
    stays one sentence.
    """
    has_emoji = False
    for char in token:
        code = ord(char)
        if 0x1F000 <= code <= 0x1FAFF or 0x2600 <= code <= 0x27BF or 0x2B00 <= code <= 0x2BFF:
            has_emoji = True
        elif code not in (0x200D, 0xFE0F, 0x20E3):  # joiner, emoji style, keycap
            return False
    return has_emoji


def is_name_part(token: str) -> bool:
    """Tell whether ``token`` continues a name: a degree, title or initial."""
    bare = token.lstrip(OPENERS).rstrip(",;:.").lower()
    return (
        bare in DEGREES
        or bare in TITLES
        or _DOTTED_RE.fullmatch(bare) is not None
        or (len(bare) == 1 and bare.isalpha())
    )
