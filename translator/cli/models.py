"""``translator download``, ``info`` and ``convert``: getting a model ready for offline use."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from translator.backends import check_device, resolve_backend_name
from translator.backends.ct2_runtime import COMPUTE_TYPES
from translator.backends.hub import DEFAULT_MODEL
from translator.cli.common import device_name, model_options


def add_download(sub: argparse._SubParsersAction) -> None:
    """Add ``download [MODEL]``."""
    dl = sub.add_parser(
        "download", help="download a model into models/ for offline use",
        description="Download a model from the Hugging Face Hub into models/<name> (or "
        "--dir), so that translate, info and convert find it without a network. Needs "
        "access to the Hub (and HF_HUB_OFFLINE unset), or to a mirror named by HF_ENDPOINT; "
        "on a machine with neither, copy the models/ folder of one that downloaded it.",
    )
    dl.add_argument("model", nargs="?", default=DEFAULT_MODEL,
                    help="hub id (default: %(default)s)")
    dl.add_argument("--force", action="store_true", help="download again")
    dl.add_argument("--dir", default=None, help="target folder (default: models/<name>)")


def run_download(args: argparse.Namespace) -> int:
    """Download a model into models/."""
    from translator.backends.hub import download_model, local_name, models_dir

    target = Path(args.dir) if args.dir else models_dir() / local_name(args.model)
    where = download_model(args.model, local_dir=target, force=args.force)
    print(f"saved {args.model} to {where}; it now works offline")
    return 0


def add_info(sub: argparse._SubParsersAction) -> None:
    """Add ``info [MODEL]``."""
    info = sub.add_parser(
        "info", help="show the model, where it was found, backend, device (only looks)",
        description="Report where the model is found, the backend and the device, as JSON. "
        "It only looks: nothing is downloaded or loaded. With no model found it reports "
        "what is missing (\"ready\": false) and how to get it, and still exits 0.",
    )
    info.add_argument("model", nargs="?", default=None,
                      help=f"hub id or directory (default: {DEFAULT_MODEL})")
    model_options(info, dest="model_option")


def run_info(args: argparse.Namespace) -> int:
    """Print where the model is found, the backend and the device, as JSON."""
    from translator.backends.hub import resolve_model
    from translator.engine.cache import default_cache_dir
    from translator.errors import InvalidOptionError, ModelNotFoundError

    model = args.model or args.model_option
    report: dict[str, object] = {"model": model}
    try:
        resolved = resolve_model(model, download=False)
    except ModelNotFoundError as exc:
        report.update({"ready": False, "path": None, "found_in": None,
                       "missing": list(exc.tried), "fix": exc.fix.for_interface("cli")
                       if exc.fix else exc.message()})
    else:
        report.update({"ready": True, "path": str(resolved.path),
                       "found_in": resolved.source})
        from translator.backends.vocabulary import resolve_vocabulary

        try:  # the output vocabulary decoded over: its size, or the full one
            target = resolve_vocabulary(args.vocabulary, resolved.path)
        except (OSError, ValueError):
            target = None
        report["vocabulary"] = "full" if target is None else f"target ({len(target)} pieces)"
    report["backend"] = resolve_backend_name(args.backend)
    try:
        report["device"] = check_device(args.backend, args.device)
    except InvalidOptionError as exc:  # cuda asked for, none here: a fact to report
        report["device"] = None
        report["device_problem"] = exc.message("cli")
    report["cache"] = str(default_cache_dir())
    print(json.dumps(report, indent=2))
    return 0


def add_convert(sub: argparse._SubParsersAction) -> None:
    """Add ``convert [MODEL]``."""
    cv = sub.add_parser("convert", help="convert a model to CTranslate2 (the fast backend) "
                        "ahead of time; it is cached in models/",
                        description="Convert a model to CTranslate2 once, ahead of time (for "
                        "example before going offline); translate then finds it in models/.")
    cv.add_argument("model", nargs="?", default=None,
                    help=f"hub id or local directory (default: {DEFAULT_MODEL})")
    cv.add_argument("--model", dest="model_option", default=DEFAULT_MODEL, metavar="PATH",
                    help="the same as MODEL, like translate and info take it")
    cv.add_argument("--compute-type", default="auto", choices=COMPUTE_TYPES, metavar="TYPE",
                    help="auto (int8 on CPU, int8_float16 on CUDA) or one of "
                    f"{', '.join(COMPUTE_TYPES[1:])}")
    cv.add_argument("--device", default="cpu", type=device_name,
                    help="the device it is for: cpu (default) or cuda")
    cv.add_argument("--force", action="store_true", help="convert again even if cached")


def run_convert(args: argparse.Namespace) -> int:
    """Convert a model to CTranslate2 ahead of time."""
    from translator.backends.ct2_convert import convert_model
    from translator.backends.hub import local_name, resolve_model

    check_device("ctranslate2", args.device)  # no GPU for --device cuda: exit 2, at once
    model = args.model or args.model_option
    resolved = resolve_model(model)
    name = None if resolved.source == "directory" else local_name(resolved.name)
    where = convert_model(
        resolved.path, compute_type=args.compute_type, device=args.device, name=name,
        force=args.force,
    )
    print(f"CTranslate2 model of {model} ready in {where}")
    return 0
