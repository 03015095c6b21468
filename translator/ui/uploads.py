"""Uploaded files on the page: checks, messages, and the translated file to download.

The formats, their extensions and the output naming live in :mod:`translator.files`; this
module turns an upload into what the page shows (a file to download, or a message that
says what the user can do).
"""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from translator.errors import InputTooLargeError, TranslatorError
from translator.files import naming, upload
from translator.files.formats.base import decode_text
from translator.ui import render

if TYPE_CHECKING:
    from translator.ui.service import TranslationService

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class UploadResult:
    """A translated upload, as the page shows it.

    Attributes:
        path: The translated file, named after the upload (None when it failed).
        status: HTML status line.
        source: The uploaded text, for text formats ("" otherwise).
        untranslated: What the format could not translate (a chart, an image...).
    """

    path: Path | None
    status: str
    source: str = ""
    untranslated: tuple[str, ...] = ()


#: Largest upload of a container format (docx, pptx, xlsx, odt, odp, ods, epub, pdf), in
#: bytes. Their bytes are mostly images, fonts, styles and compression, not text: a
#: 30-page report as PDF or a slide deck with photos is several MB for a few thousand
#: words. The text inside is still held to ``--max-chars`` (checked once extracted).
CONTAINER_FILE_BYTES = 25_000_000


def max_bytes_for(service: TranslationService, name: str) -> int:
    """Largest upload accepted for a file called ``name``.

    Text formats: about four bytes per character of text; container formats:
    :data:`CONTAINER_FILE_BYTES` (or the text limit, when larger).
    """
    if upload.is_binary_format(name):
        return max(CONTAINER_FILE_BYTES, service.max_file_bytes)
    return service.max_file_bytes


def largest_upload(service: TranslationService) -> int:
    """The largest upload of any format (the page's own limit)."""
    return max(CONTAINER_FILE_BYTES, service.max_file_bytes)


def translate_upload(
    service: TranslationService, path: str | os.PathLike[str] | None, *,
    beam_size: object = None, on_progress: Callable[[int, int], None] | None = None,
) -> UploadResult:
    """Translate an uploaded file into a file of the same format, named ``*.en.<ext>``.

    Problems (unknown format, binary, too large, empty, no model) come back as a status
    message with ``path=None``. What the format could not translate (a chart, an image)
    is named in the status and in ``untranslated``.

    Args:
        service: The app's service.
        path: The uploaded file.
        beam_size: Beams per sentence (None: the default).
        on_progress: Called with (sentences done, sentences in the file) as they move.
    """
    if path is None:
        formats = ", ".join(upload.FILE_FORMATS)
        return UploadResult(None, render.status(f"Upload a file ({formats}).", kind="hint"))
    path = Path(path)
    name = path.name
    try:
        upload.check_offered(name)
        size, limit = path.stat().st_size, max_bytes_for(service, name)
        if size > limit:
            logger.warning("refused %s: %d bytes (limit %d)", name, size, limit)
        upload.check_size(size, max_bytes=limit, name=name)
        data = path.read_bytes()
        source = ""
        if upload.is_text_format(name):
            source = service.check_text(decode_text(data, name))
            if not source.strip():
                return UploadResult(None, render.status(_empty_file(name), kind="warn"))
        elif not data:
            return UploadResult(None, render.status(_empty_file(name), kind="warn"))
        if service.dispatcher is None:
            raise TranslatorError(service.load_error)
        started = time.monotonic()
        seen: list[str] = []

        def translate(texts: Sequence[str]) -> list[str]:
            seen.extend(t for t in texts if t.strip())
            chars = sum(len(t) for t in texts)
            if chars > service.max_chars:
                raise InputTooLargeError(
                    f"{name} holds {chars:,} characters of text; the limit is "
                    f"{service.max_chars:,}. Fix: split it into smaller files and upload "
                    "them one by one.")
            return service.translate_many(texts, beam_size=beam_size, on_progress=on_progress)

        out = upload.translate_file(data, translate, name)
        if not seen:
            return UploadResult(None, render.status(_empty_file(name), kind="warn"))
    except TranslatorError as exc:
        return UploadResult(None, render.error_panel(str(exc)))
    except OSError as exc:
        message = f"Could not read {name}: {exc}. Fix: upload the file again."
        return UploadResult(None, render.error_panel(message))
    target = Path(tempfile.mkdtemp(dir=service.output_dir())) / naming.output_name(name)
    target.write_bytes(out.data)
    seconds = time.monotonic() - started
    message = f"Translated {name} in {seconds:.1f} s: download {target.name} below."
    note = upload.untranslated_note(out.untranslated)
    if note:
        return UploadResult(target, render.status(f"{message} {note}.", kind="warn"),
                            source=source, untranslated=out.untranslated)
    return UploadResult(target, render.status(message, kind="ok"), source=source)


def _empty_file(name: str) -> str:
    return (f"{name} is empty: there is no text in it to translate. Fix: upload a file with "
            "Indonesian text in it, or paste the text on the Translate tab.")
