"""HTML: only the text of text nodes is translated; every other byte comes back as it was.

The file is never re-serialised. A linear-time scanner that follows the HTML5 tokenizer
finds the text nodes (tags, attributes, comments, doctypes, CDATA sections and processing
instructions are recognised even in broken markup: unclosed elements, stray closing tags,
``>`` inside quoted attribute values, an unclosed ``<!--`` that runs to the end), and the
output is the source with the translated text nodes replaced, so tags, attributes, entities
outside translated text, scripts, comments, whitespace and the markup's mistakes are kept
byte for byte. A text node whose translation is unchanged keeps its source spelling too.

Never translated: the contents of ``script``, ``style``, ``code``, ``pre``, ``textarea``,
``kbd``, ``samp``, ``var``, ``template``, ``noscript``, ``svg`` and ``math`` (and the other
raw-text elements), and anything inside an element with ``translate="no"`` (until a
descendant says ``translate="yes"``) or class ``notranslate``. Entities in a text node are
decoded for the model; in a translated node ``&``, ``<`` and ``>`` are escaped. The file's
encoding (told as :mod:`translator.files.encoding` says, the page's ``<meta charset>``
included) is kept, byte-order mark and all; characters it cannot hold are written as
character references. A named output encoding is used instead, and the page's declaration
is changed to name it.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from translator.files.encoding import encode_page
from translator.files.formats.base import DocumentFormat, Extracted, FormatOptions, read_text
from translator.files.formats.stretch import (
    FIXED,
    TAG,
    TEXT,
    Item,
    Joined,
    StretchSlot,
    stretch,
)

SKIP_TAGS = frozenset(
    "script style code pre textarea kbd samp var template svg math noscript".split()
)
VOID_TAGS = frozenset(
    "area base basefont bgsound br col embed frame hr img input keygen link meta param "
    "source track wbr".split()
)
#: Inline elements: a block's text with these inside is one unit (its sentences reach the
#: model whole) and the tags are put back on their words. ``code``, ``kbd``, ``samp`` and
#: ``var`` hold text kept verbatim, pinned in the sentence.
INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data del dfn em font i ins kbd mark q s samp small span "
    "strike strong sub sup time tt u var".split()
)
# Elements whose content is text up to their end tag (no tags inside); RCDATA ones decode
# entities. ``plaintext`` never ends.
RAW_TAGS = frozenset("script style xmp iframe noembed noframes noscript plaintext".split())
RCDATA_TAGS = frozenset(("title", "textarea"))
_FOREIGN = frozenset(("svg", "math"))
# A start tag of these closes an open <p> (HTML5's "close a p element"), simplified.
_CLOSES_P = frozenset(
    "address article aside blockquote center details dialog dir div dl dd dt fieldset "
    "figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li listing main menu "
    "nav ol p pre section summary table ul xmp".split()
)
_SCOPE = frozenset("applet caption html table td th marquee object template button".split())

_ATTR_SRC = r"""
    ([^\t\n\f\r />][^\t\n\f\r />=]*)                       # name (may start with "=")
    (?:[\t\n\f\r ]*=[\t\n\f\r ]*
       ("[^"]*(?:"|\Z)|'[^']*(?:'|\Z)|[^\t\n\f\r >]*))?    # value; a quote may run to EOF
"""
# A whole tag: every character but ">" either separates attributes or belongs to one, so
# the repetition only stops at ">" or the end, and nothing after it can fail (linear).
_TAG = re.compile(
    rf"</?([A-Za-z][^\t\n\f\r />]*)((?:[\t\n\f\r /]+|{_ATTR_SRC})*)",
    re.VERBOSE,
)
_ATTR = re.compile(_ATTR_SRC, re.VERBOSE)
_COMMENT_END = re.compile(r"--!?>")


@dataclass(frozen=True)
class Node:
    """A piece of the source: ``kind`` is "text" (a text node), "tag" or "other".

    Attributes:
        kind: "text" for character data, "tag" for a start or end tag, "other" for comments,
            doctypes, CDATA, processing instructions and raw-text element contents.
        start: Offset of the piece in the source.
        end: Offset just after it.
        translatable: For text, whether it is to be translated.
    """

    kind: str
    start: int
    end: int
    translatable: bool = False


class _Open:
    """An open element on the scanner's stack."""

    __slots__ = ("hard", "name", "no")

    def __init__(self, name: str, hard: bool, no: bool) -> None:
        self.name, self.hard, self.no = name, hard, no


class _Tree:
    """Open elements, enough to tell whether text is translatable; every step O(1) amortised.

    Kept per name: the stack positions where an element of that name is open, so a stray
    end tag or an implied close never searches the stack.
    """

    def __init__(self, *, xml: bool = False) -> None:
        self.xml = xml  # XHTML: "<p/>" closes itself
        self.stack: list[_Open] = []
        self.where: dict[str, list[int]] = {}
        self.scopes: list[int] = []
        self.foreign = 0

    @property
    def skip(self) -> bool:
        top = self.stack[-1] if self.stack else None
        return top is not None and (top.hard or top.no)

    def _last(self, name: str) -> int:
        places = self.where.get(name)
        return places[-1] if places else -1

    def _pop_to(self, index: int) -> None:
        while len(self.stack) > index:
            entry = self.stack.pop()
            self.where[entry.name].pop()
            if entry.name in _SCOPE:
                self.scopes.pop()
            if entry.name in _FOREIGN:
                self.foreign -= 1

    def _close_in_scope(self, name: str, also: tuple[str, ...] = ()) -> None:
        """Close the innermost ``name`` unless a scope boundary (or ``also``) is inside it."""
        boundary = max([self.scopes[-1] if self.scopes else -1, *map(self._last, also)])
        index = self._last(name)
        if index > boundary:
            self._pop_to(index)

    def start(self, name: str, attrs: dict[str, str], self_closing: bool) -> None:
        if not self.foreign:
            if name in _CLOSES_P:
                self._close_in_scope("p")
            if name == "li":
                self._close_in_scope("li", ("ol", "ul"))
            elif name in ("dd", "dt"):
                self._close_in_scope("dd")
                self._close_in_scope("dt")
        if name in VOID_TAGS or (self_closing and (self.xml or self.foreign or name in _FOREIGN)):
            return
        parent = self.stack[-1] if self.stack else None
        hard = (parent is not None and parent.hard) or name in SKIP_TAGS or (
            "notranslate" in attrs.get("class", "").split()
        )
        said = attrs.get("translate")
        said = said.strip().lower() if said is not None else None
        no = said == "no" if said in ("yes", "no") else (parent is not None and parent.no)
        self.where.setdefault(name, []).append(len(self.stack))
        if name in _SCOPE:
            self.scopes.append(len(self.stack))
        if name in _FOREIGN:
            self.foreign += 1
        self.stack.append(_Open(name, hard, no))

    def end(self, name: str) -> None:
        index = self._last(name)
        if index >= 0:  # a stray end tag changes nothing
            self._pop_to(index)


def _attrs(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    for match in _ATTR.finditer(text):
        name, value = match.group(1).lower(), match.group(2) or ""
        if value[:1] in ("'", '"'):
            value = value[1:-1] if len(value) > 1 and value[-1] == value[0] else value[1:]
        found.setdefault(name, html.unescape(value))  # the first of a name counts
    return found


def _is_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


@functools.lru_cache(maxsize=32)
def _closer(name: str) -> re.Pattern[str]:
    """The end tag that closes a raw-text element."""
    return re.compile(rf"</{re.escape(name)}[\t\n\f\r />]", re.IGNORECASE)


def scan(text: str, *, xml: bool = False) -> Iterator[Node]:
    """The pieces of an HTML text, in order, covering it exactly; linear time.

    ``xml`` (XHTML): a self-closing tag such as ``<p/>`` opens no element.
    """
    tree = _Tree(xml=xml)
    pos = text_start = 0
    n = len(text)
    while True:
        lt = text.find("<", pos)
        if lt < 0:
            break
        nxt = text[lt + 1 : lt + 2]
        end = -1
        kind = "other"
        if nxt == "!":
            if text.startswith("<!--", lt):
                if text.startswith(">", lt + 4):
                    end = lt + 5
                elif text.startswith("->", lt + 4):
                    end = lt + 6
                else:
                    match = _COMMENT_END.search(text, lt + 4)
                    end = match.end() if match else n  # an unclosed comment runs to the end
            elif text.startswith("<![CDATA[", lt):
                close = text.find("]]>", lt + 9)
                end = close + 3 if close >= 0 else n
            else:
                close = text.find(">", lt + 2)
                end = close + 1 if close >= 0 else n
        elif nxt == "/" and _is_letter(text[lt + 2 : lt + 3]) or _is_letter(nxt):
            match = _TAG.match(text, lt)
            if match is not None:
                kind = "tag"
                end = match.end() + 1 if text.startswith(">", match.end()) else n
        elif nxt == "?" or (nxt == "/" and lt + 2 < n):  # bogus comment ("</>" included)
            close = text.find(">", lt + 2)
            end = close + 1 if close >= 0 else n
        if end < 0:  # a "<" that starts no markup is text
            pos = lt + 1
            continue
        if lt > text_start:
            yield Node("text", text_start, lt, not tree.skip)
        yield Node(kind, lt, end)
        pos = text_start = end
        if kind == "tag":
            name = match.group(1).lower()  # type: ignore[union-attr]
            if text[lt + 1] == "/":
                tree.end(name)
                continue
            body = match.group(2)  # type: ignore[union-attr]
            tree.start(name, _attrs(body) if "=" in body else {}, body.endswith("/"))
            if (name in RAW_TAGS or name in RCDATA_TAGS) and not tree.foreign:
                close_at = n
                if name != "plaintext":
                    found = _closer(name).search(text, end)
                    close_at = found.start() if found else n
                if close_at > end:
                    if name in RCDATA_TAGS:
                        yield Node("text", end, close_at, not tree.skip)
                    else:
                        yield Node("other", end, close_at)
                pos = text_start = close_at
    if n > text_start:
        yield Node("text", text_start, n, not tree.skip)


class HtmlFormat(DocumentFormat):
    """See the module docstring."""

    name = "html"
    extensions = (".html", ".htm", ".xhtml")

    def extract(
        self, data: bytes, *, source: str, options: FormatOptions, xml: bool | None = None
    ) -> Extracted:
        """See :class:`DocumentFormat`.

        ``xml``: the document is XHTML (``<p/>`` closes itself); by default, when
        ``source`` ends with ``.xhtml``.
        """
        text, found = read_text(data, source, options, markup=True)
        units: list[str] = []
        parts: list[str | StretchSlot | Joined] = []
        items: list[Item] = []
        kept = start = 0
        if xml is None:
            xml = source.lower().endswith(".xhtml")

        def close() -> None:
            nonlocal kept
            if items:
                placed = stretch(units, items, escape=_escape)
                if not isinstance(placed, str):
                    parts.extend((text[kept:start], placed))
                    kept = end
                items.clear()

        for node in scan(text, xml=xml):
            raw = text[node.start : node.end]
            if node.kind == "text":
                kind = TEXT if node.translatable else FIXED
                item = Item(kind, raw, html.unescape(raw))
            elif node.kind == "tag" and _tag_name(raw) in INLINE_TAGS:
                item = Item(TAG, raw)
            else:
                close()
                continue
            if not items:
                start = node.start
            items.append(item)
            end = node.end
        close()
        parts.append(text[kept:])

        def rebuild(translations: Sequence[str]) -> bytes:
            out = [p if isinstance(p, str) else p.render(translations) for p in parts]
            return encode_page("".join(out), found, options.output_encoding)

        return Extracted(units, rebuild, read_as=found.describe())


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def _tag_name(raw: str) -> str:
    match = _TAG.match(raw)
    return match.group(1).lower() if match else ""
