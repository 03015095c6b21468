"""HTML pieces of the web app: status line, progress bar, side-by-side table.

Every piece of user or model text goes through :func:`html.escape`.
"""

from __future__ import annotations

from html import escape

from translator.layout import Layout
from translator.results import REPETITION, TRUNCATED, Document

#: Why a flagged sentence is marked, as the reader sees it.
FLAG_REASONS = {
    TRUNCATED: "truncated: the translation reached its length limit and may be cut off",
    REPETITION: "repetition: the translation repeats itself; check it against the source",
}

#: Show a progress bar from this many sentences on.
PROGRESS_MIN_SENTENCES = 12


def partial_translation(layout: Layout, translations: list[str]) -> str:
    """The translated paragraphs so far, joined with the source's separators.

    With every paragraph present this equals ``layout.render(translations)``.
    """
    if len(translations) == len(layout.blocks):
        return layout.render(translations)
    out = [layout.separators[0]]
    for i, block in enumerate(translations):
        if i:
            out.append(layout.separators[i])
        out.append(block)
    return "".join(out)


def status(message: str, *, kind: str = "info") -> str:
    """A one-line status message; ``kind`` is info, hint, ok, warn or error."""
    return f'<div class="it-status it-{escape(kind)}">{escape(message)}</div>'


def error_panel(message: str) -> str:
    """A visible error box: the first line as its title, the rest (places tried, fix) below."""
    first, _, rest = message.partition("\n")
    body = f"<pre>{escape(rest)}</pre>" if rest.strip() else ""
    return f'<div class="it-status it-error"><strong>{escape(first)}</strong>{body}</div>'


def progress(done: int, total: int) -> str:
    """Status for a translation under way: sentences done of total, with a bar if long."""
    text = f"Translating… {done} of {total} sentences done"
    if total < PROGRESS_MIN_SENTENCES:
        return status(text)
    return (
        f'<div class="it-status it-info">{escape(text)}'
        f'<progress class="it-progress" value="{done}" max="{total}"></progress></div>'
    )


def finished(doc: Document, *, seconds: float) -> str:
    """Status after a translation: counts, time, and a warning about flagged sentences."""
    sentences = doc.sentences
    flagged = sum(1 for s in sentences if s.flags)
    text = (
        f"Done: {len(doc.paragraphs)} paragraphs, {len(sentences)} sentences "
        f"in {seconds:.1f} s."
    )
    if flagged:
        text += f" {flagged} flagged; see the side-by-side view."
        return status(text, kind="warn")
    return status(text, kind="ok")


def side_by_side(doc: Document | None) -> str:
    """The document as a table: paragraph by paragraph, sentence by sentence.

    Source on the left, translation on the right; a flagged sentence's row is marked and
    says why.
    """
    if doc is None or not doc.paragraphs:
        return status("Translate a text to compare it here sentence by sentence.", kind="hint")
    sentences = doc.sentences
    flagged = sum(1 for s in sentences if s.flags)
    summary = f"{len(doc.paragraphs)} paragraphs, {len(sentences)} sentences"
    if flagged:
        summary += f", {flagged} flagged"
    rows = [
        f'<div class="it-summary">{escape(summary)}</div>',
        '<table class="it-side"><thead><tr><th class="it-num">#</th>'
        "<th>Indonesian</th><th>English</th></tr></thead><tbody>",
    ]
    number = 0
    for p, paragraph in enumerate(doc.paragraphs, 1):
        rows.append(
            f'<tr class="it-para"><td colspan="3">Paragraph {p}</td></tr>'
        )
        for sentence in paragraph.sentences:
            number += 1
            marks = "".join(
                f'<div class="it-flag">⚠ {escape(FLAG_REASONS.get(flag, flag))}</div>'
                for flag in sentence.flags
            )
            cls = ' class="it-flagged"' if sentence.flags else ""
            rows.append(
                f"<tr{cls}><td class=\"it-num\">{number}</td>"
                f'<td class="it-src">{escape(sentence.source)}</td>'
                f'<td class="it-tgt">{escape(sentence.translation)}{marks}</td></tr>'
            )
    rows.append("</tbody></table>")
    return "".join(rows)


#: Styles for the pieces above (passed to the Gradio page).
CSS = """
.it-status { padding: 6px 10px; border-radius: 6px; margin: 2px 0; }
.it-info { background: var(--block-background-fill); }
.it-hint { color: var(--body-text-color-subdued); }
.it-ok { background: #e8f5e9; color: #1b5e20; }
.it-warn { background: #fff4e5; color: #8a4b00; }
.it-error { background: #fdecea; color: #8e1b10; border: 1px solid #f5c2bd; }
.it-error pre { white-space: pre-wrap; margin: 6px 0 0; font-size: 0.9em; }
.it-progress { display: block; width: 100%; height: 10px; margin-top: 4px; }
.it-summary { margin: 4px 0 8px; color: var(--body-text-color-subdued); }
table.it-side { width: 100%; border-collapse: collapse; table-layout: fixed; }
table.it-side th, table.it-side td {
  border: 1px solid var(--border-color-primary); padding: 6px 8px; vertical-align: top;
  white-space: pre-wrap; overflow-wrap: anywhere; }
table.it-side th.it-num, table.it-side td.it-num { width: 3em; text-align: right; }
table.it-side tr.it-para td { background: var(--block-background-fill);
  font-weight: 600; font-size: 0.85em; }
table.it-side tr.it-flagged td { background: #fff4e5; }
.it-flag { margin-top: 4px; color: #8a4b00; font-size: 0.85em; font-weight: 600; }
#it-count { color: var(--body-text-color-subdued); font-size: 0.9em; }
"""
