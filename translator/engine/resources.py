"""What a translator is given besides the model: its translation memory and its glossary.

Both are opened (and so checked) before any model is loaded: a broken file is one clear
error, and nothing heavy was done for nothing.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from translator.errors import GlossaryError, InvalidInputError
from translator.memory import MemoryArg, TranslationMemory, as_memory
from translator.terms import Glossary, GlossaryLike

#: Default of ``min_confidence``: a sentence whose confidence (the geometric mean of the
#: model's per-token probabilities, ``exp(Sentence.score)``) is below it is flagged
#: ``low-confidence``. A sound MarianMT translation of news text is mostly above 0.5 per
#: token; an output around 0.3 means the model hesitated on most of its words (a garbled
#: source, an unknown name, a sentence out of its domain): worth a reviewer's look first,
#: while few good sentences fall under it. ``min_confidence=None`` disables the flag.
DEFAULT_MIN_CONFIDENCE = 0.30


def open_memory(memory: MemoryArg) -> TranslationMemory | None:
    """The translation memory a ``memory=`` argument names (see :func:`as_memory`).

    A ``.tmx`` path that does not exist yet is created empty (:meth:`~translator.Translator.
    remember` saves to it), so ``--memory new.tmx`` works from the first run; any other
    missing path is an error.

    Raises:
        InvalidInputError: A file is damaged, hostile or too large, or ``memory`` is of
            another type.
    """
    if isinstance(memory, (str, os.PathLike)):
        memory = [memory]
    if isinstance(memory, (list, tuple)) and all(isinstance(p, (str, os.PathLike))
                                                 for p in memory):
        paths = [Path(p) for p in memory]
        for path in paths:
            if path.is_dir():
                raise InvalidInputError(
                    f"{path}: is a folder, not a memory file. Fix: give a TMX, XLIFF, TSV "
                    "or CSV file.")
        for path in paths:
            if path.exists():
                continue
            if path.suffix.lower() != ".tmx" or not path.parent.is_dir():
                raise InvalidInputError(
                    f"Translation memory not found: {path}. Fix: check the path (a new "
                    "memory must end in .tmx, in an existing folder).")
            from translator.exchange.tmx import add_to_tmx

            add_to_tmx(path, [])  # a new memory: created now, so a wrong folder shows at once
        existing = [p for p in paths if p.exists()]
        loaded = as_memory(existing) if existing else None
        result = loaded if loaded is not None else TranslationMemory()
        result.paths = tuple(paths)
        return result if paths else None
    return as_memory(memory)


def open_glossary(glossary: GlossaryLike, keep: Iterable[str] = ()) -> Glossary | None:
    """The :class:`Glossary` of ``glossary=`` and ``keep=`` (None when both are empty).

    Raises:
        GlossaryError: A missing or bad file, line or entry.
        NotTextError: ``glossary`` or a keep term is of another type.
    """
    if isinstance(keep, str):
        keep = [keep]
    try:
        built = Glossary.build(glossary, keep=list(keep))
    except FileNotFoundError:
        raise GlossaryError(str(glossary), None, "no such file",
                            "check the path of the glossary file.") from None
    return built if built else None
