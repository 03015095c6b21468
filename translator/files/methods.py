"""File translation on :class:`~translator.Translator`: ``translate_file`` and ``translate_path``.

The methods live with the file layer they call; all they need of a translator is
:class:`~translator.files.options.TranslateDocuments` (``translate_documents``) and its
``options_signature``, so this module imports nothing above :mod:`translator.files`.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from translator.files.options import BatchOptions, BatchReport, FileResult
from translator.files.runner import translate_file, translate_path
from translator.progress import ProgressCallback
from translator.results import Document

if TYPE_CHECKING:
    from translator.engine.engine import ParagraphEvent


class TranslatesFiles:
    """The file methods of :class:`~translator.Translator` (a mixin: see the module)."""

    options_signature: str

    def translate_documents(
        self, texts: Sequence[str], *, progress: ProgressCallback | bool | None = None,
        on_paragraph: Callable[[ParagraphEvent], None] | None = None,
    ) -> Iterator[Document]:
        """See :meth:`translator.Translator.translate_documents`."""
        raise NotImplementedError

    def translate_file(
        self,
        src: str | os.PathLike[str],
        dst: str | os.PathLike[str],
        *,
        format: str | None = None,
        fields: Sequence[str] = (),
        force: bool = False,
        encoding: str | None = None,
        output_encoding: str | None = None,
        options: BatchOptions | None = None,
        progress: ProgressCallback | bool | None = None,
    ) -> FileResult:
        """Translate one file (any format of :mod:`translator.files.formats`) atomically.

        ``format`` overrides the choice by extension, ``fields`` names the JSONL fields /
        CSV columns to translate, ``force`` overwrites an output the translator did not
        write; ``encoding`` names the source's text encoding (None: told from the file),
        ``output_encoding`` the output's (None: UTF-8); ``options``
        (:class:`~translator.files.BatchOptions`) gives all file options at once (the
        ones above take precedence). ``progress`` is as for
        :meth:`translate_documents`. Returns a :class:`~translator.files.FileResult`
        ("translated" or "skipped"); errors are raised. See :mod:`translator.files`.
        """
        base = options or BatchOptions()
        options = dataclasses.replace(
            base, format=format or base.format, fields=tuple(fields) or base.fields,
            force=force or base.force, encoding=encoding or base.encoding,
            output_encoding=output_encoding or base.output_encoding,
        )
        return translate_file(
            self._documents_for_files, src, dst, signature=self.options_signature,
            options=options, progress=progress,
        )

    def translate_path(
        self,
        inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
        output: str | os.PathLike[str] | None = None,
        *,
        options: BatchOptions | None = None,
        progress: ProgressCallback | bool | None = None,
        on_result: Callable[[FileResult], None] | None = None,
    ) -> BatchReport:
        """Translate files and directory trees, resumably (:func:`translator.files.translate_path`).

        ``output`` is a file or directory (None: ``x.en.txt`` / ``dir.en`` next to each
        input); ``progress`` True shows a tqdm bar over all inputs, or give a callback
        ``(done, total)``; ``on_result`` gets each file's result as soon as it is known.
        Returns a :class:`~translator.files.BatchReport`; failed files are in it, not raised.
        """
        return translate_path(
            self._documents_for_files, inputs, output, signature=self.options_signature,
            options=options or BatchOptions(), progress=progress, on_result=on_result,
        )

    def _documents_for_files(
        self, texts: Sequence[str], *, progress: ProgressCallback | None = None
    ) -> list[Document]:
        return list(self.translate_documents(texts, progress=progress))
