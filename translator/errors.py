"""Every exception the package raises on purpose.

Each one also subclasses the matching builtin, so callers that already catch
``FileNotFoundError`` or ``ValueError`` keep working, and every message ends with
what to do about it.
"""

from __future__ import annotations

from collections.abc import Sequence


class TranslatorError(Exception):
    """Base class of all errors raised by ``translator``."""


class ModelNotFoundError(TranslatorError, FileNotFoundError):
    """No usable copy of the model was found in any of the places tried.

    Attributes:
        model: The model id or path that was asked for.
        tried: A human-readable line for every place that was looked at.
    """

    def __init__(self, model: str, tried: Sequence[str], *, hint: str | None = None) -> None:
        self.model = model
        self.tried = tuple(tried)
        places = "\n".join(f"  - {line}" for line in self.tried) or "  - (nowhere)"
        fix = hint or (
            "Fix: run `translator download` on a machine with internet access (it saves the "
            "model into models/, which you can copy here), or pass a local model directory: "
            "Translator(model='path/to/opus-mt-id-en')."
        )
        super().__init__(f"Model {model!r} was not found. Places tried:\n{places}\n{fix}")


class ModelLoadError(TranslatorError, OSError):
    """A model directory was found but could not be loaded (missing or corrupt files)."""


class MissingDependencyError(TranslatorError, ImportError):
    """An optional dependency is not installed; the message names the extra to install."""

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(
            f"{purpose} needs the {package!r} package, which is not installed. "
            f"Fix: pip install 'indo-translator[{extra}]'"
        )


class InvalidInputError(TranslatorError, ValueError):
    """The input cannot be translated as given (wrong type, binary data, ...)."""


class NotTextError(InvalidInputError, TypeError):
    """The input is not text (a number, bytes, a mapping, ...); also a ``TypeError``."""


class InputTooLargeError(InvalidInputError):
    """The input is larger than the configured limit."""


class UnsupportedFormatError(InvalidInputError):
    """A file's format is not one the translator can read (unknown extension or content)."""


class OutputExistsError(TranslatorError, FileExistsError):
    """An output file already exists and was not written by the translator."""


class CacheUnavailableError(TranslatorError, OSError):
    """The sentence cache cannot be opened, read or cleared (translation goes on without it).

    Attributes:
        path: The cache database.
        reason: What went wrong.
    """

    def __init__(self, path: object, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            f"The sentence cache {path} cannot be used: {reason}. Fix: make its folder "
            "writable, or point INDO_TRANSLATOR_CACHE to another folder."
        )
