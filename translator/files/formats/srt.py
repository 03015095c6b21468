"""SubRip subtitles: cue text translated; numbering, timings and blank lines identical."""

from __future__ import annotations

import re
from collections.abc import Sequence

from translator.errors import InvalidInputError
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
from translator.files.formats.stretch import items_of, stretch

_TIMING = re.compile(r"\s*\d+:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d+:\d{2}:\d{2}[,.]\d{1,3}.*")
_SEPARATOR = re.compile(r"((?:\r?\n)[ \t]*(?:\r?\n)(?:[ \t]*\r?\n)*)")
# <i>, </font>, {\an8}; an attempt stops at the next opener, so unclosed ones cost nothing.
_TAGS = re.compile(r"<[^<>\n]+>|\{\\[^{}\n]*\}")


class SrtFormat(DocumentFormat):
    """Each cue's text (all its lines, its tags inside) is one unit; the tags stay verbatim."""

    name = "srt"
    extensions = (".srt",)

    def extract(self, data: bytes, *, source: str, options: FormatOptions) -> Extracted:
        """See :class:`DocumentFormat`."""
        text, found = read_text(data, source, options)
        units = Units()
        parts: list[Part] = []
        pieces = _SEPARATOR.split(text)
        for n, piece in enumerate(pieces):
            if n % 2 or not piece.strip():
                parts.append(piece)
                continue
            lines = split_lines(piece)
            head = 0
            while head < len(lines) and not lines[head].strip():
                head += 1
            if head < len(lines) and lines[head].strip().isdigit():
                head += 1
            if head >= len(lines) or not _TIMING.fullmatch(lines[head].rstrip("\r\n")):
                raise InvalidInputError(
                    f"{source}: subtitle {n // 2 + 1} has no timing line "
                    "(00:00:01,000 --> 00:00:02,000). Fix: check the file is valid SRT, or "
                    "pass --format txt."
                )
            parts.append("".join(lines[: head + 1]))
            parts.append(stretch(units.texts, items_of("".join(lines[head + 1 :]), _TAGS)))

        def rebuild(translations: Sequence[str]) -> bytes:
            return encode_text(render(parts, translations), data, options, source=source)

        return Extracted(units.texts, rebuild, read_as=found.describe())
