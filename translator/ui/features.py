"""A text with its own glossary: translated by a variant of the translator, on its own.

The glossary typed or uploaded for one text is merged over the server's
(:meth:`Translator.with_options <translator.Translator.with_options>`); such a text runs
outside the dispatcher's shared batches (its variant decodes with other terms).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any

from translator.core import Translator
from translator.results import Document
from translator.serving.jobs import JobProgress

logger = logging.getLogger(__name__)

def with_glossary(translator: Translator, glossary: Any, *, beam_size: int | None = None,
                  alternatives: int = 0) -> Translator:
    """The translator with ``glossary`` merged over its own (and the decoding options)."""
    return translator.with_options(glossary=glossary, beam_size=beam_size,
                                   alternatives=alternatives)


def submit_alone(executor: Executor, translator: Translator, text: str, glossary: Any, *,
                 beam_size: int | None, alternatives: int,
                 on_progress: Callable[[JobProgress], None] | None = None) -> Future[Document]:
    """Translate ``text`` with its own glossary on ``executor`` (not in the shared batches).

    ``on_progress`` hears the start (nothing done) and the end, as from the dispatcher.

    Raises:
        TranslatorError: As :func:`with_glossary` (before anything is submitted).
    """
    variant = with_glossary(translator, glossary, beam_size=beam_size,
                            alternatives=alternatives)
    future = executor.submit(variant.translate_document, text)
    if on_progress is not None:
        on_progress(JobProgress("", (), 0, 1))
        future.add_done_callback(lambda _: on_progress(JobProgress("", (), 1, 1)))
    return future
