"""``translator eval``: BLEU and chrF of a model on a test set, flags and speed.

Usage::

    translator eval --src test.id --ref test.en [--docs test.docs] [--json] [--model DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from translator.cli.common import UsageError, model_options, read_aligned


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``eval``."""
    p = sub.add_parser(
        "eval", help="BLEU/chrF of a model on a test set (sacrebleu), flags and speed",
        description="Translate a line-aligned test set and score it with sacrebleu. With "
        "--docs, each document is also translated as one article and compared with "
        "line-by-line translation on the same references.",
    )
    p.add_argument("--src", required=True, help="Indonesian source, one segment per line")
    p.add_argument("--ref", required=True, help="English reference, line-aligned with --src")
    p.add_argument("--docs", help="document id of each line, line-aligned with --src")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout")
    p.add_argument("-o", "--output", help="also write the line-by-line translations here "
                   "(one per line; check them with `translator check SRC OUTPUT`)")
    model_options(p)
    p.add_argument("--beam-size", type=int, default=None,
                   help="beams per sentence (default: the model's own)")
    p.add_argument("--batch-size", type=int, default=64, help="most sentences per batch")


def run(args: argparse.Namespace) -> int:
    """Translate --src, score against --ref, print the report."""
    from translator.core import Translator
    from translator.integrations.evaluation import evaluate

    if args.batch_size < 1 or (args.beam_size is not None and args.beam_size < 1):
        raise UsageError("--batch-size and --beam-size must be at least 1")
    named = [("--src", args.src), ("--ref", args.ref)] + ([("--docs", args.docs)] if args.docs
                                                           else [])
    sources, references, *docs = read_aligned(*named)
    doc_ids = docs[0] if docs else None
    if not sources:
        raise UsageError(f"--src {args.src} is empty. Fix: give one segment per line.")
    translator = Translator(
        args.model, backend=args.backend, device=args.device, beam_size=args.beam_size,
        compute_type=args.compute_type, max_batch_size=args.batch_size,
        vocabulary=args.vocabulary,
    )
    report = evaluate(translator, sources, references, doc_ids=doc_ids)
    if args.output:
        from translator.fileio import atomic_write

        text = "".join(h.replace("\n", " ") + "\n" for h in report.hypotheses)
        atomic_write(Path(args.output), text.encode("utf-8"))
    if args.json:
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
        return 0
    r = report
    rate = len(sources) / r.seconds if r.seconds else float("inf")
    flags = ", ".join(f"{k} {v}" for k, v in r.flag_counts.items()) or "none"
    print(f"model      {r.model} ({r.backend})")
    print(f"lines      {len(sources)} in {r.seconds:.1f} s: {rate:.1f} lines/s, "
          f"{r.source_words / r.seconds if r.seconds else 0:.0f} source words/s")
    print(f"BLEU       {r.lines.bleu:.2f}  {r.bleu_signature}")
    print(f"chrF       {r.lines.chrf:.2f}  {r.chrf_signature}")
    print(f"flagged    {r.flagged_sentences} of {r.sentences} sentences ({flags})")
    if r.doc_lines and r.doc_articles:
        print(f"documents  {r.documents}, scored per document:")
        print(f"  line by line  BLEU {r.doc_lines.bleu:6.2f}  chrF {r.doc_lines.chrf:6.2f}")
        print(f"  as articles   BLEU {r.doc_articles.bleu:6.2f}  chrF {r.doc_articles.chrf:6.2f}"
              f"  ({r.article_seconds:.1f} s)")
    return 0
