"""HTML: only text nodes are translated; tags, attributes, comments untouched.

Never translated: the contents of ``script``, ``style``, ``code``, ``pre``, ``textarea``,
``kbd``, ``samp``, ``var``, ``template``, ``svg`` and ``math``, and anything inside an
element with ``translate="no"`` or class ``notranslate``. Parsed with BeautifulSoup's
``html.parser`` (no extra parser needed) and written back with HTML-escaped text, so the
output is valid HTML with the source's tag tree.
"""

from __future__ import annotations

from collections.abc import Sequence

from translator.errors import MissingDependencyError
from translator.files.formats.base import (
    DocumentFormat,
    Extracted,
    FormatOptions,
    Units,
    decode_text,
)

SKIP_TAGS = frozenset(
    "script style code pre textarea kbd samp var template svg math noscript".split()
)


def _bs4():  # noqa: ANN202
    try:
        import bs4
    except ImportError as exc:
        raise MissingDependencyError("beautifulsoup4", "formats", "Translating HTML") from exc
    return bs4


def _skipped(node) -> bool:  # noqa: ANN001
    for parent in node.parents:
        if parent.name in SKIP_TAGS:
            return True
        attrs = getattr(parent, "attrs", None) or {}
        if str(attrs.get("translate", "")).strip().lower() == "no":
            return True
        if "notranslate" in (attrs.get("class") or ()):
            return True
    return False


class HtmlFormat(DocumentFormat):
    """See the module docstring."""

    name = "html"
    extensions = (".html", ".htm", ".xhtml")

    def extract(self, data: bytes, *, source: str, options: FormatOptions) -> Extracted:
        """See :class:`DocumentFormat`."""
        bs4 = _bs4()
        text = decode_text(data, source)
        soup = bs4.BeautifulSoup(text, "html.parser")
        units = Units()
        slots = []
        for node in soup.find_all(string=True):
            if type(node) is not bs4.NavigableString or _skipped(node):
                continue
            part = units.text(str(node))
            if not isinstance(part, str):
                slots.append((node, part))

        def rebuild(translations: Sequence[str]) -> bytes:
            for node, slot in slots:
                node.replace_with(bs4.NavigableString(slot.render(translations)))
            return str(soup).encode("utf-8")

        return Extracted(units.texts, rebuild)
