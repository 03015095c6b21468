"""File translation: formats, naming, planning, running, resuming, safe outputs.

The one home of everything about files. It does not import :class:`~translator.Translator`:
the runner is given a small callable (:class:`TranslateDocuments`) and an options
signature, so ``Translator.translate_file``/``translate_path``, the CLI and the web app's
Files tab all go through it.

Modules:
    formats: The format registry (lookup by name or extension) and one module per format.
    naming: Where a translation goes (``x.en.txt``, ``dir.en``).
    plan: Inputs and an output -> one job per file, trees mirrored.
    outputs: Atomic writes and the sidecars that make reruns skip and resume.
    options: Options, the one :class:`FileResult`, the report, the translator contract.
    runner: Running jobs.
    columns: The named columns of a table (pandas, Arrow, dicts) translated in one call.
    upload: One file as bytes (the web app's uploads) and the size limit.

Example:
    >>> from translator import Translator
    >>> from translator.files import BatchOptions
    >>> report = Translator(cache=True).translate_path(["berita/"], "berita.en")
"""

from __future__ import annotations

from translator.files.formats import FORMATS, format_for, format_name_for, get_format
from translator.files.formats.base import check_not_binary
from translator.files.naming import default_output, output_name
from translator.files.options import (
    FAILED,
    SKIPPED,
    TRANSLATED,
    BatchOptions,
    BatchReport,
    FileResult,
    TranslateDocuments,
)
from translator.files.plan import Job, plan
from translator.files.runner import translate_file, translate_path

__all__ = [
    "FAILED",
    "FORMATS",
    "SKIPPED",
    "TRANSLATED",
    "BatchOptions",
    "BatchReport",
    "FileResult",
    "Job",
    "TranslateDocuments",
    "check_not_binary",
    "default_output",
    "format_for",
    "format_name_for",
    "get_format",
    "output_name",
    "plan",
    "translate_file",
    "translate_path",
]
