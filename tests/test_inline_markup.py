"""Sentences whole across inline markup in html and md: one unit, every tag once, in place."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translator.files.formats import FormatOptions, get_format

HTML = (
    '<html><body><h1>Harga <em>beras</em> naik</h1>\n'
    '<p class="lead">Menurut <a href="https://bps.go.id/x?a=1&amp;b=2" title=\'BPS\'>Badan '
    'Pusat Statistik</a>, harga <strong>beras</strong> naik <span class="num">5</span> persen. '
    'Lantas apa <code>cek()</code>?</p>\n'
    '<p>Teks <b translate="no">Kompas</b> tetap.</p></body></html>'
)


def extract(kind: str, text: str):  # noqa: ANN201
    return get_format(kind).extract(text.encode(), source=f"x.{kind}", options=FormatOptions())


def tags(page: str) -> Counter:
    bs4 = pytest.importorskip("bs4")
    soup = bs4.BeautifulSoup(page, "html.parser")
    return Counter((t.name, tuple(sorted((k, str(v)) for k, v in t.attrs.items())))
                   for t in soup.find_all(True))


def test_html_paragraph_with_link_and_bold_is_one_unit_tags_on_their_words() -> None:
    extracted = extract("html", HTML)
    assert extracted.units == [
        "Harga beras naik",
        "Menurut Badan Pusat Statistik, harga beras naik 5 persen. Lantas apa cek()?",
        "Teks Kompas tetap.",
    ]
    assert extracted.rebuild(extracted.units).decode() == HTML
    english = ["Rice prices rise",
               "According to Badan Pusat Statistik, the price of rice rose 5 percent. So what "
               "cek()?", "The Kompas text stays."]
    out = extracted.rebuild(english).decode()
    # Every tag of the source once, attributes byte for byte, well-formed.
    assert tags(out) == tags(HTML)
    for tag in re.findall(r"<[^>]+>", HTML):
        assert out.count(tag) == HTML.count(tag), tag
    # Markup on its words: the name the translation repeats, the number, the code.
    assert '>Badan Pusat Statistik</a>' in out and '<span class="num">5</span>' in out
    assert "<code>cek()</code>" in out and '<b translate="no">Kompas</b>' in out
    # The first sentence's tags stay in the first sentence.
    assert out.index("</strong>") < out.index("So what")
    text = re.sub(r"<[^>]+>", "", out)
    assert "According to Badan Pusat Statistik, the price of rice rose 5 percent. So what" in text


def test_markdown_link_and_emphasis_mid_sentence() -> None:
    source = ("Menurut [Badan Pusat Statistik](https://bps.go.id \"BPS\"), harga **beras** "
              "naik *lima* persen. Jalankan `cek()` sekarang.\n")
    extracted = extract("md", source)
    assert extracted.units == [
        "Menurut Badan Pusat Statistik, harga beras naik lima persen. Jalankan cek() sekarang."]
    assert extracted.rebuild(extracted.units).decode() == source
    out = extracted.rebuild(["According to Badan Pusat Statistik, rice prices rose by five "
                             "percent. Run cek() now."]).decode()
    assert "[Badan Pusat Statistik](https://bps.go.id \"BPS\")" in out
    assert out.count("**") == 2 and out.count("*") == 6 and "`cek()`" in out
    assert re.search(r"\*\*\S[^*]*\S\*\*|\*\*\S\*\*", out)  # emphasis hugs its words
    assert re.search(r"(?<!\*)\*\S[^*]*?\S?\*(?!\*)", out)
    assert out.index("**", out.index("**") + 1) < out.index("Run")


_INLINE = ["a", "b", "em", "strong", "span", "i", "code"]
_WORD = st.sampled_from(["harga", "beras", "naik.", "Dia", "pergi", "ke", "pasar,", "lagi?"])


@st.composite
def _markup(draw, depth: int = 0) -> str:  # noqa: ANN001
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        if depth < 3 and draw(st.booleans()):
            name = draw(st.sampled_from(_INLINE))
            attrs = draw(st.sampled_from(["", ' class="k"', " href='/x?a=1&amp;b'"]))
            parts.append(f"<{name}{attrs}>{draw(_markup(depth + 1))}</{name}>")
        else:
            parts.append(" ".join(draw(st.lists(_WORD, min_size=1, max_size=3))))
        parts.append(draw(st.sampled_from(["", " "])))
    return "".join(parts)


@settings(max_examples=80, deadline=None)
@given(body=_markup(), translation=st.lists(_WORD, max_size=12).map(" ".join))
def test_any_inline_nesting_keeps_every_tag_once_in_order_and_every_word(body, translation):
    page = f"<p>{body}</p>"
    extracted = extract("html", page)
    assert len(extracted.units) <= 1
    if not extracted.units:
        return
    out = extracted.rebuild([translation or "x"]).decode()
    assert re.findall(r"<[^>]+>", out) == re.findall(r"<[^>]+>", page)  # every tag, in order
    assert tags(out) == tags(page)
    code = re.findall(r"<code[^>]*>.*?</code>", page)
    for snippet in code:  # code stays verbatim
        assert snippet in out
    if not code:  # every word of the translation once, in order, nothing else
        assert re.sub(r"<[^>]+>", "", out).strip() == (translation or "x")


def test_a_block_of_thousands_of_spans_is_cut_into_bounded_units_every_tag_kept() -> None:
    body = "".join(f'<span class="k">kata{i}</span> lagi. ' for i in range(600))
    page = f"<div>{body}</div>"
    extracted = extract("html", page)
    assert 1 < len(extracted.units) <= 10
    assert extracted.rebuild(extracted.units).decode() == page
    out = extracted.rebuild([u.upper() for u in extracted.units]).decode()
    assert re.findall(r"<[^>]+>", out) == re.findall(r"<[^>]+>", page)
    assert re.sub(r"<[^>]+>", "", out) == re.sub(r"<[^>]+>", "", page).upper()
