"""The placement of a translation on the pieces of inline markup (runs, spans, inline tags)."""

from __future__ import annotations

import pytest

from translator.files.formats.placement import place_around_fixed, place_runs

# -- pieces (ODF spans) ---------------------------------------------------------------------------


def test_place_runs_keeps_every_piece_on_its_words():
    pieces = ["Menurut ", "Badan Pusat Statistik", ", harga beras naik."]
    assert place_runs(pieces, "According to Badan Pusat Statistik, rice prices rose.") == [
        "According to ", "Badan Pusat Statistik", ", rice prices rose."]
    assert place_runs(pieces, "".join(pieces).upper()) == [p.upper() for p in pieces]
    # Empty pieces (a bookmark, a note citation between texts) stay empty.
    assert place_runs(["Ini ", "", "penting."], "This is important.")[1] == ""


def test_place_runs_never_crosses_a_sentence_boundary():
    pieces = ["Harga naik. ", "Lantas ", "apa", "?"]
    out = place_runs(pieces, "Prices rose. So what now?")
    assert "".join(out) == "Prices rose. So what now?"
    assert out[0] == "Prices rose. "  # the first sentence stays on the first piece alone


@pytest.mark.parametrize("pieces, translation", [
    (["a", "b", "c"], ""), (["", "", ""], "xyz"), (["abc", ""], "x y z w"),
    (["  ", "kata"], "word"), (["satu. ", "dua. ", "tiga."], "one. two."),
])
def test_place_runs_loses_and_duplicates_nothing(pieces, translation):
    out = place_runs(pieces, translation)
    assert len(out) == len(pieces) and "".join(out) == translation


def test_place_runs_property():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    text = st.text(alphabet="ab .!?,\n", max_size=12)

    @settings(max_examples=150, deadline=None)
    @given(st.lists(text, min_size=1, max_size=6), text)
    def check(pieces, translation):
        out = place_runs(pieces, translation)
        assert len(out) == len(pieces) and "".join(out) == translation
        if any(pieces):
            assert all(o == "" for p, o in zip(pieces, out) if not p)

    check()


# -- run placement ------------------------------------------------------------------------


def test_place_runs_keeps_every_run_and_the_whole_translation() -> None:
    sources = ["Menurut ", "Badan Pusat Statistik", ", harga beras naik. Lantas ", "apa", "?"]
    english = "According to the Central Statistics Agency, rice prices rose. So what?"
    pieces = place_runs(sources, english)
    assert len(pieces) == len(sources) and "".join(pieces) == english
    # The bold phrase mid-sentence gets words from the middle of the first sentence.
    assert pieces[1].strip() and "rose" not in pieces[1] and "According" not in pieces[1]
    # The run boundary between the sentences stays between them.
    assert pieces[2].endswith("So ") and pieces[3] == "what"


def test_place_runs_is_exact_for_an_identity_translation() -> None:
    sources = ["Satu ", "dua", " tiga. ", "Empat", " lima", "."]
    assert place_runs(sources, "".join(sources).upper()) == [s.upper() for s in sources]


def test_place_runs_gives_each_run_with_words_a_word() -> None:
    sources = ["Ini ", "x", " kalimat yang panjang sekali dan berisi banyak kata di sini."]
    pieces = place_runs(sources, "This is a very long sentence with many words in it here.")
    assert all(p.strip() for p in pieces) and len(pieces) == 3


def test_place_runs_never_moves_words_across_sentences() -> None:
    sources = ["Satu dua. ", "Tiga", " empat lima enam tujuh."]
    pieces = place_runs(sources, "One two three four. Five six seven eight nine ten.")
    assert pieces[0] == "One two three four. " and pieces[1].strip()


def test_place_runs_edge_cases() -> None:
    assert place_runs([], "x") == []
    assert place_runs(["Satu."], "One.") == ["One."]
    assert place_runs(["a", "b"], "") == ["", ""]


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover - hypothesis is in the dev extra
    given = None

if given is not None:
    _WORDS = st.sampled_from(["harga", "naik.", "Beras", "di", "pasar,", "?", " ", "Dia"])
    _RUN = st.lists(_WORDS, min_size=0, max_size=6).map(" ".join)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(_RUN, min_size=1, max_size=6), st.lists(_WORDS, max_size=20).map(" ".join))
    def test_place_runs_never_loses_or_duplicates(sources, translation) -> None:
        pieces = place_runs(sources, translation)
        assert len(pieces) == len(sources) and "".join(pieces) == translation


def test_whitespace_at_a_cut_stays_on_its_side() -> None:
    # "**BPS**, harga": the bold piece has no space at its edges, so neither has its share.
    out = place_runs(["Menurut ", "BPS", ", harga beras naik."],
                     "According to the agency BPS data, rice prices rose sharply.")
    assert len(out) == 3 and "".join(out).startswith("According")
    assert out[1] == out[1].strip()


def test_fixed_pieces_come_back_verbatim_and_no_word_is_lost() -> None:
    pieces = ["Jalankan ", "pip install x", " sekarang juga."]
    fixed = [False, True, False]
    out = place_around_fixed(pieces, fixed, "Run pip install x right now.")
    assert out == ["Run ", "pip install x", " right now."]
    # The model rewrote the code: it still comes back verbatim, the words go elsewhere.
    out = place_around_fixed(pieces, fixed, "Run the installer right now please.")
    assert out[1] == "pip install x"
    words = "".join(o for o, f in zip(out, fixed) if not f).split()
    assert words == "Run the installer right now please.".split()


def test_place_runs_identity_merged_property() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    words = st.sampled_from(["Harga", "naik.", "beras", "di", "pasar,", "Dia", "pergi?", ""])
    piece = st.lists(words, max_size=4).map(" ".join)

    @settings(max_examples=150, deadline=None)
    @given(st.lists(piece, min_size=1, max_size=6))
    def check(pieces):
        assert place_runs(pieces, "".join(pieces)) == pieces
        assert place_runs(pieces, "".join(pieces).upper()) == [p.upper() for p in pieces]

    check()


def test_words_moved_next_to_a_fixed_piece_keep_the_space_the_source_had() -> None:
    from translator.files.formats.placement import place_around_fixed

    pieces = ["Kunjungi ", "https://example.com/path_x", " sekarang."]
    out = place_around_fixed(pieces, [False, True, False], "Edited 10 by hand")
    assert out[1] == pieces[1]
    assert "https://example.com/path_x" in "".join(out).split()  # not glued to a word
