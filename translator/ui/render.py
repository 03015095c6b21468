"""HTML pieces of the web app: status line, progress bar, side-by-side table.

Every piece of user or model text goes through :func:`html.escape`.
"""

from __future__ import annotations

from html import escape

from translator.results import Document
from translator.ui import sidebyside
from translator.ui.sidebyside import plural, side_by_side

__all__ = ["plural", "side_by_side"]

#: Show a progress bar from this many sentences on.
PROGRESS_MIN_SENTENCES = 12


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


def progress_file(name: str, done: int, total: int) -> str:
    """Status of a file under way: its name, sentences done of total, and a bar."""
    text = f"Translating {name}… {done} of {total} sentences done"
    return (
        f'<div class="it-status it-info">{escape(text)}'
        f'<progress class="it-progress" value="{done}" max="{total}" '
        f'aria-label="Progress of {escape(name, quote=True)}"></progress></div>'
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
table.it-side tr.it-flagged td.it-src { background: #fff4e5; color: #3b2500; }
table.it-side tr.it-flagged td.it-num { background: #fff4e5; color: #3b2500; }
.dark table.it-side tr.it-flagged td.it-src { background: #3d2a0b; color: #fff3e0; }
.dark table.it-side tr.it-flagged td.it-num { background: #3d2a0b; color: #fff3e0; }
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
""" + sidebyside.CSS
