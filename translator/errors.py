"""Every exception the package raises on purpose, and the wording of their fixes.

Each one also subclasses the matching builtin, so callers that already catch
``FileNotFoundError`` or ``ValueError`` keep working, and every message ends with
what to do about it.

A fix often depends on where the user is: the same missing model is fixed with
``Translator(model=...)`` in Python, ``--model PATH`` on the command line and
``python app.py --model DIR`` for the web app. Such an error carries its problem and a
:class:`Fix` worded for every interface; its message uses the fix of the interface in
use, which the entry points declare (:func:`interface` in the CLI,
:func:`set_process_interface` in the app); Python is the default.
:func:`option_fix` spells "use this option value" for each interface, so no module
words a flag by hand.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

#: The interfaces a fix is worded for.
INTERFACES = ("python", "cli", "app")

_process_interface = "python"
_interface: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "translator_interface", default=None
)


def current_interface() -> str:
    """The interface whose fixes messages use now: "python", "cli" or "app"."""
    return _interface.get() or _process_interface


@contextlib.contextmanager
def interface(name: str) -> Iterator[None]:
    """Word fixes for ``name`` ("python", "cli", "app") inside this block (this thread)."""
    if name not in INTERFACES:
        raise ValueError(f"unknown interface {name!r}; use one of {', '.join(INTERFACES)}")
    token = _interface.set(name)
    try:
        yield
    finally:
        _interface.reset(token)


def set_process_interface(name: str) -> None:
    """Word fixes for ``name`` in every thread of this process (a server's entry point)."""
    global _process_interface
    if name not in INTERFACES:
        raise ValueError(f"unknown interface {name!r}; use one of {', '.join(INTERFACES)}")
    _process_interface = name


@dataclass(frozen=True)
class Fix:
    """What to do about an error, worded for each interface (each a full sentence)."""

    python: str
    cli: str
    app: str

    def for_interface(self, name: str | None = None) -> str:
        """The wording for ``name`` (default: :func:`current_interface`)."""
        return getattr(self, name or current_interface())


def option_fix(option: str, value: object, *, before: str = "", after: str = "") -> Fix:
    """A fix that says "use this option value": ``device='cpu'`` / ``--device cpu`` / ...

    Args:
        option: The Python keyword (``compute_type``); the flag is ``--compute-type``.
        value: The value to suggest (a str is quoted in Python).
        before: Words before the option ("use", "pass").
        after: Words after it (", or leave it out").
    """
    flag = "--" + option.replace("_", "-")
    shown = f"{flag} {value}" if value is not None else flag
    py = f"{option}={value!r}"
    lead = f"{before} " if before else ""
    return Fix(
        python=f"{lead}{py}{after}.",
        cli=f"{lead}{shown}{after}.",
        app=f"{lead}{shown}{after}: start the app with python app.py {shown}.",
    )


class TranslatorError(Exception):
    """Base class of all errors raised by ``translator``.

    Args:
        problem: What went wrong. When ``fix`` is None it is the whole message (and should
            end with its fix, worded for every interface).
        fix: What to do, per interface; the message appends the current interface's.
    """

    def __init__(self, problem: str = "", *args: object, fix: Fix | None = None) -> None:
        super().__init__(problem, *args)
        self.problem = problem
        self.fix = fix

    def message(self, interface: str | None = None) -> str:
        """The message with the fix for ``interface`` (default: the current one)."""
        if self.fix is None:
            return super().__str__()
        sep = "\n" if "\n" in self.problem else " "
        return f"{self.problem}{sep}Fix: {self.fix.for_interface(interface)}"

    def __str__(self) -> str:
        return self.message()


#: The fix for a model that is nowhere to be found.
MODEL_FIX = Fix(
    python="run `translator download` on a machine with internet access (it saves the "
    "model into models/, which you can copy here), or pass a local model directory: "
    "Translator(model='path/to/opus-mt-id-en').",
    cli="run `translator download` on a machine with internet access (it saves the model "
    "into models/, which you can copy here), or pass a local model directory: "
    "--model PATH.",
    app="run `translator download` on a machine with internet access (it saves the model "
    "into models/, which you can copy here), or start the app with a local model "
    "directory: python app.py --model DIR.",
)


def download_fix(folder: str) -> Fix:
    """The fix for a download that cannot reach the hub: copy the model over, or a mirror.

    Args:
        folder: Where the model would be saved here (``models/opus-mt-id-en``).
    """
    copy = (f"copy the {folder}/ folder over from a machine where the download works "
            "(`translator download` there saves it)")
    mirror = "point HF_ENDPOINT at a Hugging Face mirror this machine can reach"
    return Fix(
        python=f"{copy}, or {mirror}: os.environ['HF_ENDPOINT'] = 'https://your-mirror' "
        "before importing translator.",
        cli=f"{copy}, or {mirror}: HF_ENDPOINT=https://your-mirror translator download.",
        app=f"{copy}, or {mirror}.",
    )


class ModelNotFoundError(TranslatorError, FileNotFoundError):
    """No usable copy of the model was found in any of the places tried.

    Attributes:
        model: The model id or path that was asked for.
        tried: A human-readable line for every place that was looked at.
    """

    def __init__(self, model: str, tried: Sequence[str], *, hint: str | Fix | None = None) -> None:
        self.model = model
        self.tried = tuple(tried)
        places = "\n".join(f"  - {line}" for line in self.tried) or "  - (nowhere)"
        problem = f"Model {model!r} was not found. Places tried:\n{places}"
        if isinstance(hint, str):  # one wording for every interface
            text = hint.removeprefix("Fix: ")
            hint = Fix(text, text, text)
        super().__init__(problem, fix=hint or MODEL_FIX)


class ModelLoadError(TranslatorError, OSError):
    """A model directory was found but could not be loaded (missing or corrupt files)."""


class MissingDependencyError(TranslatorError, ImportError):
    """An optional dependency is not installed; the message names the extra to install.

    Args:
        package: The missing package.
        extra: The ``indo-translator`` extra that installs it ("" for a base dependency:
            the fix is then reinstalling the package itself).
        purpose: What needs it ("The web app").
    """

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        self.package = package
        self.extra = extra
        target = f"indo-translator[{extra}]" if extra else "indo-translator"
        super().__init__(
            f"{purpose} needs the {package!r} package, which is not installed. "
            f"Fix: pip install '{target}'"
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


class InvalidOptionError(TranslatorError, ValueError):
    """An option has a value that cannot work (an unknown device, no GPU for ``cuda``, ...).

    Attributes:
        option: The Python keyword of the option (``device``, ``compute_type``).
        value: The value given.
    """

    def __init__(self, option: str, value: object, problem: str, fix: Fix) -> None:
        self.option = option
        self.value = value
        super().__init__(problem, fix=fix)


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


class GlossaryError(InvalidInputError):
    """A glossary (a file, a mapping or a keep list) cannot be used as given.

    The message names the file, the line (or entry) and the problem, and ends with the fix.

    Attributes:
        file: The glossary file's name ("glossary" for a mapping given in code).
        line: The 1-based line (or entry number, ``unit="entry"``) of the problem; None
            for the whole file.
        detail: What is wrong, without the place or the fix.
    """

    def __init__(
        self, file: str, line: int | None, detail: str, fix: str, *, unit: str = "line"
    ) -> None:
        self.file = file
        self.line = line
        self.detail = detail
        where = f"{file}, {unit} {line}" if line is not None else file
        super().__init__(f"{where}: {detail}. Fix: {fix}")
