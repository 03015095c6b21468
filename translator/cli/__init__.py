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

Exit codes: 0 all done, 1 some inputs failed (each named in a summary on stderr), 2 usage.

Adding a subcommand: write ``translator/cli/<name>.py`` with a parser builder
``add_parser(sub)`` and a handler ``run(args) -> int`` (import heavy things inside
``run``), then add one line to :data:`SUBCOMMANDS`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from translator import __version__
from translator.cli import cache, models, translate
from translator.cli.common import UsageError
from translator.errors import TranslatorError

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
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``translator`` command."""
    parser = argparse.ArgumentParser(
        prog="translator", description="Offline Indonesian -> English translation."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)
    for add, _ in SUBCOMMANDS.values():
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 failed inputs, 2 usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    level = logging.WARNING if getattr(args, "quiet", False) else logging.INFO
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else level,
        format="%(levelname)s %(name)s: %(message)s",
        force=True,
    )
    try:
        return SUBCOMMANDS[args.command][1](args)
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"translator: error: {exc}", file=sys.stderr)
        return 2
    except TranslatorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; rerun the same command to resume", file=sys.stderr)
        return 130
