"""Document layout: paragraphs, standalone lines, hard-wrapped lines, markers.

A text is cut into blocks separated by blank lines. Inside a block every physical line
either stands alone (a heading, a list item, a caption, a byline, a photo credit) or
continues the previous one (a sentence hard-wrapped over several lines). Continuation
lines are joined into one logical line, so the wrapped sentence is translated once.
Each logical line keeps its indentation and list marker as a prefix, and its content is
cut into sentences by :func:`translator.segment.sentence_spans`.

Rendering puts translations back into the same skeleton: the text between blocks (blank
lines, trailing whitespace) is copied verbatim, every logical line keeps its prefix and
its line ending. Everything here is pure text; nothing imports a model.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from translator.segment import sentence_spans

# Leading indentation plus a list or quote marker: "- ", "• ", "1. ", "a) ", "(2) ", "> ", "## ".
_MARKER = re.compile(
    r"""[ \t]*
    (?: [-–—•*·▪●◦‣⁃►▶✓✔]\s+
      | \d{1,3}[.)]\s+
      | [a-z][.)]\s+
      | [A-Z]\)\s+
      | [ivxIVX]{1,5}[.)]\s+
      | \(\s*(?:\d{1,3}|[a-zA-Z]|[ivx]{1,5})\s*\)\s+
      | \#{1,6}\s+
      | >\s*
    )?""",
    re.VERBOSE,
)

# Lines that always stand alone even when the previous line seems unfinished.
_STANDALONE_START = re.compile(
    r"""(?:\(?\s*(?:foto|sumber|baca\s+juga|editor|penulis|reporter|pewarta|redaktur|
    penyunting|keterangan|ilustrasi|oleh|copyright|video|lihat\s+juga|simak|tags?|
    kontributor|laporan|wartawan)\b\s*:?|©)""",
    re.VERBOSE | re.IGNORECASE,
)

# A line that ends with one of these is complete (the next line does not continue it
# unless it starts in lower case).
_FINAL_PUNCT = tuple(".!?…:;\"”’')]»")

# Words after which a sentence cannot end, so a line ending in one continues on the next.
_CONTINUING_WORDS = frozenset(
    """yang dan di ke dari untuk dengan pada oleh bahwa kepada dalam atau serta tetapi
    namun karena sehingga agar supaya bagi antara tentang terhadap sebagai seperti para
    sang si akan telah sudah belum tidak bukan adalah ialah yaitu yakni
    maupun hingga sampai sejak jika bila ketika saat pukul sebesar sebanyak
    menurut kata ujar oleh the of and to in""".split()
)

# Content that needs no translation: a URL, an e-mail address, a number, or no letters.
_VERBATIM = re.compile(
    r"""\s*(?:
        (?:https?://|ftp://|www\.)\S+
      | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
      | [^\w]*\d[\d\s.,:/%+\-–—()]*[^\w]*
      | [\W_]*
    )\s*""",
    re.VERBOSE,
)


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

    Attributes:
        prefix: Indentation and list marker copied unchanged into the translation.
        segments: The sentences of the line's content.
        ending: The trailing spaces and line break after the line, copied unchanged (the
            block's last line has no line break).
    """

    prefix: str
    segments: tuple[Segment, ...]
    ending: str


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
            words = " ".join(t.strip() for t in translations[i : i + n] if t.strip())
            parts.append(f"{line.prefix}{words}" + line.ending)
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

    def render(self, block_translations: Sequence[str]) -> str:
        """Join translated blocks with the source's separators."""
        if len(block_translations) != len(self.blocks):
            raise ValueError("need exactly one translation per block")
        out = [self.separators[0]]
        for block, sep in zip(block_translations, self.separators[1:]):
            out += [block, sep]
        return "".join(out)


def parse(text: str) -> Layout:
    """Parse a document into blocks, logical lines and segments.

    Args:
        text: The document, any line endings.

    Returns:
        Its :class:`Layout`. ``parse(text).render([b.text for b in blocks]) == text``.
    """
    lines = text.splitlines(keepends=True)
    blocks: list[Block] = []
    separators: list[str] = []
    sep_start = 0
    pos = 0
    run: list[tuple[int, str]] = []  # (offset, line with ending) of the current block

    def close_run() -> None:
        nonlocal sep_start
        if not run:
            return
        start = run[0][0]
        last_off, last = run[-1]
        end = last_off + len(last.rstrip("\r\n"))
        separators.append(text[sep_start:start])
        blocks.append(_parse_block(text, run, end))
        sep_start = end
        run.clear()

    for line in lines:
        if line.strip():
            run.append((pos, line))
        else:
            close_run()
        pos += len(line)
    close_run()
    separators.append(text[sep_start:])
    return Layout(text=text, blocks=tuple(blocks), separators=tuple(separators))


def _parse_block(text: str, run: list[tuple[int, str]], end: int) -> Block:
    """Build a block from its physical lines (offset, line-with-ending)."""
    logical: list[list[tuple[int, str]]] = []
    for off, line in run:
        if logical and _continues(logical[-1][-1][1], line):
            logical[-1].append((off, line))
        else:
            logical.append([(off, line)])
    out_lines = []
    for k, group in enumerate(logical):
        first_off, first = group[0]
        prefix = _MARKER.match(first.rstrip("\r\n")).group(0)  # type: ignore[union-attr]
        content_start = first_off + len(prefix)
        last_off, last = group[-1]
        body = last.rstrip("\r\n") if k < len(logical) - 1 else text[last_off:end]
        content_end = last_off + len(body.rstrip())
        # trailing spaces and the line break (none after the block's last line)
        ending = last[len(body.rstrip()) :] if k < len(logical) - 1 else body[len(body.rstrip()) :]
        content = text[content_start:content_end]
        segments = tuple(
            _segment(text, content_start + s, content_start + e) for s, e in sentence_spans(content)
        )
        out_lines.append(Line(prefix=prefix, segments=segments, ending=ending))
    start = run[0][0]
    return Block(text=text[start:end], lines=tuple(out_lines))


def _segment(text: str, start: int, end: int) -> Segment:
    piece = text[start:end]
    return Segment(start=start, end=end, text=piece, verbatim=needs_no_translation(piece))


def needs_no_translation(text: str) -> bool:
    """True when ``text`` is only a URL, an e-mail address, a number or has no letters."""
    return _VERBATIM.fullmatch(text) is not None


def _continues(previous: str, line: str) -> bool:
    """Whether physical ``line`` continues the sentence that ``previous`` left unfinished."""
    prev = previous.rstrip()
    marker = _MARKER.match(line.rstrip("\r\n")).group(0)  # type: ignore[union-attr]
    if marker.strip():
        return False  # a list item or heading always starts a new line
    body = line.strip()
    if _STANDALONE_START.match(body) or needs_no_translation(body) or needs_no_translation(prev):
        return False
    first = body[0]
    if first.islower() or first in ",;)–—":
        return True
    if prev.endswith(_FINAL_PUNCT):
        return False
    words = prev.split()
    last_word = words[-1] if words else ""
    if prev.endswith((",", "-")) or last_word in _CONTINUING_WORDS:
        return True
    # "... diresmikan oleh Presiden" + "Joko Widodo ...": a name wrapped in running text.
    # A title-case heading has few lower-case words, so it is not joined.
    lower_words = sum(w[:1].islower() for w in words)
    return (
        last_word[:1].isupper()
        and first.isupper()
        and len(words) >= 5
        and lower_words >= len(words) / 3
    )
