"""PowerPoint presentations: the text of every slide and its notes translated.

The slide and notes-slide parts are edited directly (see
:mod:`translator.files.formats.ooxml`); slide layouts and masters are not translated
(their placeholder prompts never show in a presentation), and every other part (media,
themes, charts, relationships) is kept byte for byte. Every DrawingML paragraph of a slide
is translated: titles, placeholders, text boxes, shapes, grouped shapes (at any depth),
every table cell, and the speaker notes.

A paragraph is translated whole, cut only at line breaks, and the translation is put back
on its runs by :func:`translator.files.formats.placement.place_runs`: a bold phrase or a
hyperlink in a sentence stays on its share of the words. Neighbouring runs with the same
properties are one group: its text goes into the first of them. Text fields (slide number,
date) are their own group.

Not translated, and named in :attr:`Extracted.untranslated`: charts, SmartArt, embedded
(OLE) objects and pictures.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from translator.files.formats.base import DocumentFormat, Extracted, FormatOptions
from translator.files.formats.ooxml import (
    PPTX_MAIN,
    Package,
    Text,
    TextCollector,
    drawingml_items,
    drawingml_paragraphs,
    graphic_names,
    in_fallback,
)

_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"

#: Content types (their ends) of the parts that hold a presentation's text.
TEXT_PARTS = ("presentationml.slide+xml", "presentationml.notesSlide+xml")


def _paragraphs(root: Any) -> Iterator[Iterator[Text | str | None]]:
    return (drawingml_items(p) for p in drawingml_paragraphs(root))


class PptxFormat(DocumentFormat):
    """See the module docstring."""

    name = "pptx"
    extensions = (".pptx",)

    def extract(self, data: bytes, *, source: str, options: FormatOptions) -> Extracted:
        """See :class:`DocumentFormat`."""
        package = Package(data, source=source, kind=".pptx", main=PPTX_MAIN)
        collector = TextCollector(preserve=False)
        untranslated: list[str] = []
        for member in package.parts(*TEXT_PARTS):
            root = package.collect(member, collector, _paragraphs)
            untranslated += graphic_names(root)
            untranslated += ["image" for pic in root.iter(f"{_P}pic") if not in_fallback(pic)]

        return package.extracted(collector, untranslated)
