"""Plain text: the core's layout contract (paragraphs, lines, markers kept)."""

from __future__ import annotations

from collections.abc import Sequence

from translator.files.formats.base import (
    DocumentFormat,
    Extracted,
    FormatOptions,
    encode_text,
    read_text,
)


class TextFormat(DocumentFormat):
    """The whole file is one document for the engine."""

    name = "txt"
    extensions = (".txt", ".text")

    def extract(self, data: bytes, *, source: str, options: FormatOptions) -> Extracted:
        """See :class:`DocumentFormat`."""
        text, found = read_text(data, source, options)

        def rebuild(translations: Sequence[str]) -> bytes:
            return encode_text(translations[0], data, options, source=source)

        return Extracted([text], rebuild, read_as=found.describe())
