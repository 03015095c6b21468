"""Packing sentences into token-budget batches."""

from __future__ import annotations

import random

from translator.text.batching import plan_batches


def test_every_index_once_and_budget_kept() -> None:
    rng = random.Random(1)
    lengths = [rng.randint(1, 120) for _ in range(500)]
    batches = plan_batches(lengths, max_tokens=1000, max_size=32)
    flat = sorted(i for b in batches for i in b)
    assert flat == list(range(500))
    for b in batches:
        assert len(b) <= 32
        assert len(b) * max(lengths[i] for i in b) <= 1000


def test_sorted_by_length_longest_first() -> None:
    lengths = [5, 50, 10, 40, 20]
    batches = plan_batches(lengths, max_tokens=10_000, max_size=2)
    assert batches == [[1, 3], [4, 2], [0]]


def test_oversized_sentence_gets_its_own_batch() -> None:
    assert plan_batches([300, 2, 2], max_tokens=100, max_size=8) == [[0], [1, 2]]


def test_empty() -> None:
    assert plan_batches([], max_tokens=10, max_size=2) == []
