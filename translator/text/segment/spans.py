"""Sentence spans: the public entry points of the Indonesian sentence splitter.

Owns the walk over a text: cutting it into whitespace tokens (and the rare
token-internal candidates such as ``selesai.Lalu``), keeping track of open
brackets, straight quotes, detached closers and trailers (emoticons, emoji,
hashtags) while a sentence is built, and asking
:func:`translator.text.segment.boundaries.is_boundary` at each candidate.
:func:`running_text_spans` reads running text; :func:`sentence_spans` and
:func:`split_sentences` first cut a whole text into logical lines with
:mod:`translator.text.layout`.
"""

from __future__ import annotations

import re

from translator.errors import NotTextError
from translator.text.segment.boundaries import Context, is_boundary, next_marker
from translator.text.segment.lines import logical_lines
from translator.text.segment.tokens import CLOSERS, OPENERS, TERMINALS, is_trailer
from translator.text.segment.words import TOP_LEVEL_DOMAINS

_TOKEN_RE = re.compile(r"\S+")
#: A token-internal boundary such as "selesai.Lalu": lowercase word, terminal
#: punctuation, capitalised word.
_INNER_BOUNDARY_RE = re.compile(r"(?<=[a-z]{3})[.?!]+(?=[A-Z][a-z])")
#: A run of ASCII letters (the word after a token-internal candidate).
_LETTERS_RE = re.compile(r"[A-Za-z]+")
#: A period inside brackets opened at most this many tokens earlier never ends
#: a sentence ("(SSK. II)", "(E. hemisphaerica (Bl.) Smith)"); the limit keeps a
#: stray unclosed bracket from suppressing the splits of a whole paragraph.
MAX_BRACKET_TOKENS = 6
#: How much of a token is kept when a detached closer is glued to it.
MAX_WORD_CHARS = 64


def _inner_cuts(text: str, start: int, end: int) -> list[int]:
    """Find boundary candidates inside one token, as in ``selesai.Lalu``.

    URLs, e-mail addresses and domain names are never cut.

    Args:
        text: The whole text.
        start: Start offset of the token.
        end: End offset of the token.

    Returns:
        Offsets (into ``text``) right after the terminal punctuation.
    """
    token = text[start:end]
    if "/" in token or "@" in token or token.lower().startswith("www."):
        return []
    cuts = []
    # Whether the piece since the last cut holds a period, found by scanning each
    # character once (no slices), so a long token with many candidates stays linear.
    dotted = False
    scanned = 0
    for match in _INNER_BOUNDARY_RE.finditer(token):
        if not dotted:
            dotted = token.find(".", scanned, match.start()) >= 0
            scanned = match.start()
        right_word = _LETTERS_RE.match(token, match.end())
        if dotted or (right_word and right_word.group().lower() in TOP_LEVEL_DOMAINS):
            continue
        cuts.append(start + match.end())
        dotted, scanned = False, match.end()
    return cuts


