"""XLIFF for translated files: written beside the output, and merged back after review.

A translated document file (any :class:`~translator.files.formats.DocumentFormat`) gets
``FILE.xlf`` beside its output (``berita.docx`` -> ``berita.en.docx`` and
``berita.docx.xlf``, as CAT tools name them) when ``BatchOptions(xliff=True)`` (CLI
``--xliff``): one ``trans-unit`` per sentence, grouped by the format's units (paragraphs,
cells, subtitles...), the original file embedded as the skeleton (see
:mod:`translator.exchange.xliff`).

:func:`merge_xliff` rebuilds the translated file from such an XLIFF after review: the
skeleton is extracted again by its format, each unit's text is parsed by the same layout
the engine uses (:func:`translator.engine.engine.prepare`), the targets take the place of
the sentences' translations, and every unit is rendered as the engine renders it
(:meth:`Block.render <translator.text.layout.Block.render>` then
:meth:`Layout.render <translator.text.layout.Layout.render>`); the format rebuilds the file.
An untouched XLIFF therefore gives the translation byte for byte. A plain text's XLIFF
(``Document.to_xliff``, format :data:`~translator.exchange.xliff.TEXT_FORMAT`) is one unit,
the skeleton's UTF-8 text.

Example::

    from translator.files.xliff import merge_file

    merged = merge_file("berita.docx.xlf")           # -> berita.en.docx
    print(merged.output, merged.missing)
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from translator.engine.engine import prepare
from translator.errors import Fix, InvalidInputError, OutputExistsError, TranslatorError
from translator.exchange import add_to_tmx, read_xliff, write_xliff
from translator.exchange.xliff import TEXT_FORMAT, XliffFile, XliffUnit
from translator.fileio import atomic_write, output_lock
from translator.files.formats import DocumentFormat, FormatOptions, get_format
from translator.files.naming import output_name
from translator.files.outputs import (
    OUTPUT_EXISTS_FIX,
    finish,
    read_state,
    sha256_bytes,
    sha256_file,
    write_state,
)
from translator.results import Document
from translator.text.layout import Layout
from translator.untrusted import MAX_XML_BYTES, read_limited

logger = logging.getLogger(__name__)

#: Suffix of the XLIFF written beside a translated file.
XLIFF_SUFFIX = ".xlf"


def xliff_path(source: str | os.PathLike[str], output: str | os.PathLike[str]) -> Path:
    """Where the XLIFF of ``source`` goes: beside ``output``, named ``<source name>.xlf``."""
    return Path(output).parent / f"{Path(source).name}{XLIFF_SUFFIX}"


def document_xliff(data: bytes, docs: Sequence[Document], *, original: str, format: str) -> bytes:
    """The XLIFF of a translated document file.

    Args:
        data: The original file's bytes (the skeleton).
        docs: One translated document per unit the format extracted, in order.
        original: The original's file name.
        format: Its format name.
    """
    return write_xliff([doc.xliff_units() for doc in docs], skeleton=data,
                       original=Path(original).name, format=format)


@dataclass(frozen=True)
class Merged:
    """What :func:`merge_xliff` made.

    Attributes:
        data: The translated file's bytes.
        missing: Ids of the units without a target (each kept its source).
        edited: Units whose target a reviewer changed.
    """

    data: bytes
    missing: tuple[str, ...]
    edited: int


@dataclass(frozen=True)
class MergeResult:
    """What :func:`merge_file` did.

    Attributes:
        output: The file written (None when only the bytes were asked for).
        merged: See :class:`Merged`.
        memory_entries: Entries in the memory file afterwards (None without ``memory``).
    """

    output: Path | None
    merged: Merged
    memory_entries: int | None = None


_MERGE_FIX = Fix(
    python="merge the XLIFF that translate_file(..., options=BatchOptions(xliff=True)) or "
    "Document.to_xliff() wrote, unchanged apart from its targets.",
    cli="merge the XLIFF that `translator translate FILE --xliff` wrote, unchanged apart "
    "from its targets.",
    app="download the XLIFF again and edit only its targets.",
)


def _damaged(f: XliffFile, what: str) -> InvalidInputError:
    return InvalidInputError(f"{f.name}: {what}.", fix=_MERGE_FIX)


def _units(f: XliffFile) -> tuple[list[str], object]:
    """The original's units and its rebuild function, from the skeleton."""
    skeleton = f.skeleton or b""
    if f.format == TEXT_FORMAT:
        try:
            text = skeleton.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise _damaged(f, "the embedded text is not UTF-8") from exc
        return [text], lambda translations: translations[0].encode("utf-8")
    try:
        fmt = get_format(f.format or "")
    except TranslatorError as exc:
        raise _damaged(f, f"unknown format {f.format!r} of the original") from exc
    if not isinstance(fmt, DocumentFormat):
        raise _damaged(f, f"a {fmt.name} file is not merged from XLIFF")
    try:
        extracted = fmt.extract(skeleton, source=f.original or f.name, options=FormatOptions())
    except TranslatorError as exc:
        raise _damaged(f, f"the embedded original cannot be read ({exc.message()})") from exc
    except Exception as exc:  # a format's own parser on a damaged skeleton
        raise _damaged(f, f"the embedded original cannot be read ({type(exc).__name__})") from exc
    return extracted.units, extracted.rebuild


