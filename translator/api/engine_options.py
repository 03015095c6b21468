"""The server's translation memory and glossary: options, loading, and handing them to the engine.

``translator serve --memory FILE --glossary FILE --keep TERM`` (and ``python app.py`` through
:func:`add_arguments` and :func:`load`): the files are read once, before the model loads, so a
bad file is one line and exit code 2, not a traceback after a minute of loading. The loaded
:class:`~translator.memory.TranslationMemory` and :class:`~translator.terms.Glossary` are given
to the :class:`~translator.Translator` (``memory=``, ``glossary=``), which applies them to every
request; ``/suggest`` adds pairs through ``translator.remember`` (see
:func:`remember`).

A ``--memory`` file that does not exist yet and ends in ``.tmx`` is created empty (it is
where ``/suggest`` stores pairs); the first ``--memory`` file receives the suggestions.
"""

from __future__ import annotations

import argparse
import inspect
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translator.errors import InvalidInputError

logger = logging.getLogger(__name__)

#: ``origin`` of the pairs that ``/suggest`` stores.
SUGGEST_ORIGIN = "suggest"


@dataclass(frozen=True)
class EngineOptions:
    """What the server's translator applies to every request.

    Attributes:
        memory: The loaded translation memory, or None.
        glossary: The loaded glossary (``--glossary`` plus ``--keep``), or None.
    """

    memory: Any = None
    glossary: Any = None

    def kwargs(self) -> dict[str, Any]:
        """Keyword arguments for ``Translator(...)`` (only those that are set)."""
        given = {"memory": self.memory, "glossary": self.glossary}
        return {k: v for k, v in given.items() if v is not None}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--memory`` (repeatable), ``--glossary`` and ``--keep`` (repeatable)."""
    parser.add_argument("--memory", action="append", default=[], metavar="FILE",
                        help="translation memory (TMX, XLIFF, TSV/CSV; repeatable): exact "
                             "matches are used verbatim, and /suggest stores pairs in the "
                             "first file (a missing .tmx is created)")
    parser.add_argument("--glossary", default=None, metavar="FILE",
                        help="glossary (TSV/CSV 'source<TAB>target', or TBX) applied to every "
                             "request")
    parser.add_argument("--keep", action="append", default=[], metavar="TERM",
                        help="a term never translated (repeatable)")


def load(args: argparse.Namespace) -> EngineOptions:
    """Read ``args.memory``, ``args.glossary`` and ``args.keep`` (before any model loads).

    Raises:
        InvalidInputError: A file is missing, unreadable, damaged or hostile (one line that
            names it, ending with the fix).
    """
    paths = [Path(p) for p in getattr(args, "memory", None) or []]
    memory = _load_memory(paths) if paths else None
    glossary_path = getattr(args, "glossary", None)
    keep = list(getattr(args, "keep", None) or [])
    glossary = None
    if glossary_path or keep:
        from translator.terms import Glossary

        if glossary_path and not Path(glossary_path).is_file():
            raise InvalidInputError(
                f"Glossary file not found: {glossary_path}. Fix: check the --glossary path.")
        try:
            glossary = Glossary.build(glossary_path, keep=keep)
        except OSError as exc:
            raise InvalidInputError(
                f"Cannot read the glossary {glossary_path}: {exc.strerror or exc}. "
                "Fix: check the --glossary path.") from exc
    return EngineOptions(memory, glossary)


def _load_memory(paths: Sequence[Path]) -> Any:
    from translator.memory import TranslationMemory

    first = paths[0]
    if not first.exists() and first.suffix.lower() == ".tmx" and first.parent.is_dir():
        from translator.exchange.tmx import add_to_tmx

        add_to_tmx(first, [])
        logger.info("created the empty translation memory %s", first)
    for path in paths:
        if not path.is_file():
            raise InvalidInputError(
                f"Translation memory not found: {path}. Fix: check the --memory path "
                "(a new memory must end in .tmx, in an existing folder).")
    try:
        return TranslationMemory.load(paths)
    except OSError as exc:
        raise InvalidInputError(
            f"Cannot read the translation memory: {exc}. Fix: check the --memory path."
        ) from exc


def make_translator(factory: Any, *args: Any, options: EngineOptions, **kwargs: Any) -> Any:
    """``factory(*args, **kwargs, memory=..., glossary=...)``.

    An engine that does not take ``memory=``/``glossary=`` yet gets them as the
    ``memory``/``glossary`` attributes, so ``/suggest`` can store pairs all the same.
    """
    extra = options.kwargs()
    params = inspect.signature(factory).parameters
    takes = {k: v for k, v in extra.items() if k in params}
    translator = None
    if extra and len(takes) < len(extra) and any(
            p.kind is p.VAR_KEYWORD for p in params.values()):
        try:  # ``from_backend(**options)``: it may take them
            translator, takes = factory(*args, **kwargs, **extra), extra
        except TypeError as exc:
            if not any(repr(name) in str(exc) for name in extra):
                raise
    if translator is None:
        translator = factory(*args, **kwargs, **takes)
    for name, value in extra.items():
        if name not in takes:
            logger.warning("this engine does not apply %s= yet; it is kept for /suggest", name)
            setattr(translator, name, value)
    return translator


def memory_of(translator: Any) -> Any:
    """The translator's translation memory, or None."""
    return getattr(translator, "memory", None)


def remember(translator: Any, pairs: Sequence[tuple[str, str]]) -> int:
    """Add ``pairs`` to the translator's memory and its file; the number added.

    Uses ``translator.remember(pairs, origin="suggest")``; an engine without it gets the
    pairs added to ``translator.memory`` and saved to the memory's first file.

    Raises:
        RuntimeError: There is no memory.
    """
    method = getattr(translator, "remember", None)
    if callable(method):
        return int(method(pairs, origin=SUGGEST_ORIGIN))
    memory = memory_of(translator)
    if memory is None:
        raise RuntimeError("no translation memory")
    paths = getattr(memory, "paths", ())
    return int(memory.add(pairs, SUGGEST_ORIGIN, save_to=paths[0] if paths else None))