def _pieces(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into whitespace tokens, further cut at token-internal candidates."""
    pieces = []
    for match in _TOKEN_RE.finditer(text):
        start, end = match.span()
        for cut in _inner_cuts(text, start, end):
            pieces.append((start, cut))
            start = cut
        pieces.append((start, end))
    return pieces


def _next_token(text: str, pieces: list[tuple[int, int]], index: int) -> str:
    """Return the token after ``pieces[index]``.

    A detached opening quote or bracket is joined with the token after it
    ("` Berkaki" -> "`Berkaki") so that the word it opens can be judged.
    """
    start, end = pieces[index + 1]
    token = text[start:end]
    if not token.lstrip(OPENERS) and index + 2 < len(pieces):
        after_start, after_end = pieces[index + 2]
        token += text[after_start:after_end]
    return token


def _is_detached_closer(token: str, quote_open: bool) -> bool:
    """Tell whether ``token`` is a lone closing quote or bracket ("”", ")", '"').

    Args:
        token: A whitespace-free token.
        quote_open: Whether a straight double quote is open in this sentence,
            which makes a lone '"' a closing quote rather than an opening one.

    Returns:
        True when the token only closes what came before it.
    """
    if not token or token.strip(CLOSERS):
        return False
    return quote_open or any(char not in "\"'" for char in token)


def _attach_closer(prev_token: str, closer: str) -> str:
    """Glue a detached closer to the sentence-final token before it.

    'benar . "' is judged like 'benar."'.  Only the tail of ``prev_token`` is
    kept so that long runs of detached closers stay linear.

    Args:
        prev_token: The token before the closer.
        closer: The detached closing quote or bracket.

    Returns:
        The combined token, or ``closer`` itself when ``prev_token`` does not
        end with terminal punctuation.
    """
    if prev_token.rstrip(CLOSERS).endswith(tuple(TERMINALS)):
        return prev_token[-MAX_WORD_CHARS:] + closer
    return closer


def _judge_trailer(prev_token: str, trailer: str) -> str:
    """Return the token that stands for an emoticon, emoji or hashtag when judging a boundary.

    After final punctuation the trailer is judged like the punctuated word
    before it ("sekali. :)" like "sekali."); an emoticon or emoji without
    punctuation before it ends a sentence like an ellipsis would ("Terima
    kasih :) Sampai jumpa").

    Args:
        prev_token: The token before the trailer (already standing in for
            earlier trailers of a run).
        trailer: The emoticon, emoji or hashtag.

    Returns:
        The token whose ending decides the boundary.
    """
    if prev_token.rstrip(CLOSERS).endswith(tuple(TERMINALS)):
        return prev_token
    if trailer.startswith("#"):
        return trailer
    return "…"


def _track_brackets(token: str, index: int, open_brackets: list[int]) -> None:
    """Update the stack of unclosed round/square brackets with ``token``."""
    for char in token:
        if char in "([":
            open_brackets.append(index)
        elif char in ")]" and open_brackets:
            open_brackets.pop()


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Find the sentences of ``text``: one sentence, a paragraph or a whole document.

    A blank line always ends a sentence, and so does every line that stands alone (a
    heading, a list item, a caption, a byline), as :func:`.lines.logical_lines` decides;
    hard-wrapped lines are read as one. Inside each such logical line the sentences are
    found by :func:`running_text_spans`.

    Args:
        text: Indonesian text, any line endings.

    Returns:
        ``(start, end)`` character offsets of each sentence, in order and
        non-overlapping.  Each span is stripped of surrounding whitespace and
        together they cover every non-whitespace character exactly once (a list
        marker belongs to the first sentence of its item).  Empty or
        whitespace-only text gives ``[]``.
    """
    spans = []
    for start, end in logical_lines(text):
        spans += [(start + s, start + e) for s, e in running_text_spans(text[start:end])]
    return spans


def running_text_spans(text: str) -> list[tuple[int, int]]:
    """Find the sentences of running text, where line breaks are only spaces.

    Runs in linear time on any input.

    Args:
        text: Indonesian running text, e.g. one paragraph or one logical line;
            newlines are treated as whitespace.

    Returns:
        ``(start, end)`` character offsets of each sentence, in order and
        non-overlapping.  Each span is stripped of surrounding whitespace and
        together they cover every non-whitespace character exactly once.
        Empty or whitespace-only text gives ``[]``.
    """
    pieces = _pieces(text)
    spans: list[tuple[int, int]] = []
    if not pieces:
        return spans
    sentence_start = pieces[0][0]
    at_sentence_start = True
    prev_token = ""
    open_brackets: list[int] = []  # piece indices of unclosed brackets in this sentence
    expected_marker = 0
    straight_quotes = 0  # '"' seen in this sentence: odd means a quotation is open
    for index, (start, end) in enumerate(pieces[:-1]):
        token = text[start:end]
        trailer = is_trailer(token)
        if not trailer:
            _track_brackets(token, index, open_brackets)
        in_brackets = bool(open_brackets) and index - open_brackets[-1] <= MAX_BRACKET_TOKENS
        following = text[slice(*pieces[index + 2])] if index + 2 < len(pieces) else ""
        context = Context(at_sentence_start, prev_token, in_brackets, expected_marker, following)
        quote_open = straight_quotes % 2 == 1
        straight_quotes += token.count('"')
        next_start, next_end = pieces[index + 1]
        next_raw = text[next_start:next_end]
        if _is_detached_closer(token, quote_open):
            token = _attach_closer(prev_token, token)
        elif trailer:
            token = _judge_trailer(prev_token, token)
        if _is_detached_closer(next_raw, straight_quotes % 2 == 1):
            boundary = False  # the closer still belongs to this sentence
        elif is_trailer(next_raw) and (token.endswith(tuple(TERMINALS + CLOSERS)) or trailer):
            boundary = False  # "Selamat! 🎉 Kami ...": decide after the emoji
        else:
            boundary = is_boundary(token, _next_token(text, pieces, index), context)
        if boundary:
            spans.append((sentence_start, end))
            sentence_start = next_start
            at_sentence_start = True
            open_brackets.clear()
            expected_marker = 0
            straight_quotes = 0
        else:
            at_sentence_start = False
            expected_marker = next_marker(token, context, expected_marker)
        prev_token = token
    spans.append((sentence_start, pieces[-1][1]))
    return spans


def split_sentences(text: str) -> list[str]:
    """Split ``text`` into sentences.

    Args:
        text: Indonesian text: one sentence, a paragraph or a whole document. A blank
            line always ends a sentence and a line that stands alone (a heading, a
            caption, a byline) is a sentence of its own.

    Returns:
        The sentences, i.e. ``[text[s:e] for s, e in sentence_spans(text)]``.

    Raises:
        NotTextError: ``text`` is not a str (it is a ``TypeError``).
    """
    if not isinstance(text, str):
        raise NotTextError(f"split_sentences() takes a str, got {type(text).__name__}. "
                           "Fix: pass the text as a string.")
    return [text[start:end] for start, end in sentence_spans(text)]
