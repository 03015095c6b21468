"""Linear time on hostile input: the text core and every file format on adversarial shapes.

Every function that reads user text must run in time linear in the length of the text
(issue 9: one regex backtracked in cubic time, and a 3.5 KB request froze the web app). For
each target and each input shape this script times inputs of about 1k, 10k and 100k
characters and prints the growth ratio 10k -> 100k: about 10 is linear, about 100 is
quadratic. A ratio above ``--fail-ratio`` (default 30) is looked at once more one size
further (100k -> 1M: a 10k input fits in the CPU caches, a 100k one may not, which alone
can triple a ratio); when that ratio is above the limit too, the line is marked ``CHECK``
and the script exits with status 1.

Usage (from the repository root)::

    python benchmarks/pathological.py                 # every target, every shape
    python benchmarks/pathological.py --quick         # one batch per size (noisier)
    python benchmarks/pathological.py --only layout --shape digits

Adding a target (e.g. a format's extractor): append a :class:`Target` to :data:`TARGETS`
with a function taking the text, and optionally shapes of its own (name -> generator of
about ``n`` characters) that only make sense for it; every target also runs on the common
:data:`SHAPES`. For a format, wrap the extractor::

    Target("formats.html", lambda text: HtmlFormat().extract(text.encode(), source="x",
           options=FormatOptions()), shapes={"open_comments": lambda n: "<!--" * (n // 4)})

The last line printed is one JSON object: ``{"target/shape": ratio, ...}``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from translator.errors import InvalidInputError
from translator.files.formats import FormatOptions, get_format
from translator.text.chunking import split_to_fit
from translator.text.layout import parse
from translator.text.segment import split_sentences

Shape = Callable[[int], str]


def _times(unit: str, n: int) -> str:
    """``unit`` repeated to about ``n`` characters."""
    return unit * max(1, n // len(unit))


#: Adversarial input shapes, each a generator of about ``n`` characters. Most come from
#: reading the patterns of layout.py, segment/ and chunking.py (where alternatives
#: overlap, what a long run of one class of characters would make them retry).
SHAPES: dict[str, Shape] = {
    # the repro: the number alternative of the old verbatim pattern
    "digits_spaces": lambda n: "1" + " " * (n - 2) + "a",
    "digit_space_pairs": lambda n: _times("1 ", n) + "a",
    "number_punct": lambda n: "1" + _times(" .,:/%+-()", n) + "a",
    "leading_spaces_number": lambda n: " " * (n // 2) + "1" + _times(".", n // 2) + "a",
    "punct_run": lambda n: _times(",.;:!?-", n),
    "dots": lambda n: "." * n,
    "dotted_numbers": lambda n: _times("1.", n),
    "spaced_dots": lambda n: _times(". ", n) + "Kata",
    "abbreviation_chain": lambda n: _times("Dr. Jl. No. Kec. Tbk. ", n) + "Budi",
    "initials": lambda n: _times("A.B.", n) + " Kami",
    "spaced_initials": lambda n: _times("A. ", n) + "Kami",
    "long_word": lambda n: "a" * n,
    "long_word_period": lambda n: "a" * n + ". Ia datang.",
    "inner_boundaries": lambda n: "a.b" + _times("xyz.Abc", n),
    "inner_tld_candidates": lambda n: _times("abc!Co-", n),
    "domain_like": lambda n: _times("ab.", n) + "com. Ia",
    "url_like": lambda n: "www." + "a" * n + " b",
    "url_paths": lambda n: "https://" + _times("a/", n) + ". Ia",
    "email_like": lambda n: "a" * (n // 2) + "@" + _times("b.", n // 2) + " c",
    "emoticons": lambda n: _times(":) ", n),
    "emoji_trailers": lambda n: "a" * (n // 2) + ". " + _times("\U0001f389 ", n // 2) + "Kami",
    "detached_closers": lambda n: "a" * (n // 2) + ". " + _times(") ", n // 2) + "Kami",
    "open_brackets": lambda n: _times("( ", n),
    "straight_quotes": lambda n: _times('" ', n),
    "list_markers_inline": lambda n: _times("1. ", n),
    "nested_markers": lambda n: _times("- ", n) + "x",
    "nested_quotes_markers": lambda n: _times("> ", n) + "x",
    "paren_markers": lambda n: "(" + " " * (n - 3) + "1)",
    "heading_hashes": lambda n: _times("## ", n),
    "marker_lines": lambda n: _times("- butir daftar\n", n),
    "bare_marker_lines": lambda n: _times("1.\u2028", n),
    "wrapped_lines": lambda n: _times("kata yang\n", n),
    "capital_lines": lambda n: _times("Judul Berita\n", n),
    "abbreviation_lines": lambda n: _times("Ia di Jl.\n", n),
    "blank_lines": lambda n: "\n" * n,
    "crlf_paragraphs": lambda n: _times("Harga naik.\r\n\r\n", n),
    "sentences": lambda n: _times("Harga beras naik. ", n),
    "spaces_then_word": lambda n: "a" + " " * (n - 6) + "dan b",
    "comma_chain": lambda n: _times(", ", n) + "a",
    "semicolon_words": lambda n: _times("kata; ", n),
    "conjunction_chain": lambda n: _times("dan ", n),
    "controls": lambda n: _times("\x00\x07\x1b a", n),
    "combining_marks": lambda n: "a" + "\u0301" * (n - 1),
    "zero_width": lambda n: _times("a\u200b", n),
}


def _count_tokens(texts: list[str] | tuple[str, ...]) -> list[int]:
    """A stand-in token counter: about 4 characters per token, and one per word.

    Monotone in the length of a prefix, and one character is at most 2 tokens, which
    is all the chunker assumes of a real tokenizer.
    """
    return [len(t) // 4 + len(t.split()) + 1 for t in texts]


def _chunk(text: str) -> object:
    """The chunker on the whole text read as one over-long sentence (its worst case)."""
    stripped = text.strip()
    return split_to_fit(stripped, _count_tokens, 200) if stripped else []


@dataclass(frozen=True)
class Target:
    """A function under test and the shapes that only make sense for it.

    Attributes:
        name: Printed name, e.g. ``"layout.parse"``.
        run: Called with the text; its result is ignored.
        shapes: Extra shapes for this target, on top of :data:`SHAPES`.
    """

    name: str
    run: Callable[[str], object]
    shapes: dict[str, Shape] = field(default_factory=dict)


#: What is timed; another module's extractor is added by appending here.
TARGETS: list[Target] = [
    Target("layout.parse", parse),
    Target("split_sentences", split_sentences),
    Target("chunker", _chunk),
]


# -- file formats: each format's extractor and rebuild (docx, a zip of XML parsed by lxml,
# is left out: no regex of ours reads it) ----------------------------------------------------


def _document(name: str, head: str = "") -> Callable[[str], object]:
    """A document format's extract and rebuild on the text as a file (``head`` first)."""
    fmt = get_format(name)

    def run(text: str) -> object:
        data = (head + text).encode("utf-8", "surrogatepass")
        try:
            extracted = fmt.extract(data, source=f"x.{name}", options=FormatOptions())
        except InvalidInputError:  # a refusal must come fast too
            return None
        return extracted.rebuild(extracted.units)

    return run


