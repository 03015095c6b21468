"""``translator merge``: a reviewed XLIFF back into the translated document."""

from __future__ import annotations

import argparse
import logging
import sys

from translator.cli.common import UsageError
from translator.errors import InvalidInputError, OutputExistsError

logger = logging.getLogger("translator")


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``merge``."""
    merge = sub.add_parser(
        "merge", help="rebuild a translated document from its reviewed XLIFF",
        description="Rebuild the translated document in the original's format and layout "
        "from the targets of an XLIFF that `translator translate FILE --xliff` wrote, "
        "whatever tool edited them (berita.docx.xlf -> berita.en.docx). A unit without a "
        "target keeps its source and is named in a warning.",
    )
    merge.add_argument("xliff", metavar="FILE.xlf", help="the reviewed XLIFF file")
    merge.add_argument("-o", "--output", default=None,
                       help="output file (default: the translated name beside the XLIFF, "
                       "berita.en.docx; stdout for the XLIFF of a text or stdin)")
    merge.add_argument("--memory", metavar="TM.tmx", default=None,
                       help="also add the units a reviewer changed or approved to this TMX "
                       "translation memory (created when missing)")
    merge.add_argument("--force", action="store_true",
                       help="overwrite an output the translator did not write")


def run(args: argparse.Namespace) -> int:
    """Merge; a damaged or foreign XLIFF is one error line (exit 2), nothing written."""
    from translator.exchange.xliff import TEXT_FORMAT
    from translator.files.xliff import merge_file, merge_xliff, read_xliff_file

    try:
        f = read_xliff_file(args.xliff)
        if f.format == TEXT_FORMAT and args.output in (None, "-"):  # a text: to stdout
            merged = merge_xliff(f)
            if args.memory:
                from translator.exchange import add_to_tmx

                add_to_tmx(args.memory, f.pairs(reviewed_only=True))
            sys.stdout.buffer.write(merged.data)
            sys.stdout.flush()
            missing = merged.missing
        else:
            if args.output == "-":
                raise UsageError("-o - (stdout) is for the XLIFF of a text or stdin. Fix: "
                                 "name an output file, or drop -o.")
            result = merge_file(args.xliff, args.output, memory=args.memory, force=args.force)
            missing = result.merged.missing
            logger.info("merged %s -> %s (%d edited)", args.xliff, result.output,
                        result.merged.edited)
    except (InvalidInputError, OutputExistsError) as exc:
        raise UsageError(exc.message("cli").replace("\n", " ")) from exc
    except OSError as exc:  # the output or the memory cannot be written
        raise UsageError(f"{exc.filename or args.output}: {exc.strerror or exc}. Fix: check "
                         "the path and its permissions, or choose another with -o.") from exc
    if missing:
        shown = ", ".join(missing[:10]) + (f" and {len(missing) - 10} more"
                                            if len(missing) > 10 else "")
        print(f"warning: {args.xliff}: {len(missing)} unit(s) without a target kept their "
              f"source: {shown}", file=sys.stderr)
    return 0
