"""Score the sentence splitter against gold sentences from CoNLL-U treebanks.

Consecutive gold sentences (the ``# text = `` comment lines) are joined with
single spaces into running text; the predicted sentence boundaries are then
compared with the gold ones.  The main numbers come from joining the whole file
into one text; numbers for windows of ``--window`` sentences are reported too.

A clearly labelled *secondary* figure is printed after the raw one: it scores the
same way but leaves out the gold items that themselves contain a sentence
boundary (sentence-final punctuation, a space and a capitalised word, where the
word before the punctuation is not an abbreviation, title or initial).  Treebanks
such as GSD keep several real sentences in one item, so every correct split inside
such an item counts as a false split in the raw figure.  The raw numbers stay the
primary ones.

Usage (from the repository root)::

    python benchmarks/splitter_eval.py [--data-dir DIR] [--errors] [FILE ...]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from translator.text import segment
from translator.text.segment import sentence_spans

DEFAULT_DATA_DIR = REPO_ROOT.parent / "shared" / "data" / "ud-id-dev"
DEFAULT_FILES = ("id_gsd-ud-dev.conllu", "id_csui-ud-train.conllu")
TEXT_PREFIX = "# text = "

#: Sentence-final punctuation, optional closers, space(s), optional openers and a
#: capitalised word ("Pekanbaru. Bandar", "saja.” Situs", "SM. Sejarawan").
_INTERNAL_BOUNDARY_RE = re.compile(
    r"(\S*?)([.?!…]+)[\"'”’)\]]*\s+[\"'“‘(`]*[A-Z][a-z]"
)
#: Words before a period that are abbreviations, not sentence ends (the
#: splitter's own lists, so these items are kept: the filter errs towards
#: keeping items in the secondary figure).
_ABBREVIATIONS = (
    segment.NEVER_FINAL
    | segment.LIST_END_ABBREVIATIONS
    | segment.DEGREES
    | segment.AMBIGUOUS_ABBREVIATIONS
    | segment.COMPANY_SUFFIXES
    | {"tb", "rev", "kel"}
)


@dataclass
class Score:
    """Boundary counts and the derived precision, recall and F1."""

    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0

    @property
    def precision(self) -> float:
        """Share of predicted boundaries that are gold boundaries."""
        predicted = self.true_pos + self.false_pos
        return self.true_pos / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of gold boundaries that were predicted."""
        gold = self.true_pos + self.false_neg
        return self.true_pos / gold if gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def add(self, other: Score) -> None:
        """Accumulate the counts of ``other`` into this score."""
        self.true_pos += other.true_pos
        self.false_pos += other.false_pos
        self.false_neg += other.false_neg

    def as_dict(self) -> dict[str, float | int]:
        """Return the numbers as a JSON-friendly dict."""
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.true_pos,
            "fp": self.false_pos,
            "fn": self.false_neg,
        }


def read_gold_sentences(path: Path) -> list[str]:
    """Read the gold sentences (``# text = `` lines) of a CoNLL-U file.

    Args:
        path: The CoNLL-U file.

    Returns:
        The sentence texts in file order.
    """
    sentences = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith(TEXT_PREFIX):
                sentence = line[len(TEXT_PREFIX):].strip()
                if sentence:
                    sentences.append(sentence)
    return sentences


def has_internal_boundary(sentence: str) -> bool:
    """Tell whether a gold item visibly holds more than one sentence.

    A ``?``, ``!`` or ellipsis before a capitalised word always counts; a period
    counts unless the word before it is a known abbreviation, a single letter
    (an initial), or a dotted form such as ``S.H`` or ``B.J``.

    Args:
        sentence: One gold item.

    Returns:
        True when the item contains an internal sentence boundary.
    """
    for match in _INTERNAL_BOUNDARY_RE.finditer(sentence):
        word = match.group(1).lstrip("\"'“‘(`[").rstrip("\"'”’)]")
        if match.group(2) != ".":
            return True
        bare = word.lower()
        if (len(bare) == 1 and bare.isalpha()) or "." in bare or bare in _ABBREVIATIONS:
            continue
        return True
    return False


