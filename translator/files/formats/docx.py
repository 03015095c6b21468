"""Word documents (python-docx): paragraph text translated, everything else kept.

Paragraphs of the body, of tables (nested too), headers and footers are translated.
Within a paragraph, neighbouring runs with the same character formatting are translated
together and the translation goes into the first of them, so bold or italic words keep
their formatting; the paragraph's style (headings, list styles), numbering and the table
structure are untouched. Text inside hyperlinks, fields and text boxes is left as is.
"""

from __future__ import annotations

import io
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
                if id(cell._tc) in seen:  # merged cells repeat
                    continue
                seen.add(id(cell._tc))
                yield from iter_paragraphs(cell)


def _run_format(run: Any) -> bytes:
    rpr = run._r.rPr
    if rpr is None:
        return b""
    from lxml import etree

    return etree.tostring(rpr)


class DocxFormat(DocumentFormat):
    """See the module docstring."""

    name = "docx"
    extensions = (".docx",)

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
        groups: list[tuple[list[Any], Any]] = []
        for part in parts:
            for paragraph in iter_paragraphs(part):
                runs = list(paragraph.runs)
                start = 0
                while start < len(runs):
                    end = start + 1
                    key = _run_format(runs[start])
                    while end < len(runs) and _run_format(runs[end]) == key:
                        end += 1
                    group = runs[start:end]
                    slot = units.text("".join(r.text for r in group))
                    if not isinstance(slot, str):
                        groups.append((group, slot))
                    start = end

        def rebuild(translations: Sequence[str]) -> bytes:
            for group, slot in groups:
                group[0].text = slot.render(translations)
                for run in group[1:]:
                    run.text = ""
            out = io.BytesIO()
            document.save(out)
            return out.getvalue()

        return Extracted(units.texts, rebuild)
