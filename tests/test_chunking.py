"""Cutting over-long sentences at clause boundaries."""

from __future__ import annotations

import re

import pytest

from tests.checks import hang_guard
from translator.text.chunking import split_to_fit


def words(texts):
    return [len(t.split()) + 1 for t in texts]


def _nonspace(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_short_sentence_is_untouched() -> None:
    assert split_to_fit("Saya pergi ke pasar.", words, 10) == ["Saya pergi ke pasar."]


def test_cuts_after_semicolon_first() -> None:
    text = "satu dua tiga empat, lima enam; tujuh delapan sembilan sepuluh"
    assert split_to_fit(text, words, 7) == [
        "satu dua tiga empat, lima enam;",
        "tujuh delapan sembilan sepuluh",
    ]


def test_cuts_after_commas_then_before_conjunctions() -> None:
    text = "rumah itu besar, halamannya luas dan pohonnya rindang sehingga warga senang"
    pieces = split_to_fit(text, words, 5)
    assert pieces == [
        "rumah itu besar,",
        "halamannya luas",
        "dan pohonnya rindang",
        "sehingga warga senang",
    ]


def test_merges_pieces_back_while_they_fit() -> None:
    text = "a, b, c, d, e, f, g, h"
    assert split_to_fit(text, words, 5) == ["a, b, c, d,", "e, f, g, h"]


def test_last_resort_cuts_inside_a_word() -> None:
    def chars(texts):
        return [len(t) + 1 for t in texts]

    pieces = split_to_fit("x" * 50, chars, 11)
    assert pieces == ["x" * 10] * 5


@pytest.mark.parametrize("limit", [3, 8, 40])
def test_every_piece_fits_and_nothing_is_lost(limit: int) -> None:
    text = " ".join(
        f"kata{i}" + ("," if i % 7 == 0 else "") + (" yang" if i % 11 == 0 else "")
        for i in range(500)
    )
    pieces = split_to_fit(text, words, limit)
    assert all(n <= limit for n in words(pieces))
    assert _nonspace("".join(pieces)) == _nonspace(text)
    assert all(p == p.strip() and p in text for p in pieces)


def test_long_space_runs_are_cut_in_linear_time() -> None:
    # The conjunction pattern used to retry every position of a run of spaces.
    text = "a" + " " * 50_000 + "b" + " " * 50_000 + "dan c"
    with hang_guard(20):
        pieces = split_to_fit(text, words, 2)
    assert pieces == ["a", "b", "dan", "c"]


def test_cutting_inside_a_word_counts_little_text() -> None:
    counted = []

    def chars(texts):
        counted.extend(len(t) for t in texts)
        return [len(t) + 1 for t in texts]

    text = "x" * 20_000
    pieces = split_to_fit(text, chars, 11)
    assert pieces == ["x" * 10] * 2_000
    # Each piece is found by growing it from 1 character, not by bisecting the rest of
    # the text (which counted about 200 million characters here).
    assert sum(counted) < 40 * len(text)
