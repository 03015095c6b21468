"""``translator serve``: the LibreTranslate-compatible REST API alone (no web page)."""

from __future__ import annotations

import argparse

from translator.cli.common import check_device, model_options


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``serve``."""
    parser = sub.add_parser(
        "serve", help="serve the LibreTranslate-compatible REST API",
        description="Serve the LibreTranslate-compatible REST API (POST /translate, /detect, "
                    "/translate_file; GET /languages; docs at /docs). Loopback by default.",
    )
    model_options(parser)
    from translator.api.server import add_arguments

    add_arguments(parser)


def run(args: argparse.Namespace) -> int:
    """Serve until interrupted."""
    from translator.api.server import serve

    check_device(args)
    return serve(args)
