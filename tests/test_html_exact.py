"""HTML comes back byte for byte except the translated text nodes, whatever its markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_formats import run
from translator.files.formats import FormatOptions, get_format
from translator.files.formats.html import scan

PAGES = sorted((Path(__file__).parent / "data" / "html").glob("*.html"))


def extract(data: bytes):  # noqa: ANN201
    return get_format("html").extract(data, source="x.html", options=FormatOptions())


def pieces(text: str) -> list[tuple[str, str]]:
    return [(n.kind, text[n.start : n.end]) for n in scan(text)]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_identity_translation_is_byte_identical(page: Path) -> None:
    data = page.read_bytes()
    extracted = extract(data)
    assert extracted.units
    assert extracted.rebuild(list(extracted.units)) == data


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_only_text_nodes_change(page: Path) -> None:
    data = page.read_bytes()
    extracted = extract(data)
    out = extracted.rebuild([f"[[{u.upper()}]]" for u in extracted.units]).decode()
    before, after = pieces(data.decode()), pieces(out)
    assert [p for p in before if p[0] != "text"] == [p for p in after if p[0] != "text"]
    assert len(before) == len(after)
    changed = [(a, b) for a, b in zip(before, after) if a != b]
    # One unit per block (its inline markup inside): each unit's markers once, in order.
    assert len(changed) >= len(extracted.units)
    source = data.decode()
    assert out.count("[[") - source.count("[[") == len(extracted.units)
    assert out.count("]]") - source.count("]]") == len(extracted.units)
    for (_, old), (_, new) in changed:
        assert "<" not in new, (old, new)


def test_what_is_and_is_not_translated() -> None:
    units = extract((Path(__file__).parent / "data/html/tabloid_rusak.html").read_bytes()).units
    for text in ("Gosip Artis Hari Ini", "Paragraf setelah tag nyasar.", "yang tayang malam ini",
                 "Teks setelah svg tertutup sendiri.", "Skor akhir 2 < 3 dan 5 > 4 menurut juri.",
                 "Ia mengaku belum siap & masih fokus berkarier.", "Jakarta"):
        assert any(text in unit for unit in units)
    joined = "\n".join(units)
    # translate="no" text inside a sentence is seen by the model (the sentence whole) but
    # comes back verbatim.
    tabloid = extract((Path(__file__).parent / "data/html/tabloid_rusak.html").read_bytes())
    out = tabloid.rebuild([u.upper() for u in tabloid.units]).decode()
    assert "Nama Program TV <span" in out and "YANG TAYANG MALAM INI" in out
    for text in ("HEMAT50", "baris", "Tulis komentar", "data mentah",
                 "Ikon", "Teks SVG", "Teks rahasia", "catatan redaksi", "xml-stylesheet"):
        assert text not in joined
    units = extract((Path(__file__).parent / "data/html/portal_berita.html").read_bytes()).units
    joined = "\n".join(units)
    assert "Harga Beras Naik Lagi » Portal Berita Nusantara" in units
    for text in ("googletag", "bukan tag", "margin", "Kembali ke beranda", "Logo Portal"):
        assert text not in joined


def test_unclosed_comment_is_kept_and_not_translated(fake_translator, tmp_path) -> None:
    data = "<p>Harga naik.</p>\n<!-- catatan: <p>Jangan terbitkan</p>\n"
    out = run(fake_translator, tmp_path, "a.html", data).decode()
    assert out == "<p>HARGA NAIK.</p>\n<!-- catatan: <p>Jangan terbitkan</p>\n"


def test_translated_text_is_escaped_and_markup_untouched(fake_translator, tmp_path) -> None:
    data = ('<P>Skor 2 &lt; 3 &amp; naik<br>lagi</p></div><a title="a > b" href=x?a=1&b=2>'
            "klik &raquo;</a>")
    out = run(fake_translator, tmp_path, "a.html", data).decode()
    assert out == ('<P>SKOR 2 &lt; 3 &amp; NAIK<br>LAGI</p></div><a title="a > b" href=x?a=1&b=2>'
                   "KLIK »</a>")


def test_windows_1252_page_stays_windows_1252(fake_translator, tmp_path) -> None:
    data = '<meta charset="windows-1252"><p>Kota \x93hujan\x94 \x85</p>'.encode("latin-1")
    out = run(fake_translator, tmp_path, "a.html", data)
    assert out == '<meta charset="windows-1252"><p>KOTA \x93HUJAN\x94 \x85</p>'.encode("latin-1")


def test_xhtml_self_closing_tags_open_nothing() -> None:
    data = b'<p><span class="notranslate"/>Harga naik.</p>'
    xhtml = get_format("html").extract(data, source="x.xhtml", options=FormatOptions())
    assert xhtml.units == ["Harga naik."]
    assert extract(data).units == []  # in HTML, <span .../> opens a span
