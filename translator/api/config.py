"""The API server's limits and API keys.

The keys file has one key per line, optionally followed by that key's own request limit
per minute and character limit (``-`` keeps the server's); blank lines and ``#`` comments
are ignored::

    # key                                 req/min  chars
    3f1c9a52-0d0e-4a8e-9d5e-6a1b2c3d4e5f
    partner-bot-7d2e                      600      500000
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from translator.errors import InvalidInputError

#: Default largest request text, in characters (the web app's default too).
DEFAULT_CHAR_LIMIT = 100_000
#: Default largest request body, in bytes (file uploads included).
DEFAULT_BODY_LIMIT = 10 * 1024 * 1024
#: Default request limit per minute on a public address (none on loopback).
PUBLIC_REQ_LIMIT = 60


@dataclass(frozen=True)
class KeyLimits:
    """One API key's own limits; None uses the server's.

    Attributes:
        req_limit: Requests per minute.
        char_limit: Characters per request.
    """

    req_limit: int | None = None
    char_limit: int | None = None


@dataclass(frozen=True)
class ApiConfig:
    """What the API server allows.

    Attributes:
        char_limit: Most characters in one request (all texts of a list, or a file's
            text), -1 for no limit.
        req_limit: Requests per minute per API key (or per client address without a key),
            -1 for no limit. A list of N texts counts as N requests, as in LibreTranslate.
        api_keys: Valid keys and their own limits; None when keys are not required.
        body_limit: Most bytes in one request body (413 above it).
        alternatives_limit: Most alternatives a request may ask for.
        batch_limit: Most texts in one list ``q``.
        file_ttl: Seconds a translated file stays downloadable.
        frontend_timeout: Reported to web frontends by ``/frontend/settings`` (ms).
    """

    char_limit: int = DEFAULT_CHAR_LIMIT
    req_limit: int = -1
    api_keys: Mapping[str, KeyLimits] | None = field(default=None, repr=False)
    body_limit: int = DEFAULT_BODY_LIMIT
    alternatives_limit: int = 3
    batch_limit: int = 1000
    file_ttl: float = 3600.0
    frontend_timeout: int = 500

    @property
    def keys_required(self) -> bool:
        """True when every request to a protected endpoint needs a valid key."""
        return self.api_keys is not None

    def char_limit_for(self, key: str | None) -> int:
        """The character limit for a request made with ``key``."""
        own = self.api_keys.get(key) if self.api_keys and key else None
        if own is not None and own.char_limit is not None:
            return own.char_limit
        return self.char_limit

    def req_limit_for(self, key: str | None) -> int:
        """The per-minute request limit for ``key``."""
        own = self.api_keys.get(key) if self.api_keys and key else None
        if own is not None and own.req_limit is not None:
            return own.req_limit
        return self.req_limit


def _limit(word: str, path: Path, number: int) -> int | None:
    if word == "-":
        return None
    try:
        value = int(word)
    except ValueError:
        value = 0
    if value < 1 and value != -1:
        raise InvalidInputError(
            f"{path}, line {number}: {word!r} is not a limit. Fix: write a whole number "
            "(-1 for none), or '-' to use the server's."
        )
    return value


def load_api_keys(path: str | os.PathLike[str]) -> dict[str, KeyLimits]:
    """Read an API keys file (see the module docstring).

    Raises:
        FileNotFoundError: The file does not exist.
        InvalidInputError: A line is malformed, or the file has no key.
    """
    path = Path(path)
    keys: dict[str, KeyLimits] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) > 3:
            raise InvalidInputError(
                f"{path}, line {number}: expected 'KEY [REQ_PER_MINUTE] [CHAR_LIMIT]'. "
                "Fix: one key per line, then its optional limits."
            )
        req = _limit(words[1], path, number) if len(words) > 1 else None
        chars = _limit(words[2], path, number) if len(words) > 2 else None
        keys[words[0]] = KeyLimits(req, chars)
    if not keys:
        raise InvalidInputError(
            f"{path} holds no API key. Fix: write one key per line (e.g. a uuid4)."
        )
    return keys
