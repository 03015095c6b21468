"""``/translate`` with ``format=html``: each text parsed and rebuilt by the html file format."""

from __future__ import annotations

from collections.abc import Sequence

from translator.files.formats import get_format
from translator.files.formats.base import DocumentFormat, Extracted, FormatOptions


def extract_html(texts: Sequence[str]) -> list[Extracted]:
    """``format=html`` texts, each parsed by the html file format."""
    fmt = get_format("html")
    assert isinstance(fmt, DocumentFormat)
    utf8 = FormatOptions(encoding="utf-8")  # text, not a file: no <meta charset> applies
    return [fmt.extract(t.encode("utf-8"), source="q", options=utf8) for t in texts]


def rebuild_html(extracted: Sequence[Extracted], translations: Sequence[str]) -> list[str]:
    """Each text of :func:`extract_html` rebuilt with its units' ``translations`` in order."""
    translated = iter(translations)
    return [e.rebuild([next(translated) for _ in e.units]).decode("utf-8") for e in extracted]
