"""The ``spans`` check: text that must never be translated appears verbatim in the output.

Spans are URLs (``https://...``, ``www...`` and bare host names under a common top-level
domain), e-mail addresses, @handles, #hashtags and code-like tokens (`backticked` text,
snake_case names, ``--options``, file paths, file names with a common extension,
``call()`` forms). Punctuation that ends a sentence is not part of a URL: in
``Lihat https://x.id/a).`` the URL is ``https://x.id/a``. Spans must appear verbatim,
except that bare host names compare case-insensitively (``KOMPAS.com``, ``Kompas.com``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from translator.text.segment.words import TOP_LEVEL_DOMAINS

_TRAILING = ".,;:!?'\"»”’…"
_PAIRS = {")": "(", "]": "[", "}": "{"}
#: Top-level domains of bare host names: the splitter's list and a few more common ones.
_TLDS = TOP_LEVEL_DOMAINS | {
    "mil", "int", "ai", "app", "dev", "au", "nl", "de", "fr", "jp", "cn", "in", "news", "tv",
    "me", "ly", "gl", "gg", "xyz", "online", "site", "desa", "ponpes",
}
_TLD = "(?:" + "|".join(sorted(_TLDS, key=len, reverse=True)) + ")"
_URL = re.compile(r"(?i)\b(?:https?://|ftp://|www\.)[^\s<>\"'`]+")
_EMAIL = re.compile(r"(?i)\b[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b")
_HOST = re.compile(
    rf"(?<![\w@./-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+{_TLD}\b(?:/[^\s<>\"'`]*)?"
    r"(?![\w@-])"
)
# "@Rp5.000" is a price per item, not a handle; a handle has a letter.
_HANDLE = re.compile(
    r"(?<![\w@.])@(?!(?i:rp|idr|usd)\d)(?=\w*[A-Za-z])[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?"
)
_HASHTAG = re.compile(r"(?<![\w#&])#[^\W\d_]\w*|(?<![\w#&])#\d+[^\W\d_]\w*")
_EXT = (
    r"(?:pdf|docx?|xlsx?|pptx?|csv|txt|json|ya?ml|xml|html?|py|js|java|cpp|php|exe|zip|tar|"
    r"gz|png|jpe?g|gif|svg|mp[34]|wav|ipynb|toml|sql|apk)"
)
_CODE = re.compile(
    r"`[^`\n]+`"  # `backticked`
    r"|(?<![\w-])--?[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b"  # --long-option, -x-y
    r"|(?<![\w-])--[a-z][a-z0-9]+\b"  # --option
    r"|(?<![\w/])(?:~|\.{1,2})?/(?:[\w.-]+/)*[\w.-]*[\w](?![\w/])(?=[\s,.;:!?)]|$)"  # /a/b
    r"|\b[A-Za-z]:\\[^\s]+"  # C:\path
    r"|\b[A-Za-z_][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+\b"  # snake_case, SCREAMING_CASE
    r"|\b[A-Za-z_][\w.]*\(\)"  # call()
    r"|\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\([^()\s]*\)"  # obj.method(x)
    rf"|\b[\w-]+\.{_EXT}\b"  # report.pdf
)


def _trim(url: str) -> str:
    """Drop sentence punctuation and unbalanced closing brackets from a URL's end."""
    while url:
        last = url[-1]
        if last in _TRAILING:
            url = url[:-1]
        elif last in _PAIRS and url.count(last) > url.count(_PAIRS[last]):
            url = url[:-1]
        else:
            break
    return url


def _is_host(span: str) -> bool:
    """Whether a span is a bare host name, which compares case-insensitively."""
    return bool(_HOST.fullmatch(span)) and "/" not in span and "@" not in span


#: Text without any of these has no span (a fast path for most sentences).
_MAYBE = re.compile(r"[@#/`_\\(]|--|\.[A-Za-z]")


@lru_cache(maxsize=4096)
def find_spans(text: str) -> tuple[str, ...]:
    """The spans of ``text`` that a translation must keep verbatim, in order of appearance."""
    if not _MAYBE.search(text):
        return ()
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, span: str) -> None:
        end = start + len(span)
        if span and not any(s < end and start < e for s, e in taken):
            taken.append((start, end))
            found.append((start, span))

    for m in _URL.finditer(text):
        add(m.start(), _trim(m.group()))
    for m in _EMAIL.finditer(text):
        add(m.start(), m.group())
    for m in _HOST.finditer(text):
        host = _trim(m.group())
        if not re.fullmatch(r"(?i)[a-z]{1,3}\.[a-z]{2,3}", host):  # "dr.id", "a.m" etc.
            add(m.start(), host)
    for pattern in (_HANDLE, _HASHTAG, _CODE):
        for m in pattern.finditer(text):
            span = _trim(m.group()) if pattern is not _CODE else m.group()
            if pattern is _CODE and span.startswith("/") and span.count("/") < 2:
                continue  # "dan/atau", "km/jam": a slash between words, not a path
            add(m.start(), span)
    return tuple(span for _, span in sorted(found))


def check_spans(source: str, translation: str) -> str | None:
    """The reason some span of ``source`` is missing from ``translation``, or None."""
    missing = []
    rest, rest_folded = translation, translation.casefold()
    for span in find_spans(source):
        if span in rest:
            rest = rest.replace(span, "\0", 1)
            rest_folded = rest.casefold()
        elif _is_host(span) and span.casefold() in rest_folded:  # KOMPAS.com, Kompas.com
            rest_folded = rest_folded.replace(span.casefold(), "\0", 1)
            rest = rest_folded
        else:
            missing.append(span)
    if not missing:
        return None
    return "not kept verbatim: " + ", ".join(repr(s) for s in missing)
