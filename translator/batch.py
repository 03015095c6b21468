"""Deprecated: file translation moved to :mod:`translator.files`.

``from translator.batch import BatchOptions, translate_path`` keeps working (with a
:class:`DeprecationWarning`); new code calls ``Translator.translate_path`` or
:func:`translator.files.translate_path`.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from translator.files import (
    FAILED,
    SKIPPED,
    TRANSLATED,
    BatchOptions,
    BatchReport,
    FileResult,
    Job,
    default_output,
)
from translator.progress import ProgressCallback

if TYPE_CHECKING:
    from translator.core import Translator

__all__ = [
    "FAILED", "SKIPPED", "TRANSLATED", "BatchOptions", "BatchReport", "FileResult", "Job",
    "default_output", "plan", "translate_file", "translate_path",
]

warnings.warn(
    "translator.batch is deprecated; use Translator.translate_path / translate_file or "
    "translator.files", DeprecationWarning, stacklevel=2,
)


def plan(
    inputs: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str] | None = None,
    *,
    options: BatchOptions | None = None,
) -> list[Job]:
    """Deprecated: :func:`translator.files.plan`."""
    from translator.files import plan as _plan

    options = options or BatchOptions()
    return _plan(inputs, output, format=options.format, json=options.json)


def translate_path(
    translator: Translator,
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str] | None = None,
    *,
    options: BatchOptions | None = None,
    progress: ProgressCallback | bool | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> BatchReport:
    """Deprecated: ``translator.translate_path(inputs, output, ...)``."""
    return translator.translate_path(
        inputs, output, options=options, progress=progress, on_result=on_result
    )


def translate_file(
    translator: Translator,
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str],
    *,
    options: BatchOptions | None = None,
    progress: ProgressCallback | bool | None = None,
) -> FileResult:
    """Deprecated: :func:`translator.files.translate_file` with the translator's signature."""
    from translator import files

    return files.translate_file(
        translator._documents_for_files, src, dst, signature=translator.options_signature,
        options=options or BatchOptions(), progress=progress,
    )
