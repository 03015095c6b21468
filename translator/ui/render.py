"""HTML pieces of the web app: status line, progress bar, side-by-side table.

Every piece of user or model text goes through :func:`html.escape`.
"""

from __future__ import annotations

from html import escape

from translator.results import FLAG_REASONS, Document, Sentence

#: Show a progress bar from this many sentences on.
PROGRESS_MIN_SENTENCES = 12


def plural(count: int, noun: str) -> str:
    """``1 paragraph``, ``2 paragraphs``, ``1,234 sentences``."""
    return f"{count:,} {noun}" + ("" if count == 1 else "s")


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
        f'<progress class="it-progress" value="{done}" max="{total}" '
        f'aria-label="Translation progress"></progress></div>'
    )


def finished(doc: Document, *, seconds: float) -> str:
    """Status after a translation: counts, time, and a warning about flagged sentences."""
    sentences = doc.sentences
    flagged = sum(1 for s in sentences if s.flags)
    text = (
        f"Done: {plural(len(doc.paragraphs), 'paragraph')}, "
        f"{plural(len(sentences), 'sentence')} in {seconds:.1f} s."
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
    summary = f"{plural(len(doc.paragraphs), 'paragraph')}, {plural(len(sentences), 'sentence')}"
    if flagged:
        summary += f", {flagged} flagged"
    rows = [
        f'<div class="it-summary">{escape(summary)}</div>',
        '<table class="it-side"><thead><tr><th class="it-num" scope="col">#</th>'
        '<th scope="col">Indonesian</th><th scope="col">English</th></tr></thead><tbody>',
    ]
    number = 0
    for p, paragraph in enumerate(doc.paragraphs, 1):
        rows.append(
            f'<tr class="it-para"><td colspan="3">Paragraph {p}</td></tr>'
        )
        for sentence in paragraph.sentences:
            number += 1
            marks = "".join(
                f'<div class="it-flag">⚠ {escape(reason)}</div>' for reason in _reasons(sentence)
            )
            cls = ' class="it-flagged"' if sentence.flags else ""
            alternatives = sentence.alternatives
            if alternatives:
                items = "".join(f"<li>{escape(alt)}</li>" for alt in alternatives)
                marks += (f'<details class="it-alts"><summary>'
                          f"{plural(len(alternatives), 'alternative')}</summary>"
                          f"<ol>{items}</ol></details>")
            rows.append(
                f"<tr{cls}><td class=\"it-num\">{number}</td>"
                f'<td class="it-src" lang="id" data-label="Indonesian">'
                f"{escape(sentence.source)}</td>"
                f'<td class="it-tgt" lang="en" data-label="English">'
                f"{escape(sentence.translation)}{marks}</td></tr>"
            )
    rows.append("</tbody></table>")
    return "".join(rows)


def _reasons(sentence: Sentence) -> tuple[str, ...]:
    """Why a sentence is flagged: its own reasons, else the known text of each flag."""
    if len(sentence.reasons) == len(sentence.flags):
        return sentence.reasons
    return tuple(FLAG_REASONS.get(flag, flag) for flag in sentence.flags)


#: Styles of the page: the pieces above, light and dark (``.dark`` follows the system
#: setting), and the phone layout (narrow screens stack what sits side by side).
CSS = """
.it-status { padding: 6px 10px; border-radius: 6px; margin: 2px 0; }
.it-info { background: var(--block-background-fill); }
.it-hint { color: var(--body-text-color-subdued); }
.it-ok { background: #e8f5e9; color: #1b5e20; }
.it-warn { background: #fff4e5; color: #7a4100; }
.it-error { background: #fdecea; color: #8e1b10; border: 1px solid #f5c2bd; }
.dark .it-ok { background: #173a1b; color: #c8e6c9; }
.dark .it-warn { background: #3d2a0b; color: #ffe0b2; }
.dark .it-error { background: #4a1410; color: #ffcdd2; border-color: #8e1b10; }
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
table.it-side tr.it-flagged td { background: #fff4e5; color: #3b2500; }
.dark table.it-side tr.it-flagged td { background: #3d2a0b; color: #fff3e0; }
.it-alts { margin-top: 4px; font-size: 0.9em; }
.it-alts summary { cursor: pointer; color: var(--body-text-color-subdued); }
.it-alts ol { margin: 4px 0 0 1.2em; padding: 0; }
.it-flag { margin-top: 4px; color: #7a4100; font-size: 0.85em; font-weight: 600; }
.dark .it-flag { color: #ffe0b2; }
#it-count { font-size: 0.9em; }
#it-count .it-over { color: #b3261e; font-weight: 600; }
.dark #it-count .it-over { color: #ffb4ab; }
#it-title h1 { font-size: 1.6em; margin: 0.2em 0; }
button[role="tab"].selected { color: var(--primary-700) !important; }
.dark button[role="tab"].selected { color: var(--primary-300) !important; }
#it-source textarea, #it-output textarea { max-height: 60vh; overflow-y: auto !important; }
@media (max-width: 640px) {
  #it-source textarea, #it-output textarea { max-height: 35vh; }
  #it-status { order: -1; }
  table.it-side thead { display: none; }
  table.it-side { border: none; }
  table.it-side, table.it-side tbody, table.it-side tr, table.it-side td {
    display: block; width: auto; }
  table.it-side tr { border: 1px solid var(--border-color-primary); margin-bottom: 8px; }
  table.it-side tr.it-para { border: none; margin: 12px 0 4px; }
  table.it-side tr.it-para td { background: none; padding-left: 0; }
  table.it-side td, table.it-side th.it-num, table.it-side td.it-num {
    border: none; width: auto; text-align: left; }
  table.it-side td.it-num { font-size: 0.85em; padding-bottom: 0; }
  table.it-side td.it-num::before { content: "Sentence "; }
  table.it-side td[data-label]::before { content: attr(data-label); display: block;
    font-size: 0.8em; font-weight: 600; color: var(--body-text-color-subdued); }
}
"""
