"""The ``python app.py`` command line: options, loading the model once, serving the page."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import Any

from translator.api import review_options
from translator.backends import BACKENDS
from translator.backends.ct2_runtime import COMPUTE_TYPES
from translator.backends.hub import DEFAULT_MODEL
from translator.errors import InvalidInputError, set_process_interface
from translator.ui.app import _gradio, build_app, launch_options
from translator.ui.server import add_api_arguments, serve
from translator.ui.service import DEFAULT_MAX_CHARS, TranslationService


def build_parser() -> argparse.ArgumentParser:
    """The options of ``python app.py``."""
    parser = argparse.ArgumentParser(
        prog="app.py", description="Web app: Indonesian -> English translation in a browser."
    )
    parser.add_argument("--model", default=DEFAULT_MODEL, help="hub id or local directory")
    parser.add_argument("--backend", default="auto", choices=BACKENDS,
                        help="auto (default): ctranslate2 when installed, else transformers")
    parser.add_argument("--compute-type", default="auto", choices=COMPUTE_TYPES,
                        help="ctranslate2 only: auto (int8 on CPU, int8_float16 on CUDA), ...")
    parser.add_argument("--vocabulary", default="target", choices=("target", "full"),
                        help="target (default): decode over the model's English pieces only "
                        "(lossless, faster); full: every piece")
    parser.add_argument("--device", default="auto", help="auto, cpu or cuda")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to serve on (0.0.0.0 for all interfaces)")
    parser.add_argument("--port", type=int, default=7860)
    parser.add_argument("--share", action="store_true",
                        help="also create a public gradio.live link (the page only: it "
                        "serves no REST API; run without --share, or `translator serve`, "
                        "for the API)")
    review_options.add_arguments(parser)  # --memory, --glossary, --keep, --min-confidence
    parser.add_argument("--max-chars", type=int, default=DEFAULT_MAX_CHARS,
                        help="largest text accepted, in characters")
    parser.add_argument("--beam-size", type=int, default=None,
                        help="default beams per sentence (default: the model's own)")
    parser.add_argument("--concurrency", type=int, default=32,
                        help="requests handled at once (they share model batches)")
    # Benchmarks only: random weights never stop, so force the output length.
    parser.add_argument("--fixed-output-tokens", type=int, default=None,
                        help=argparse.SUPPRESS)
    parser.add_argument("--max-wait-ms", type=float, default=5.0, help=argparse.SUPPRESS)
    add_api_arguments(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options, load the model once, serve the app until interrupted."""
    args = build_parser().parse_args(argv)
    set_process_interface("app")  # fixes say `python app.py --model DIR`, not Python calls
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    for noisy in ("httpx", "httpcore", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    _gradio()  # fail early, before loading the model, when gradio is missing
    limits = {"max_chars": args.max_chars, "max_wait": args.max_wait_ms / 1000}
    try:  # the memory and glossary files first: a bad one is said before the model loads
        review = review_options.load(args).kwargs()
    except InvalidInputError as exc:
        service = TranslationService(None, load_error=exc.message("app"), **limits)
    else:
        print(f"Loading {args.model} ...", file=sys.stderr, flush=True)
        service = TranslationService.load(
            args.model, backend=args.backend, device=args.device, beam_size=args.beam_size,
            compute_type=args.compute_type, vocabulary=args.vocabulary,
            fixed_output_tokens=args.fixed_output_tokens, translator_options=review, **limits,
        )
    if not service.ready:
        print(f"error: {service.load_error}", file=sys.stderr)
        print("The app starts anyway and shows this message on its page.", file=sys.stderr,
              flush=True)
    else:
        print(service.info_line(), file=sys.stderr, flush=True)
    demo = build_app(service, shared=args.share)
    demo.max_threads = max(40, 2 * args.concurrency)
    demo.queue(default_concurrency_limit=args.concurrency, max_size=16 * args.concurrency)
    calm_queue(demo)
    try:
        # The page and the REST API from one process and one model (translator.ui.server).
        serve(demo, service, args, **launch_options(service))
    except KeyboardInterrupt:
        pass
    finally:
        service.close()
    return 0


#: How often an idle Gradio queue looks for work, in seconds.
IDLE_POLL_S = 0.01


def calm_queue(demo: Any) -> None:
    """Let the page's queue look for work every 10 ms instead of every millisecond.

    Gradio's queue polls every 1 ms when it has nothing to do: about 9% of a core for an
    app nobody is using (measured; the REST-only server idles at 0.3%). 10 ms is as quick
    for people and costs a tenth of it. A Gradio without the setting is left as it is.
    """
    queue = getattr(demo, "_queue", None)
    if queue is not None and getattr(queue, "sleep_when_free", IDLE_POLL_S) < IDLE_POLL_S:
        queue.sleep_when_free = IDLE_POLL_S

