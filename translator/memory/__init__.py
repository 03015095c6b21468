"""Translation memory: approved translations reused exactly, and offered as suggestions.

Modules:
    store: :class:`TranslationMemory`, its :class:`Entry` and stats (a fuzzy match is a
        :class:`translator.results.Suggestion`).
    index: The fuzzy index (inverted word index + rapidfuzz) and its similarity measure.

:func:`as_memory` turns the ``memory=`` argument of the public interfaces (a path, a list
of paths, a memory or None) into a :class:`TranslationMemory` or None.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Union

from translator.errors import InvalidInputError
from translator.memory.store import (
    Entry,
    MemoryStats,
    TranslationMemory,
)

#: What ``memory=`` accepts: a file, several files, a loaded memory, or None.
MemoryArg = Union[str, "os.PathLike[str]", Sequence[Union[str, "os.PathLike[str]"]],
                  TranslationMemory, None]


def as_memory(memory: MemoryArg) -> TranslationMemory | None:
    """The :class:`TranslationMemory` a ``memory=`` argument names (files are loaded).

    Raises:
        InvalidInputError: ``memory`` is of another type, or a file cannot be read.
    """
    if memory is None or isinstance(memory, TranslationMemory):
        return memory
    if isinstance(memory, (str, os.PathLike)):
        return TranslationMemory.load(memory)
    if isinstance(memory, Sequence) and not isinstance(memory, bytes) and all(
        isinstance(p, (str, os.PathLike)) for p in memory
    ):
        return TranslationMemory.load(memory) if memory else None
    raise InvalidInputError(
        f"memory={type(memory).__name__} is not a memory. Fix: pass a TMX/XLIFF/TSV/CSV "
        "path, a list of them, or a TranslationMemory."
    )


__all__ = ["Entry", "MemoryArg", "MemoryStats", "TranslationMemory", "as_memory"]
