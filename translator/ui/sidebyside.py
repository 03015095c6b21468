"""The Side by side view: every sentence with its source, editable English and review aids.

Each English sentence is a labelled ``<textarea>`` (keyboard accessible; the page's script
sends the edits to the server). Beside it: where the English comes from (model or memory),
the confidence level (shaded, with an icon and a word, never colour alone; a legend above),
glossary terms applied or missed, flags with their reasons, fuzzy suggestions from the
memory and the model's alternatives. Every piece of user or model text is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from translator.results import FLAG_REASONS, MEMORY, Document, Sentence
from translator.ui.review import LEVELS, UNSCORED, least_confident, level

#: Orders of the table: the document's, or the least confident sentences first.
DOCUMENT_ORDER = "Document order"
CONFIDENCE_ORDER = "Least confident first"
ORDERS = (DOCUMENT_ORDER, CONFIDENCE_ORDER)


def plural(count: int, noun: str) -> str:
    """``1 paragraph``, ``2 paragraphs``, ``1,234 sentences``."""
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


def hint(message: str) -> str:
    """A hint line (nothing to show yet)."""
    return f'<div class="it-status it-hint">{escape(message)}</div>'


def legend() -> str:
    """The confidence legend: icon, word and shading of each level."""
    items = "".join(
        f'<li class="it-c-{lv.name}"><span aria-hidden="true">{lv.icon}</span> {lv.label}</li>'
        for lv in (*LEVELS, UNSCORED)
    )
    return f'<ul class="it-legend" aria-label="Confidence levels">{items}</ul>'


def side_by_side(doc: Document | None, *, edits: Mapping[int, str] | None = None,
                 order: str = DOCUMENT_ORDER) -> str:
    """The document as a table, sentence by sentence, with its review aids.

    Args:
        doc: The translated document (None: a hint to translate first).
        edits: The reviewer's edits so far (sentence number -> English), shown in the boxes.
        order: :data:`DOCUMENT_ORDER` (paragraph by paragraph) or :data:`CONFIDENCE_ORDER`.
    """
    if doc is None or not doc.paragraphs:
        return hint("Translate a text to compare it here sentence by sentence.")
    edits = edits or {}
    sentences = doc.sentences
    flagged = sum(1 for s in sentences if s.flags)
    memory = sum(1 for s in sentences if s.origin == MEMORY)
    summary = f"{plural(len(doc.paragraphs), 'paragraph')}, {plural(len(sentences), 'sentence')}"
    if flagged:
        summary += f", {flagged} flagged"
    if memory:
        summary += f", {memory} from the translation memory"
    head = [f'<div class="it-summary">{escape(summary)}</div>']
    scored = any(s.confidence is not None for s in sentences)
    if scored:
        head.append(legend())
        worst = [(i, s) for i, s in least_confident(doc, 3) if level(s) is not LEVELS[0]]
        if not worst:
            head.append('<div class="it-jump">Every scored sentence is high confidence.</div>')
        else:
            links = ", ".join(
                f'<a href="#it-e{i + 1}">sentence {i + 1}{_percent(s)}</a>' for i, s in worst)
            head.append(f'<div class="it-jump">Least confident: {links}</div>')
    rows = [
        '<table class="it-side"><thead><tr><th class="it-num" scope="col">#</th>'
        '<th scope="col">Indonesian</th><th scope="col">English (editable)</th></tr></thead>'
        "<tbody>",
    ]
    numbered = list(enumerate(sentences))
    if order == CONFIDENCE_ORDER:
        ranked = least_confident(doc, len(sentences))
        seen = {i for i, _ in ranked}
        for i, sentence in ranked + [(i, s) for i, s in numbered if i not in seen]:
            rows.append(_row(i, sentence, edits))
    else:
        number = 0
        for p, paragraph in enumerate(doc.paragraphs, 1):
            rows.append(f'<tr class="it-para"><td colspan="3">Paragraph {p}</td></tr>')
            for sentence in paragraph.sentences:
                rows.append(_row(number, sentence, edits))
                number += 1
    rows.append("</tbody></table>")
    return "".join(head + rows)


def _percent(sentence: Sentence) -> str:
    return f" ({sentence.confidence:.0%})" if sentence.confidence is not None else ""


def _row(i: int, sentence: Sentence, edits: Mapping[int, str]) -> str:
    n = i + 1
    lv = level(sentence)
    text = edits.get(i, sentence.translation)
    origin = "Memory" if sentence.origin == MEMORY else "Model"
    meta = (f'<span class="it-origin it-origin-{escape(sentence.origin)}">{origin}</span> '
            f'<span class="it-level"><span aria-hidden="true">{lv.icon}</span> '
            f"{lv.label}{_percent(sentence)}</span>")
    meta += ' <span class="it-edited">Edited</span>'  # shown while the row is edited
    marks = "".join(f'<div class="it-flag">⚠ {escape(r)}</div>' for r in _reasons(sentence))
    if sentence.terms:
        items = "".join(
            f"<li>{'✓' if t.applied else '⚠'} {escape(t.source)} → {escape(t.target)}"
            f"{'' if t.applied else ' (not in the translation)'}</li>"
            for t in sentence.terms)
        marks += f'<div class="it-terms">Glossary:<ul>{items}</ul></div>'
    if sentence.suggestions:
        items = "".join(
            f'<li><span class="it-score">{s.score:.0%}</span> · {escape(s.origin)}: '
            f'<span lang="en">{escape(s.target)}</span> '
            f'<span class="it-sugsrc">(for “<span lang="id">{escape(s.source)}</span>”)'
            f'</span> <button type="button" class="it-use" data-i="{i}" '
            f'data-text="{escape(s.target, quote=True)}">Use</button></li>'
            for s in sentence.suggestions)
        marks += (f'<details class="it-sugs" open><summary>'
                  f"{plural(len(sentence.suggestions), 'suggestion')} from the memory"
                  f"</summary><ul>{items}</ul></details>")
    if sentence.alternatives:
        items = "".join(f"<li>{escape(alt)}</li>" for alt in sentence.alternatives)
        marks += (f'<details class="it-alts"><summary>'
                  f"{plural(len(sentence.alternatives), 'alternative')}</summary>"
                  f"<ol>{items}</ol></details>")
    cls = f"it-c-{lv.name}" + (" it-flagged" if sentence.flags else "")
    if text != sentence.translation:
        cls += " it-is-edited"
    lines = max(1, min(8, len(text) // 60 + 1 + text.count("\n")))
    return (
        f'<tr id="it-s{n}" class="{cls}"><td class="it-num">{n}</td>'
        f'<td class="it-src" lang="id" data-label="Indonesian">{escape(sentence.source)}</td>'
        f'<td class="it-tgt" data-label="English">'
        f'<textarea id="it-e{n}" class="it-edit" data-i="{i}" lang="en" rows="{lines}" '
        f'aria-label="English of sentence {n}" '
        f'data-orig="{escape(sentence.translation, quote=True)}">{escape(text)}</textarea>'
        f'<div class="it-meta">{meta}</div>{marks}</td></tr>'
    )


def _reasons(sentence: Sentence) -> tuple[str, ...]:
    """Why a sentence is flagged: its own reasons, else the known text of each flag."""
    if len(sentence.reasons) == len(sentence.flags):
        return sentence.reasons
    return tuple(FLAG_REASONS.get(flag, flag) for flag in sentence.flags)


#: Styles of the view, light and dark; shading is a background and a left border, and
#: every level also has its icon and word.
CSS = """
.it-legend { display: flex; flex-wrap: wrap; gap: 6px 10px; list-style: none; padding: 0;
  margin: 4px 0 8px; font-size: 0.9em; }
