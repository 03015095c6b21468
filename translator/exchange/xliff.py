"""XLIFF 1.2: a translated document as review units, and the reviewed units read back.

Written (:func:`write_xliff`): one ``<file>`` whose ``<trans-unit>`` elements are the
document's sentences in document order (no ``seg-source``), each with ``source`` and
``target`` (``state="needs-review-translation"``, memory hits ``"translated"``), flags
and reasons as ``<note>``, fuzzy matches and alternatives as ``<alt-trans>``. The file is
self-contained: the original document travels base64-encoded in
``<header><skl><internal-file form="base64">``; ``<file original="...">`` names it and
``itr:format`` (namespace :data:`ITR_NS`) gives our format name, ``itr:layout`` the number
of sentences of each document unit (paragraph, cell, subtitle...).

Unit ids are ``u<unit>-s<sentence>-<key>``: the document unit's index, the sentence's index
in it, and :func:`file_key`, eight hex digits of a hash of the original and its name. A
merge maps each unit back to (unit, sentence) by its id alone; a unit whose key is not the
file's, or whose indexes fall outside ``itr:layout``, does not belong and is refused.

Read (:func:`translator.exchange.xliff_read.read_xliff`): any XLIFF 1.2 (or 1.1) file,
ours or another tool's (for a translation memory only units with a target count).
Untrusted: parsed with :func:`translator.untrusted.parse_xml`; damaged, truncated or
hostile files raise :class:`~translator.errors.InvalidInputError` naming the file and the
problem.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from translator._version import __version__
from translator.errors import InvalidInputError
from translator.exchange.pairs import Pair
from translator.exchange.xmltext import escape, xml_safe

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
#: Namespace of our attributes on ``<file>`` and ``<trans-unit>``.
ITR_NS = "urn:indo-translator:xliff:1"
NEEDS_REVIEW = "needs-review-translation"
TRANSLATED = "translated"
#: ``itr:format`` of a plain text translated as one document (``Document.to_xliff``): the
#: skeleton is the text in UTF-8, one document unit, rebuilt as the text layout renders it.
TEXT_FORMAT = "text"
#: Target states that mean a person accepted the target.
REVIEWED_STATES = frozenset({"translated", "signed-off", "final"})

UNIT_ID = re.compile(r"u(\d+)-s(\d+)-([0-9a-f]{8})\Z")
_DATATYPES = {
    "txt": "plaintext", "text": "plaintext", "html": "html", "htm": "html", "xhtml": "xhtml",
    "xml": "xml", "csv": "csv", "po": "po", "rtf": "rtf", "svg": "svg", "resx": "resx",
}


@dataclass(frozen=True)
class Alternative:
    """Another translation of a unit: a fuzzy memory match or a model alternative.

    Attributes:
        target: The translation.
        source: The memory source it translates (None for a model alternative).
        score: Similarity to the unit's source in [0, 1] (None when not a match).
        origin: Where it comes from (a memory file's name, ``"model"``).
    """

    target: str
    source: str | None = None
    score: float | None = None
    origin: str = ""


@dataclass(frozen=True)
class XliffUnit:
    """One sentence for review.

    Given to :func:`write_xliff`: ``source``, ``target``, ``state``, ``notes`` and
    ``alternatives``. Read back, also ``id``, ``position`` ((unit, sentence) for our
    files), ``approved`` (``approved="yes"``) and ``edited`` (the target differs from the
    one we wrote; False when unknown).
    """

    source: str
    target: str | None
    state: str | None = NEEDS_REVIEW
    notes: tuple[str, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    id: str = ""
    position: tuple[int, int] | None = None
    approved: bool = False
    edited: bool = False

    @property
    def reviewed(self) -> bool:
        """A person changed or accepted the target (edited, approved, or a final state)."""
        return self.target is not None and (
            self.edited or self.approved or (self.state or "") in REVIEWED_STATES
        )


@dataclass(frozen=True)
class XliffFile:
    """What :func:`read_xliff` found.

    Attributes:
        name: The XLIFF file's name (for messages).
        original: The original document's name (``<file original>``).
        format: Our format name of the original (``itr:format``); None when another tool
            wrote the file.
        skeleton: The original document's bytes; None when the file does not carry it.
        layout: Sentences per document unit (``itr:layout``); None when not ours.
        units: Every ``trans-unit``, in file order.
    """

    name: str
    original: str
    format: str | None
    skeleton: bytes | None
    layout: tuple[int, ...] | None
    units: tuple[XliffUnit, ...] = field(default=())

    def pairs(self, *, reviewed_only: bool = False) -> list[Pair]:
        """(source, target) of the units with a non-empty target, as memory pairs.

        Args:
            reviewed_only: Only units a person changed or accepted (:attr:`XliffUnit.reviewed`).
        """
        origin = self.name.replace("\\", "/").rsplit("/", 1)[-1]
        return [
            Pair(u.source, u.target, origin)
            for u in self.units
            if u.target and u.target.strip() and u.source.strip()
            and (u.reviewed or not reviewed_only)
        ]

    def grid(self) -> list[list[XliffUnit | None]]:
        """The units by position, ``grid[unit][sentence]``, None where the file lacks one.

        Raises:
            InvalidInputError: The file was not written by us or does not carry the
                original document, so it cannot be merged.
        """
        if self.layout is None or self.skeleton is None:
            what = "was not written by indo-translator" if self.layout is None else (
                "does not carry the original document (no <skl> internal-file)")
            raise InvalidInputError(
                f"{self.name}: cannot be merged: it {what}. Fix: merge the XLIFF that "
                "`translator translate FILE --xliff` wrote, edited in any CAT tool."
            )
        grid: list[list[XliffUnit | None]] = [[None] * n for n in self.layout]
        for unit in self.units:
            if unit.position is not None:
                grid[unit.position[0]][unit.position[1]] = unit
        return grid

    def missing(self) -> list[str]:
        """Ids of the positions with no unit or no target (they keep the source)."""
        key = file_key(self.skeleton or b"", self.original)
        return [
            unit.id if unit is not None else unit_id(u, s, key)
            for u, row in enumerate(self.grid())
            for s, unit in enumerate(row)
            if unit is None or unit.target is None
        ]


def file_key(skeleton: bytes, original: str) -> str:
    """Eight hex digits naming one original document (part of every unit id)."""
    return hashlib.sha256(original.encode("utf-8") + b"\0" + skeleton).hexdigest()[:8]


def unit_id(unit: int, sentence: int, key: str) -> str:
    """The id of the ``sentence``-th sentence of document unit ``unit``."""
    return f"u{unit}-s{sentence}-{key}"


def target_hash(text: str) -> str:
    """Twelve hex digits of ``text``: written as ``itr:mt`` to tell edited targets later."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def write_xliff(
    units: Sequence[Sequence[XliffUnit]],
    *,
    skeleton: bytes,
    original: str,
    format: str,
    source_language: str = "id",
    target_language: str = "en",
) -> bytes:
    """An XLIFF 1.2 document (UTF-8) for review of a translated document.

    Args:
        units: The document's units (paragraphs, cells...) in order, each the list of its
            sentences; a unit without sentences is kept in the layout.
        skeleton: The original document's bytes, carried base64-encoded.
        original: The original document's file name.
        format: Our format name of the original (``"docx"``, ``"txt"``...).
        source_language: Language of the sources.
        target_language: Language of the targets.
    """
    original = xml_safe(original)
    key = file_key(skeleton, original)
    a = lambda text: escape(str(text), attribute=True)  # noqa: E731
    layout = " ".join(str(len(sentences)) for sentences in units)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<xliff version="1.2" xmlns="{XLIFF_NS}" xmlns:itr="{ITR_NS}">\n'
        f'<file original="{a(original)}" datatype="{a(_datatype(format))}" '
        f'source-language="{a(source_language)}" target-language="{a(target_language)}" '
        f'tool-id="indo-translator" itr:format="{a(format)}" itr:key="{key}" '
        f'itr:layout="{layout}">\n<header>\n<skl><internal-file form="base64">'
        f"{base64.b64encode(skeleton).decode('ascii')}</internal-file></skl>\n"
        f'<tool tool-id="indo-translator" tool-name="indo-translator" '
        f'tool-version="{a(__version__)}"/>\n</header>\n<body>\n'
    ]
    src_lang, tgt_lang = a(source_language), a(target_language)
    for u, sentences in enumerate(units):
        for s, unit in enumerate(sentences):
            mt = f' itr:mt="{target_hash(unit.target)}"' if unit.target is not None else ""
            out.append(
                f'<trans-unit id="{unit_id(u, s, key)}" xml:space="preserve"{mt}>\n'
                f'<source xml:lang="{src_lang}">{escape(unit.source)}</source>\n'
            )
            if unit.target is not None:
                state = f' state="{a(unit.state)}"' if unit.state else ""
                out.append(
                    f'<target xml:lang="{tgt_lang}"{state}>{escape(unit.target)}</target>\n'
                )
            out.extend(f'<note from="indo-translator">{escape(n)}</note>\n' for n in unit.notes)
            for alt in unit.alternatives:
                attrs = f' origin="{a(alt.origin)}"' if alt.origin else ""
                if alt.score is not None:
                    attrs += f' match-quality="{round(alt.score * 100)}"'
                if alt.source is None:
                    attrs += ' alttranstype="proposal"'
                out.append(f"<alt-trans{attrs}>")
                if alt.source is not None:
                    out.append(f'<source xml:lang="{src_lang}">{escape(alt.source)}</source>')
                out.append(f'<target xml:lang="{tgt_lang}">{escape(alt.target)}</target>'
                           "</alt-trans>\n")
            out.append("</trans-unit>\n")
    out.append("</body>\n</file>\n</xliff>\n")
    return "".join(out).encode("utf-8")


def _datatype(format: str) -> str:
    name = format.lower()
    return _DATATYPES.get(name, f"x-{re.sub(r'[^a-z0-9-]', '-', name) or 'unknown'}")
