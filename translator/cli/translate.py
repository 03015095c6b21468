"""``translator translate``: texts, stdin, files and directory trees."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from translator.cli.common import UsageError, model_options
from translator.errors import TranslatorError

logger = logging.getLogger("translator")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``translate``."""
    tr = sub.add_parser(
        "translate", help="translate text, files, directories or stdin",
        description="Translate texts, files (.txt .md .html .docx .srt .jsonl .csv), "
        "directory trees (mirrored) or - for stdin. Finished outputs are skipped on a rerun.",
    )
    tr.add_argument("inputs", nargs="*", default=["-"],
                    help="texts, files, directories, or - for stdin (default)")
    tr.add_argument("-o", "--output", help="output file or directory "
                    "(default: stdout for text/stdin, x.en.txt / DIR.en next to inputs)")
    model_options(tr)
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


def run(args: argparse.Namespace) -> int:
    """Translate texts/stdin to stdout or files/trees to outputs."""
    if args.batch_size < 1 or (args.beam_size is not None and args.beam_size < 1):
        raise UsageError("--batch-size and --beam-size must be at least 1")
    paths, texts = _split_inputs(args.inputs)
    if paths and texts:
        raise UsageError("give either texts/stdin or files/directories, not both")
    if args.format:
        from translator.files.formats import get_format

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
    from translator.files.formats import FORMATS

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
    from translator.progress import Progress

    if args.fields:
        raise UsageError("--field is for .jsonl/.csv files")
    texts = [sys.stdin.read() if t == "-" else t for t in texts]
    with Progress(True, disable=not bar) as progress:
        docs = list(translator.translate_documents(texts, progress=progress))
    if args.json:
        out = "".join(doc.to_json() + "\n" for doc in docs)
    else:
        out = "\n".join(doc.translation for doc in docs)
        if not out.endswith("\n"):
            out += "\n"
    if args.output and args.output != "-":
        from translator.files.outputs import atomic_write

        target = Path(args.output)
        if target.exists() and not args.force:
            raise TranslatorError(f"{target} already exists. Fix: pass --force to overwrite it.")
        atomic_write(target, out.encode("utf-8"))
    else:
        sys.stdout.write(out)
        sys.stdout.flush()
    return 0


def _translate_paths(translator, args: argparse.Namespace, paths: list[str], bar: bool) -> int:  # noqa: ANN001
    from translator.files import FAILED, BatchOptions, BatchReport, FileResult

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
        batch = translator.translate_path(existing, args.output, options=options,
                                          progress=True if bar else None, on_result=report)
        results += batch.results
    final = BatchReport(tuple(results))
    if translator.cache is not None:
        cache = translator.cache
        logger.info("sentence cache: %d hits, %d misses", cache.hits, cache.misses)
    print(final.summary(), file=sys.stderr)
    return 0 if final.ok else 1
