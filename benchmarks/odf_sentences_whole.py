"""Share of sentences that reach the model whole in documents with inline markup.

Documents are built from real Indonesian news text in ``../shared`` (the sample article
and the UD Indonesian-CSUI news sentences, three to a paragraph); like news pages, some
paragraphs get a bold phrase and some a link, on words in the middle of a sentence. The
same paragraphs are written as an OpenDocument text (odt) and as an epub, and each is
extracted by its format; a sentence "reaches the model whole" when one unit contains it.

Compared, in one run:

- *cut at markup*: the units a format gets when it cuts text at every tag or span (what
  the docx format does today, and the html format the epub reuses);
- *odt*: the units of :mod:`translator.files.formats.odf` (a paragraph is one unit,
  spans put back by :func:`~translator.files.formats.inline.place_runs`);
- *epub*: the units of :mod:`translator.files.formats.epub` (through the html format,
  so its figure follows the html format's).

Usage (from the repository root)::

    python benchmarks/odf_sentences_whole.py [--shared ../shared] [--seed 0]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import zipfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "tests"))


def paragraphs(shared: Path) -> list[str]:
    """Paragraphs of real Indonesian news text."""
    article = (shared / "samples" / "vov-imcwp17.id.txt").read_text(encoding="utf-8")
    found = [" ".join(p.split()) for p in article.split("\n\n") if len(p.split()) > 8]
    sentences = [line[len("# text = "):].strip() for line in (
        shared / "data" / "ud-id-dev" / "id_csui-ud-train.conllu"
    ).read_text(encoding="utf-8").splitlines() if line.startswith("# text = ")]
    found += [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    return found


def mark_up(text: str, rng: random.Random) -> list[tuple[str, str]]:
    """The paragraph as (kind, text) pieces: kind "" plain, "b" bold, "a" a link."""
    words = text.split(" ")
    roll = rng.random()
    if roll > 0.45 or len(words) < 6:
        return [("", text)]
    start = rng.randrange(1, len(words) - 3)
    length = rng.randint(1, 3)
    kind = "b" if roll < 0.3 else "a"
    return [("", " ".join(words[:start]) + " "), (kind, " ".join(words[start:start + length])),
            ("", " " + " ".join(words[start + length:]))]


def build_odt(marked: list[list[tuple[str, str]]]) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.text import A, P, Span

    doc = OpenDocumentText()
    bold = Style(name="Tebal", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    doc.automaticstyles.addElement(bold)
    for pieces in marked:
        paragraph = P()
        for kind, text in pieces:
            if kind == "b":
                paragraph.addElement(Span(stylename=bold, text=text))
            elif kind == "a":
                paragraph.addElement(A(href="https://example.org", text=text))
            else:
                paragraph.addText(text)
        doc.text.addElement(paragraph)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def build_epub(marked: list[list[tuple[str, str]]]) -> bytes:
    from html import escape

    from test_odf_epub import CONTAINER, NAV, NCX, OPF

    body = "".join(
        "<p>" + "".join(
            f"<b>{escape(t)}</b>" if k == "b" else
            f'<a href="https://example.org">{escape(t)}</a>' if k == "a" else escape(t)
            for k, t in pieces
        ) + "</p>\n" for pieces in marked
    )
    chapter = ('<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/'
               f'xhtml"><head><title>Berita</title></head><body>\n{body}</body></html>\n')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip", zipfile.ZIP_STORED)
        for name, text in {"META-INF/container.xml": CONTAINER, "OEBPS/isi.opf": OPF,
                           "OEBPS/nav.xhtml": NAV, "OEBPS/toc.ncx": NCX,
                           "OEBPS/teks/bab1.xhtml": chapter}.items():
            archive.writestr(name, text, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def whole(sentences: list[str], units: list[str]) -> float:
    """Share of ``sentences`` that one unit contains."""
    squashed = [" ".join(u.split()) for u in units]
    return sum(any(s in u for u in squashed) for s in sentences) / max(len(sentences), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not (args.shared / "samples").is_dir():
        parser.exit(1, f"{args.shared} not found: pass --shared DIR\n")
    from translator.files.formats import FormatOptions, get_format
    from translator.text.segment import split_sentences

    rng = random.Random(args.seed)
    texts = paragraphs(args.shared)
    marked = [mark_up(t, rng) for t in texts]
    with_markup = [i for i, m in enumerate(marked) if len(m) > 1]
    sentences = [" ".join(s.split()) for i in with_markup for s in split_sentences(texts[i])]
    all_sentences = [" ".join(s.split()) for t in texts for s in split_sentences(t)]
    cut = [t.strip() for pieces in marked for _, t in pieces]
    odt = get_format("odt").extract(build_odt(marked), source="b.odt", options=FormatOptions())
    epub = get_format("epub").extract(build_epub(marked), source="b.epub",
                                      options=FormatOptions())
    print(f"{len(texts)} paragraphs ({len(with_markup)} with a bold phrase or a link), "
          f"{len(all_sentences)} sentences ({len(sentences)} in paragraphs with markup)")
    print(f"{'units':<16}{'all sentences whole':>22}{'in marked-up paragraphs':>26}")
    for name, units in (("cut at markup", cut), ("odt", odt.units), ("epub", epub.units)):
        print(f"{name:<16}{whole(all_sentences, units):>22.1%}{whole(sentences, units):>26.1%}")


if __name__ == "__main__":
    main()
