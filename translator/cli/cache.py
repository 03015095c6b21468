"""``translator cache``: statistics of the sentence cache, or clearing it."""

from __future__ import annotations

import argparse
import json


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``cache stats | clear``."""
    cache = sub.add_parser(
        "cache", help="show or clear the sentence cache",
        description="The sentence cache (SQLite, in $INDO_TRANSLATOR_CACHE or the user cache "
        "folder) lets translate rerun only changed sentences.",
    )
    cache.add_argument("action", choices=["stats", "clear"],
                       help="stats: where it is, entries, size, hits; clear: empty it")
    cache.add_argument("--json", action="store_true", help="stats as JSON")


def run(args: argparse.Namespace) -> int:
    """Show the cache statistics or clear it."""
    from translator.engine.cache import TranslationCache

    cache = TranslationCache()
    if args.action == "clear":
        print(f"removed {cache.clear()} cached translations from {cache.path}")
        return 0
    stats = cache.stats()
    if args.json:
        print(json.dumps(stats.to_dict()))
    else:
        print(f"path:         {stats.path}\nentries:      {stats.entries}\n"
              f"size:         {stats.size_bytes / 1e6:.1f} MB\n"
              f"hits:         {stats.total_hits}\nmisses:       {stats.total_misses}\n"
              f"stored:       {stats.total_stored}")
    return 0
