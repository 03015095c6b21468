"""Progress bars over sentences (tqdm), for the CLI and ``progress=True``."""

from __future__ import annotations

import sys
from typing import Any


class SentenceBar:
    """A tqdm bar on stderr counting sentences; callable as a ``progress(done, seen)`` hook.

    Args:
        total: Sentences expected in all (None: grows with the sentences seen).
        disable: Hide the bar (it still counts).
        offset: Sentences done before this bar's first callback (several calls can feed
            one bar: call :meth:`start_call` before each).
    """

    def __init__(self, total: int | None = None, *, disable: bool = False) -> None:
        from tqdm.auto import tqdm

        self.fixed_total = total is not None
        self.bar: Any = tqdm(
            total=total, unit="sent", desc="translating", file=sys.stderr,
            disable=disable, dynamic_ncols=True, smoothing=0.1,
        )
        self.base = 0  # sentences done by earlier calls
        self.done = 0

    def start_call(self) -> None:
        """Begin a new ``translate_documents`` call: its counts start again from zero."""
        self.base = self.done

    def __call__(self, done: int, seen: int) -> None:
        """Engine hook: ``done`` sentences of the current call are translated."""
        if not self.fixed_total and self.base + seen > (self.bar.total or 0):
            self.bar.total = self.base + seen
        now = self.base + done
        self.bar.update(now - self.done)
        self.done = now

    def close(self) -> None:
        """Close the bar."""
        self.bar.close()

    def __enter__(self) -> SentenceBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
