"""``translator serve``: load the model once and serve the API with uvicorn.

Loopback (127.0.0.1) by default. On another address without ``--req-limit``, a limit of
60 requests per minute per client is set; ``--req-limit -1`` lifts it.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from translator import settings
from translator.api import review_options
from translator.api.config import (
    DEFAULT_BODY_LIMIT,
    DEFAULT_CHAR_LIMIT,
    PUBLIC_REQ_LIMIT,
    ApiConfig,
    load_api_keys,
)
from translator.errors import InvalidInputError, MissingDependencyError
from translator.settings import API_KEYS_ENV

if TYPE_CHECKING:
    from translator.serving.dispatch import Dispatcher

logger = logging.getLogger(__name__)

DEFAULT_PORT = 5000  # LibreTranslate's, so clients' defaults find the server


def limit(value: str) -> int:
    """The argparse type of a limit: a whole number of at least 1, or -1 for none."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1 and number != -1:
        raise argparse.ArgumentTypeError(
            f"{value!r} is not a limit: use a whole number of at least 1, or -1 for none")
    return number


def size(value: str) -> int:
    """The argparse type of a size or a count: a whole number of at least 1."""
    number = limit(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least 1")
    return number


def port(value: str) -> int:
    """The argparse type of a TCP port: 1 to 65535."""
    number = size(value)
    if number > 65535:
        raise argparse.ArgumentTypeError(f"{value!r} is not a port (1 to 65535)")
    return number


def add_protection_arguments(parser: argparse.ArgumentParser) -> None:
    """Add --api-keys, --req-limit and --body-limit (``translator serve`` and ``app.py``)."""
    parser.add_argument("--api-keys", metavar="FILE", default=settings.api_keys_file(),
                        help="require an API key from this file (one per line, optionally "
                             f"with its own limits); default: ${API_KEYS_ENV}")
    parser.add_argument("--req-limit", type=limit, default=None,
                        help="most API requests per minute per API key or client address "
                             f"(default: none on loopback, {PUBLIC_REQ_LIMIT} otherwise; "
                             "-1: no limit)")
    parser.add_argument("--body-limit", type=size, default=DEFAULT_BODY_LIMIT,
                        help=f"most bytes per API request body (default {DEFAULT_BODY_LIMIT:,})")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the server and protection options (not the model options) to ``parser``."""
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to serve on (default: this machine only; 0.0.0.0 for "
                             "all interfaces)")
    parser.add_argument("--port", type=port, default=DEFAULT_PORT,
                        help=f"port (default {DEFAULT_PORT}, LibreTranslate's)")
    parser.add_argument("--char-limit", type=limit, default=DEFAULT_CHAR_LIMIT,
                        help=f"most characters per request (default {DEFAULT_CHAR_LIMIT:,}; "
                             "-1: no limit)")
    add_protection_arguments(parser)
    review_options.add_arguments(parser)
    parser.add_argument("--beam-size", type=size, default=None,
                        help="beams per sentence (default: the model's own)")
    # Benchmarks only: random weights never stop, so force the output length.
    parser.add_argument("--fixed-output-tokens", type=int, default=None,
                        help=argparse.SUPPRESS)
    parser.add_argument("--max-wait-ms", type=float, default=5.0, help=argparse.SUPPRESS)


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def build_config(args: argparse.Namespace, *, char_limit: int | None = None) -> ApiConfig:
    """The :class:`ApiConfig` of the command line options.

    Args:
        args: Parsed options (``host``, ``api_keys``, ``req_limit``, ``body_limit`` and
            ``char_limit`` unless given here).
        char_limit: Overrides ``args.char_limit`` (the web app passes its ``--max-chars``).

    Raises:
        InvalidInputError: The keys file is missing, unreadable or malformed.
    """
    req_limit = args.req_limit
    if req_limit is None:
        req_limit = -1 if is_loopback(args.host) else PUBLIC_REQ_LIMIT
    try:
        keys = load_api_keys(args.api_keys) if args.api_keys else None
    except OSError as exc:
        raise InvalidInputError(
            f"Cannot read the API keys file {args.api_keys}: {exc.strerror or exc}. "
            "Fix: check the --api-keys path (or $" + API_KEYS_ENV + ")."
        ) from exc
    return ApiConfig(char_limit=args.char_limit if char_limit is None else char_limit,
                     req_limit=req_limit, api_keys=keys, body_limit=args.body_limit)


def warn_if_open(host: str, config: ApiConfig) -> None:
    """Log a warning when the API is reachable from other machines without keys."""
    if not is_loopback(host) and config.api_keys is None:
        logger.warning("serving on %s without API keys: anyone who can reach it may use "
                       "it (%s requests per minute each); see --api-keys", host,
                       config.req_limit if config.req_limit >= 0 else "unlimited")


class _ShutdownCut(logging.Filter):
    """One line, not a traceback, for a connection still open when the server stops.

    A browser tab's event stream outlives the graceful shutdown (5 s); uvicorn then cuts
    it and logs the cancellation as an error with a traceback, which reads like a crash.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        exc = record.exc_info[1] if record.exc_info else None
        if isinstance(exc, asyncio.CancelledError) and "graceful shutdown" in str(exc):
            record.msg, record.args, record.exc_info = (
                "closed a connection still open at shutdown", (), None)
            record.levelno, record.levelname = logging.INFO, "INFO"
        return True


def run_server(app: Any, *, host: str, port: int) -> None:
    """Serve an ASGI app with uvicorn until interrupted."""
    try:
        import uvicorn
    except ImportError as exc:
        raise MissingDependencyError("uvicorn", "api", "The API server") from exc
    cut = _ShutdownCut()
    logging.getLogger("uvicorn.error").addFilter(cut)
    try:
        _run(uvicorn, app, host=host, port=port)
    finally:
        logging.getLogger("uvicorn.error").removeFilter(cut)


def _run(uvicorn: Any, app: Any, *, host: str, port: int) -> None:
    uvicorn.run(app, host=host, port=port, log_level="info", limit_concurrency=512,
                timeout_graceful_shutdown=5)


def serve_forever(
    dispatcher: Dispatcher | None,
    args: argparse.Namespace,
    *,
    config: ApiConfig | None = None,
    load_error: str = "",
    mount_page: Callable[[Any], Any] | None = None,
    banner: str = "",
) -> None:
    """The one server lifecycle of ``translator serve`` and ``python app.py``.

    The API (or, without a model, its HTTP 503 stand-in), the page mounted on it when
    given, uvicorn until interrupted, and the API's service closed at the end.

    Args:
        dispatcher: The loaded model's dispatcher; None when the model failed to load.
        args: The command line (``host``, ``port`` and the protection options).
        config: The API's limits (None: from ``args``).
        load_error: Why there is no model (said in every 503 answer).
        mount_page: Mounts the web page on the API app and returns the app to serve.
        banner: One line for stderr once everything is set up.
    """
    if dispatcher is None:
        from translator.api.unavailable import create_unavailable_app

        api = create_unavailable_app(load_error)
        close: Callable[[], None] = lambda: None  # noqa: E731
    else:
        try:
            from translator.api.routes import create_app
        except ImportError as exc:
            raise MissingDependencyError("fastapi", "api", "The API server") from exc
        if config is None:
            config = build_config(args)
            warn_if_open(args.host, config)
        api = create_app(dispatcher, config)
        close = api.state.service.close
    app = mount_page(api) if mount_page is not None else api
    if banner:
        print(banner, file=sys.stderr, flush=True)
    try:
        run_server(app, host=args.host, port=args.port)
    finally:
        close()


def serve(args: argparse.Namespace, *, config: ApiConfig | None = None,
          options: review_options.ReviewOptions | None = None) -> int:
    """Load the model, serve the API until interrupted; the exit code.

    Args:
        args: The command line.
        config: The API's limits (None: read from ``args`` now).
        options: The memory and glossary (None: read from ``args`` now).
    """
    from translator.core import Translator
    from translator.serving.dispatch import Dispatcher

    # A bad keys file, memory or glossary fails before the model loads.
    config = config if config is not None else build_config(args)
    options = options if options is not None else review_options.load(args)
    warn_if_open(args.host, config)
    print(f"Loading {args.model} ...", file=sys.stderr, flush=True)
    translator = Translator(
        args.model, backend=args.backend, device=args.device, beam_size=args.beam_size,
        compute_type=args.compute_type, vocabulary=getattr(args, "vocabulary", "target"),
        **options.kwargs())
    if args.fixed_output_tokens is not None:  # benchmarks only
        translator = Translator.from_backend(
            translator.backend, model=translator.model, beam_size=args.beam_size,
            fixed_output_tokens=args.fixed_output_tokens, **options.kwargs(),
        )
    dispatcher = Dispatcher(translator, max_wait=args.max_wait_ms / 1000)
    try:
        serve_forever(dispatcher, args, config=config, banner=(
            f"LibreTranslate-compatible API on http://{args.host}:{args.port} "
            f"(documentation: /docs); {translator!r}"))
    finally:
        dispatcher.close()
        translator.close()
    return 0
