"""Measure translation quality on a test set: BLEU and chrF (sacrebleu), flags, speed.

Each source line is translated as its own text ("line by line"). With document ids, each
document's lines are also joined into one running text and translated as an article through
the full pipeline (sentence splitting, layout); both are then scored per document against
the same references, so a user sees whether article-level input costs anything.

Example:
    >>> from translator import Translator
    >>> from translator.integrations.evaluation import evaluate
    >>> report = evaluate(Translator(), sources, references, doc_ids=doc_ids)
    >>> report.bleu, report.chrf, report.flag_counts
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from translator.errors import InvalidInputError, MissingDependencyError

if TYPE_CHECKING:
    from translator.core import Translator


@dataclass(frozen=True)
class Scores:
    """Corpus scores of one system output.

    Attributes:
        bleu: Corpus BLEU (sacrebleu defaults: 13a tokenizer, mixed case).
        chrf: Corpus chrF (sacrebleu defaults: character 6-grams, beta 2).
        segments: How many segments were scored (lines, or documents).
    """

    bleu: float
    chrf: float
    segments: int


@dataclass(frozen=True)
class EvalReport:
    """What :func:`evaluate` measured.

    Attributes:
        model: The model that translated.
        backend: The backend that ran it.
        lines: Scores of line-by-line translation, one segment per line.
        bleu_signature: sacrebleu's BLEU signature (how to reproduce the number).
        chrf_signature: sacrebleu's chrF signature.
        sentences: Sentences translated line by line (a line may hold several).
        flagged_sentences: Of those, how many carry at least one flag.
        flag_counts: Sentences per flag (``numbers``, ``truncated``, ...).
        seconds: Wall time of line-by-line translation.
        source_words: Whitespace-separated words of the source.
        documents: Number of documents (0 without document ids).
        doc_lines: Line-by-line output joined per document, scored per document.
        doc_articles: Each document translated as one article, scored per document.
        article_seconds: Wall time of article translation.
        hypotheses: The line-by-line translations, in input order.
    """

    model: str
    backend: str
    lines: Scores
    bleu_signature: str
    chrf_signature: str
    sentences: int
    flagged_sentences: int
    flag_counts: dict[str, int]
    seconds: float
    source_words: int
    documents: int = 0
    doc_lines: Scores | None = None
    doc_articles: Scores | None = None
    article_seconds: float | None = None
    hypotheses: tuple[str, ...] = field(default=(), repr=False)

    def to_dict(self) -> dict[str, Any]:
        """The report as plain dicts (without the hypotheses), ready for ``json.dumps``."""
        out = asdict(self)
        out.pop("hypotheses")
        rate = (lambda n: round(n / self.seconds, 2)) if self.seconds else (lambda n: None)
        out["lines_per_second"] = rate(self.lines.segments)
        out["source_words_per_second"] = rate(self.source_words)
        return out


def score(hypotheses: Sequence[str], references: Sequence[str]) -> tuple[Scores, str, str]:
    """Corpus BLEU and chrF of ``hypotheses`` against one reference each, with signatures.

    Raises:
        MissingDependencyError: sacrebleu is not installed.
    """
    try:
        from sacrebleu.metrics import BLEU, CHRF
    except ImportError as exc:
        raise MissingDependencyError("sacrebleu", "eval", "Scoring translations") from exc
    bleu, chrf = BLEU(), CHRF()
    refs = [list(references)]
    result = Scores(
        bleu=bleu.corpus_score(list(hypotheses), refs).score,
        chrf=chrf.corpus_score(list(hypotheses), refs).score,
        segments=len(hypotheses),
    )
    return result, str(bleu.get_signature()), str(chrf.get_signature())


def group_documents(doc_ids: Sequence[str]) -> list[list[int]]:
    """Line indexes of each document, documents in order of first appearance."""
    groups: dict[str, list[int]] = {}
    for i, doc in enumerate(doc_ids):
        groups.setdefault(doc, []).append(i)
    return list(groups.values())


def evaluate(
    translator: Translator,
    sources: Sequence[str],
    references: Sequence[str],
    *,
    doc_ids: Sequence[str] | None = None,
) -> EvalReport:
    """Translate ``sources`` and score the output against ``references``.

    Args:
        translator: The translator to measure (any model directory).
        sources: Indonesian source segments, one per test line.
        references: One English reference per source line.
        doc_ids: Optional document id per line; lines of a document are also translated
            together as one article and both ways are scored per document.

    Returns:
        The scores, flag counts and speed.

    Raises:
        InvalidInputError: The three sequences are not line-aligned, or there are no lines.
        MissingDependencyError: sacrebleu is not installed.
    """
    if len(sources) != len(references) or (doc_ids is not None and len(doc_ids) != len(sources)):
        sizes = f"{len(sources)} source lines, {len(references)} references" + (
            f", {len(doc_ids)} document ids" if doc_ids is not None else ""
        )
        raise InvalidInputError(
            f"The test set is not line-aligned ({sizes}). Fix: give one reference (and one "
            "document id) per source line."
        )
    if not sources:
        raise InvalidInputError("The test set is empty. Fix: give at least one source line.")
    started = time.perf_counter()
    docs = list(translator.translate_documents(list(sources)))
    seconds = time.perf_counter() - started
    hypotheses = [doc.translation for doc in docs]
    lines, bleu_sig, chrf_sig = score(hypotheses, references)
    sentences = [s for doc in docs for s in doc.sentences]
    counts = Counter(flag for s in sentences for flag in s.flags)
    report = EvalReport(
        model=docs[0].model, backend=docs[0].backend, lines=lines, bleu_signature=bleu_sig,
        chrf_signature=chrf_sig, sentences=len(sentences),
        flagged_sentences=sum(bool(s.flags) for s in sentences),
        flag_counts=dict(counts.most_common()), seconds=seconds,
        source_words=sum(len(s.split()) for s in sources), hypotheses=tuple(hypotheses),
    )
    if doc_ids is None:
        return report
    groups = group_documents(doc_ids)
    doc_refs = [" ".join(references[i] for i in g) for g in groups]
    joined = [" ".join(hypotheses[i] for i in g) for g in groups]
    started = time.perf_counter()
    articles = [d.translation for d in translator.translate_documents(
        [" ".join(sources[i].strip() for i in g) for g in groups]
    )]
    article_seconds = time.perf_counter() - started
    return replace(
        report, documents=len(groups), doc_lines=score(joined, doc_refs)[0],
        doc_articles=score(articles, doc_refs)[0], article_seconds=article_seconds,
    )

