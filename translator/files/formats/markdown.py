"""Markdown: text translated, the markup around it kept exactly.

A paragraph (a heading, a list item, a table cell) is one unit with its inline markup
inside, so its sentences reach the model whole; the markup (emphasis markers, link
brackets and targets, inline HTML tags) is put back on its words by
:mod:`translator.files.formats.stretch`, each marker once and in order. Inline code, URLs
and escapes are part of the sentence the model sees but come back verbatim.

Kept verbatim: front matter, fenced and indented code blocks, HTML blocks, link reference
definitions, horizontal rules, table delimiter rows, inline code, inline HTML tags, link
and image targets, bare URLs, emphasis markers. Kept as prefixes: block-quote markers,
heading hashes, list markers and task boxes, indentation. Table cells are translated one by
one; link text and image alt text are translated. Hard-wrapped paragraph lines are joined,
translated as one, and written as one line (the same Markdown once rendered).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from translator.files.formats.base import (
    DocumentFormat,
    Extracted,
    FormatOptions,
    Part,
    Units,
    encode_text,
    read_text,
    render,
    split_lines,
)
from translator.files.formats.stretch import FIXED, TAG, Item, items_of, stretch

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_BLOCK_TAGS = (
    "address|article|aside|blockquote|body|center|details|dialog|dd|div|dl|dt|fieldset|"
    "figcaption|figure|footer|form|h[1-6]|head|header|hr|html|iframe|legend|li|main|menu|"
    "nav|ol|p|pre|script|section|style|summary|table|tbody|td|tfoot|th|thead|title|tr|ul"
)
_HTML_BLOCK = re.compile(
    rf" {{0,3}}<(?:/?(?:{_BLOCK_TAGS}|textarea)(?:[\s/>]|$)|!--|!\[CDATA\[|![A-Za-z]|\?)", re.I
)
# HTML blocks that run to an end marker, blank lines included (CommonMark kinds 1-5).
_HTML_RAW = re.compile(r" {0,3}<(script|pre|style|textarea)(?:[\s>]|$)", re.I)
_HTML_ENDS = (("<!--", "-->"), ("<?", "?>"), ("<![CDATA[", "]]>"), ("<!", ">"))
_LINK_DEF = re.compile(r" {0,3}\[[^\]]+\]:\s*\S")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*")
# No two runs of spaces side by side (with only an optional character between them): a
# failed match would try every way of sharing the spaces out (quadratic).
_TABLE_DELIM = re.compile(
    r"[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?"
)
_PREFIX = re.compile(
    r"""[ \t]*(?:>[ \t]?)*[ \t]*
    (?: \#{1,6}[ \t]+
      | (?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?
    )?""",
    re.VERBOSE,
)
_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d{1,9}[.)])([ \t]+|$)")
_SETEXT = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_CELL_SPLIT = re.compile(r"((?<!\\)\|)")
# Every pattern below is linear: each attempt stops at the next character that could start
# another attempt ("<", a backtick run, a quote), so a text full of unclosed openers is
# not rescanned to its end from each of them. An unclosed comment runs to the end.
_INLINE = re.compile(
    r"""(?<!`)(?=(`+))\1[^`]*\1                      # inline code (whole backtick runs)
      | <(?:https?|ftp|mailto):[^<>\s]*>               # autolink
      | </?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|<!--(?:[^-]|-(?!->))*(?:-->)?   # inline HTML
      | !?\[\^?|\]\((?:[^()\s]|\([^()]*\))*(?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\)
      | \]\[[^\]]*\] | \]                              # link / image brackets and targets
      | (?:https?|ftp)://[^\s<>)\]]+ | www\.[^\s<>)\]]+ # bare URLs
      | \*{1,3} | ~~ | (?<!\w)_{1,3} | _{1,3}(?!\w)     # emphasis markers
      | \\[\\`*_{}\[\]()#+\-.!|<>]                      # escapes
      | \{[^{}\n]*\}                                   # attribute lists {#id .class}
    """,
    re.VERBOSE,
)


def _item(markup: str) -> Item:
    """What an inline match is: verbatim text in the sentence (code, a URL) or a tag."""
    if markup.startswith("`"):
        code = markup.strip("`")
        if len(code) > 2 and code.startswith(" ") and code.endswith(" ") and code.strip():
            code = code[1:-1]
        return Item(FIXED, markup, code)
    if markup.startswith("<") and ":" in markup and not markup.startswith("<!--"):
        if not re.match(r"</?[A-Za-z][\w-]*(?:\s|/?>)", markup):
            return Item(FIXED, markup, markup[1:-1])  # an autolink
    if markup[:3] in ("htt", "ftp", "www"):
        return Item(FIXED, markup, markup)
    if markup.startswith("\\"):
        return Item(FIXED, markup, markup[1:])
    return Item(TAG, markup)


def _indent(line: str) -> int:
    """Columns of leading whitespace, tabs stopping at multiples of four."""
    column = 0
    for char in line:
        if char == " ":
            column += 1
        elif char == "\t":
            column += 4 - column % 4
        else:
            break
    return column


def _html_block_end(body: str) -> str:
    """What ends the HTML block ``body`` opens ("" for a blank line), lower-cased."""
    raw = _HTML_RAW.match(body)
    if raw:
        return f"</{raw.group(1).lower()}>"
    start = body.lstrip(" ")
    return next((end for opener, end in _HTML_ENDS if start.startswith(opener)), "")


def _content_column(line: str, item: re.Match[str]) -> int:
    """The column where a list item's content starts (CommonMark's rule)."""
    marker_end = len(line[: item.start(1)].expandtabs(4))
    content = len(line[: item.end()].expandtabs(4))
    if not item.group(1) or content - marker_end > 4:  # empty item, or code inside it
        return marker_end + 1
    return content


class MarkdownFormat(DocumentFormat):
    """See the module docstring."""

    name = "md"
    extensions = (".md", ".markdown", ".mdown", ".mkd")

    def extract(self, data: bytes, *, source: str, options: FormatOptions) -> Extracted:
        """See :class:`DocumentFormat`."""
        text, found = read_text(data, source, options)
        lines = split_lines(text)
        units = Units()
        parts: list[Part] = []
        # Pending paragraph: prefix, its lines' contents, ending of its last line.
        pending: list | None = None

        def flush() -> None:
            nonlocal pending
            if pending is not None:
                prefix, content, ending = pending
                parts.append(prefix)
                parts.append(stretch(units.texts, items_of(" ".join(content), _INLINE, _item)))
                parts.append(ending)
                pending = None

        i = 0
        fence: str | None = None
        prev_blank = True
        last_kind = "blank"
        # Content columns of the open list items, innermost last: a line indented less than
        # an item's content after a blank line (or a thematic break) closes that item.
        lists: list[int] = []
        if lines and lines[0].rstrip() in ("---", "+++"):
            close = lines[0].rstrip()
            end = next((j for j in range(1, len(lines)) if lines[j].rstrip() in (close, "...")),
                       None)
            if end is not None:
                parts.append("".join(lines[: end + 1]))
                i = end + 1
        html: str | None = None  # in an HTML block: what ends it ("" a blank line)
        while i < len(lines):
            line = lines[i]
            body = line.rstrip("\r\n")
            ending = line[len(body):]
            i += 1
            if fence is not None:
                parts.append(line)
                stripped = body.strip()
                if stripped.startswith(fence) and not stripped.strip(fence[0]):
                    fence = None
                continue
            if html:
                parts.append(line)
                if html in body.lower():
                    html = None
                continue
            if not body.strip():
                flush()
                parts.append(line)
                prev_blank, html = True, None
                last_kind = "blank"
                continue
            if html is not None:
                parts.append(line)
                continue
            match = _FENCE.match(body)
            if match:
                flush()
                fence = match.group(1)
                parts.append(line)
                continue
            indent = _indent(body)
            item = _ITEM.match(body)
            if item and _RULE.fullmatch(body):
                item = None
            if (prev_blank or _RULE.fullmatch(body)) and not item:
                while lists and indent < lists[-1]:
                    lists.pop()
            # Indented code (CommonMark): four columns past the enclosing list item's content,
            # where no paragraph is open (it cannot interrupt one).
            if (
                (prev_blank or (pending is None and last_kind != "table"))
                and indent - (lists[-1] if lists else 0) >= 4
            ):
                flush()
                parts.append(line)  # indented code
                continue
            if item:
                while lists and lists[-1] > indent:
                    lists.pop()
                lists.append(_content_column(body, item))
            prev_blank = False
            opened = _HTML_BLOCK.match(body)
            if opened:
                flush()
                html = _html_block_end(body)
                if html and html in body[opened.end() :].lower():
                    html = None  # opened and closed on one line
                parts.append(line)
                continue
            if _LINK_DEF.match(body) or _RULE.fullmatch(body) or (
                pending is not None and _SETEXT.fullmatch(body)
            ):
                flush()
                parts.append(line)
                continue
            if "|" in body and (
                _TABLE_DELIM.fullmatch(body)
                or (i < len(lines) and _TABLE_DELIM.fullmatch(lines[i].rstrip("\r\n")))
                or last_kind == "table"
            ):
                flush()
                last_kind = "table"
                if _TABLE_DELIM.fullmatch(body):
                    parts.append(line)
                else:
                    for cell in _CELL_SPLIT.split(body):
                        if cell == "|":
                            parts.append(cell)
                        else:
                            parts.append(stretch(units.texts, items_of(cell, _INLINE, _item)))
                    parts.append(ending)
                continue
            prefix = _PREFIX.match(body).group(0)  # type: ignore[union-attr]
            content = body[len(prefix):]
            marker = prefix.strip().lstrip(">").strip()
            if pending is not None and not marker and ">" not in prefix:
                pending[1].append(content.strip())  # a hard-wrapped line continues
                pending[2] = ending
                continue
            flush()
            last_kind = "list" if marker and not marker.startswith("#") else "text"
            pending = [prefix, [content], ending]
            if marker.startswith("#"):
                flush()  # a heading is one line
        flush()

        def rebuild(translations: Sequence[str]) -> bytes:
            return encode_text(render(parts, translations), data, options, source=source)

        return Extracted(units.texts, rebuild, read_as=found.describe())
