"""LibreTranslate's ``/suggest``: a better translation, stored in the server's translation memory.

``q`` (the source), ``s`` (the suggested translation), ``source`` and ``target``, as a form
or JSON. With a memory (``translator serve --memory FILE``) the pair is added to it and to
its file at once (locked, atomic), so the next ``/translate`` of ``q`` answers ``s`` and the
pair is on disk when the server stops. Without one the answer is LibreTranslate's HTTP 403
for disabled suggestions, with the fix.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from translator.api.protection import ApiError
from translator.api.service import check_chars, check_pair, missing

#: LibreTranslate's answer when suggestions are disabled, and how to enable them here.
DISABLED = ("Suggestions are disabled on this server. Fix: start it with a translation "
            "memory to store them in: translator serve --memory tm.tmx (or python app.py "
            "--memory tm.tmx).")

# Characters XML 1.0 (so TMX) cannot hold: C0 controls but tab/LF/CR, lone surrogates,
# U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(params: Mapping[str, Any], name: str) -> str:
    value = params.get(name)
    if value is None or value == "":
        raise missing(name)
    if not isinstance(value, str):
        raise ApiError(400, f"Invalid request: {name} must be a string")
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if not value.strip():
        raise missing(name)
    bad = _NOT_XML.search(value)
    if bad:
        raise ApiError(400, f"Invalid request: {name} holds the control character "
                            f"U+{ord(bad.group()):04X}, which a translation memory cannot "
                            "store. Remove it and send the suggestion again.")
    return value


def parse_suggest(params: Mapping[str, Any], *, char_limit: int) -> tuple[str, str]:
    """The checked ``(q, s)`` of a ``/suggest`` request.

    Raises:
        ApiError: 400 with LibreTranslate's messages (missing parameter, unsupported pair,
            over the character limit), or for text a memory file cannot hold.
    """
    q = _text(params, "q")
    s = _text(params, "s")
    check_pair(params.get("source"), params.get("target"))
    check_chars(len(q) + len(s), char_limit)
    return q, s