def merge_xliff(f: XliffFile) -> Merged:
    """Rebuild the translated file from an XLIFF we wrote, with its (edited) targets.

    Raises:
        InvalidInputError: The XLIFF was not written by us, carries no original, or its
            units do not fit the original (a damaged file).
    """
    grid = f.grid()
    texts, rebuild = _units(f)
    if len(texts) != len(grid):
        raise _damaged(f, f"{len(grid)} units in its layout but {len(texts)} in the original")
    translations = []
    for u, (text, row) in enumerate(zip(texts, grid)):
        layout, _ = prepare(text)
        blocks = _render_blocks(layout, row)
        if blocks is None:
            raise _damaged(f, f"the sentences of unit {u} do not fit the original's")
        translations.append(layout.render(blocks))
    data = rebuild(translations)  # type: ignore[operator]
    edited = sum(1 for row in grid for unit in row if unit is not None and unit.edited)
    return Merged(data, tuple(f.missing()), edited)


def _render_blocks(layout: Layout, row: Sequence[XliffUnit | None]) -> list[str] | None:
    """Each block of ``layout`` rendered with the targets of ``row`` (None: they do not fit).

    A block is rendered as the engine renders it (:meth:`Block.render`, a missing target
    keeping its sentence's source), unless its one unit is the whole paragraph (a
    paragraph the translation memory gave whole): then the target is the paragraph's
    translation, verbatim.
    """
    blocks: list[str] = []
    i = 0
    for block in layout.blocks:
        n = len(block.segments)
        unit = row[i] if i < len(row) else None
        whole = unit is not None and n > 0 and unit.source == block.text and (
            n > 1 or block.segments[0].text != block.text)
        if whole:
            blocks.append(block.text if unit.target is None else unit.target)
            i += 1
            continue
        if i + n > len(row):
            return None
        targets = [seg.text if unit is None or unit.target is None else unit.target
                   for seg, unit in zip(block.segments, row[i : i + n])]
        blocks.append(block.render(targets))
        i += n
    return blocks if i == len(row) else None


def default_merge_output(xlf: str | os.PathLike[str], original: str) -> Path:
    """The merge's output when none is given: the original's translated name, beside the XLIFF.

    ``berita.docx.xlf`` of ``berita.docx`` -> ``berita.en.docx``.
    """
    return Path(xlf).parent / output_name(original or Path(xlf).stem)


#: What to do when an XLIFF to merge cannot be read.
_XLIFF_FIX = Fix(
    python="give the path of the .xlf file translate_file(..., BatchOptions(xliff=True)) wrote.",
    cli="give the path of the .xlf file `translator translate FILE --xliff` wrote.",
    app="download the XLIFF again.",
)


def read_xliff_file(path: str | os.PathLike[str]) -> XliffFile:
    """:func:`read_xliff` of a file on disk (size checked before reading).

    Raises:
        InvalidInputError: It cannot be read, is too large, or is not a readable XLIFF.
    """
    data = read_limited(path, max_bytes=MAX_XML_BYTES, fix=_XLIFF_FIX)
    return read_xliff(data, str(path))


def merge_file(
    xlf: str | os.PathLike[str],
    output: str | os.PathLike[str] | None = None,
    *,
    memory: str | os.PathLike[str] | None = None,
    force: bool = False,
) -> MergeResult:
    """Merge a reviewed XLIFF into the translated file (see :func:`merge_xliff`).

    Args:
        xlf: The XLIFF file.
        output: Where the translated file goes (None: :func:`default_merge_output`).
        memory: A TMX file that also gets the units a reviewer changed or approved
            (created when missing).
        force: Overwrite an output the translator did not write.

    Returns:
        A :class:`MergeResult`. Nothing is written when the XLIFF cannot be merged.

    Raises:
        InvalidInputError: See :func:`merge_xliff` and :func:`read_xliff_file`.
        OutputExistsError: The output exists and is not the translator's, without ``force``.
    """
    f = read_xliff_file(xlf)
    merged = merge_xliff(f)
    dst = Path(output) if output is not None else default_merge_output(xlf, f.original)
    if dst.resolve() == Path(xlf).resolve():
        raise InvalidInputError(
            f"{dst}: the output would overwrite the XLIFF.",
            fix=Fix(python="pass another output path.", cli="choose another output with -o.",
                    app="download the merged file under another name."),
        )
    with output_lock(dst, wait=True):
        state = read_state(dst)
        if dst.exists() and not force and sha256_file(dst) not in state.get("owned", ()):
            raise OutputExistsError(
                f"{dst} already exists and was not written by the translator (or was edited "
                "since).", fix=OUTPUT_EXISTS_FIX)
        entries = None
        if memory is not None:  # before the output: a bad memory file leaves nothing written
            entries = add_to_tmx(memory, f.pairs(reviewed_only=True))
        digest = sha256_bytes(merged.data)
        if state.get("complete"):  # the reviewed file is now the up-to-date translation
            finish(dst, state, source=state.get("source", ""),
                   settings=state.get("settings", ""), output=digest)
        else:
            owned = list(dict.fromkeys([digest, *state.get("owned", ())]))[:4]
            write_state(dst, {"owned": owned})
        atomic_write(dst, merged.data)
    for uid in merged.missing:
        logger.info("%s: %s has no target; its source is kept", xlf, uid)
    return MergeResult(dst, merged, entries)
