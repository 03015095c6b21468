"""Share of sentences that reach the model whole in .docx and .pptx files, before and after.

Builds a Word document and a presentation from real Indonesian sentences (the news
sentences of ``../shared/data/ud-id-dev/id_csui-ud-train.conllu``, three to a paragraph,
and the article ``../shared/samples/vov-imcwp17.id.txt``), with a bold phrase and a
hyperlink put on words inside sentences (seeded, about as often as on news pages). Then
counts the sentences that lie inside one unit sent to the model:

* before: one unit per formatting group (what docx did until the Office rework: the text
  was cut at every change of formatting, and hyperlinks were not read at all);
* after: one unit per paragraph stretch (the text between tabs and line breaks).

Usage (from the repository root)::

    python benchmarks/office_sentences_whole.py [--paragraphs 200] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import io
import random
import sys
from pathlib import Path
from xml.sax.saxutils import escape

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from translator.files.formats import docx as docx_format  # noqa: E402
from translator.files.formats.ooxml import (  # noqa: E402
    Package,
    drawingml_items,
    drawingml_paragraphs,
    stretches,
)
from translator.text.segment import sentence_spans  # noqa: E402

SHARED = REPO_ROOT.parent / "shared"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def paragraphs(limit: int, shared: Path) -> list[list[str]]:
    """Paragraphs as lists of sentences."""
    sentences = [line[len("# text = "):].strip() for line in
                 (shared / "data/ud-id-dev/id_csui-ud-train.conllu").read_text().splitlines()
                 if line.startswith("# text = ")]
    out = [sentences[i : i + 3] for i in range(0, len(sentences) - 2, 3)]
    article = (shared / "samples/vov-imcwp17.id.txt").read_text()
    out += [[s] for block in article.split("\n\n") if (s := " ".join(block.split()))]
    return out[:limit]


def pieces(sentences: list[str], rng: random.Random) -> list[tuple[str, str]]:
    """A paragraph as (text, kind) pieces: kind "", "bold" or "link" on words mid-sentence."""
    words = " ".join(sentences).split(" ")
    kinds = [""] * len(words)
    for kind, chance, length in (("bold", 0.5, 3), ("link", 0.4, 4)):
        if rng.random() < chance and len(words) > length + 2:
            start = rng.randrange(1, len(words) - length)
            for i in range(start, start + rng.randint(1, length)):
                kinds[i] = kinds[i] or kind
    out: list[tuple[str, str]] = []
    for i, (word, kind) in enumerate(zip(words, kinds)):
        text = word + (" " if i < len(words) - 1 else "")
        if out and out[-1][1] == kind:
            out[-1] = (out[-1][0] + text, kind)
        else:
            out.append((text, kind))
    return out


def build_docx(paras: list[list[tuple[str, str]]]) -> bytes:
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    for para in paras:
        paragraph = document.add_paragraph()
        for text, kind in para:
            if kind == "link":
                rid = document.part.relate_to("https://contoh.id", RELATIONSHIP_TYPE.HYPERLINK,
                                              is_external=True)
                paragraph._p.append(parse_xml(
                    f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t '
                    f'xml:space="preserve">{escape(text)}</w:t></w:r></w:hyperlink>'))
            else:
                paragraph.add_run(text).bold = kind == "bold" or None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def build_pptx(paras: list[list[tuple[str, str]]]) -> bytes:
    import pptx
    from pptx.util import Inches

    presentation = pptx.Presentation()
    for start in range(0, len(paras), 5):
        slide = presentation.slides.add_slide(presentation.slide_layouts[6])
        frame = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(8), Inches(5)).text_frame
        for i, para in enumerate(paras[start : start + 5]):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            for text, kind in para:
                run = paragraph.add_run()
                run.text = text
                if kind == "bold":
                    run.font.bold = True
                elif kind == "link":
                    run.hyperlink.address = "https://contoh.id"
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def whole_share(stretch_lists: list[list[list[list[str]]]]) -> tuple[int, int, int]:
    """(sentences, whole before, whole after) over paragraphs given as stretches of groups."""
    total = before = after = 0
    for stretch_list in stretch_lists:
        for groups in stretch_list:
            texts = ["".join(groups_text) for groups_text in groups]
            text = "".join(texts)
            cuts, pos = set(), 0
            for t in texts[:-1]:
                pos += len(t)
                cuts.add(pos)
            for start, end in sentence_spans(text):
                total += 1
                after += 1
                before += not any(start < c < end for c in cuts)
    return total, before, after


def docx_stretches(data: bytes) -> list:
    package = Package(data, source="b.docx", kind=".docx")
    root = package.parse("word/document.xml")
    return [[[[e.text or "" for e in g] for g in groups]
             for groups in stretches(docx_format._paragraph_items(p))]
            for p in root.iter(f"{{{W}}}p")]


def pptx_stretches(data: bytes) -> list:
    package = Package(data, source="b.pptx", kind=".pptx")
    out = []
    for member in package.parts("presentationml.slide+xml"):
        for p in drawingml_paragraphs(package.parse(member)):
            out.append([[[e.text or "" for e in g] for g in groups]
                        for groups in stretches(drawingml_items(p))])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=200)
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared data folder")
    args = parser.parse_args()
    rng = random.Random(19)
    paras = [pieces(p, rng) for p in paragraphs(args.paragraphs, args.shared)]
    for name, data, read in (("docx", build_docx(paras), docx_stretches),
                             ("pptx", build_pptx(paras), pptx_stretches)):
        total, before, after = whole_share(read(data))
        print(f"{name}: {total} sentences; reach the model whole: before {before / total:.1%}"
              f" (cut at every formatting change), after {after / total:.1%}")


if __name__ == "__main__":
    main()
