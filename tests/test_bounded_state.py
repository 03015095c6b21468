"""Per-request state of a long-running server stays bounded (no growth with traffic)."""

from __future__ import annotations

import pytest

from tests.fakes import FakeBackend
from translator import Translator
from translator.api.protection import RateLimiter
from translator.serving.dispatch import Dispatcher


def test_the_rate_limiter_forgets_clients_quiet_for_a_window() -> None:
    now = [0.0]
    limiter = RateLimiter(window=60.0, clock=lambda: now[0], max_clients=100)
    sizes = []
    for i in range(5_000):  # distinct clients, one request each, 20 a second
        now[0] = i * 0.05
        limiter.hit(f"10.0.{i // 256}.{i % 256}", limit=10)
        sizes.append(len(limiter._hits))
    # About 1,200 clients are active in any one-minute window; no more are kept than
    # twice that (the old code kept every client that had ever called).
    assert max(sizes) <= 2 * 1_200 + 2
    # A client active in the window is still limited.
    for _ in range(9):
        limiter.hit("10.0.19.135", limit=10)
    with pytest.raises(Exception, match="Slowdown"):
        limiter.hit("10.0.19.135", limit=10)


def test_the_dispatcher_keeps_no_record_of_finished_failed_or_cancelled_requests() -> None:
    translator = Translator.from_backend(FakeBackend(), model="fake", checks=False)
    with Dispatcher(translator) as dispatcher:
        futures = [dispatcher.submit(f"Kalimat nomor {i}. Dan {i} lagi.") for i in range(300)]
        futures[-1].cancel()
        for future in futures[:-1]:
            future.result(30)
        with pytest.raises(Exception):  # noqa: B017,PT011 - a bad request fails alone
            dispatcher.translate(b"bytes")  # type: ignore[arg-type]
        dispatcher.translate("Terakhir.", timeout=10)
        with dispatcher._cond:
            assert dispatcher._jobs == []
        assert all(future.done() for future in futures)