def _rows(name: str, line: Callable[[str], str]) -> Callable[[str], object]:
    """A row format reading ``line(text)`` and rendering every record."""
    fmt = get_format(name)

    def run(text: str) -> object:
        handle = io.StringIO(line(text), newline=fmt.newline)
        try:
            reader = fmt.start(handle, source=f"x.{name}", options=FormatOptions(fields=("text",)))
            return [reader.render(r, reader.units(r)) for r in reader.records]
        except InvalidInputError:
            return None

    return run


def _csv_row(text: str) -> str:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows([["id", "text"], ["1", text]])
    return buffer.getvalue()


_CUE = "1\n00:00:01,000 --> 00:00:02,000\n"

TARGETS += [
    Target("formats.html", _document("html"), shapes={
        "lt_run": lambda n: "<" * n,
        "open_tags": lambda n: _times("<a ", n),
        "open_quotes": lambda n: _times('<a b="', n),
        "open_comments": lambda n: _times("<!--", n),
        "end_tag_starts": lambda n: _times("</", n),
        "unclosed_paragraphs": lambda n: _times("<p>x", n),
        "stray_end_tags": lambda n: _times("<p>", n // 2) + _times("</div>", n // 2),
        "nested_divs_in_table": lambda n: "<table><p>" + _times("<div>x", n),
        "spaces_in_tag": lambda n: "<a x=" + " " * n + "b>",
        "ampersands": lambda n: _times("&", n),
        "entities": lambda n: _times("&nbsp;&#8220;x", n),
        "script_closer_lookalikes": lambda n: "<script>" + _times("</scrip", n),
        "cdata_starts": lambda n: _times("<![CDATA[", n),
        "bogus_comments": lambda n: _times("<?", n),
        "notranslate_nesting": lambda n: _times('<p translate="no"><span translate=yes>x', n),
    }),
    Target("formats.markdown", _document("md"), shapes={
        "backtick_run": lambda n: "`" * n,
        "backtick_runs": lambda n: _times("``a`", n),
        "open_comments": lambda n: _times("<!--", n),
        "open_autolinks": lambda n: _times("<http:", n),
        "open_link_titles": lambda n: _times("](x (", n),
        "table_pipes": lambda n: _times("| ", n),
        "spaces_then_pipe": lambda n: " " * n + "|x\n",
        "pipe_then_spaces": lambda n: "|-" + " " * n + "x\n",
        "brackets": lambda n: _times("[", n),
        "open_attributes": lambda n: _times("{\\", n),
        "emphasis": lambda n: _times("*_", n),
        "html_tag_starts": lambda n: _times("<a ", n),
        "hard_wrapped": lambda n: _times("kata\n", n),
        "list_then_code": lambda n: _times("- a\n\n    x\n\n", n),
        "quote_markers": lambda n: _times("> ", n),
        "rule_lookalike": lambda n: "-" + _times(" -", n) + " x",
    }),
    Target("formats.srt", _document("srt", _CUE), shapes={
        "lt_run": lambda n: "<" * n,
        "open_overrides": lambda n: _times("{\\", n),
        "many_cues": lambda n: _times(_CUE.replace("1", "2", 1) + "Kata.\n\n", n),
    }),
    Target("formats.jsonl", _rows("jsonl", lambda t: json.dumps({"id": 1, "text": t}) + "\n")),
    Target("formats.jsonl_line", _rows("jsonl", lambda t: t), shapes={
        "many_members": lambda n: "{" + _times('"a":1.10,', n) + '"text":"x"}',
        "nested": lambda n: '{"text":"x","n":' + "[" * (n // 2) + "]" * (n // 2) + "}",
        "escapes": lambda n: '{"text":"' + _times("\\u00e9", n) + '"}',
        "whitespace": lambda n: '{"text":' + " " * n + '"x"}',
    }),
    Target("formats.csv", _rows("csv", _csv_row)),
    Target("formats.csv_file", _rows("csv", lambda t: t), shapes={
        "quotes": lambda n: 'id,text\n1,"' + '"' * n + '"\n',
        "many_cells": lambda n: "id,text\n1,x" + "," * n + "\n",
        "many_rows": lambda n: "id,text\n" + _times("1,Kata.\n", n),
        "carriage_returns": lambda n: "id,text\r" + _times("1,a\r", n),
    }),
]


def _time(run: Callable[[str], object], text: str, *, repeats: int, budget: float) -> float:
    """Best mean time of one call over up to ``repeats`` batches, within about ``budget`` s.

    A batch repeats the call until it has taken at least 20 ms, so that inputs that take
    microseconds are not measured by the timer's noise.
    """
    best = float("inf")
    spent = 0.0
    for _ in range(repeats):
        calls = 0
        start = time.perf_counter()
        while True:
            run(text)
            calls += 1
            elapsed = time.perf_counter() - start
            if elapsed >= 0.02 or calls >= 1000:
                break
        best = min(best, elapsed / calls)
        spent += elapsed
        if spent > budget:
            break
    return best


def main(argv: list[str] | None = None) -> int:
    """Time every target on every shape and print the growth ratios."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="one batch per size (noisier)")
    parser.add_argument("--only", help="run only targets whose name contains this")
    parser.add_argument("--shape", help="run only shapes whose name contains this")
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="comma-separated sizes (last two: ratio)"
    )
    parser.add_argument("--fail-ratio", type=float, default=30.0)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    repeats = 1 if args.quick else 3

    ratios: dict[str, float] = {}
    flagged = []
    header = "".join(f"{n:>11,}" for n in sizes)
    for target in TARGETS:
        if args.only and args.only not in target.name:
            continue
        print(f"\n{target.name}  (seconds for about n characters; ratio = t(last) / t(prev))")
        print(f"  {'shape':<24}{header}{'ratio':>9}")
        shapes = {**SHAPES, **target.shapes}
        for shape_name, make in shapes.items():
            if args.shape and args.shape not in shape_name:
                continue
            # Small inputs take microseconds: more runs, so timer noise does not decide.
            times = [_time(target.run, make(n), repeats=repeats, budget=2.0) for n in sizes]
            ratio = times[-1] / times[-2]
            ratios[f"{target.name}/{shape_name}"] = round(ratio, 1)
            mark = ""
            if ratio > args.fail_ratio:
                # Small inputs fit in the CPU caches and big ones do not: before calling
                # it super-linear, look one size further, where caches no longer matter.
                bigger = _time(target.run, make(10 * sizes[-1]), repeats=1, budget=2.0)
                again = bigger / times[-1]
                mark = f"  (x10 more: {again:.1f})"
                if again > args.fail_ratio:
                    mark += "  CHECK"
                    flagged.append(f"{target.name}/{shape_name}")
            cells = "".join(f"{t:>11.6f}" for t in times)
            print(f"  {shape_name:<24}{cells}{ratio:>9.1f}{mark}", flush=True)
    print()
    if flagged:
        print(f"super-linear? ratio above {args.fail_ratio:g}: {', '.join(flagged)}")
    else:
        print(f"all ratios at most {args.fail_ratio:g} (linear is about 10, quadratic about 100)")
    print(json.dumps(ratios))
    return 1 if flagged else 0


if __name__ == "__main__":
    sys.exit(main())
