"""Text in and out of interchange XML: escaping for writing, inline markup for reading.

Both TMX and XLIFF segments may hold inline elements. Some wrap translatable text
(TMX ``hi``, XLIFF ``g`` and ``mrk``): their text is kept. Others hold the *native code*
of the original format (``bpt``, ``ept``, ``ph``, ``it``, ``ut``, ``bx``, ``ex``, ``x``:
an HTML tag, an RTF control word): their content is dropped, the text after them kept.
``sub`` (a sub-flow inside native code) is a separate segment and dropped too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

#: The XML namespace of ``xml:lang`` and ``xml:space``.
XML_NS = "http://www.w3.org/XML/1998/namespace"

#: Inline elements whose content is native code, not text (TMX 1.4 and XLIFF 1.2).
CODE_ELEMENTS = frozenset({"bpt", "ept", "ph", "it", "ut", "bx", "ex", "x", "sub"})

#: Characters XML 1.0 cannot carry at all (C0 controls but tab, LF, CR; U+FFFE/U+FFFF),
#: and lone surrogates (text decoded with ``surrogateescape``), which UTF-8 cannot.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_WHITESPACE = re.compile(r"\s+")


def local(tag: object) -> str:
    """An element's tag without its namespace (``{urn:...}seg`` -> ``seg``)."""
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    return tag.rpartition("}")[2]


def inline_text(element: Element) -> str:
    """The translatable text of a segment element, inline markup resolved (see module)."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if local(child.tag) not in CODE_ELEMENTS and isinstance(child.tag, str):
            parts.append(inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def normalize(text: str) -> str:
    """Whitespace normalised: runs of whitespace become one space, ends stripped."""
    return _WHITESPACE.sub(" ", text).strip()


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot carry replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def escape(text: str, *, attribute: bool = False) -> str:
    """Text escaped for XML element content (or a double-quoted attribute).

    Characters XML 1.0 cannot represent (control characters such as form feed, lone
    surrogates) become U+FFFD (:func:`xml_safe`); a carriage return is written as
    ``&#13;`` so that parsers keep it.
    """
    text = xml_safe(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\r", "&#13;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return text


def lang_matches(value: str | None, wanted: str) -> bool:
    """True when language tag ``value`` has the primary subtag ``wanted`` (``en-GB``, ``EN``).

    Indonesian is also accepted under its withdrawn code ``in``, which older tools write.
    """
    if not value:
        return False
    primary = value.replace("_", "-").split("-")[0].lower()
    return primary == wanted.lower() or (wanted.lower() == "id" and primary == "in")
