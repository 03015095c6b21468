"""Protection of an exposed server: API keys, rate limit, request body size.

:func:`check_key` and :class:`RateLimiter` are plain Python (the endpoints call them with
the key from the request); :class:`BodyLimit` is ASGI middleware that answers 413 before
a large body is read into memory. Status codes and messages follow LibreTranslate's.
"""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from translator.api.config import ApiConfig

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

INVALID_KEY = "Invalid API key"
MISSING_KEY = "Please contact the server operator to get an API key"


class ApiError(Exception):
    """An error answer: HTTP ``status`` and ``{"error": message}``; never leaves the server."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def check_key(config: ApiConfig, key: str | None) -> None:
    """Refuse a missing or unknown key when keys are required (403, as LibreTranslate).

    Raises:
        ApiError: 403 with LibreTranslate's message.
    """
    if config.api_keys is None:
        return
    if not key:
        raise ApiError(403, MISSING_KEY)
    if key not in config.api_keys:
        raise ApiError(403, INVALID_KEY)


class RateLimiter:
    """A moving one-minute window of request costs per client (API key or address).

    Args:
        window: Seconds of the window.
        clock: Monotonic time source (tests pass a fake one).
    """

    def __init__(self, *, window: float = 60.0, clock: Callable[[], float] = time.monotonic,
                 max_clients: int = 10_000):
        self.window = window
        self._clock = clock
        self._hits: dict[str, deque[tuple[float, int]]] = {}
        self._lock = threading.Lock()
        self.max_clients = max_clients
        #: Clients remembered before the quiet ones are forgotten (doubles with the active).
        self._prune_at = max_clients

    def hit(self, client: str, limit: int, cost: int = 1) -> None:
        """Count a request of ``cost`` for ``client``, or refuse it when over ``limit``.

        A refused request is not counted. ``limit`` -1 means no limit.

        Raises:
            ApiError: 429 "Slowdown: N per 1 minute", as LibreTranslate answers.
        """
        if limit < 0:
            return
        now = self._clock()
        with self._lock:
            hits = self._hits.setdefault(client, deque())
            while hits and hits[0][0] <= now - self.window:
                hits.popleft()
            used = sum(c for _, c in hits)
            if used + cost > limit:
                raise ApiError(429, f"Slowdown: {limit} per 1 minute")
            hits.append((now, cost))
            if len(self._hits) > self._prune_at:  # forget clients quiet for a window
                horizon = now - self.window
                self._hits = {k: v for k, v in self._hits.items() if v[-1][0] > horizon}
                # Clients active in the window stay; prune again once they have doubled
                # (each request costs O(1) on average, and memory follows the active ones).
                self._prune_at = max(self.max_clients, 2 * len(self._hits))


class BodyLimit:
    """ASGI middleware: a request body over ``max_bytes`` gets 413 ``{"error": ...}``.

    The declared ``Content-Length`` is checked first; a body sent without one is counted
    as it arrives. Only paths for which ``applies(path)`` is true are checked (the web
    page mounted beside the API keeps its own limits).
    """

    def __init__(
        self, app: ASGIApp, *, max_bytes: int, applies: Callable[[str], bool] = lambda p: True
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.applies = applies

    def _message(self, size: int | None) -> bytes:
        got = f" ({size:,} bytes)" if size is not None else ""
        text = (f"Request body too large{got}: the limit is {self.max_bytes:,} bytes. "
                "Send less text per request, or split the file.")
        return json.dumps({"error": text}).encode()

    async def _refuse(self, send: Send, size: int | None) -> None:
        body = self._message(size)
        await send({"type": "http.response.start", "status": 413, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]})
        await send({"type": "http.response.body", "body": body})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Check the body's size on the way in."""
        if scope["type"] != "http" or not self.applies(scope.get("path", "")):
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.max_bytes:
                    await self._refuse(send, declared)
                    return
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _TooLarge
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except _TooLarge:
            if not started:
                await self._refuse(send, None)


class _TooLarge(Exception):
    pass
