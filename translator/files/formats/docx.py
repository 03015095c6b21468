"""Word documents (python-docx): paragraph text translated, everything else kept.

Paragraphs of the body, of tables (nested too), headers and footers are translated.
Within a paragraph, neighbouring runs with the same character formatting are translated
together and the translation goes into the first of them, so bold or italic words keep
their formatting; the paragraph's style (headings, list styles), numbering and the table
structure are untouched. Tabs, line and page breaks and anything else inside a run that
is not text stay where they are: the text between them is translated piece by piece. Text
inside hyperlinks, fields and text boxes is left as is.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from typing import Any

from translator.errors import MissingDependencyError, UnsupportedFormatError
from translator.files.formats.base import DocumentFormat, Extracted, FormatOptions, Units


def _docx():  # noqa: ANN202
    try:
        import docx
    except ImportError as exc:
        raise MissingDependencyError("python-docx", "formats", "Translating .docx") from exc
    return docx


def iter_paragraphs(container: Any) -> Iterator[Any]:
    """Every paragraph of a document part, tables included, in document order."""
    yield from container.paragraphs
    for table in getattr(container, "tables", ()):
        seen = set()
        for row in table.rows:
            for cell in row.cells:
                # Merged cells repeat. The elements themselves are kept: the id() of an
                # lxml proxy that was let go can come back for another cell.
                if cell._tc in seen:
                    continue
                seen.add(cell._tc)
                yield from iter_paragraphs(cell)


def _run_format(run: Any) -> bytes:
    rpr = run._r.rPr
    if rpr is None:
        return b""
    from lxml import etree

    return etree.tostring(rpr)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Run children that are neither text nor content: they never cut a stretch of text.
_NOT_CONTENT = frozenset((f"{_W}rPr", f"{_W}lastRenderedPageBreak"))


def _text_stretches(runs: Sequence[Any]) -> Iterator[list[Any]]:
    """The ``w:t`` elements of neighbouring runs, cut at everything else in them.

    Tabs, line and page breaks, symbols, drawings and field characters are not text: they
    stay where they are, and the text between them is translated piece by piece.
    """
    stretch: list[Any] = []
    for run in runs:
        for child in run._r:
            if child.tag == f"{_W}t":
                stretch.append(child)
            elif child.tag not in _NOT_CONTENT and stretch:
                yield stretch
                stretch = []
    if stretch:
        yield stretch


# Characters XML 1.0 cannot hold (lxml refuses them): never in a source, but a translation
# is not a source.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _set_text(element: Any, text: str) -> None:
    text = _NOT_XML.sub("", text)
    element.text = text
    if text != text.strip():
        element.set(_XML_SPACE, "preserve")


class DocxFormat(DocumentFormat):
    """See the module docstring."""

    name = "docx"
    extensions = (".docx",)
    encoded = False

    def extract(self, data: bytes, *, source: str, options: FormatOptions) -> Extracted:
        """See :class:`DocumentFormat`."""
        docx = _docx()
        try:
            document = docx.Document(io.BytesIO(data))
        except Exception as exc:  # zipfile.BadZipFile, KeyError, PackageNotFoundError ...
            raise UnsupportedFormatError(
                f"{source}: not a valid .docx file ({type(exc).__name__}: {exc}). "
                "Fix: open and save it again in Word or LibreOffice, or pass the right --format."
            ) from exc
        parts = [document]
        for section in document.sections:
            for hf in (section.header, section.footer):
                if not hf.is_linked_to_previous:
                    parts.append(hf)
        units = Units()
        slots: list[tuple[list[Any], Any]] = []  # (w:t elements, slot)
        for part in parts:
            for paragraph in iter_paragraphs(part):
                runs = list(paragraph.runs)
                start = 0
                while start < len(runs):
                    end = start + 1
                    key = _run_format(runs[start])
                    while end < len(runs) and _run_format(runs[end]) == key:
                        end += 1
                    for texts in _text_stretches(runs[start:end]):
                        slot = units.text("".join(t.text or "" for t in texts))
                        if not isinstance(slot, str):
                            slots.append((texts, slot))
                    start = end

        def rebuild(translations: Sequence[str]) -> bytes:
            for texts, slot in slots:
                _set_text(texts[0], slot.render(translations))
                for element in texts[1:]:
                    _set_text(element, "")
            out = io.BytesIO()
            document.save(out)
            return out.getvalue()

        return Extracted(units.texts, rebuild)
