"""Share of sentences that reach the model whole across inline markup, before and after.

Pages and documents are built from real Indonesian news text in ``../shared`` (the sample
article ``samples/vov-imcwp17.id.txt`` and the UD Indonesian-CSUI news sentences, three to a
paragraph). As on news pages, about a third of the paragraphs get inline markup on words
in the middle of sentences: links, bold, italics (foreign words), ``<span class>``
(numbers, names). They are written as:

* html in three page styles, each with its site furniture (datelines, "Baca juga" links,
  bylines, captions): *kompas-like* (``<strong>JAKARTA, KOMPAS.com</strong> -`` datelines,
  ``<a class="inner-link-tag">``), *detik-like* (``<strong>Jakarta</strong> -``, ``<a
  target="_blank">``, ``<em>`` foreign words, a ``detail__author`` byline) and
  *tempo-like* (``TEMPO.CO, Jakarta -``, ``<span class>``, a figure caption);
* md (``[link](url)``, ``**bold**``, ``*italic*``), docx (runs, hyperlinks), odt (spans,
  links) and epub (its XHTML through the html format).

Each is extracted by its format; a sentence *reaches the model whole* when one unit holds
it. *Before*: for html and md, the units of the format as it was at commit
:data:`BEFORE_COMMIT` (it cut text at every inline tag; loaded from git); for docx, odt
and epub, the units of a format that cuts at every run, span or tag (what docx did before
the Office rework, odt before the ODF one, and epub through the old html format);
*after*: the units the formats give now. Counted over all body sentences and over those
in paragraphs with markup.

Usage (from the repository root)::

    python benchmarks/sentences_whole.py [--shared ../shared] [--seed 19] [--paragraphs 600]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import zipfile
from html import escape
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(REPO_ROOT / "tests"))

#: A paragraph as (kind, text) pieces: kind "" plain, "b" bold, "i" italic, "a" a link,
#: "s" a span with a class.
Marked = list[tuple[str, str]]


def paragraphs(shared: Path, limit: int) -> list[str]:
    """Paragraphs of real Indonesian news text."""
    article = (shared / "samples" / "vov-imcwp17.id.txt").read_text(encoding="utf-8")
    found = [" ".join(p.split()) for p in article.split("\n\n") if len(p.split()) > 8]
    sentences = [line[len("# text = "):].strip() for line in (
        shared / "data" / "ud-id-dev" / "id_csui-ud-train.conllu"
    ).read_text(encoding="utf-8").splitlines() if line.startswith("# text = ")]
    found += [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences) - 2, 3)]
    return found[:limit]


def mark_up(text: str, rng: random.Random) -> Marked:
    """Inline markup on words mid-sentence, on about a third of the paragraphs."""
    words = text.split(" ")
    kinds = [""] * len(words)
    if len(words) >= 6 and rng.random() < 0.35:
        for _ in range(rng.choice((1, 1, 2, 3))):
            kind = rng.choice("aabis")
            start = rng.randrange(1, len(words) - 2)
            for i in range(start, min(start + rng.randint(1, 4), len(words) - 1)):
                kinds[i] = kinds[i] or kind
    out: Marked = []
    for i, (word, kind) in enumerate(zip(words, kinds)):
        if out and out[-1][0] == kind:
            out[-1] = (kind, out[-1][1] + " " + word)
        else:
            if i:  # the space between two pieces goes with the plain one
                if kind:
                    out[-1] = (out[-1][0], out[-1][1] + " ") if not out[-1][0] else out[-1]
                    if out[-1][0]:
                        out.append(("", " "))
                else:
                    word = " " + word
            out.append((kind, word))
    return out


_HTML_TAGS = {
    "kompas": {"b": ("<strong>", "</strong>"), "i": ("<em>", "</em>"),
               "a": ('<a href="https://www.kompas.com/tag/x" class="inner-link-tag">', "</a>"),
               "s": ('<span class="highlight">', "</span>")},
    "detik": {"b": ("<b>", "</b>"), "i": ("<i>", "</i>"),
              "a": ('<a href="https://www.detik.com/tag/x" target="_blank">', "</a>"),
              "s": ('<span style="font-weight:600">', "</span>")},
    "tempo": {"b": ("<strong>", "</strong>"), "i": ("<em>", "</em>"),
              "a": ('<a href="https://www.tempo.co/tag/x" rel="noopener">', "</a>"),
              "s": ('<span class="text-red">', "</span>")},
}


def _inline_html(pieces: Marked, style: str) -> str:
    tags = _HTML_TAGS[style]
    return "".join(f"{tags[k][0]}{escape(t, False)}{tags[k][1]}" if k else escape(t, False)
                   for k, t in pieces)


def build_html(marked: list[Marked], style: str) -> bytes:
    """A news page in ``style`` with the paragraphs as its body."""
    body = []
    for n, pieces in enumerate(marked):
        text = _inline_html(pieces, style)
        if n == 0 and style == "kompas":
            text = "<strong>JAKARTA, KOMPAS.com</strong> - " + text
        elif n == 0 and style == "detik":
            text = "<strong>Jakarta</strong> - " + text
        elif n == 0:
            text = "<strong>TEMPO.CO</strong>, <strong>Jakarta</strong> - " + text
        body.append(f"<p>{text}</p>")
        if n % 7 == 3 and style == "kompas":
            body.append('<p><strong>Baca juga: <a href="https://www.kompas.com/x" '
                        'class="inner-link-baca-juga">Harga Beras Naik Lagi</a></strong></p>')
        if n % 9 == 4 and style == "detik":
            body.append('<table class="linksisip"><tr><td><div class="lihatjg"><strong>Baca '
                        'juga: </strong><a href="https://news.detik.com/x">Banjir di '
                        'Jakarta</a></div></td></tr></table>')
    furniture = {
        "kompas": ('<div class="read__credit">Penulis: <a href="/penulis/x">Nama Penulis</a>'
                   '</div><div class="read__content">', "</div>"),
        "detik": ('<div class="detail__author">Nama Penulis - detikNews</div><figure><img '
                  'src="x.jpg" alt="Ilustrasi"><figcaption>Ilustrasi banjir (Foto: <em>Dok. '
                  'detikcom</em>)</figcaption></figure><div class="detail__body-text '
                  'itp_bodycontent">', "</div>"),
        "tempo": ('<figure><img src="x.jpg"><figcaption><span class="caption">Pedagang beras '
                  'di pasar. <span class="credit">TEMPO/Nama</span></span></figcaption>'
                  '</figure><div class="detail-in">', '</div><p class="editor">Editor: '
                  '<a href="/x">Nama Editor</a></p>'),
    }[style]
    page = (f'<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>Berita'
            f'</title></head><body><article>{furniture[0]}{"".join(body)}{furniture[1]}'
            "</article></body></html>")
    return page.encode()


def build_md(marked: list[Marked]) -> bytes:
    marks = {"b": ("**", "**"), "i": ("*", "*"), "s": ("**", "**"), "a": ("[", "](https://x.id)")}
    return "\n\n".join(
        "".join(f"{marks[k][0]}{t}{marks[k][1]}" if k else t for k, t in pieces)
        for pieces in marked).encode() + b"\n"


def build_docx(marked: list[Marked]) -> bytes:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    for pieces in marked:
        paragraph = document.add_paragraph()
        for kind, text in pieces:
            if kind == "a":
                rid = document.part.relate_to("https://x.id", RELATIONSHIP_TYPE.HYPERLINK,
                                              is_external=True)
                paragraph._p.append(parse_xml(
                    f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t '
                    f'xml:space="preserve">{escape(text, False)}</w:t></w:r></w:hyperlink>'))
            else:
                run = paragraph.add_run(text)
                run.bold = kind in "bs" and bool(kind) or None
                run.italic = kind == "i" or None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_odt(marked: list[Marked]) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.style import Style, TextProperties
    from odf.text import A, P, Span

    doc = OpenDocumentText()
    styles = {}
    for kind, props in (("b", {"fontweight": "bold"}), ("i", {"fontstyle": "italic"}),
                        ("s", {"color": "#ff0000"})):
        styles[kind] = Style(name=f"S{kind}", family="text")
        styles[kind].addElement(TextProperties(**props))
        doc.automaticstyles.addElement(styles[kind])
    for pieces in marked:
        paragraph = P()
        for kind, text in pieces:
            if kind == "a":
                paragraph.addElement(A(href="https://x.id", text=text))
            elif kind:
                paragraph.addElement(Span(stylename=styles[kind], text=text))
            else:
                paragraph.addText(text)
        doc.text.addElement(paragraph)
    out = io.BytesIO()
    doc.write(out)
    return out.getvalue()


def build_epub(marked: list[Marked]) -> bytes:
    from test_odf_epub import CONTAINER, NAV, NCX, OPF

    body = "".join(f"<p>{_inline_html(pieces, 'tempo')}</p>\n" for pieces in marked)
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


#: The commit whose html and md formats cut text at every inline tag (the "before").
BEFORE_COMMIT = "2cf1599"


def _cut_units():  # noqa: ANN202
    from translator.files.formats.base import Units

    class CutUnits(Units):
        """Units that cut text at every match of a pattern (the old Units.inline)."""

        def inline(self, text, protected):  # noqa: ANN001, ANN202
            parts, pos = [], 0
            for match in protected.finditer(text):
                if match.start() > pos:
                    parts.append(self.text(text[pos : match.start()]))
                parts.append(match.group(0))
                pos = match.end()
            if pos < len(text):
                parts.append(self.text(text[pos:]))
            return parts

    return CutUnits


_CutUnits = None


def old_format(kind: str):  # noqa: ANN201
    """The ``kind`` format as it was at :data:`BEFORE_COMMIT` (None without git)."""
    import subprocess
    import types

    global _CutUnits
    _CutUnits = _CutUnits or _cut_units()
    module = {"html": "html", "md": "markdown"}.get(kind)
    if module is None:
        return None
    try:
        source = subprocess.run(
            ["git", "show", f"{BEFORE_COMMIT}:translator/files/formats/{module}.py"],
            cwd=REPO_ROOT, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    namespace = types.ModuleType(f"old_{module}")
    sys.modules[namespace.__name__] = namespace  # dataclasses look their module up
    exec(compile(source, f"old_{module}.py", "exec"), namespace.__dict__)  # noqa: S102
    if hasattr(namespace, "Units"):
        namespace.Units = _CutUnits  # the old md cut text with Units.inline, since removed
    return next(v for v in vars(namespace).values()
                if isinstance(v, type) and getattr(v, "name", None) == kind)()


def whole(sentences: list[str], units: list[str]) -> float:
    """Share of ``sentences`` that one unit holds."""
    squashed = "\n".join(" ".join(u.split()) for u in units)
    return sum(s in squashed for s in sentences) / max(len(sentences), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO_ROOT.parent / "shared")
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--paragraphs", type=int, default=600)
    args = parser.parse_args()
    if not (args.shared / "samples").is_dir():
        parser.exit(1, f"{args.shared} not found: pass --shared DIR\n")
    from translator.files.formats import FormatOptions, get_format
    from translator.text.segment import split_sentences

    rng = random.Random(args.seed)
    texts = paragraphs(args.shared, args.paragraphs)
    marked = [mark_up(t, rng) for t in texts]
    flagged = [len(m) > 1 for m in marked]
    split = [[" ".join(s.split()) for s in split_sentences(t)] for t in texts]
    every = [s for ss in split for s in ss]
    in_marked = [s for ss, f in zip(split, flagged) for s in ss if f]
    before = [t.strip() for pieces in marked for _, t in pieces]  # cut at every tag/run/span
    print(f"{len(texts)} paragraphs ({sum(flagged)} with inline markup mid-sentence), "
          f"{len(every)} sentences ({len(in_marked)} in paragraphs with markup)")
    print(f"{'format':<14}{'all sentences: before':>24}{'after':>8}"
          f"{'marked-up paragraphs: before':>32}{'after':>8}")
    builds = [(f"html {s}", "html", lambda m, s=s: build_html(m, s))
              for s in ("kompas", "detik", "tempo")]
    builds += [("md", "md", build_md), ("docx", "docx", build_docx), ("odt", "odt", build_odt),
               ("epub", "epub", build_epub)]
    for name, kind, build in builds:
        data = build(marked)
        units = get_format(kind).extract(data, source=f"b.{kind}",
                                         options=FormatOptions()).units
        old = old_format(kind)
        cut = before if old is None else old.extract(data, source=f"b.{kind}",
                                                     options=FormatOptions()).units
        print(f"{name:<14}{whole(every, cut):>24.1%}{whole(every, units):>8.1%}"
              f"{whole(in_marked, cut):>32.1%}{whole(in_marked, units):>8.1%}")


if __name__ == "__main__":
    main()
