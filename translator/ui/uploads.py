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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from translator.errors import TranslatorError
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
    """

    path: Path | None
    status: str
    source: str = ""


def translate_upload(
    service: TranslationService, path: str | os.PathLike[str] | None, *,
    beam_size: object = None,
) -> UploadResult:
    """Translate an uploaded file into a file of the same format, named ``*.en.<ext>``.

    Problems (unknown format, binary, too large, empty, no model) come back as a status
    message with ``path=None``.
    """
    if path is None:
        formats = ", ".join(upload.FILE_FORMATS)
        return UploadResult(None, render.status(f"Upload a file ({formats}).", kind="hint"))
    path = Path(path)
    name = path.name
    try:
        handler = upload.file_format(name)
        size = path.stat().st_size
        if size > service.max_file_bytes:
            logger.warning("refused %s: %d bytes (limit %d); start the app with a larger "
                           "--max-chars to accept it", name, size, service.max_file_bytes)
        upload.check_size(size, max_bytes=service.max_file_bytes, name=name)
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
            return service.translate_many(texts, beam_size=beam_size)

        out = handler(data, translate, name)
        if not seen:
            return UploadResult(None, render.status(_empty_file(name), kind="warn"))
    except TranslatorError as exc:
        return UploadResult(None, render.error_panel(str(exc)))
    except OSError as exc:
        message = f"Could not read {name}: {exc}. Fix: upload the file again."
        return UploadResult(None, render.error_panel(message))
    target = Path(tempfile.mkdtemp(dir=service.output_dir())) / naming.output_name(name)
    target.write_bytes(out)
    seconds = time.monotonic() - started
    message = f"Translated {name} in {seconds:.1f} s: download {target.name} below."
    return UploadResult(target, render.status(message, kind="ok"), source=source)


def _empty_file(name: str) -> str:
    return (f"{name} is empty: there is no text in it to translate. Fix: upload a file with "
            "Indonesian text in it, or paste the text on the Translate tab.")
