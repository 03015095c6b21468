"""A unit made of text with inline markup in it (HTML's ``<a>``/``<b>``, Markdown's ``*x*``).

The text formats (html, md, and epub through html) read a block's text with its inline
markup as one *stretch*: a sequence of items, each

* ``"text"``: text to translate (its source spelling and its decoded text);
* ``"tag"``: markup kept byte for byte, holding no text (``<a href="...">``, ``**``);
* ``"fixed"``: text kept verbatim that is part of the sentence (a code span, an element
  with ``translate="no"``, a URL): the model sees it, so the sentence reaches it whole,
  and it comes back as it was, pinned in place.

The stretch is one unit (its text, whitespace at its ends left out); its translation is
put back on the text items by :func:`translator.files.formats.placement.place_around_fixed`,
and every tag comes back once, in its place and order, so the markup stays well-formed
and no tag is lost or duplicated. A stretch without letters to translate is no unit and
comes back as it was; so does one whose translation is unchanged, and so does each text
item whose share of the translation is its own text (its entities kept).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from translator.files.formats.placement import place_around_fixed

_LETTER = re.compile(r"[^\W\d_]")

#: What an item is: "text", "tag" or "fixed".
TEXT, TAG, FIXED = "text", "tag", "fixed"


@dataclass(frozen=True)
class Item:
    """One item of a stretch: its kind, its source spelling and its text for the model."""

    kind: str
    raw: str
    text: str = ""


class StretchSlot:
    """The place of a stretch in the output: rendered from its unit's translation."""

    __slots__ = ("escape", "index", "items", "lead", "trail")

    def __init__(self, index: int, items: Sequence[Item], lead: str, trail: str,
                 escape: Callable[[str], str]) -> None:
        self.index, self.items, self.lead, self.trail = index, list(items), lead, trail
        self.escape = escape

    @property
    def source(self) -> str:
        """The text the unit came from (whitespace at its ends included)."""
        return "".join(item.text for item in self.items if item.kind != TAG)

    def render(self, translations: Sequence[str]) -> str:
        """The stretch with its unit's translation placed on its text items."""
        translation = translations[self.index]
        if translation == self.source.strip():
            return "".join(item.raw for item in self.items)
        spoken = [item for item in self.items if item.kind != TAG]
        placed = iter(place_around_fixed(
            [item.text for item in spoken], [item.kind == FIXED for item in spoken],
            f"{self.lead}{translation}{self.trail}",
        ))
        out = []
        for item in self.items:
            if item.kind == TAG:
                out.append(item.raw)
                continue
            share = next(placed)
            if item.kind == FIXED or share == item.text:
                out.append(item.raw)
            else:
                out.append(self.escape(share))
        return "".join(out)


def items_of(text: str, markup: re.Pattern[str],
             classify: Callable[[str], Item] = lambda raw: Item(TAG, raw)) -> list[Item]:
    """``text`` as items: the text between matches of ``markup``, and the matches.

    A match is a tag unless ``classify`` says otherwise (verbatim text in the sentence).
    """
    items: list[Item] = []
    pos = 0
    for match in markup.finditer(text):
        if match.start() > pos:
            items.append(Item(TEXT, text[pos : match.start()], text[pos : match.start()]))
        items.append(classify(match.group(0)))
        pos = match.end()
    if pos < len(text):
        items.append(Item(TEXT, text[pos:], text[pos:]))
    return items


#: A stretch longer than this (items or characters) is cut into stretches this long, so
#: placing a translation stays linear on a page without blocks (thousands of spans).
MAX_ITEMS = 256
MAX_CHARS = 20_000


class Joined:
    """Several stretches side by side (a stretch cut because it was too long)."""

    __slots__ = ("parts",)

    def __init__(self, parts: Sequence[str | StretchSlot]) -> None:
        self.parts = list(parts)

    def render(self, translations: Sequence[str]) -> str:
        """The stretches, each rendered."""
        return "".join(p if isinstance(p, str) else p.render(translations) for p in self.parts)


def stretch(units: list[str], items: Sequence[Item], *,
            escape: Callable[[str], str] = lambda text: text) -> str | StretchSlot | Joined:
    """A stretch's place in the output, and its unit appended to ``units`` when it has one.

    Args:
        units: The document's units so far (appended to).
        items: The stretch's items, in order.
        escape: Writes a translated text in the format (HTML escapes ``&<>``).

    Returns:
        The source spelling when there is nothing to translate, else a slot (several,
        joined, for a stretch over :data:`MAX_ITEMS` items or :data:`MAX_CHARS`
        characters).
    """
    chunks: list[list[Item]] = [[]]
    size = 0
    for item in items:
        if chunks[-1] and (len(chunks[-1]) >= MAX_ITEMS or size + len(item.raw) > MAX_CHARS):
            chunks.append([])
            size = 0
        chunks[-1].append(item)
        size += len(item.raw)
    if len(chunks) > 1:
        return Joined([_one(units, chunk, escape) for chunk in chunks])
    return _one(units, items, escape)


def _one(units: list[str], items: Sequence[Item],
         escape: Callable[[str], str]) -> str | StretchSlot:
    if not any(item.kind == TEXT and _LETTER.search(item.text) for item in items):
        return "".join(item.raw for item in items)
    source = "".join(item.text for item in items if item.kind != TAG)
    core = source.strip()
    lead = source[: len(source) - len(source.lstrip())]
    trail = source[len(source.rstrip()) :] if core else ""
    units.append(core)
    return StretchSlot(len(units) - 1, items, lead, trail, escape)