.it-legend li { padding: 2px 8px; border-radius: 4px; border-left: 6px solid transparent; }
.it-jump { margin: 0 0 8px; }
#it-order label.selected { background: var(--primary-700) !important; color: white !important; }
#it-order label.selected span { color: white !important; }
.it-c-high td.it-tgt { border-left: 6px solid #2e7d32; }
.it-legend li.it-c-high { border-left: 6px solid #2e7d32; }
.it-c-medium td.it-tgt { background: #fff8e1; color: #3b2f00; border-left: 6px solid #b28704; }
.it-legend li.it-c-medium { background: #fff8e1; color: #3b2f00;
  border-left: 6px solid #b28704; }
.it-c-low td.it-tgt { background: #fdecea; color: #5f1a12; border-left: 6px dashed #b3261e; }
.it-legend li.it-c-low { background: #fdecea; color: #5f1a12; border-left: 6px dashed #b3261e; }
.it-c-none td.it-tgt { border-left: 6px dotted #757575; }
.it-legend li.it-c-none { border-left: 6px dotted #757575; }
.dark .it-c-high td.it-tgt { border-left-color: #81c784; }
.dark .it-legend li.it-c-high { border-left-color: #81c784; }
.dark .it-c-medium td.it-tgt { background: #3a3000; color: #fff3c4; border-left-color: #ffd54f; }
.dark .it-legend li.it-c-medium { background: #3a3000; color: #fff3c4;
  border-left-color: #ffd54f; }
.dark .it-c-low td.it-tgt { background: #4a1410; color: #ffdad4; border-left-color: #ff8a80; }
.dark .it-legend li.it-c-low { background: #4a1410; color: #ffdad4; border-left-color: #ff8a80; }
.dark .it-c-none td.it-tgt { border-left-color: #bdbdbd; }
.dark .it-legend li.it-c-none { border-left-color: #bdbdbd; }
textarea.it-edit { width: 100%; box-sizing: border-box; font: inherit; resize: vertical;
  color: var(--body-text-color); background: var(--input-background-fill);
  border: 1px solid var(--border-color-primary); border-radius: 4px; padding: 4px 6px; }
textarea.it-edit:focus { outline: 2px solid var(--color-accent); outline-offset: 1px; }
.it-meta { margin-top: 4px; font-size: 0.85em; display: flex; flex-wrap: wrap; gap: 6px; }
.it-origin, .it-edited { padding: 0 6px; border-radius: 8px; font-weight: 600;
  border: 1px solid currentColor; }
tr:not(.it-is-edited) .it-edited { display: none; }
.it-terms ul, .it-sugs ul { margin: 2px 0 0 1.2em; padding: 0; }
.it-terms, .it-sugs { margin-top: 4px; font-size: 0.9em; }
.it-sugs summary { cursor: pointer; }
.it-score { font-weight: 600; }
.it-use { margin-left: 4px; padding: 0 8px; border: 1px solid currentColor; border-radius: 4px;
  background: transparent; color: inherit; cursor: pointer; }
.it-use:focus { outline: 2px solid var(--color-accent); }
"""
