"""``translator memory``: add pairs to a TMX translation memory, or show what one holds."""

from __future__ import annotations

import argparse
import json

from translator.cli.common import UsageError
from translator.errors import InvalidInputError


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``memory add | stats``."""
    memory = sub.add_parser(
        "memory", help="add reviewed pairs to a TMX translation memory, or show its stats",
        description="A translation memory (TMX) holds approved translations: `translate "
        "--memory TM.tmx` reuses them verbatim and offers near ones as suggestions.",
    )
    actions = memory.add_subparsers(dest="action", required=True, help="add or stats")
    add = actions.add_parser(
        "add", help="add the pairs of XLIFF/TMX/TSV/CSV files to a TMX",
        description="Add the (source, target) pairs of XLIFF (units with a target), TMX and "
        "two-column TSV/CSV files to a TMX file (created when missing). A source already "
        "there gets the newest target; the file is replaced atomically, under a lock.",
    )
    add.add_argument("files", nargs="+", metavar="FILE", help="XLIFF, TMX, TSV or CSV files")
    add.add_argument("--to", required=True, metavar="TM.tmx", help="the TMX file to add to")
    add.add_argument("--reviewed-only", action="store_true",
                     help="from XLIFF files only the units a reviewer changed or approved")
    stats = actions.add_parser("stats", help="entries, origins and digest of memory files")
    stats.add_argument("files", nargs="+", metavar="TM", help="TMX (or XLIFF/TSV/CSV) files")
    stats.add_argument("--json", action="store_true", help="stats as JSON")


def run(args: argparse.Namespace) -> int:
    """Add to a memory or show its stats; a bad file is one line naming it (exit 2)."""
    try:
        return _add(args) if args.action == "add" else _stats(args)
    except InvalidInputError as exc:
        raise UsageError(exc.message("cli").replace("\n", " ")) from exc
    except OSError as exc:
        raise UsageError(f"{getattr(exc, 'filename', None) or args.to}: "
                         f"{exc.strerror or exc}. Fix: check the path and its "
                         "permissions.") from exc


def _add(args: argparse.Namespace) -> int:
    from pathlib import Path

    from translator.exchange import add_to_tmx, kind_of, load_pairs
    from translator.files.xliff import read_xliff_file

    if any(Path(f).resolve() == Path(args.to).resolve() for f in args.files):
        raise UsageError(f"{args.to} is both an input and --to. Fix: add other files to it.")
    pairs = []
    for name in args.files:  # every file read before the memory is touched
        if args.reviewed_only and kind_of(b"", name) == "xliff":
            pairs += read_xliff_file(name).pairs(reviewed_only=True)
        else:
            pairs += load_pairs(name)
    total = add_to_tmx(args.to, pairs)
    print(f"added {len(pairs)} pairs from {len(args.files)} file(s) to {args.to}: "
          f"{total} entries")
    return 0


def _stats(args: argparse.Namespace) -> int:
    from translator.memory import TranslationMemory

    stats = TranslationMemory.load(args.files).stats()
    if args.json:
        print(json.dumps({"entries": stats.entries, "origins": dict(stats.origins),
                          "paths": list(stats.paths), "digest": stats.digest}))
        return 0
    print(f"entries:  {stats.entries}")
    for origin, count in stats.origins:
        print(f"  {origin}: {count}")
    print(f"paths:    {', '.join(stats.paths)}\ndigest:   {stats.digest}")
    return 0
