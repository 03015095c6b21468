"""``translator serve``: the LibreTranslate-compatible REST API alone (no web page)."""

from __future__ import annotations

import argparse

from translator.cli.common import UsageError, check_device, model_options
from translator.errors import InvalidInputError


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
    from translator.api import review_options
    from translator.api.server import build_config, serve

    check_device(args)
    try:  # a bad keys, memory or glossary file is a usage error, before the model loads
        config = build_config(args)
        options = review_options.load(args)
    except InvalidInputError as exc:
        raise UsageError(exc.message("cli")) from exc
    return serve(args, config=config, options=options)
