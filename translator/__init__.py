"""indo-translator: offline Indonesian -> English translation with layout kept intact.

Importing this package is cheap: torch and transformers load only when a
:class:`Translator` is created.

Example:
    >>> from translator import Translator
    >>> translator = Translator()            # Helsinki-NLP/opus-mt-id-en
    >>> translator.translate("Selamat pagi.")
    'Good morning.'
"""

from __future__ import annotations

import logging

from translator._version import __version__
from translator.backends.hub import DEFAULT_MODEL
from translator.core import Translator
from translator.errors import (
    CacheUnavailableError,
    InputTooLargeError,
    InvalidInputError,
    InvalidOptionError,
    MissingDependencyError,
    ModelLoadError,
    ModelNotFoundError,
    NotTextError,
    OutputExistsError,
    TranslatorError,
    UnsupportedFormatError,
)
from translator.results import Document, Paragraph, Provenance, Sentence

__all__ = [
    "DEFAULT_MODEL",
    "CacheUnavailableError",
    "Document",
    "InputTooLargeError",
    "InvalidInputError",
    "InvalidOptionError",
    "MissingDependencyError",
    "ModelLoadError",
    "ModelNotFoundError",
    "NotTextError",
    "OutputExistsError",
    "Paragraph",
    "Provenance",
    "Sentence",
    "Translator",
    "TranslatorError",
    "UnsupportedFormatError",
    "__version__",
]

logging.getLogger("translator").addHandler(logging.NullHandler())
