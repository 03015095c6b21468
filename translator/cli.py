"""The ``translator`` command line. The only place that configures logging.

Usage::

    translator translate "Selamat pagi."                 # text arguments -> stdout
    echo "Apa kabar?" | translator translate -           # stdin -> stdout
    translator translate berita.txt                      # -> berita.en.txt
    translator translate arsip/ -o arsip.en/             # a tree, mirrored, resumable
    translator translate data.jsonl --field text         # adds a text_en field
    translator download [MODEL]                          # save a model into models/
    translator info [MODEL]                              # model, backend, device, offline?
    translator cache stats | clear                       # the sentence cache
    translator convert [MODEL] [--compute-type int8]     # CTranslate2 copy, ahead of time

Exit codes: 0 all done, 1 some inputs failed (each named in a summary on stderr), 2 usage.
Each subcommand is a small ``_add_<name>`` parser builder plus a ``_cmd_<name>`` handler,
registered in :data:`SUBCOMMANDS`.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from translator import __version__
from translator.backends import BACKENDS, resolve_backend_name
from translator.backends.ctranslate2 import COMPUTE_TYPES
from translator.errors import TranslatorError
from translator.hub import DEFAULT_MODEL

logger = logging.getLogger("translator")

Handler = Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """A command line that cannot be run as given (exit code 2)."""


# -- translate -----------------------------------------------------------------------------


def _add_translate(sub: argparse._SubParsersAction) -> None:
    tr = sub.add_parser(
        "translate", help="translate text, files, directories or stdin",
        description="Translate texts, files (.txt .md .html .docx .srt .jsonl .csv), "
        "directory trees (mirrored) or - for stdin. Finished outputs are skipped on a rerun.",
    )
    tr.add_argument("inputs", nargs="*", default=["-"],
                    help="texts, files, directories, or - for stdin (default)")
    tr.add_argument("-o", "--output", help="output file or directory "
                    "(default: stdout for text/stdin, x.en.txt / DIR.en next to inputs)")
    _model_options(tr)
    tr.add_argument("--beam-size", type=int, default=None,
                    help="beams per sentence (default: the model's own)")
    tr.add_argument("--batch-size", type=int, default=64, help="most sentences per batch")
    tr.add_argument("--format", default=None,
                    help="treat every input file as this format (txt, md, html, docx, srt, "
                    "jsonl, csv) instead of choosing by extension")
    tr.add_argument("--field", action="append", default=[], dest="fields",
                    help="jsonl field / csv column to translate (repeatable); the "
                    "translation goes into a new <field>_en")
    tr.add_argument("--suffix", default="_en", help="suffix of translated fields (_en)")
    tr.add_argument("--json", action="store_true", help="sentence-aligned JSON output")
    tr.add_argument("--force", action="store_true",
                    help="redo finished outputs and overwrite files not written by translator")
    tr.add_argument("--no-cache", action="store_true", help="do not use the sentence cache")
    tr.add_argument("-q", "--quiet", action="store_true", help="no progress bar, only errors")


def _cmd_translate(args: argparse.Namespace) -> int:
    if args.batch_size < 1 or (args.beam_size is not None and args.beam_size < 1):
        raise UsageError("--batch-size and --beam-size must be at least 1")
    paths, texts = _split_inputs(args.inputs)
    if paths and texts:
        raise UsageError("give either texts/stdin or files/directories, not both")
    if args.format:
        from translator.formats import get_format

        try:
            get_format(args.format)  # checked before the model loads
        except TranslatorError as exc:
            raise UsageError(str(exc)) from exc
    translator = _make_translator(args)
    show_bar = not args.quiet and sys.stderr.isatty()
    if texts:
        return _translate_texts(translator, args, texts, show_bar)
    return _translate_paths(translator, args, paths, show_bar)


def _split_inputs(items: Sequence[str]) -> tuple[list[str], list[str]]:
    """Separate file/directory arguments from literal texts and ``-``."""
    from translator.formats import FORMATS

    extensions = tuple(e for *_, exts in FORMATS.values() for e in exts)
    paths, texts = [], []
    for item in items:
        if item != "-" and (
            os.path.exists(item)
            or (not any(c.isspace() for c in item)
                and (item.lower().endswith(extensions) or os.sep in item or "/" in item))
        ):
            paths.append(item)  # a missing path-like input fails by name, later
        else:
            texts.append(item)
    return paths, texts


def _make_translator(args: argparse.Namespace):  # noqa: ANN202
    from translator.core import Translator

    return Translator(
        args.model, backend=args.backend, device=args.device, beam_size=args.beam_size,
        compute_type=args.compute_type, max_batch_size=args.batch_size,
        cache=not getattr(args, "no_cache", False),
    )


def _translate_texts(translator, args: argparse.Namespace, texts: list[str], bar: bool) -> int:  # noqa: ANN001
    from translator.progress import SentenceBar

    if args.fields:
        raise UsageError("--field is for .jsonl/.csv files")
    texts = [sys.stdin.read() if t == "-" else t for t in texts]
    with SentenceBar(disable=not bar) as progress:
        docs = list(translator.translate_documents(texts, progress=progress))
    if args.json:
        out = "".join(doc.to_json() + "\n" for doc in docs)
    else:
        out = "\n".join(doc.translation for doc in docs)
        if not out.endswith("\n"):
            out += "\n"
    if args.output and args.output != "-":
        from translator.outputs import atomic_write

        target = Path(args.output)
        if target.exists() and not args.force:
            raise TranslatorError(f"{target} already exists. Fix: pass --force to overwrite it.")
        atomic_write(target, out.encode("utf-8"))
    else:
        sys.stdout.write(out)
        sys.stdout.flush()
    return 0


def _translate_paths(translator, args: argparse.Namespace, paths: list[str], bar: bool) -> int:  # noqa: ANN001
    from translator.batch import FAILED, BatchOptions, BatchReport, FileResult, translate_path

    if args.output == "-":
        raise UsageError("-o - (stdout) is for texts and stdin; give files an output path")
    options = BatchOptions(format=args.format, fields=tuple(args.fields), suffix=args.suffix,
                           force=args.force, json=args.json)
    missing = [p for p in paths if not os.path.exists(p)]
    existing = [p for p in paths if os.path.exists(p)]
    results = [
        FileResult(p, None, FAILED, error="no such file or directory. Fix: check the path.")
        for p in missing
    ]

    def report(result: FileResult) -> None:
        if result.status == FAILED:
            logger.error("%s: %s", result.source, result.error)

    if existing:
        batch = translate_path(translator, existing, args.output, options=options,
                               progress=True if bar else None, on_result=report)
        results += batch.results
    final = BatchReport(tuple(results))
    if translator.cache is not None:
        stats = translator.cache.stats()
        logger.info("sentence cache: %d hits, %d misses", stats.hits, stats.misses)
    print(final.summary(), file=sys.stderr)
    return 0 if final.ok else 1


# -- download ------------------------------------------------------------------------------


def _add_download(sub: argparse._SubParsersAction) -> None:
    dl = sub.add_parser("download", help="download a model into models/ for offline use")
    dl.add_argument("model", nargs="?", default=DEFAULT_MODEL)
    dl.add_argument("--force", action="store_true", help="download again")
    dl.add_argument("--dir", default=None, help="target folder (default: models/<name>)")


def _cmd_download(args: argparse.Namespace) -> int:
    from translator.hub import download_model, local_name, models_dir

    target = Path(args.dir) if args.dir else models_dir() / local_name(args.model)
    where = download_model(args.model, local_dir=target, force=args.force)
    print(f"saved {args.model} to {where}; it now works offline")
    return 0


# -- info ----------------------------------------------------------------------------------


def _add_info(sub: argparse._SubParsersAction) -> None:
    info = sub.add_parser("info", help="show the model, where it was found, backend, device")
    info.add_argument("model", nargs="?", default=None,
                      help=f"hub id or directory (default: {DEFAULT_MODEL})")
    _model_options(info)


def _cmd_info(args: argparse.Namespace) -> int:
    from translator.cache import default_cache_dir
    from translator.hub import resolve_model

    model = args.model or args.model_option
    resolved = resolve_model(model)
    report = {
        "model": resolved.name,
        "path": str(resolved.path),
        "found_in": resolved.source,
        "backend": resolve_backend_name(args.backend),
        "device": _device(args.device),
        "offline_ready": resolved.source in ("directory", "models", "cache", "download"),
        "cache": str(default_cache_dir()),
    }
    print(json.dumps(report, indent=2))
    return 0


def _device(device: str) -> str:
    from translator.backends.transformers import resolve_torch_device

    return resolve_torch_device(device) if device == "auto" else device


# -- cache ---------------------------------------------------------------------------------


def _add_cache(sub: argparse._SubParsersAction) -> None:
    cache = sub.add_parser("cache", help="show or clear the sentence cache")
    cache.add_argument("action", choices=["stats", "clear"])
    cache.add_argument("--json", action="store_true", help="stats as JSON")


def _cmd_cache(args: argparse.Namespace) -> int:
    from translator.cache import TranslationCache

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


# -- wiring --------------------------------------------------------------------------------


def _model_options(parser: argparse.ArgumentParser) -> None:
    dest = "model_option" if parser.prog.endswith(" info") else "model"
    parser.add_argument("--model", dest=dest, default=DEFAULT_MODEL,
                        help="hub id or local directory")
    parser.add_argument("--backend", default="auto", choices=BACKENDS,
                        help="auto (default): ctranslate2 when installed, else transformers")
    parser.add_argument("--compute-type", default="auto", choices=COMPUTE_TYPES,
                        help="ctranslate2 only: auto (int8 on CPU, int8_float16 on CUDA), ...")
    parser.add_argument("--device", default="auto", help="auto, cpu or cuda")


# -- convert -------------------------------------------------------------------------------


def _add_convert(sub: argparse._SubParsersAction) -> None:
    cv = sub.add_parser("convert", help="convert a model to CTranslate2 (the fast backend) "
                        "ahead of time; it is cached in models/")
    cv.add_argument("model", nargs="?", default=DEFAULT_MODEL, help="hub id or local directory")
    cv.add_argument("--compute-type", default="auto", choices=COMPUTE_TYPES,
                    help="auto (int8 on CPU, int8_float16 on CUDA), int8, float32, ...")
    cv.add_argument("--device", default="cpu", help="the device it is for: cpu or cuda")
    cv.add_argument("--force", action="store_true", help="convert again even if cached")


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


#: name -> (parser builder, handler). Add a subcommand by adding a line here.
SUBCOMMANDS: dict[str, tuple[Callable[[argparse._SubParsersAction], None], Handler]] = {
    "translate": (_add_translate, _cmd_translate),
    "download": (_add_download, _cmd_download),
    "info": (_add_info, _cmd_info),
    "cache": (_add_cache, _cmd_cache),
    "convert": (_add_convert, _cmd_convert),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``translator`` command."""
    parser = argparse.ArgumentParser(
        prog="translator", description="Offline Indonesian -> English translation."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)
    for add, _ in SUBCOMMANDS.values():
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 ok, 1 failed inputs, 2 usage)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    level = logging.WARNING if getattr(args, "quiet", False) else logging.INFO
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else level,
        format="%(levelname)s %(name)s: %(message)s",
        force=True,
    )
    try:
        return SUBCOMMANDS[args.command][1](args)
    except UsageError as exc:
        parser.print_usage(sys.stderr)
        print(f"translator: error: {exc}", file=sys.stderr)
        return 2
    except TranslatorError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("interrupted; rerun the same command to resume", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
