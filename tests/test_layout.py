"""Layout parsing and the layout contract, without a model."""

from __future__ import annotations

import re

import pytest

from tests.checks import hang_guard
from translator.text.layout import parse
from translator.text.segment.lines import needs_no_translation


def _nonspace(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_identity_render_is_lossless(sample_article: str) -> None:
    layout = parse(sample_article)
    assert layout.render([b.text for b in layout.blocks]) == sample_article
    # every segment is the exact source text at its offsets
    for block in layout.blocks:
        for seg in block.segments:
            assert sample_article[seg.start : seg.end] == seg.text
    joined = "".join(seg.text for b in layout.blocks for seg in b.segments)
    prefixes = "".join(line.prefix for b in layout.blocks for line in b.lines)
    assert sorted(_nonspace(joined + prefixes)) == sorted(_nonspace(sample_article))


def test_blocks_and_separators(sample_article: str) -> None:
    layout = parse(sample_article)
    assert len(layout.blocks) == 7
    assert layout.separators[2] == "\n\n\n"  # two blank lines kept as they are
    assert layout.separators[-2] == "\n\n \n\n"  # a line with only a space kept too


def test_hard_wrapped_sentence_is_joined(sample_article: str) -> None:
    block = parse(sample_article).blocks[1]
    assert len(block.lines) == 1
    texts = [s.text for s in block.segments]
    assert texts[0].startswith("JAKARTA (Kabar Nusantara)")
    assert "Kec. Cilincing,\nJakarta Utara" in texts[0]
    assert texts[-1] == 'Warga diminta\ntetap waspada," ujarnya.'
    assert block.segments[-1].model_input == 'Warga diminta tetap waspada," ujarnya.'


def test_caption_and_credit_lines_stand_alone(sample_article: str) -> None:
    block = parse(sample_article).blocks[2]
    assert [len(line.segments) for line in block.lines] == [1, 1]
    assert block.lines[1].segments[0].text == "(Foto: Dok. Kabar Nusantara)"
    byline = parse(sample_article).blocks[5]
    assert [line.segments[0].text for line in byline.lines] == [
        "Penulis: Rina Wulandari",
        "Editor: Budi Santoso",
    ]


def test_list_markers_and_indentation_are_prefixes(sample_article: str) -> None:
    block = parse(sample_article).blocks[3]
    assert [line.prefix for line in block.lines] == ["", "- ", "- ", "  * ", "1. ", "2. "]
    rendered = block.render(["X"] * len(block.segments))
    assert rendered == "X\n- X\n- X\n  * X\n1. X\n2. X"


def test_verbatim_lines(sample_article: str) -> None:
    block = parse(sample_article).blocks[4]
    texts = [(line.segments[0].text, line.segments[0].verbatim) for line in block.lines]
    assert texts[1:] == [("humas@bpbd.jakarta.go.id", True), ("021-5551234", True)]


@pytest.mark.parametrize(
    "text",
    [
        "https://www.kompas.com/a/b?c=1",
        "www.detik.com",
        "a.b@c.co.id",
        "1.500.000",
        "07.30",
        "12/03/2024",
        "---",
        "***",
        "(2)",
    ],
)
def test_needs_no_translation(text: str) -> None:
    assert needs_no_translation(text)


@pytest.mark.parametrize("text", ["Rp1.500.000 per keluarga", "Komentar", "Foto: Antara"])
def test_needs_translation(text: str) -> None:
    assert not needs_no_translation(text)


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\n \n"])
def test_blank_documents_have_no_blocks(text: str) -> None:
    layout = parse(text)
    assert layout.blocks == ()
    assert layout.render([]) == text


def test_crlf_line_endings_are_kept() -> None:
    text = "Judul\r\n\r\n- satu\r\n- dua\r\n"
    layout = parse(text)
    assert layout.separators == ("", "\r\n\r\n", "\r\n")
    assert layout.blocks[1].render(["A", "B"]) == "- A\r\n- B"


def test_heading_followed_by_capitalised_line_is_not_joined() -> None:
    layout = parse("Berita Terkini Hari Ini\nPresiden meresmikan jembatan baru.")
    assert len(layout.blocks[0].lines) == 2


def test_wrapped_name_in_running_text_is_joined() -> None:
    text = "Jembatan itu diresmikan pada hari Senin oleh Presiden\nJoko Widodo di Semarang."
    assert len(parse(text).blocks[0].lines) == 1


def test_lowercase_continuation_after_list_item_joins_the_item() -> None:
    layout = parse("- bantuan pangan untuk warga yang\n  terdampak banjir\n- air bersih")
    block = layout.blocks[0]
    assert [line.prefix for line in block.lines] == ["- ", "- "]
    assert (
        block.lines[0].segments[0].model_input == "bantuan pangan untuk warga yang terdampak banjir"
    )


_POOL = [
    "Presiden meresmikan jembatan baru di Semarang.",
    "harga beras naik lima persen, kata pejabat",
    "- butir daftar pertama",
    "  * sub-butir dengan spasi",
    "1. langkah pertama.",
    "a) pilihan kedua",
    "Foto: Antara",
    "https://contoh.go.id/berita?id=1",
    "humas@contoh.go.id",
    "021-5551234",
    "Dr. H. Ahmad, S.H., M.Si. menyatakan setuju. Ia datang pukul 07.30 WIB.",
    "JUDUL BERITA HARI INI",
    "   ",
    "",
    "\t",
    "yang kemudian disetujui oleh",
    "Joko Widodo di Istana.",
    '"Kami siap. Semua sudah disiapkan," kata dia.',
    "😀 emoji dan \x07 kontrol",
]


@pytest.mark.parametrize("seed", range(30))
def test_random_documents_keep_their_skeleton(seed: int) -> None:
    import random

    rng = random.Random(seed)
    newline = rng.choice(["\n", "\r\n"])
    text = newline.join(rng.choice(_POOL) for _ in range(rng.randint(0, 25)))
    layout = parse(text)
    blocks = [b.render([s.model_input for s in b.segments]) for b in layout.blocks]
    out = layout.render(blocks)
    blank = re.compile(r"(?:\r?\n[ \t]*){2,}")
    assert blank.findall(out) == blank.findall(text)
    assert _nonspace(out) == _nonspace(text).replace("\x07", "")
    logical = sum(len(b.lines) for b in layout.blocks)
    assert sum(len(re.split(r"\r?\n", b)) for b in blocks) == logical
    for block in layout.blocks:
        for seg in block.segments:
            assert text[seg.start : seg.end] == seg.text == seg.text.strip()


def _identity(text: str) -> str:
    layout = parse(text)
    return layout.render([b.render([s.text for s in b.segments]) for b in layout.blocks])


@pytest.mark.parametrize(
    "text",
    [
        "1.  \n",
        "## ",
        "-   ",
        "1.\u2028Foo",
        "1.\x0cFoo",
        "1.\x1cFoo",
        "##\u2028\u2028x",
        "a) \nfoo bar",
        "Ia datang.  Mereka pergi.\tLalu pulang.",
        " \xa0Judul berita",
        "- satu\r\n-  \r\n- dua",
    ],
)
def test_layout_renders_back_byte_for_byte(text: str) -> None:
    assert _identity(text) == text


def test_bare_marker_gains_no_whitespace() -> None:
    layout = parse("1.  \n2. Harga naik.\n## ")
    lines = [line for b in layout.blocks for line in b.lines]
    assert [(line.prefix, line.ending) for line in lines] == [
        ("1.", "  \n"),
        ("2. ", "\n"),
        ("##", " "),
    ]
    assert layout.blocks[0].render(["Prices rose."]) == "1.  \n2. Prices rose.\n## "


@pytest.mark.parametrize("brk", ["\u2028", "\x0c", "\x1c", "\x85", "\x0b"])
def test_marker_before_unusual_line_break_gains_no_line(brk: str) -> None:
    text = f"1.{brk}Harga naik."
    layout = parse(text)
    out = layout.render([b.render(["Prices rose."] * len(b.segments)) for b in layout.blocks])
    assert out == f"1.{brk}Prices rose."


def test_whitespace_between_sentences_is_kept() -> None:
    block = parse("Ia datang.  Mereka pergi.\tLalu pulang.").blocks[0]
    assert block.render(["A.", "B.", "C."]) == "A.  B.\tC."
    assert block.render(["A.", "", "C."]) == "A.\tC."


def test_line_ending_in_an_address_abbreviation_continues() -> None:
    layout = parse("Ia tinggal di Jl.\nSudirman No. 5 sejak 2019.")
    assert len(layout.blocks[0].lines) == 1
    assert [s.text for s in layout.blocks[0].segments] == [
        "Ia tinggal di Jl.\nSudirman No. 5 sejak 2019."
    ]


def test_logical_lines_hold_markers_and_skip_blank_lines() -> None:
    from translator.text.segment.lines import logical_lines

    text = "Judul\n\n  - satu yang\n  panjang\n- dua\n\n\n1.  \n"
    spans = logical_lines(text)
    assert [text[s:e] for s, e in spans] == ["Judul", "- satu yang\n  panjang", "- dua", "1."]


@pytest.mark.parametrize(
    "text",
    [
        "1" + " " * 20000 + "a",
        "(" + "1 " * 20000 + "a",
        "-" + ". " * 20000 + "x",
        " " * 20000 + "1" + "." * 20000 + "a",
        "www." + "a" * 20000 + " b",
        "a" * 20000 + "@" + "b." * 20000 + " c",
    ],
)
def test_verbatim_check_is_linear(text: str) -> None:
    # The old pattern backtracked in cubic time here: 2,500 spaces took over a minute.
    with hang_guard(20):
        assert not needs_no_translation(text)
        parse(text)

