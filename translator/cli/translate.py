"""``translator translate``: texts, stdin, files and directory trees."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from translator.cli.common import (
    UsageError,
    check_device,
    model_options,
    open_review_options,
    positive_int,
    review_options,
)
from translator.errors import TranslatorError
from translator.files.formats import FORMATS as FORMAT_NAMES

logger = logging.getLogger("translator")


#: How an argument is told apart from a text; shown in --help and the README.
INPUT_RULE = (
    "An argument that names an existing file or directory is a path; anything else is a "
    "text to translate (\"Harga/kg naik.\" is text), except a single word ending in a file "
    "extension the translator reads (berita.txt): that is a path, and a missing one fails "
    "by name. --text takes every argument as text, --file every argument as a path; "
    "- reads stdin."
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``translate``."""
    tr = sub.add_parser(
        "translate", help="translate text, files, directories or stdin",
        description="Translate texts, files (.txt .md .html .docx .pptx .xlsx .srt .jsonl .csv "
        ".parquet), directory trees (mirrored) or - for stdin. Finished outputs are skipped "
        "on a rerun. "
        + INPUT_RULE,
    )
    tr.add_argument("inputs", nargs="*", default=["-"], metavar="TEXT|PATH",
                    help="texts, files, directories, or - for stdin (default)")
    kind = tr.add_mutually_exclusive_group()
    kind.add_argument("--text", action="store_const", const="text", dest="kind",
                      help="take every argument as a text, even one naming a file")
    kind.add_argument("--file", action="store_const", const="file", dest="kind",
                      help="take every argument as a file or directory path")
    tr.add_argument("-o", "--output", help="output file or directory "
                    "(default: stdout for text/stdin, x.en.txt / DIR.en next to inputs)")
    model_options(tr)
    tr.add_argument("--beam-size", type=positive_int, default=None, metavar="N",
                    help="beams per sentence (default: the model's own)")
    tr.add_argument("--batch-size", type=positive_int, default=64, metavar="N",
                    help="most sentences per batch (default: %(default)s)")
    tr.add_argument("--format", default=None,
                    help=f"treat every input file as this format ({', '.join(FORMAT_NAMES)}) "
                    "instead of choosing by extension")
    tr.add_argument("--field", action="append", default=[], dest="fields", metavar="NAME",
                    help="jsonl field / csv or parquet column to translate (repeatable; "
                    "needed for .jsonl/.csv/.parquet); the translation goes into a new "
                    "<field>_en")
    tr.add_argument("--suffix", default="_en", help="suffix of translated fields (_en)")
    tr.add_argument("--flags-field", metavar="NAME", default=None,
                    help="jsonl/csv: add a field/column NAME with each record's check flags "
                    "and reasons (numbers, spans, untranslated, length, ...)")
    tr.add_argument("--encoding", metavar="NAME", default=None,
                    help="text encoding of the input files (cp1252, latin-1, utf-16, ...); "
                    "default: told from each file (BOM, <meta charset>, UTF-8, detection)")
    tr.add_argument("--output-encoding", metavar="NAME", default=None,
                    help="text encoding of the outputs (default: UTF-8, with a BOM for a "
                    "CSV read from another encoding; an HTML page keeps its own)")
    tr.add_argument("--pdf-as", choices=("pdf", "docx"), default="pdf",
                    help="write a translated PDF as a PDF (same pages, default) or as an "
                    "editable Word document (x.en.docx)")
    tr.add_argument("--json", action="store_true", help="sentence-aligned JSON output")
    tr.add_argument("--xliff", action="store_true",
                    help="also write an XLIFF 1.2 file for review in any CAT tool beside the "
                    "output (berita.docx -> berita.docx.xlf; stdin -> stdin.xlf); after "
                    "review, `translator merge FILE.xlf` rebuilds the document")
    tr.add_argument("--force", action="store_true",
                    help="redo finished outputs and overwrite files not written by translator")
    tr.add_argument("--no-cache", action="store_true", help="do not use the sentence cache")
    review_options(tr)
    tr.add_argument("-q", "--quiet", action="store_true", help="no progress bar, only errors")
    ray = tr.add_argument_group("Ray (parquet/jsonl/csv files on a cluster; extra 'distributed')")
    ray.add_argument("--ray", nargs="?", const="local", default=None, metavar="ADDRESS",
                     help="translate on Ray: 'auto' for the cluster of this machine (ray "
                     "start), an address (ray://head:10001), or none for a local one; each "
                     "output is a folder of part files, finished ones are skipped on a rerun")
    ray.add_argument("--actors", type=positive_int, default=None, metavar="N",
                     help="model copies (default: as many as the cluster's CPUs allow)")
    ray.add_argument("--cpus-per-actor", type=float, default=1, help="CPUs per actor (1)")
    ray.add_argument("--gpus-per-actor", type=float, default=0, help="GPUs per actor (0)")


