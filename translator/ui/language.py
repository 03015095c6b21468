"""The page's warning for a text that is clearly not Indonesian (offline language id)."""

from __future__ import annotations

import logging

from translator.errors import TranslatorError
from translator.ui import render

logger = logging.getLogger(__name__)

_MISSING: list[str] = []  # why there are no warnings (said once per process)


def language_warning(text: object) -> str:
    """HTML warning when ``text`` is clearly not Indonesian ("" otherwise).

    Shown as soon as the text is pasted, before anyone waits for a translation. Uses
    the offline identifier of :mod:`translator.text.langid` (its model ships in the
    package); short or mixed texts get no verdict, so no warning.
    """
    if not isinstance(text, str) or not text.strip():
        return ""
    from translator.text import langid

    try:
        verdict = langid.not_indonesian(text)
    except TranslatorError as exc:  # py3langid not installed: no warnings, say why once
        if not _MISSING:
            logger.warning("no language warnings on the page: %s", exc)
            _MISSING.append(str(exc))
        return ""
    if verdict is None:
        return ""
    return render.status(
        f"This looks like {verdict.name} ({verdict.confidence:.0f}% sure), not "
        "Indonesian. The translator only translates from Indonesian, so the English "
        "may be poor. Paste an Indonesian text, or translate anyway.", kind="warn")
