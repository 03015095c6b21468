"""``translator check``: run the translation checks on any translation, not only ours.

Inputs are either two line-aligned files (line N of TRANSLATION translates line N of
SOURCE) or one JSON output of ``translator translate --json`` (a ``x.en.txt.json`` sidecar
or the JSON lines printed for texts), whose sentences are checked in order.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from translator.cli.common import UsageError, read_aligned


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``check``."""
    p = sub.add_parser(
        "check", help="flag translation lines a reader must verify (numbers, URLs, ...)",
        description="Check a translation against its source: numbers, URLs/e-mails/handles, "
        "untranslated text, implausible length, empty lines. SOURCE and TRANSLATION are "
        "line-aligned text files; or give one JSON output of `translator translate --json`.",
    )
    p.add_argument("source", metavar="SOURCE",
                   help="Indonesian source, one segment per line (or a --json output)")
    p.add_argument("translation", metavar="TRANSLATION", nargs="?",
                   help="its translation, line-aligned with SOURCE")
    p.add_argument("--json", action="store_true",
                   help='one JSON object per line on stdout: {"line", "flags", "reasons"}')


def run(args: argparse.Namespace) -> int:
    """Check every pair; print the flagged ones (or JSON for all) and a summary."""
    from translator.checks import check_pair

    unit = "sentence"
    try:
        if args.translation is None:
            pairs = read_json_output(Path(args.source))
        elif args.translation.endswith(".json"):  # SOURCE and its --json sidecar
            pairs = read_json_output(Path(args.translation))
        else:
            pairs = read_aligned_pairs(Path(args.source), Path(args.translation))
            unit = "line"
    except UsageError as exc:
        print(f"translator check: error: {exc}", file=sys.stderr)
        return 2
    counts: Counter[str] = Counter()
    flagged = 0
    out = sys.stdout
    for number, (source, translation) in enumerate(pairs, start=1):
        result = check_pair(source, translation)
        counts.update(result.flags)
        flagged += bool(result)
        if args.json:
            out.write(json.dumps({"line": number, **result.to_dict()}, ensure_ascii=False) + "\n")
        elif result:
            out.write(f"{unit} {number}: " + "; ".join(result.reasons) + "\n")
            out.write(f"  id: {_shorten(source)}\n  en: {_shorten(translation)}\n")
    summary = f"{len(pairs)} {unit}s checked, {flagged} flagged" + (
        ": " + ", ".join(f"{flag} {n}" for flag, n in counts.most_common()) if counts else ""
    )
    print(summary, file=sys.stderr if args.json else sys.stdout)
    return 0


def _shorten(text: str, width: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def read_aligned_pairs(source: Path, translation: Path) -> list[tuple[str, str]]:
    """(source line, translation line) pairs of two line-aligned files."""
    sources, translations = read_aligned((str(source), source), (str(translation), translation))
    return list(zip(sources, translations))


def read_json_output(path: Path) -> list[tuple[str, str]]:
    """(source, translation) of every sentence of a ``translator translate --json`` output."""
    (lines,) = read_aligned((str(path), path))
    text = "\n".join(lines)
    try:
        data: Any = json.loads(text)
        docs = data["units"] if isinstance(data, dict) and "units" in data else [data]
    except json.JSONDecodeError:
        try:
            docs = [json.loads(line) for line in text.splitlines() if line.strip()]
        except json.JSONDecodeError:
            raise UsageError(
                f"{path} is neither a text file pair nor JSON output. Fix: give SOURCE and "
                "TRANSLATION, or one file written by `translator translate --json`."
            ) from None
    try:
        return [
            (s["source"], s["translation"])
            for doc in docs for p in doc["paragraphs"] for s in p["sentences"]
        ]
    except (KeyError, TypeError):
        raise UsageError(
            f"{path} is JSON but not a `translator translate --json` output. Fix: give SOURCE "
            "and TRANSLATION as two line-aligned text files."
        ) from None