def run(args: argparse.Namespace) -> int:
    """Translate texts/stdin to stdout or files/trees to outputs."""
    if args.format:
        from translator.files.formats import get_format

        try:
            get_format(args.format)
        except TranslatorError as exc:
            raise UsageError(exc.message()) from exc
    paths, texts = split_inputs(args.inputs, kind=args.kind)
    if paths and texts:
        raise UsageError(
            f"{texts[0]!r} is text but {paths[0]!r} is a path; give either texts/stdin or "
            "files/directories, not both. Fix: run them separately.")
    if texts:
        _check_text_options(args)
    else:
        _check_path_options(args, paths)
    # Memory and glossary files are read (and checked) before any model loads.
    args.review = open_review_options(args)
    check_device(args)
    if args.ray is not None:
        if args.memory or args.glossary or args.keep:
            raise UsageError("--ray does not take --memory, --glossary or --keep yet. "
                             "Fix: drop --ray, or those options.")
        if texts:
            raise UsageError("--ray is for .parquet/.jsonl/.csv files, not texts or stdin. "
                             "Fix: drop --ray, or name the files.")
        if args.xliff:
            raise UsageError("--xliff is for documents; --ray translates table columns. "
                             "Fix: drop --xliff or --ray.")
        if args.encoding or args.output_encoding:
            raise UsageError("--ray reads and writes files as UTF-8, so --encoding and "
                             "--output-encoding do not apply. Fix: drop --ray, or convert the "
                             "files to UTF-8 first (translator translate without --ray can).")
        return _translate_on_ray(args, paths)
    translator = _make_translator(args)
    show_bar = not args.quiet and sys.stderr.isatty()
    if texts:
        return _translate_texts(translator, args, texts, show_bar)
    return _translate_paths(translator, args, paths, show_bar)


def split_inputs(items: Sequence[str], *, kind: str | None = None) -> tuple[list[str], list[str]]:
    """Separate file/directory arguments from texts (see :data:`INPUT_RULE`).

    Args:
        items: The arguments.
        kind: "text" or "file" to take every argument as that; None applies the rule.

    Returns:
        (paths, texts); ``-`` (stdin) counts as a text.

    """
    if kind == "text":
        return [], list(items)
    if kind == "file":
        return [i for i in items if i != "-"], [i for i in items if i == "-"]
    from translator.files.formats import extensions as format_extensions

    extensions = format_extensions()
    paths, texts = [], []
    for item in items:
        if item != "-" and (os.path.exists(item) or (
            not any(c.isspace() for c in item) and item.lower().endswith(extensions)
        )):
            paths.append(item)  # a missing berita.txt fails by name, in the summary
        else:
            texts.append(item)
    return paths, texts


def _check_text_options(args: argparse.Namespace) -> None:
    if args.fields or args.flags_field:
        raise UsageError("--field and --flags-field are for .jsonl/.csv files, not texts. "
                         "Fix: drop them.")
    if args.encoding or args.output_encoding:
        raise UsageError("--encoding and --output-encoding are for files, not texts or "
                         "stdin. Fix: drop them, or name the file.")
    if args.output and args.output != "-" and Path(args.output).is_dir():
        raise UsageError(f"-o {args.output} is a directory; a text's translation goes into "
                         "one file. Fix: name a file with -o, or drop -o to print it.")
    if args.output and args.output != "-" and Path(args.output).exists() and not args.force:
        raise UsageError(f"{args.output} already exists. Fix: pass --force to overwrite it.")
    if args.xliff:
        if len(args.inputs) != 1:
            raise UsageError("--xliff with texts takes one text or - (stdin). Fix: translate "
                             "them one at a time, or put them into a file.")
        target = _text_xliff_path(args)
        if target.exists() and not args.force:
            raise UsageError(f"{target} already exists. Fix: pass --force to overwrite it.")
    if "-" in args.inputs and sys.stdin is None:
        raise UsageError("stdin is closed, so there is nothing to read. Fix: pass the text "
                         "or a file as an argument, or pipe the text in.")
    if args.inputs == ["-"] and sys.stdin.isatty():
        print("Reading Indonesian text from the terminal; end it with Ctrl-D (Ctrl-Z, Enter "
              "on Windows). Or pass the text or a file: translator translate \"...\"",
              file=sys.stderr, flush=True)


def _check_path_options(args: argparse.Namespace, paths: list[str]) -> None:
    """Usage errors of file runs, found before any model loads."""
    from translator.files.formats import RowFormat, TableFormat, format_for

    if args.output == "-":
        raise UsageError("-o - (stdout) is for texts and stdin. Fix: give files an output "
                         "path, or drop -o.")
    from translator.files import BatchOptions
    from translator.files.plan import check_output

    try:
        BatchOptions(suffix=args.suffix, encoding=args.encoding,  # its checks, before any
                     output_encoding=args.output_encoding)  # model loads
        check_output([Path(p) for p in paths], args.output)
    except TranslatorError as exc:
        raise UsageError(exc.message("cli")) from exc
    if args.fields:
        return
    for path in paths:
        if not os.path.isfile(path):
            continue
        try:
            fmt = format_for(path, args.format)
        except TranslatorError:
            continue  # an unknown type fails as that file's own error
        if isinstance(fmt, (RowFormat, TableFormat)):
            raise UsageError(
                f"{path}: which fields should be translated in this {fmt.name} file? "
                "Fix: name them with --field (e.g. --field text).")


