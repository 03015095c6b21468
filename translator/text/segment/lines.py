"""Logical lines: where a line of a document stands alone and where it continues.

A text is cut into blocks separated by blank lines. Inside a block every physical line
either stands alone (a heading, a list item, a caption, a byline, a photo credit) or
continues the previous one (a sentence hard-wrapped over several lines). Continuation
lines are joined into one logical line. :mod:`translator.text.layout` builds the document
on these lines and :func:`translator.text.segment.sentence_spans` ends a sentence at each.
Pure text, linear time on any input.
"""

from __future__ import annotations

import re

from translator.text.segment.boundaries import period_never_ends

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

# Pieces of :func:`needs_no_translation`. It scans instead of using one big pattern: the
# alternatives of such a pattern overlap (spaces, punctuation) and backtrack in cubic time
# on inputs such as "1" + 2,500 spaces + "a". Every pattern here runs in linear time.
_URL_STARTS = ("https://", "http://", "ftp://", "www.")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ALNUM = re.compile(r"[^\W_]")
_WORD_CHAR = re.compile(r"\w")
_SPACE = re.compile(r"\s")
_NUMBER_BODY = re.compile(r"[\d\s.,:/%+\-–—()]*")


def logical_lines(text: str) -> list[tuple[int, int]]:
    """Where the logical lines of a document are, as :func:`parse` decides them.

    Args:
        text: The document, any line endings.

    Returns:
        ``(start, end)`` offsets of each logical line from its first to its last
        non-whitespace character, marker included, in order. Together they hold every
        non-whitespace character of ``text`` once.
    """
    spans = []
    for _, end, groups in physical_blocks(text):
        for line_start, _, content_end, _ in line_extents(text, groups, end):
            first = text[line_start:content_end]
            spans.append((line_start + len(first) - len(first.lstrip()), content_end))
    return spans


_PhysicalLine = tuple[int, str]  # (offset, line with its line break)


def physical_blocks(text: str) -> list[tuple[int, int, list[list[_PhysicalLine]]]]:
    """The blocks of ``text``: ``(start, end, logical lines as physical lines)``.

    A block ends at its last non-line-break character; the blank lines between blocks
    are separators.
    """
    blocks: list[tuple[int, int, list[list[_PhysicalLine]]]] = []
    run: list[_PhysicalLine] = []
    pos = 0

    def close_run() -> None:
        if run:
            last_off, last = run[-1]
            blocks.append((run[0][0], last_off + len(last.rstrip("\r\n")), _group(run)))
            run.clear()

    for line in text.splitlines(keepends=True):
        if line.strip():
            run.append((pos, line))
        else:
            close_run()
        pos += len(line)
    close_run()
    return blocks


def _group(run: list[_PhysicalLine]) -> list[list[_PhysicalLine]]:
    """Group a block's physical lines into logical lines."""
    logical: list[list[_PhysicalLine]] = []
    for off, line in run:
        if logical and _continues(logical[-1][-1][1], line):
            logical[-1].append((off, line))
        else:
            logical.append([(off, line)])
    return logical


def line_extents(
    text: str, groups: list[list[_PhysicalLine]], block_end: int
) -> list[tuple[int, int, int, int]]:
    """``(line_start, content_start, content_end, line_end)`` of each logical line.

    The content runs from after the marker to the last non-whitespace character; a
    marker never reaches past it, so a bare marker (``"1.  "``) is not counted twice.
    The line ends after its line break, or at ``block_end`` for the block's last line.
    """
    extents = []
    for k, group in enumerate(groups):
        first_off, first = group[0]
        last_off, last = group[-1]
        content_end = last_off + len(last.rstrip())
        line_end = last_off + len(last) if k < len(groups) - 1 else block_end
        marker = _MARKER.match(first.rstrip("\r\n")).end()  # type: ignore[union-attr]
        content_start = min(first_off + marker, content_end)
        extents.append((first_off, content_start, content_end, line_end))
    return extents


def needs_no_translation(text: str) -> bool:
    """True when ``text`` is only a URL, an e-mail address, a number or has no letters.

    Runs in linear time on any input.

    Args:
        text: A segment or a line, surrounding whitespace allowed.

    Returns:
        True for a URL (``https://``, ``http://``, ``ftp://`` or ``www.`` and no space), an
        e-mail address, text without letters or digits, or a number: the first letter or
        digit is a digit and everything from it to the last letter or digit is digits,
        spaces and ``.,:/%+-–—()`` (``"021-5551234"``, ``"(2)"``, ``"12/03/2024"``).
    """
    core = text.strip()
    if _ALNUM.search(core) is None:
        return True
    if any(core.startswith(p) and len(core) > len(p) for p in _URL_STARTS):
        return _SPACE.search(core) is None
    if _EMAIL.fullmatch(core):
        return True
    first = _WORD_CHAR.search(core)
    if first is None or not core[first.start()].isdecimal():
        return False
    last = len(core) - _WORD_CHAR.search(core[::-1]).start()  # type: ignore[union-attr]
    return _NUMBER_BODY.fullmatch(core, first.start(), last) is not None


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
    words = prev.split()
    if prev.endswith(_FINAL_PUNCT):
        # "... tinggal di Jl." + "Sudirman No. 5": the period of a title or an address
        # word never ends a sentence.
        before = words[-2] if len(words) > 1 else ""
        return period_never_ends(words[-1], before)
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