def join_sentences(sentences: list[str]) -> tuple[str, set[int]]:
    """Join sentences with single spaces.

    Args:
        sentences: Gold sentences.

    Returns:
        The running text and the gold boundary offsets (the start offset of
        every sentence but the first).
    """
    offsets = set()
    position = 0
    for index, sentence in enumerate(sentences):
        if index:
            offsets.add(position)
        position += len(sentence) + 1
    return " ".join(sentences), offsets


def predicted_boundaries(text: str) -> set[int]:
    """Start offsets of every predicted sentence but the first."""
    return {start for start, _ in sentence_spans(text)[1:]}


def score_text(sentences: list[str]) -> tuple[Score, str, set[int], set[int]]:
    """Score the splitter on the running text made of ``sentences``.

    Args:
        sentences: Gold sentences.

    Returns:
        ``(score, text, false_splits, missed_splits)``.
    """
    text, gold = join_sentences(sentences)
    predicted = predicted_boundaries(text)
    false_splits = predicted - gold
    missed = gold - predicted
    score = Score(len(predicted & gold), len(false_splits), len(missed))
    return score, text, false_splits, missed


def score_secondary(sentences: list[str]) -> tuple[Score, int]:
    """Score only the gold items without internal sentence boundaries.

    Args:
        sentences: Gold sentences.

    Returns:
        ``(score, excluded)``: the score on the running text made of the kept
        items, and how many items were left out.
    """
    kept = [sentence for sentence in sentences if not has_internal_boundary(sentence)]
    return score_text(kept)[0], len(sentences) - len(kept)


def score_windows(sentences: list[str], window: int) -> Score:
    """Score the splitter on consecutive groups of ``window`` sentences."""
    total = Score()
    for begin in range(0, len(sentences), window):
        total.add(score_text(sentences[begin:begin + window])[0])
    return total


def _snippet(text: str, offset: int, width: int = 60) -> str:
    """Context around ``offset`` with the boundary marked by `` || ``."""
    left = text[max(0, offset - width):offset].replace("\n", " ")
    right = text[offset:offset + width].replace("\n", " ")
    return f"...{left} || {right}..."


def print_errors(text: str, false_splits: set[int], missed: set[int]) -> None:
    """Print context snippets for false and missed splits."""
    for offset in sorted(false_splits):
        print(f"  FALSE SPLIT  {_snippet(text, offset)}")
    for offset in sorted(missed):
        print(f"  MISSED SPLIT {_snippet(text, offset)}")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", help="CoNLL-U files (default: the dev files)")
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--window", type=int, default=5, help="sentences per window")
    parser.add_argument("--errors", action="store_true", help="list false and missed splits")
    args = parser.parse_args(argv)

    paths = [Path(name) for name in args.files] or [args.data_dir / name for name in DEFAULT_FILES]
    results = {}
    for path in paths:
        if not path.exists():
            print(f"missing: {path}", file=sys.stderr)
            return 1
        sentences = read_gold_sentences(path)
        score, text, false_splits, missed = score_text(sentences)
        windowed = score_windows(sentences, args.window)
        print(
            f"{path.name}: {len(sentences)} sentences  "
            f"P={score.precision:.4f} R={score.recall:.4f} F1={score.f1:.4f}  "
            f"(windows of {args.window}: F1={windowed.f1:.4f})"
        )
        secondary, excluded = score_secondary(sentences)
        print(
            f"  secondary figure, excluding {excluded} gold items that contain internal "
            f"sentence boundaries: P={secondary.precision:.4f} R={secondary.recall:.4f} "
            f"F1={secondary.f1:.4f}"
        )
        if args.errors:
            print_errors(text, false_splits, missed)
        results[path.name] = {
            **score.as_dict(),
            f"window{args.window}_f1": round(windowed.f1, 4),
            "excl_internal_precision": round(secondary.precision, 4),
            "excl_internal_recall": round(secondary.recall, 4),
            "excl_internal_f1": round(secondary.f1, 4),
            "excl_internal_items": excluded,
        }
    print(json.dumps(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
