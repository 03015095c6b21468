"""Hugging Face ``datasets`` and Ray Data: a picklable mapper that translates named columns.

Hugging Face ``datasets`` (the mapper is picklable; each process loads the model once)::

    from translator.integrations.tabular import ColumnTranslator

    ds = ds.map(ColumnTranslator(fields=["text"]), batched=True, batch_size=512)

Ray Data: see :mod:`translator.integrations.distributed`, built on :class:`ColumnTranslator`.
The rules per cell are :func:`translator.files.columns.translate_table`'s.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from translator.backends.hub import DEFAULT_MODEL
from translator.files.columns import FLAGS_COLUMN, Table, translate_table

if TYPE_CHECKING:
    from translator.core import Translator


class ColumnTranslator:
    """A picklable ``batch -> batch`` function for ``datasets.Dataset.map(batched=True)``.

    It holds only the model name and options; the :class:`~translator.Translator` is
    created on the first batch and shared by every mapper with the same model and options
    in the process, so each worker process loads the model once. Pickling (for
    ``num_proc`` workers, or for the datasets cache fingerprint) never carries the model.

    Args:
        fields: The columns to translate.
        model: A hub id or local model directory, as for :class:`~translator.Translator`.
        suffix: See :func:`~translator.files.columns.translate_table`.
        flags_column: See :func:`~translator.files.columns.translate_table`.
        progress: Show a tqdm bar for each batch.
        **options: Keyword options of :class:`~translator.Translator` (``backend``,
            ``device``, ``beam_size``, ``num_threads``, ``cache``, ...).

    Example:
        >>> ds = ds.map(ColumnTranslator(fields=["text"]), batched=True, batch_size=512)
    """

    def __init__(
        self,
        *,
        fields: Sequence[str],
        model: str | os.PathLike[str] = DEFAULT_MODEL,
        suffix: str = "_en",
        flags_column: str | None = FLAGS_COLUMN,
        progress: bool = False,
        **options: Any,
    ) -> None:
        self.fields = tuple(fields)
        self.model = os.fspath(model)
        self.suffix = suffix
        self.flags_column = flags_column
        self.progress = progress
        self.options = options

    @property
    def translator(self) -> Translator:
        """The translator (created on first use, one per process and configuration)."""
        key = repr((self.model, sorted(self.options.items())))
        with _LOCK:
            translator = _TRANSLATORS.get(key)
            if translator is None:
                translator = _TRANSLATORS[key] = self.create()
        return translator

    def create(self) -> Translator:
        """Load the translator (once per process and configuration; see :attr:`translator`)."""
        from translator.core import Translator

        return Translator(self.model, **self.options)

    def __call__(self, batch: Table) -> Table:
        """Translate one batch of rows (any kind :func:`translate_table` takes)."""
        return translate_table(
            self.translator, batch, fields=self.fields, suffix=self.suffix,
            flags_column=self.flags_column, progress=self.progress,
        )

    def __repr__(self) -> str:
        return f"ColumnTranslator(fields={list(self.fields)!r}, model={self.model!r})"


_TRANSLATORS: dict[str, Translator] = {}
_LOCK = threading.Lock()
