"""What every subcommand shares: the usage error, option types and the model options.

Option values are checked here, while the command line is parsed, so a bad value ends
in one ``translator: error: ...`` line (exit 2) before any model is looked up or loaded.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from translator.backends import BACKENDS
from translator.backends.base import DEVICE_NAMES, check_device_name
from translator.backends.ct2_runtime import COMPUTE_TYPES
from translator.backends.hub import DEFAULT_MODEL
from translator.errors import InvalidOptionError


class UsageError(Exception):
    """A command line that cannot be run as given (exit code 2)."""


def read_aligned(*files: tuple[str, str | Path]) -> list[list[str]]:
    """The lines of line-aligned UTF-8 text files: the one reader of ``check`` and ``eval``.

    Args:
        *files: ``(label, path)`` of each file; the label names it in messages (a flag such
            as ``--src``, or the path itself).

    Returns:
        Each file's lines (a BOM skipped, line breaks dropped), all of the same count.

    Raises:
        UsageError: A file cannot be read as UTF-8 text, or the counts differ.
    """
    lines = []
    for label, path in files:
        try:
            lines.append(Path(path).read_text(encoding="utf-8-sig").splitlines())
        except FileNotFoundError:
            raise UsageError(f"{label}: no such file. Fix: check the path.") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(
                f"{label}: cannot be read as UTF-8 text ({exc.__class__.__name__}). "
                "Fix: give a UTF-8 text file with one segment per line."
            ) from None
    if len({len(x) for x in lines}) > 1:
        (first, _), *rest = files
        counts = ", ".join(f"{label} {len(x)}" for (label, _), x in zip(rest, lines[1:]))
        raise UsageError(
            f"{first} has {len(lines[0])} lines, {counts}. Fix: give line-aligned files "
            "(line N of each holds the same segment)."
        )
    return lines


def device_name(value: str) -> str:
    """The argparse type of ``--device``: auto, cpu, cuda or cuda:N."""
    try:
        return check_device_name(value)
    except InvalidOptionError as exc:
        raise argparse.ArgumentTypeError(
            f"unknown device {value!r}; use one of {DEVICE_NAMES}"
        ) from exc


def positive_int(value: str) -> int:
    """The argparse type of counts (beams, batch sizes): a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return number


def model_options(parser: argparse.ArgumentParser, *, dest: str = "model",
                  device_default: str = "auto") -> None:
    """Add --model, --backend, --compute-type, --device and --vocabulary to ``parser``."""
    parser.add_argument("--model", dest=dest, default=DEFAULT_MODEL, metavar="PATH",
                        help="hub id or local model directory (default: %(default)s)")
    parser.add_argument("--backend", default="auto", choices=BACKENDS,
                        help="auto (default): ctranslate2 when installed, else transformers")
    parser.add_argument("--compute-type", default="auto", choices=COMPUTE_TYPES,
                        metavar="TYPE", help="ctranslate2 only: auto (int8 on CPU, "
                        f"int8_float16 on CUDA) or one of {', '.join(COMPUTE_TYPES[1:])}")
    parser.add_argument("--device", default=device_default, type=device_name,
                        help=f"{DEVICE_NAMES} (default: %(default)s)")
    parser.add_argument("--vocabulary", default="target", choices=("target", "full"),
                        help="target (default): decode over the pieces the model's English "
                        "tokenizer writes (lossless, faster); full: every piece")


def check_device(args: argparse.Namespace) -> None:
    """Reject ``--device cuda`` on a machine without a GPU, before a model loads."""
    from translator.backends import check_device as check

    try:
        check(args.backend, args.device)
    except InvalidOptionError as exc:
        raise UsageError(exc.message("cli")) from exc


def review_options(parser: argparse.ArgumentParser) -> None:
    """Add --memory, --glossary, --keep, --min-confidence (see translator.api.review_options)."""
    from translator.api.review_options import add_arguments

    add_arguments(parser)


def open_review_options(args: argparse.Namespace) -> dict[str, object]:
    """The ``memory``, ``glossary`` and ``min_confidence`` keywords of ``Translator``.

    Files are read here, before any model loads.

    Raises:
        UsageError: A memory or glossary file cannot be used (one line, exit 2).
    """
    from translator.api.review_options import load
    from translator.errors import InvalidInputError

    try:
        return load(args).kwargs()
    except InvalidInputError as exc:
        raise UsageError(exc.message("cli")) from exc
