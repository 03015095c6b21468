"""Reading XLIFF 1.2 (ours or any tool's) into an :class:`~translator.exchange.xliff.XliffFile`.

See :mod:`translator.exchange.xliff` for the file's shape and unit ids. Untrusted: parsed
with :func:`translator.untrusted.parse_xml`.
"""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING

from translator.errors import InvalidInputError
from translator.exchange.xliff import (
    ITR_NS,
    UNIT_ID,
    Alternative,
    XliffFile,
    XliffUnit,
    file_key,
    target_hash,
)
from translator.exchange.xmltext import inline_text, local
from translator.untrusted import MAX_XML_BYTES, parse_xml

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element


def read_xliff(data: bytes, name: str, *, max_bytes: int = MAX_XML_BYTES) -> XliffFile:
    """Read an XLIFF 1.2 file (see module).

    Args:
        data: The file's bytes.
        name: Its name, for messages and memory origins.
        max_bytes: Larger files are refused.

    Raises:
        InvalidInputError: Not XLIFF 1.x, damaged, truncated, hostile or too large; in a
            file we wrote: a damaged skeleton or layout, or a unit id that does not belong.
    """
    root = parse_xml(data, name=name, max_bytes=max_bytes)
    if local(root.tag) != "xliff":
        raise InvalidInputError(
            f"{name}: not an XLIFF file (its root element is <{local(root.tag)}>). Fix: "
            "give the .xlf file the translator wrote (or another XLIFF 1.2 file)."
        )
    if not str(root.get("version", "1.2")).startswith("1."):
        raise InvalidInputError(
            f"{name}: XLIFF version {root.get('version')} is not supported. Fix: export "
            "XLIFF 1.2 from your CAT tool."
        )
    files = [e for e in root if local(e.tag) == "file"]
    if not files:
        raise InvalidInputError(f"{name}: no <file> element. Fix: give a complete XLIFF file.")
    first = files[0]
    original = first.get("original", "")
    skeleton = _skeleton(first, name)
    layout = _layout(first, name)
    key = first.get(f"{{{ITR_NS}}}key")
    if layout is not None and skeleton is not None and key != file_key(skeleton, original):
        raise InvalidInputError(
            f"{name}: the embedded original document does not match its units (damaged or "
            "replaced skeleton). Fix: merge the XLIFF the translator wrote, unchanged "
            "apart from its targets."
        )
    units: list[XliffUnit] = []
    seen: set[str] = set()
    for file in files:
        for element in file.iter():
            if local(element.tag) == "trans-unit":
                unit = _unit(element, name, layout, key)
                if layout is not None and unit.id in seen:
                    raise InvalidInputError(
                        f"{name}: the unit id {unit.id!r} appears twice. Fix: merge the "
                        "XLIFF the translator wrote; do not copy units between files."
                    )
                seen.add(unit.id)
                units.append(unit)
    return XliffFile(name, original, first.get(f"{{{ITR_NS}}}format"), skeleton, layout,
                     tuple(units))


def _skeleton(file: Element, name: str) -> bytes | None:
    for element in file.iter():
        if local(element.tag) == "internal-file" and element.get("form", "") == "base64":
            try:
                return base64.b64decode("".join((element.text or "").split()), validate=True)
            except (binascii.Error, ValueError) as exc:
                raise InvalidInputError(
                    f"{name}: the embedded original document is damaged (bad base64: "
                    f"{exc}). Fix: merge the XLIFF the translator wrote."
                ) from exc
    return None


def _layout(file: Element, name: str) -> tuple[int, ...] | None:
    text = file.get(f"{{{ITR_NS}}}layout")
    if text is None:
        return None
    try:
        layout = tuple(int(n) for n in text.split())
    except ValueError:
        layout = (-1,)
    if any(n < 0 for n in layout):
        raise InvalidInputError(
            f"{name}: damaged itr:layout attribute. Fix: merge the XLIFF the translator "
            "wrote, unchanged apart from its targets."
        )
    return layout


def _unit(el: Element, name: str, layout: tuple[int, ...] | None,
          key: str | None) -> XliffUnit:
    uid = el.get("id", "")
    source_el = target_el = None
    notes: list[str] = []
    alternatives: list[Alternative] = []
    for child in el:
        tag = local(child.tag)
        if tag == "source" and source_el is None:
            source_el = child
        elif tag == "target" and target_el is None:
            target_el = child
        elif tag == "note":
            notes.append(inline_text(child))
        elif tag == "alt-trans":
            alternatives.append(_alternative(child))
    if source_el is None:
        raise InvalidInputError(
            f"{name}: the unit {uid!r} has no <source>. Fix: give a complete XLIFF file."
        )
    position = None
    if layout is not None:
        match = UNIT_ID.match(uid)
        if not match or match[3] != key or int(match[1]) >= len(layout) or int(
            match[2]
        ) >= layout[int(match[1])]:
            raise InvalidInputError(
                f"{name}: the unit id {uid!r} does not belong to this file. Fix: merge the "
                "XLIFF the translator wrote; do not add or copy units between files."
            )
        position = (int(match[1]), int(match[2]))
    target = None if target_el is None else inline_text(target_el)
    mt = el.get(f"{{{ITR_NS}}}mt")
    return XliffUnit(
        source=inline_text(source_el),
        target=target,
        state=None if target_el is None else target_el.get("state"),
        notes=tuple(notes),
        alternatives=tuple(alternatives),
        id=uid,
        position=position,
        approved=el.get("approved", "") == "yes",
        edited=bool(mt and target is not None and target_hash(target) != mt),
    )


def _alternative(element: Element) -> Alternative:
    source = target = None
    for child in element:
        if local(child.tag) == "source" and source is None:
            source = inline_text(child)
        elif local(child.tag) == "target" and target is None:
            target = inline_text(child)
    quality = element.get("match-quality")
    score = None
    if quality:
        try:
            value = float(quality.strip().rstrip("%"))
            score = max(0.0, min(1.0, value / 100 if value > 1 else value))
        except ValueError:
            score = None
    return Alternative(target or "", source, score, element.get("origin", ""))
