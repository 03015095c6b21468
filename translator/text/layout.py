"""Document layout: paragraphs, standalone lines, hard-wrapped lines, markers.

A text is cut into blocks separated by blank lines. Inside a block every physical line
either stands alone (a heading, a list item, a caption, a byline, a photo credit) or
continues the previous one (a sentence hard-wrapped over several lines). Continuation
lines are joined into one logical line, so the wrapped sentence is translated once.
Each logical line keeps its indentation and list marker as a prefix, and its content is
cut into sentences by :func:`translator.text.segment.running_text_spans`.

Rendering puts translations back into the same skeleton: the text between blocks (blank
lines, trailing whitespace) is copied verbatim, every logical line keeps its prefix, the
whitespace between its sentences and its line ending. Everything outside the sentences
comes back byte for byte, so a layout rendered with its own sources is the source text.
Everything here is pure text, runs in linear time on any input, and imports no model.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from translator.text.segment import running_text_spans
from translator.text.segment.lines import line_extents, needs_no_translation, physical_blocks


@dataclass(frozen=True)
class Segment:
    """A sentence-sized piece of source text.

    Attributes:
        start: Offset of the segment in the document.
        end: Offset just after the segment.
        text: The exact source text, ``document[start:end]``.
        verbatim: True when the text needs no translation and is copied unchanged.
    """

    start: int
    end: int
    text: str
    verbatim: bool

    @property
    def model_input(self) -> str:
        """The text the model sees: single spaces, no control characters."""
        text = "".join(c for c in self.text if unicodedata.category(c) != "Cc" or c.isspace())
        return " ".join(text.split())


@dataclass(frozen=True)
class Line:
    """A logical line: one standalone line, or several hard-wrapped lines joined.

    ``prefix + segments[0].text + gaps[0] + segments[1].text + ... + ending`` is the
    exact source text of the line.

    Attributes:
        prefix: Indentation, list marker and the whitespace before the first sentence,
            copied unchanged into the translation. A line with no sentence (a bare
            marker such as ``"1."`` or ``"##"``) is all prefix.
        segments: The sentences of the line's content.
        ending: The trailing spaces and line break after the line, copied unchanged (the
            block's last line has no line break).
        gaps: The source whitespace between consecutive segments, ``len(segments) - 1``
            strings (a single space between each pair when left empty).
    """

    prefix: str
    segments: tuple[Segment, ...]
    ending: str
    gaps: tuple[str, ...] = ()

    def render(self, translations: Sequence[str]) -> str:
        """The line with its segments replaced by ``translations`` (one per segment).

        Translations are stripped; empty ones are left out together with the gap before them.
        """
        parts = [self.prefix]
        for k, translation in enumerate(translations):
            piece = translation.strip()
            if not piece:
                continue
            if len(parts) > 1:
                parts.append(self.gaps[k - 1] if len(self.gaps) >= k else " ")
            parts.append(piece)
        parts.append(self.ending)
        return "".join(parts)


@dataclass(frozen=True)
class Block:
    """A blank-line separated block (a paragraph).

    Attributes:
        text: The exact source text of the block.
        lines: Its logical lines.
    """

    text: str
    lines: tuple[Line, ...]

    @property
    def segments(self) -> tuple[Segment, ...]:
        """All segments of the block, in order."""
        return tuple(seg for line in self.lines for seg in line.segments)

    def render(self, translations: Sequence[str]) -> str:
        """The block with every segment replaced by its translation.

        Args:
            translations: One string per segment of :attr:`segments`, in order.

        Returns:
            The translated block, with the source's prefixes and line breaks.
        """
        if len(translations) != len(self.segments):
            raise ValueError("need exactly one translation per segment")
        parts: list[str] = []
        i = 0
        for line in self.lines:
            n = len(line.segments)
            parts.append(line.render(translations[i : i + n]))
            i += n
        return "".join(parts)


@dataclass(frozen=True)
class Layout:
    """A parsed document: ``separators[0] + block[0] + separators[1] + ... + separators[-1]``.

    Attributes:
        text: The document.
        blocks: Its blocks.
        separators: The text around and between blocks (blank lines), ``len(blocks) + 1``.
    """

    text: str
    blocks: tuple[Block, ...]
    separators: tuple[str, ...]

    def render(self, block_translations: Sequence[str], *, prefix: bool = False) -> str:
        """Join translated blocks with the source's separators.

        Args:
            block_translations: One translation per block, in order.
            prefix: Allow fewer (the first blocks, as a stream has them so far): they are
                joined by the separators between them, the last separator only once all
                blocks are there.
        """
        n = len(block_translations)
        if n > len(self.blocks) or (n < len(self.blocks) and not prefix):
            raise ValueError("need exactly one translation per block")
        out = [self.separators[0]]
        for i, block in enumerate(block_translations):
            out += [block, self.separators[i + 1] if i + 1 < n or n == len(self.blocks) else ""]
        return "".join(out)


def parse(text: str) -> Layout:
    """Parse a document into blocks, logical lines and segments.

    Runs in linear time on any input.

    Args:
        text: The document, any line endings.

    Returns:
        Its :class:`Layout`. Rendering it with the source texts gives ``text`` back byte
        for byte: ``parse(text).render([b.render([s.text for s in b.segments]) for b in
        blocks]) == text``.
    """
    blocks: list[Block] = []
    separators: list[str] = []
    sep_start = 0
    for start, end, groups in physical_blocks(text):
        separators.append(text[sep_start:start])
        lines = tuple(_parse_line(text, extent) for extent in line_extents(text, groups, end))
        blocks.append(Block(text=text[start:end], lines=lines))
        sep_start = end
    separators.append(text[sep_start:])
    return Layout(text=text, blocks=tuple(blocks), separators=tuple(separators))


def _parse_line(text: str, extent: tuple[int, int, int, int]) -> Line:
    """Build a :class:`Line` from its extent (see :func:`.lines.line_extents`)."""
    line_start, content_start, content_end, line_end = extent
    segments = tuple(
        _segment(text, content_start + s, content_start + e)
        for s, e in running_text_spans(text[content_start:content_end])
    )
    ending = text[content_end:line_end]
    if not segments:
        return Line(prefix=text[line_start:content_end], segments=(), ending=ending)
    gaps = tuple(text[a.end : b.start] for a, b in zip(segments, segments[1:]))
    return Line(
        prefix=text[line_start : segments[0].start], segments=segments, ending=ending, gaps=gaps
    )


def _segment(text: str, start: int, end: int) -> Segment:
    piece = text[start:end]
    return Segment(start=start, end=end, text=piece, verbatim=needs_no_translation(piece))


