"""The page's JavaScript: what runs in the browser, without a round trip to the server.

Accessibility attributes Gradio has no option for, the input kept across reloads and in
share links, the counter against the limit, and small layout moves on phones.
"""

from __future__ import annotations

#: Where the browser keeps the input across reloads.
STORAGE_KEY = "indo-translator:text"

#: Runs once when the page loads: accessibility attributes Gradio has no option for
#: (read-only output, live status region), the Ctrl+Enter shortcut, and the text kept
#: across reloads (a ``#text=`` share link wins over the browser's stored copy).
PAGE_JS = """
() => {
  const KEY = '%(key)s';
  const fix = () => {
    for (const id of ['it-status', 'it-language']) {
      const region = document.getElementById(id);
      if (region && region.getAttribute('aria-live') !== 'polite') {
        region.setAttribute('role', 'status');
        region.setAttribute('aria-live', 'polite');
      }
    }
    const out = document.querySelector('#it-output textarea');
    if (out && !out.readOnly) { out.readOnly = true; out.setAttribute('aria-readonly', 'true'); }
    // Gradio's empty-file placeholder: an aria-label on a plain div (not allowed there).
    document.querySelectorAll('div.empty[aria-label]:not([role])')
      .forEach((el) => el.removeAttribute('aria-label'));
  };
  new MutationObserver(fix).observe(document.body, {childList: true, subtree: true});
  fix();
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
      const button = document.getElementById('it-translate');
      if (button) { event.preventDefault(); button.click(); }
    }
  });
  // Review: edits of the Side by side view go to the hidden #it-edits box (JSON of
  // sentence number -> English) whose input event sends them to the server.
  let editTimer = null;
  const sendEdits = () => {
    const hidden = document.querySelector('#it-edits textarea');
    if (!hidden) return;
    const edits = {};
    document.querySelectorAll('textarea.it-edit').forEach((box) => {
      const changed = box.value !== box.dataset.orig;
      if (changed) edits[box.dataset.i] = box.value;
      const row = box.closest('tr');
      if (row) row.classList.toggle('it-is-edited', changed);
    });
    hidden.value = JSON.stringify(edits);
    hidden.dispatchEvent(new Event('input', {bubbles: true}));
  };
  document.addEventListener('input', (event) => {
    if (event.target.matches && event.target.matches('textarea.it-edit')) {
      clearTimeout(editTimer);
      editTimer = setTimeout(sendEdits, 250);
    }
  });
  document.addEventListener('click', (event) => {
    const use = event.target.closest && event.target.closest('button.it-use');
    if (!use) return;
    const box = document.querySelector(`textarea.it-edit[data-i="${use.dataset.i}"]`);
    if (box) {
      box.value = use.dataset.text;
      box.dispatchEvent(new Event('input', {bubbles: true}));
      box.focus();
    }
  });
  let tries = 0;
  const restore = () => {
    const box = document.querySelector('#it-source textarea');
    if (!box) { if (tries++ < 100) setTimeout(restore, 100); return; }
    let text = null;
    if (location.hash.startsWith('#text=')) {
      try { text = decodeURIComponent(location.hash.slice(6)); } catch (e) { text = null; }
    }
    if (text === null) { try { text = localStorage.getItem(KEY); } catch (e) { text = null; } }
    if (text && !box.value) {
      box.value = text;
      box.dispatchEvent(new Event('input', {bubbles: true}));
    }
  };
  restore();
}
"""

#: On every change of the input: the counter against the limit, Translate disabled (with
#: the reason) past it, and the text kept in the browser for the next visit.
COUNT_JS = """
(text) => {
  const max = %(max)d, ready = %(ready)s;
  text = text || '';
  try { localStorage.setItem('%(key)s', text); } catch (e) {}
  if (location.hash.startsWith('#text=')) {
    let shared = null;
    try { shared = decodeURIComponent(location.hash.slice(6)); } catch (e) {}
    if (shared !== text) history.replaceState(null, '', location.href.split('#')[0]);
  }
  const chars = text.length;
  const words = text.trim() ? text.trim().split(/\\s+/).length : 0;
  const over = chars > max;
  const button = document.getElementById('it-translate');
  if (button) {
    button.disabled = over || !ready;
    if (over) button.setAttribute('aria-describedby', 'it-count');
    else button.removeAttribute('aria-describedby');
  }
  const fmt = (n) => n.toLocaleString('en');
  const noun = words === 1 ? 'word' : 'words';
  let html = `${fmt(chars)} / ${fmt(max)} characters · ${fmt(words)} ${noun}`;
  if (over) {
    html += `<span class="it-over"> · ${fmt(chars - max)} over the limit: shorten the text, ` +
            `or split it into parts and translate them one by one.</span>`;
  }
  return html;
}
"""

#: "Share link": the text goes into the page address (``#text=...``) and the clipboard.
SHARE_JS = """
(text) => {
  if (!(text || '').trim()) return 'Type or paste a text first: the link carries the text.';
  const url = location.href.split('#')[0] + '#text=' + encodeURIComponent(text);
  history.replaceState(null, '', url);
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(url).catch(() => {});
    return 'Link copied: it opens this page with the text in the box (also in the address bar).';
  }
  return 'The link is in the address bar: copy it from there. It opens this page with the text.';
}
"""

#: Before a translation starts: on a phone, bring the status and output into view.
TRANSLATE_JS = """
(...args) => {
  if (window.matchMedia('(max-width: 640px)').matches) {
    const status = document.getElementById('it-status');
    if (status) status.scrollIntoView({block: 'start'});
  }
  return args;
}
"""

#: Clear also forgets a shared text in the address.
CLEAR_JS = """
() => { history.replaceState(null, '', location.href.split('#')[0]); return []; }
"""
