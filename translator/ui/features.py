"""What the loaded translator can do for the page: memory, glossary, per-text glossary.

The page asks here rather than assuming: a translator built without translation memory or
glossary support still serves the page, which then says what is missing instead of failing.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, Future
from typing import Any

from translator.core import Translator
from translator.errors import TranslatorError
from translator.results import Document
from translator.serving.jobs import JobProgress

logger = logging.getLogger(__name__)

#: Options of ``app.py`` that go to the translator, and the flag that gives each.
TRANSLATOR_OPTIONS = {"memory": "--memory", "glossary": "--glossary"}


def _accepts(function: Any, name: str) -> bool:
    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False
    return name in parameters or any(
        p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())


def supported_options(options: Mapping[str, Any], function: Any = None) -> dict[str, Any]:
    """The given translator options this version of the translator takes (others logged).

    Args:
        options: Option name -> value (None or empty: not given).
        function: What takes them (default ``Translator.__init__``).
    """
    kept = {}
    for name, value in options.items():
        if value in (None, [], ()):
            continue
        if _accepts(function or Translator.__init__, name):
            kept[name] = value
        else:
            logger.warning("%s is not supported by this version of the translator: ignored",
                           TRANSLATOR_OPTIONS.get(name, name))
    return kept


def glossary_per_text(translator: Translator | None) -> bool:
    """True when the translator takes a glossary for one call (``with_options(glossary=)``)."""
    return translator is not None and _accepts(translator.with_options, "glossary")


def with_glossary(translator: Translator, glossary: Any, *, beam_size: int | None = None,
                  alternatives: int = 0) -> Translator:
    """The translator with ``glossary`` merged over its own (and the decoding options).

    Raises:
        TranslatorError: This version of the translator takes no glossary per call.
    """
    if not glossary_per_text(translator):
        raise TranslatorError(
            "This version of the translator cannot apply a glossary to one text. Fix: "
            "empty the glossary field, or start the app with --glossary FILE.")
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
