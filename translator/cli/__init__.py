"""The ``translator`` command line: the parser, the subcommand registry, ``main``.

The only place that configures logging. Usage::

    translator translate "Selamat pagi."                 # text arguments -> stdout
    echo "Apa kabar?" | translator translate -           # stdin -> stdout
    translator translate berita.txt                      # -> berita.en.txt
    translator translate arsip/ -o arsip.en/             # a tree, mirrored, resumable
    translator translate data.jsonl --field text         # adds a text_en field
    translator download [MODEL]                          # save a model into models/
    translator info [MODEL]                              # model, backend, device
    translator cache stats | clear                       # the sentence cache
    translator convert [MODEL] [--compute-type int8]     # CTranslate2 copy, ahead of time
    translator serve [--port 5000] [--api-keys FILE]     # LibreTranslate-compatible REST API
    translator check SOURCE TRANSLATION [--json]         # flag lines a reader must verify
    translator eval --src test.id --ref test.en          # BLEU/chrF (sacrebleu), flags, speed
    translator translate berita.docx --xliff            # + berita.docx.xlf for review
    translator merge berita.docx.xlf [--memory TM.tmx]  # reviewed XLIFF -> berita.en.docx
    translator memory add FILE... --to TM.tmx           # pairs into a TMX memory
    translator memory stats TM.tmx                      # entries, origins, digest

Exit codes: 0 all done, 1 some inputs failed (each named in a summary on stderr), 2 usage
(a bad option value, a missing GPU for ``--device cuda``, a .jsonl/.csv without
``--field``, an optional package the command needs: :mod:`translator.cli.needs`),
reported before any model loads. Only warnings and errors are printed;
``-v`` adds progress notes, ``-vv`` debug output.

Adding a subcommand: write ``translator/cli/<name>.py`` with a parser builder
``add_parser(sub)`` and a handler ``run(args) -> int`` (import heavy things inside
``run``), then add one line to :data:`SUBCOMMANDS`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from translator import __version__
from translator.cli import cache, check, evaluate, memory, merge, models, serve, translate
from translator.cli.common import UsageError
from translator.cli.needs import check_needs
from translator.errors import (
    InvalidOptionError,
    MissingDependencyError,
    TranslatorError,
    interface,
)

__all__ = ["SUBCOMMANDS", "UsageError", "build_parser", "main"]

Handler = Callable[[argparse.Namespace], int]
ParserBuilder = Callable[[argparse._SubParsersAction], None]

#: name -> (parser builder, handler). Add a subcommand by adding a line here.
SUBCOMMANDS: dict[str, tuple[ParserBuilder, Handler]] = {
    "translate": (translate.add_parser, translate.run),
    "download": (models.add_download, models.run_download),
    "info": (models.add_info, models.run_info),
    "cache": (cache.add_parser, cache.run),
    "convert": (models.add_convert, models.run_convert),
    "serve": (serve.add_parser, serve.run),
    "check": (check.add_parser, check.run),
    "eval": (evaluate.add_parser, evaluate.run),
    "merge": (merge.add_parser, merge.run),
    "memory": (memory.add_parser, memory.run),
}


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line: the problem and where to look."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: error: {message}. Fix: see {self.prog} --help.\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``translator`` command."""
    parser = _Parser(
        prog="translator", description="Offline Indonesian -> English translation."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    verbose = {"action": "count", "help": "say more: -v progress notes (INFO), -vv debug"}
    parser.add_argument("-v", "--verbose", default=0, **verbose)
    sub = parser.add_subparsers(dest="command", required=True)
    for add, _ in SUBCOMMANDS.values():
        add(sub)
    for subparser in sub.choices.values():  # -v also after the subcommand
        subparser.add_argument("-v", "--verbose", default=argparse.SUPPRESS, **verbose)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 failed inputs, 2 usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    _configure_logging(args)
    with interface("cli"):  # every error's fix is worded for the command line
        try:
            check_needs(args)  # optional packages, before any model loads
        except MissingDependencyError as exc:
            return _usage_error(args, exc.message())
        try:
            return SUBCOMMANDS[args.command][1](args)
        except UsageError as exc:
            return _usage_error(args, str(exc))
        except InvalidOptionError as exc:  # a value only the machine could reject (no GPU)
            return _usage_error(args, exc.message())
        except TranslatorError as exc:
            print(f"error: {exc.message()}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("interrupted; rerun the same command to resume", file=sys.stderr)
            return 130


def _usage_error(args: argparse.Namespace, message: str) -> int:
    print(f"translator {args.command}: error: {message}", file=sys.stderr)
    return 2


def _configure_logging(args: argparse.Namespace) -> None:
    """Warnings and errors only by default; -v adds INFO, -vv DEBUG; --quiet errors only."""
    verbose = getattr(args, "verbose", 0) or 0
    if verbose >= 2:
        level = logging.DEBUG
    elif verbose == 1:
        level = logging.INFO
    elif getattr(args, "quiet", False):
        level = logging.ERROR
    else:
        level = logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", force=True)
    if verbose < 2:  # transformers and the hub client log on their own; keep them quiet too
        for name in ("transformers", "huggingface_hub", "httpx", "urllib3"):
            logging.getLogger(name).setLevel(max(level, logging.WARNING))
