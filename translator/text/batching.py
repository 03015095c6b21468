"""Packing sentences into batches under a token budget."""

from __future__ import annotations

from collections.abc import Sequence


def plan_batches(
    lengths: Sequence[int], *, max_tokens: int, max_size: int
) -> list[list[int]]:
    """Group sentence indices into batches, longest sentences first.

    Sentences of similar length end up together, so little compute is spent on padding.
    A batch's cost is its padded size, ``len(batch) * longest``; it stays under
    ``max_tokens`` (a single sentence longer than the budget gets a batch of its own).

    Args:
        lengths: Token count of each sentence.
        max_tokens: Budget of padded source tokens per batch.
        max_size: Most sentences per batch.

    Returns:
        Lists of indices into ``lengths``; every index appears exactly once.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    batches: list[list[int]] = []
    current: list[int] = []
    longest = 0
    for i in order:
        longest_if_added = max(longest, lengths[i])
        if current and (
            len(current) >= max_size or (len(current) + 1) * longest_if_added > max_tokens
        ):
            batches.append(current)
            current, longest_if_added = [], lengths[i]
        current.append(i)
        longest = longest_if_added
    if current:
        batches.append(current)
    return batches
