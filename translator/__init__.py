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

from translator.core import Translator
from translator.errors import (
    InputTooLargeError,
    InvalidInputError,
    MissingDependencyError,
    ModelLoadError,
    ModelNotFoundError,
    TranslatorError,
)
from translator.hub import DEFAULT_MODEL
from translator.results import Document, Paragraph, Sentence

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_MODEL",
    "Document",
    "InputTooLargeError",
    "InvalidInputError",
    "MissingDependencyError",
    "ModelLoadError",
    "ModelNotFoundError",
    "Paragraph",
    "Sentence",
    "Translator",
    "TranslatorError",
    "__version__",
]

logging.getLogger("translator").addHandler(logging.NullHandler())
