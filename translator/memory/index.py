"""Fuzzy lookup in a large memory: an inverted word index picks candidates, rapidfuzz scores.

Similarity is rapidfuzz's :func:`~rapidfuzz.fuzz.ratio` of the two whitespace-normalised
texts, divided by 100: ``1 - d / (len(a) + len(b))`` where ``d`` is the Indel distance
(characters inserted or deleted to turn one into the other). It is case and punctuation
sensitive, 1.0 only for equal texts, and symmetric.

Scoring every entry costs a few hundred milliseconds per sentence in a 100,000-entry memory
(benchmarks/memory_tm.py measures it), so a lookup first narrows the memory down:

1. *Length bounds.* ``ratio >= t`` needs ``2 * min(la, lb) / (la + lb) >= t``, so only
   entries of ``la * t / (2 - t)`` to ``la * (2 - t) / t`` characters can reach ``t``
   (0.6x to 1.67x the query's length for 0.75). This bound is exact.
2. *Shared words.* An inverted index maps each lower-cased word to the entries that hold
   it (numpy arrays, built once). The entries sharing words with the query are ranked by
   the weighted Jaccard similarity of their word sets (each word weighted by its inverse
   document frequency), and the best
   :data:`CANDIDATES` within the length bounds are scored with rapidfuzz. This step is a
   heuristic: an entry that shares no word with the query (every word misspelt) is not
   found; one at 0.75 or more shares most of its words and ranks near the top.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from translator.errors import MissingDependencyError

#: Candidates scored with rapidfuzz per lookup.
CANDIDATES = 200

_WORD = re.compile(r"\w+")


def _rapidfuzz() -> Any:
    try:
        from rapidfuzz import fuzz, process
    except ImportError as exc:  # pragma: no cover - a base dependency
        raise MissingDependencyError("rapidfuzz", "", "Fuzzy translation-memory matches") from exc
    return fuzz, process


def length_bounds(length: int, threshold: float) -> tuple[float, float]:
    """Shortest and longest texts that can reach ``threshold`` against ``length`` chars."""
    t = min(max(threshold, 1e-6), 1.0)
    return length * t / (2 - t), length * (2 - t) / t


class FuzzyIndex:
    """Candidate selection and scoring over a fixed list of normalised texts.

    Args:
        keys: The memory's normalised sources; results are indexes into this list.
    """

    def __init__(self, keys: Sequence[str]) -> None:
        import numpy as np

        self._np = np
        self.keys = list(keys)
        vocab: dict[str, int] = {}
        words: list[int] = []
        entries: list[int] = []
        for i, key in enumerate(self.keys):
            ids = {vocab.setdefault(w, len(vocab)) for w in _WORD.findall(key.lower())}
            words.extend(ids)
            entries.extend([i] * len(ids))
        self._vocab = vocab
        word_arr = np.asarray(words, dtype=np.int32)
        order = np.argsort(word_arr, kind="stable")
        self._postings = np.asarray(entries, dtype=np.int32)[order]
        counts = np.bincount(word_arr, minlength=len(vocab))
        self._offsets = np.concatenate(([0], np.cumsum(counts)))
        self._idf = np.log((len(self.keys) + 1) / (counts + 1)) + 0.1
        self._weight = np.bincount(self._postings, weights=self._idf[word_arr[order]],
                                   minlength=len(self.keys))
        self._lengths = np.fromiter((len(k) for k in self.keys), dtype=np.int32,
                                    count=len(self.keys))

    def __len__(self) -> int:
        return len(self.keys)

    def candidates(self, query: str, threshold: float, count: int = CANDIDATES) -> list[int]:
        """Indexes of up to ``count`` entries most likely to reach ``threshold`` (see module)."""
        np = self._np
        ids = {self._vocab[w] for w in _WORD.findall(query.lower()) if w in self._vocab}
        if not ids or not self.keys:
            return []
        parts = [self._postings[self._offsets[w] : self._offsets[w + 1]] for w in ids]
        weights = [np.full(len(p), self._idf[w]) for p, w in zip(parts, ids)]
        shared = np.bincount(np.concatenate(parts), weights=np.concatenate(weights),
                             minlength=len(self.keys))
        total = sum(float(self._idf[w]) for w in ids)
        shared /= np.maximum(total + self._weight - shared, 1e-9)  # weighted Jaccard
        low, high = length_bounds(len(query), threshold)
        shared[(self._lengths < low) | (self._lengths > high)] = 0
        hits = np.flatnonzero(shared)
        if len(hits) > count:
            hits = hits[np.argpartition(shared[hits], -count)[-count:]]
        return hits.tolist()

    def search(
        self, query: str, *, limit: int, threshold: float, exclude: str | None = None
    ) -> list[tuple[int, float]]:
        """The best ``limit`` entries scoring at least ``threshold``: (index, score), best first.

        Args:
            query: Normalised text.
            limit: Most results.
            threshold: Lowest score in [0, 1].
            exclude: A text not to return (the exact match).
        """
        picked = self.candidates(query, threshold)
        return score(query, {i: self.keys[i] for i in picked}, limit=limit,
                     threshold=threshold, exclude=exclude)


def score(
    query: str, choices: dict[int, str], *, limit: int, threshold: float,
    exclude: str | None = None,
) -> list[tuple[int, float]]:
    """Score ``choices`` against ``query`` with rapidfuzz (see module): best ``limit`` first."""
    if not choices or limit <= 0:
        return []
    fuzz, process = _rapidfuzz()
    found = process.extract(query, choices, scorer=fuzz.ratio, limit=limit + 1,
                            score_cutoff=threshold * 100)
    results = [(key, value / 100) for text, value, key in found if text != exclude]
    results.sort(key=lambda r: (-r[1], r[0]))
    return results[:limit]
