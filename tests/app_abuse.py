"""Hostile requests for the live app (used by tests/test_app_page.py and benchmarks/app_abuse.py).

Talks to gradio's plain HTTP API (``POST /gradio_api/call/<name>`` then the event stream)
with the standard library only, so a request can be as malformed as a hostile client's.
"""

from __future__ import annotations

import http.client
import json
import time
import urllib.error
import urllib.request
from dataclasses import dataclass


def pathological(spaces: int) -> str:
    """``'1' + ' ' * spaces + 'a'``: took minutes per few thousand spaces before the fix."""
    return "1" + " " * spaces + "a"


@dataclass
class Answer:
    """What came back: ``kind`` is "complete", "error" or "http <status>"."""

    kind: str
    data: object
    seconds: float


def _post(url: str, body: bytes, *, content_type: str = "application/json",
          timeout: float = 60) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=body, method="POST",
                                     headers={"Content-Type": content_type})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def call_raw(base: str, api: str, body: bytes, *, content_type: str = "application/json",
             timeout: float = 60) -> Answer:
    """POST ``body`` to ``/gradio_api/call/<api>`` and read the result event."""
    start = time.monotonic()
    status, payload = _post(f"{base}/gradio_api/call/{api}", body, content_type=content_type,
                            timeout=timeout)
    if status != 200:
        return Answer(f"http {status}", payload[:300], time.monotonic() - start)
    event_id = json.loads(payload)["event_id"]
    with urllib.request.urlopen(f"{base}/gradio_api/call/{api}/{event_id}",
                                timeout=timeout) as resp:
        kind = None
        for raw in resp:
            line = raw.decode("utf-8", "replace").rstrip("\n")
            if line.startswith("event: "):
                kind = line[len("event: "):]
            elif line.startswith("data: ") and kind in ("complete", "error"):
                data = line[len("data: "):]
                try:
                    parsed = json.loads(data)
                except ValueError:
                    parsed = data
                return Answer(kind, parsed, time.monotonic() - start)
    return Answer("no result", None, time.monotonic() - start)


def call(base: str, api: str, data: list, *, timeout: float = 60) -> Answer:
    """A well-formed call with ``data`` as the arguments."""
    return call_raw(base, api, json.dumps({"data": data}).encode(), timeout=timeout)


def get(base: str, path: str, *, timeout: float = 60) -> Answer:
    """A GET request (the app's ``/config``, say)."""
    start = time.monotonic()
    try:
        with urllib.request.urlopen(base + path, timeout=timeout) as resp:
            try:
                body = resp.read()[:300]
            except http.client.IncompleteRead as exc:  # a stream the server ended
                body = exc.partial[:300]
            return Answer(f"http {resp.status}", body, time.monotonic() - start)
    except urllib.error.HTTPError as exc:
        return Answer(f"http {exc.code}", exc.read()[:300], time.monotonic() - start)


def bad_requests(max_chars: int) -> list[tuple[str, object]]:
    """Thirty hostile requests: (what it is, a callable-free description used by run_bad).

    Each item is ``(label, (api, body, content_type))`` or ``(label, ("GET", path))``.
    """
    huge = "Harga naik. " * (max_chars // 12 + 10)
    nested = "[" * 5000 + "]" * 5000
    items: list[tuple[str, object]] = [
        ("body is not JSON", ("translate", b"{not json", "application/json")),
        ("body is a JSON list", ("translate", b"[1, 2, 3]", "application/json")),
        ("data is a number", ("translate", b'{"data": 123}', "application/json")),
        ("text is a number", ("translate", b'{"data": [123]}', "application/json")),
        ("text is null", ("translate", b'{"data": [null]}', "application/json")),
        ("text is a list", ("translate", b'{"data": [["Halo."]]}', "application/json")),
        ("text is an object", ("translate", b'{"data": [{"a": 1}]}', "application/json")),
        ("no arguments", ("translate", b'{"data": []}', "application/json")),
        ("too many arguments", ("translate", b'{"data": ["a", "b", "c"]}', "application/json")),
        ("no data field", ("translate", b"{}", "application/json")),
        ("unknown endpoint", ("no_such_api", b'{"data": ["Halo."]}', "application/json")),
        ("text over the limit", ("translate", json.dumps({"data": [huge]}).encode(),
                                 "application/json")),
        ("lone surrogate", ("translate", b'{"data": ["Harga \\ud800 naik."]}',
                            "application/json")),
        ("control characters and NUL", ("translate",
                                        b'{"data": ["\\u0000\\u0001\\u001b[31m\\u0007"]}',
                                        "application/json")),
        ("invalid UTF-8", ("translate", b'{"data": ["\xff\xfe\xfd"]}', "application/json")),
        ("nested 5000 deep", ("translate", ('{"data": [' + nested + "]}").encode(),
                              "application/json")),
        ("wrong content type", ("translate", b"Harga naik.", "text/plain")),
        ("file outside the app", ("translate_file",
                                  b'{"data": [{"path": "/etc/passwd"}, 2]}', "application/json")),
        ("file that does not exist", ("translate_file",
                                      b'{"data": [{"path": "/nonexistent.txt"}, 2]}',
                                      "application/json")),
        ("file as a number", ("translate_file", b'{"data": [5, 2]}', "application/json")),
        ("event id nobody made", ("GET", "/gradio_api/call/translate/not-an-event")),
        ("GET on a POST endpoint", ("GET", "/gradio_api/call/translate")),
        ("path traversal in a file route", ("GET", "/gradio_api/file=/etc/passwd")),
        ("path traversal, encoded", ("GET", "/gradio_api/file=..%2F..%2F..%2Fetc%2Fpasswd")),
    ]
    # Repeat the cheapest kinds to make thirty in a row.
    while len(items) < 30:
        label, spec = items[len(items) % 10]
        items.append((label + " (again)", spec))
    return items


def run_bad(base: str, label: str, spec: object, *, timeout: float = 60) -> Answer:
    """Send one item of :func:`bad_requests`."""
    assert isinstance(spec, tuple)
    if spec[0] == "GET":
        return get(base, spec[1], timeout=timeout)
    api, body, content_type = spec
    try:
        return call_raw(base, api, body, content_type=content_type, timeout=timeout)
    except (ValueError, KeyError) as exc:  # a non-JSON answer to a bad request
        return Answer("unreadable answer", repr(exc), 0.0)
