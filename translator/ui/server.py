"""``python app.py`` serving: the web page and the REST API from one process, one model.

The LibreTranslate-compatible API (:mod:`translator.api`) is the FastAPI application and
the Gradio page is mounted on it at ``/``, so both share the one loaded model and its
dispatcher: web users and API clients are translated in the same batches. Gradio keeps its
own routes (``/gradio_api/...``, so ``gradio_client``'s ``/translate`` still works), limits
and CORS policy; the API's paths (``/translate``, ``/detect``, ``/docs``, ...) answer first.

``--share`` (a public gradio.live link) serves the page alone, as does ``--no-api``. A
model that failed to load serves the page (saying why) and, at the API's paths, HTTP 503
JSON errors saying how to give the server a model (:mod:`translator.api.unavailable`).
"""

from __future__ import annotations

import argparse
import logging
from typing import Any

from translator.api.server import add_protection_arguments

logger = logging.getLogger(__name__)

#: Said on the page served through ``--share``, and in the log.
SHARE_NOTE = ("This public link serves the web page only: it has no REST API (no /translate "
              "for programs). For the API, run the app without --share, or `translator serve`.")


def add_api_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the REST API's options to ``app.py``'s parser (its --max-chars is the API's too)."""
    add_protection_arguments(parser)
    parser.add_argument("--no-api", action="store_true",
                        help="serve the web page only, not the LibreTranslate-compatible API")


def serve(demo: Any, service: Any, args: argparse.Namespace, **page_options: Any) -> None:
    """Serve ``demo`` (queued) and, unless ruled out, the API, until interrupted.

    Args:
        demo: The app's ``gradio.Blocks``, with its queue set.
        service: The app's :class:`~translator.ui.service.TranslationService`.
        args: ``app.py``'s options (host, port, share, no_api, protection options).
        **page_options: Gradio page options (css, js, theme, footer_links).
    """
    import gradio as gr

    if args.no_api or args.share:
        if args.share and not args.no_api:
            logger.warning("%s", SHARE_NOTE)
        demo.launch(server_name=args.host, server_port=args.port, share=args.share,
                    max_threads=demo.max_threads, **page_options)
        return
    from translator.api.server import build_config, serve_forever, warn_if_open

    config = None
    if service.dispatcher is not None:
        config = build_config(args, char_limit=service.max_chars)
        warn_if_open(args.host, config)
    serve_forever(  # the API's lifecycle; app.py's main closes the service afterwards
        service.dispatcher, args, config=config, load_error=service.load_error or "",
        mount_page=lambda api: gr.mount_gradio_app(
            api, demo, path="/", server_name=args.host, server_port=args.port, **page_options),
        banner=f"Web page on http://{args.host}:{args.port}, LibreTranslate-compatible API "
               "on the same address (documentation: /docs)",
    )