def _make_translator(args: argparse.Namespace):  # noqa: ANN202
    from translator.core import Translator

    review = getattr(args, "review", None) or open_review_options(args)
    return Translator(
        args.model, backend=args.backend, device=args.device, beam_size=args.beam_size,
        compute_type=args.compute_type, max_batch_size=args.batch_size,
        cache=not getattr(args, "no_cache", False), vocabulary=args.vocabulary,
        **review,  # type: ignore[arg-type]
    )


def _translate_texts(translator, args: argparse.Namespace, texts: list[str], bar: bool) -> int:  # noqa: ANN001
    from translator.progress import Progress

    texts = [sys.stdin.read() if t == "-" else t for t in texts]
    with Progress(True, disable=not bar) as progress:
        docs = list(translator.translate_documents(texts, progress=progress))
    if args.json:
        out = "".join(doc.to_json() + "\n" for doc in docs)
    else:
        out = "\n".join(doc.translation for doc in docs)
        if out and not out.endswith("\n"):  # nothing in, nothing out
            out += "\n"
    if args.xliff:
        from translator.fileio import atomic_write

        target = _text_xliff_path(args)
        atomic_write(target, docs[0].to_xliff(original=target.name[: -len(".xlf")]))
    if args.output and args.output != "-":
        from translator.fileio import atomic_write

        atomic_write(Path(args.output), out.encode("utf-8"))
    else:
        sys.stdout.write(out)
        sys.stdout.flush()
    return 0


def _text_xliff_path(args: argparse.Namespace) -> Path:
    """The XLIFF of a text or stdin: ``stdin.xlf`` (``text.xlf``) beside -o, else here."""
    name = "stdin.xlf" if args.inputs == ["-"] else "text.xlf"
    if args.output and args.output != "-":
        return Path(args.output).parent / name
    return Path(name)


def _translate_paths(translator, args: argparse.Namespace, paths: list[str], bar: bool) -> int:  # noqa: ANN001
    from translator.files import FAILED, BatchOptions, BatchReport, FileResult
    from translator.files.plan import check_source
    from translator.files.runner import describe_failure

    options = BatchOptions(format=args.format, fields=tuple(args.fields), suffix=args.suffix,
                           force=args.force, json=args.json, flags_field=args.flags_field,
                           encoding=args.encoding, output_encoding=args.output_encoding,
                           xliff=args.xliff, pdf_as=args.pdf_as)
    results, existing = [], []
    for path in paths:  # one that cannot be read fails by name; the others go on
        try:
            if not os.path.isdir(path):
                check_source(Path(path))
        except (TranslatorError, OSError) as exc:
            results.append(FileResult(path, None, FAILED, error=describe_failure(exc)))
        else:
            existing.append(path)

    def report(result: FileResult) -> None:  # the summary names failures; -v shows them early
        if result.status == FAILED:
            logger.info("failed: %s: %s", result.source, result.error)

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


def _translate_on_ray(args: argparse.Namespace, paths: list[str]) -> int:
    from translator.files import FAILED
    from translator.integrations.distributed import connect, translate_files

    if not args.fields:
        raise UsageError("--ray needs the columns to translate. Fix: name them with --field "
                         "(e.g. --field text).")
    ray = connect(args.ray)
    ray.data.DataContext.get_current().enable_progress_bars = not args.quiet
    model = os.path.abspath(args.model) if os.path.exists(args.model) else args.model
    options = dict(model=model, backend=args.backend, device=args.device,
                   compute_type=args.compute_type, beam_size=args.beam_size,
                   vocabulary=args.vocabulary, max_batch_size=args.batch_size, actors=args.actors,
                   cpus_per_actor=args.cpus_per_actor, gpus_per_actor=args.gpus_per_actor,
                   cache=not args.no_cache)  # each actor opens the node's cache (SQLite WAL)
    if args.device == "auto" and not args.gpus_per_actor:
        options["device"] = "cpu"  # actors get no GPU unless asked for
    if args.suffix != "_en":
        options["suffix"] = args.suffix

    def report(result) -> None:  # noqa: ANN001
        if result.status == FAILED:
            logger.error("%s: %s", result.source, result.error)

    final = translate_files(paths, args.output, fields=args.fields, format=args.format,
                            force=args.force, on_result=report, **options)
    print(final.summary(), file=sys.stderr)
    return 0 if final.ok else 1
