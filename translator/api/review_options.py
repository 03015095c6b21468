"""Memory, terms and confidence options of every interface that loads a translator.

``translator translate``, ``translator serve`` and ``python app.py`` take the same
``--memory FILE`` (repeatable), ``--glossary FILE``, ``--keep TERM`` (repeatable) and
``--min-confidence X``; this module is their one definition (:func:`add_arguments`) and their
one reading (:func:`load`), through :mod:`translator.engine.resources`. Files are read before
any model loads, so a bad one is one line (exit code 2 on the command line), not a traceback
after a minute of loading.

``/suggest`` (and the app's Save to memory) add pairs with :meth:`Translator.remember
<translator.Translator.remember>`, which saves them to the first ``.tmx`` memory file (a
missing one is created on the first save).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

#: ``origin`` of the pairs that ``/suggest`` stores.
SUGGEST_ORIGIN = "suggest"


def confidence_value(value: str) -> float:
    """The argparse type of ``--min-confidence``: a number from 0 to 1."""
    try:
        number = float(value)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number from 0 to 1")
    return number


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--memory``, ``--glossary``, ``--keep`` and ``--min-confidence`` to ``parser``."""
    from translator.engine.resources import DEFAULT_MIN_CONFIDENCE

    group = parser.add_argument_group("memory, terms and confidence")
    group.add_argument("--memory", action="append", default=[], metavar="FILE",
                       help="translation memory (TMX, XLIFF, TSV/CSV; repeatable): exact "
                       "matches are used verbatim, near ones shown as suggestions; edits "
                       "and /suggest pairs are saved to the first .tmx (created if missing)")
    group.add_argument("--glossary", default=None, metavar="FILE",
                       help="terms the translation must use (TSV/CSV source,target or TBX)")
    group.add_argument("--keep", action="append", default=[], metavar="TERM",
                       help="a term to keep untranslated (repeatable)")
    group.add_argument("--min-confidence", type=confidence_value,
                       default=DEFAULT_MIN_CONFIDENCE, metavar="X",
                       help="flag sentences less confident than X, 0 to 1 "
                       "(default: %(default)s; 0 flags none)")


@dataclass(frozen=True)
class ReviewOptions:
    """What a translator applies to every text besides the model.

    Attributes:
        memory: The translation memory, or None.
        glossary: The glossary (``--glossary`` plus ``--keep``), or None.
        min_confidence: Sentences less confident are flagged (None: never).
    """

    memory: Any = None
    glossary: Any = None
    min_confidence: float | None = None

    def kwargs(self) -> dict[str, Any]:
        """The keyword arguments of ``Translator(...)`` and ``Translator.from_backend``."""
        return {"memory": self.memory, "glossary": self.glossary,
                "min_confidence": self.min_confidence}


def load(args: argparse.Namespace) -> ReviewOptions:
    """Read the options :func:`add_arguments` added (before any model loads).

    Raises:
        InvalidInputError: A memory or glossary file is missing, unreadable, damaged or
            hostile (one line that names it, ending with the fix).
    """
    from translator.engine.resources import DEFAULT_MIN_CONFIDENCE, open_glossary, open_memory

    paths = getattr(args, "memory", None) or []
    confidence = getattr(args, "min_confidence", DEFAULT_MIN_CONFIDENCE)
    return ReviewOptions(
        memory=open_memory(paths) if paths else None,
        glossary=open_glossary(getattr(args, "glossary", None), getattr(args, "keep", None) or ()),
        min_confidence=confidence or None,
    )


def memory_of(translator: Any) -> Any:
    """The translator's translation memory, or None."""
    return getattr(translator, "memory", None)


def remember(translator: Any, pairs: list[tuple[str, str]]) -> int:
    """Add ``pairs`` to the translator's memory and its file (``/suggest``); the number added.

    Raises:
        InvalidOptionError: The translator has no memory file to save to.
    """
    return int(translator.remember(pairs, origin=SUGGEST_ORIGIN))
