"""Progress over sentences: the one adapter for tqdm bars and ``(done, total)`` callbacks.

:class:`Progress` is what ``progress=True`` (a tqdm bar on stderr), the CLI and the file
runner use. It is itself a ``progress(done, seen)`` hook for the engine, and can feed one
bar or callback from many translation calls (:meth:`Progress.call`), counting on from
where the previous call stopped.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

#: Called with (sentences done, sentences expected or seen so far).
ProgressCallback = Callable[[int, int], None]


class Progress:
    """Counts translated sentences and shows them on a tqdm bar or passes them to a callback.

    Args:
        target: True for a tqdm bar on stderr, a callable ``(done, total)``, or None/False
            to count silently.
        total: Sentences expected in all (None: grows with the sentences seen; see
            :meth:`set_total`).
        disable: Hide the bar (it still counts).

    Example:
        >>> with Progress(True) as progress:
        ...     docs = list(translator.translate_documents(texts, progress=progress))
    """

    def __init__(
        self,
        target: ProgressCallback | bool | None = True,
        *,
        total: int | None = None,
        disable: bool = False,
    ) -> None:
        self.bar: Any = None
        self.callback: ProgressCallback | None = None
        if target is True:
            from tqdm.auto import tqdm

            self.bar = tqdm(
                total=total, unit="sent", desc="translating", file=sys.stderr,
                disable=disable, dynamic_ncols=True, smoothing=0.1,
            )
        elif callable(target):
            self.callback = target
        self.fixed_total = total is not None
        self.total = total or 0
        self.base = 0  # sentences done by earlier calls
        self.last = 0  # sentences done by the current call
        self.done = 0  # sentences shown so far

    @property
    def active(self) -> bool:
        """True when there is a bar or a callback to feed."""
        return self.bar is not None or self.callback is not None

    def set_total(self, total: int) -> None:
        """Fix the number of sentences expected in all (counted ahead by the caller)."""
        self.total = total
        self.fixed_total = True
        if self.bar is not None:
            self.bar.total = total
            self.bar.refresh()

    def call(self) -> ProgressCallback | None:
        """The hook for the next translation call (None when nothing listens).

        Its counts start from zero again; they are added to those of earlier calls.
        """
        if not self.active:
            return None
        self.base += self.last
        self.last = 0
        return self

    def __call__(self, done: int, seen: int) -> None:
        """Engine hook: ``done`` of ``seen`` sentences of the current call are translated."""
        self.last = done
        now = self.base + done
        if not self.fixed_total:
            self.total = max(self.total, self.base + seen)
        total = max(self.total, now)
        if self.bar is not None:
            self.bar.total = total
            self.bar.update(now - self.done)
        elif self.callback is not None:
            self.callback(now, total)
        self.done = now

    def close(self) -> None:
        """Close the bar."""
        if self.bar is not None:
            self.bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def SentenceBar(total: int | None = None, *, disable: bool = False) -> Progress:  # noqa: N802
    """A tqdm :class:`Progress` bar (the name kept for existing callers)."""
    return Progress(True, total=total, disable=disable)
