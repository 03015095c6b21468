"""The ``translator`` command line. The only place that configures logging.

Usage::

    translator translate "Selamat pagi."          # text arguments
    translator translate berita.txt -o berita.en.txt
    echo "Apa kabar?" | translator translate -
    translator download [MODEL]                  # save a model into models/
    translator info [MODEL]                      # where the model is, offline readiness
    translator convert [MODEL] [--compute-type int8] [--force]   # CTranslate2, ahead of time
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from translator import __version__
from translator.backends.ctranslate2 import COMPUTE_TYPES
from translator.errors import TranslatorError
from translator.hub import DEFAULT_MODEL

logger = logging.getLogger("translator")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``translator`` command."""
    parser = argparse.ArgumentParser(
        prog="translator", description="Offline Indonesian -> English translation."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    tr = sub.add_parser("translate", help="translate text, files or stdin")
    tr.add_argument("inputs", nargs="*", default=["-"],
                    help="texts, .txt files, or - for stdin (default)")
    tr.add_argument("-o", "--output", help="output file (default: stdout)")
    _model_options(tr)
    tr.add_argument("--beam-size", type=int, default=None,
                    help="beams per sentence (default: the model's own)")
    tr.add_argument("--json", action="store_true", help="sentence-aligned JSON output")
    tr.add_argument("-q", "--quiet", action="store_true", help="only errors on stderr")

    dl = sub.add_parser("download", help="download a model into models/ for offline use")
    dl.add_argument("model", nargs="?", default=DEFAULT_MODEL)
    dl.add_argument("--force", action="store_true", help="download again")
    dl.add_argument("--dir", default=None, help="target folder (default: models/<name>)")

    info = sub.add_parser("info", help="show the model, backend and device in use")
    info.add_argument("model", nargs="?", default=DEFAULT_MODEL)

    cv = sub.add_parser("convert", help="convert a model to CTranslate2 (the fast backend) "
                        "ahead of time; it is cached in models/")
    cv.add_argument("model", nargs="?", default=DEFAULT_MODEL, help="hub id or local directory")
    cv.add_argument("--compute-type", default="auto", choices=COMPUTE_TYPES,
                    help="auto (int8 on CPU, int8_float16 on CUDA), int8, float32, ...")
    cv.add_argument("--device", default="cpu", help="the device it is for: cpu or cuda")
    cv.add_argument("--force", action="store_true", help="convert again even if cached")
    return parser


def _model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", default=DEFAULT_MODEL, help="hub id or local directory")
    parser.add_argument("--backend", default="auto",
                        choices=("auto", "ctranslate2", "transformers"),
                        help="auto (default): ctranslate2 when installed, else transformers")
    parser.add_argument("--compute-type", default="auto", choices=COMPUTE_TYPES,
                        help="ctranslate2 only: auto (int8 on CPU), int8, float32, ...")
    parser.add_argument("--device", default="auto", help="auto, cpu or cuda")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 failed inputs, 2 usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    logging.basicConfig(
        level=logging.WARNING if getattr(args, "quiet", False) else logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
    )
    try:
        return _COMMANDS[args.command](args)
    except TranslatorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


def _cmd_translate(args: argparse.Namespace) -> int:
    from translator.core import Translator

    texts = [_read_input(item) for item in args.inputs]
    translator = Translator(
        args.model, backend=args.backend, device=args.device, beam_size=args.beam_size,
        compute_type=args.compute_type,
    )
    docs = list(translator.translate_documents(texts))
    if args.json:
        out = "\n".join(doc.to_json() for doc in docs) + "\n"
    else:
        out = "\n".join(doc.translation for doc in docs)
        if not out.endswith("\n"):
            out += "\n"
    if args.output:
        Path(args.output).write_text(out, encoding="utf-8")
    else:
        sys.stdout.write(out)
    return 0


def _read_input(item: str) -> str:
    if item == "-":
        return sys.stdin.read()
    path = Path(item)
    if path.is_file():
        return path.read_text(encoding="utf-8")
    return item


def _cmd_download(args: argparse.Namespace) -> int:
    from translator.hub import download_model, local_name, models_dir

    target = Path(args.dir) if args.dir else models_dir() / local_name(args.model)
    where = download_model(args.model, local_dir=target, force=args.force)
    print(f"saved {args.model} to {where}; it now works offline")
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    from translator.hub import resolve_model

    resolved = resolve_model(args.model)
    report = {
        "model": resolved.name,
        "path": str(resolved.path),
        "found_in": resolved.source,
        "offline_ready": resolved.source in ("directory", "models", "cache", "download"),
    }
    print(json.dumps(report, indent=2))
    return 0


def _cmd_convert(args: argparse.Namespace) -> int:
    from translator.backends.ctranslate2 import convert_model
    from translator.hub import local_name, resolve_model

    resolved = resolve_model(args.model)
    name = None if resolved.source == "directory" else local_name(resolved.name)
    where = convert_model(
        resolved.path, compute_type=args.compute_type, device=args.device, name=name,
        force=args.force,
    )
    print(f"CTranslate2 model of {args.model} ready in {where}")
    return 0


_COMMANDS = {
    "translate": _cmd_translate,
    "download": _cmd_download,
    "info": _cmd_info,
    "convert": _cmd_convert,
}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
