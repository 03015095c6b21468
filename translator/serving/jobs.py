"""The records of the :class:`~translator.serving.dispatch.Dispatcher`: requests and counts.

A :class:`Job` owns a request's paragraphs: which are handed out to rounds, which are back,
and the in-order prefix reported as :class:`JobProgress`; :class:`DispatcherStats` counts
what the dispatcher has done. The dispatcher owns the scheduling (which jobs go into which
round).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from translator.results import Document, Paragraph
from translator.text.layout import Layout


@dataclass(frozen=True)
class JobProgress:
    """How far one request has come.

    Attributes:
        translation: The translated paragraphs ready so far (the in-order prefix), joined
            with the source's separators; the whole translation once ``done == total``.
        paragraphs: Those paragraphs.
        done: Sentences translated so far (including paragraphs translated ahead of the
            prefix).
        total: Sentences in the text.
    """

    translation: str
    paragraphs: tuple[Paragraph, ...]
    done: int
    total: int


@dataclass(frozen=True)
class DispatcherStats:
    """What a dispatcher has done so far.

    Attributes:
        requests: Texts submitted.
        rounds: Translator calls made (each translates the slices it took in shared batches).
        failures: Rounds that raised an exception.
        cancelled: Requests dropped unfinished because they were cancelled.
    """

    requests: int
    rounds: int
    failures: int
    cancelled: int = 0


#: Receives a request's :class:`JobProgress` (called in a worker thread: keep it quick).
ProgressHook = Callable[[JobProgress], None]


class Job:
    """One request: its paragraphs, which are handed out and which are back.

    Its future stays pending until the whole document is set, so ``cancel()`` works
    until then.
    """

    def __init__(self, text: str, layout: Layout, replaced: list[int],
                 options: tuple[int, int], first_slice: int,
                 on_progress: ProgressHook | None) -> None:
        self.text = text
        #: The request parsed once (:func:`translator.engine.engine.prepare`).
        self.layout = layout
        #: Offsets of lone surrogates replaced in the text (their sentences are flagged).
        self.replaced = replaced
        #: (beam size, alternatives): requests with equal options share rounds.
        self.options = options
        self.sizes = [len(block.segments) for block in layout.blocks]
        self.total = sum(self.sizes)
        self.future: Future[Document] = Future()
        self.on_progress = on_progress
        self.arrived = time.monotonic()
        self.slice = first_slice
        self.next_block = 0  # the next paragraph to hand out
        self.served = 0  # sentences handed out so far
        self.done = 0  # sentences back so far
        self.results: dict[int, Paragraph] = {}
        self.delivered = 0  # paragraphs of the in-order prefix

    @property
    def exhausted(self) -> bool:
        """True when every paragraph has been handed out."""
        return self.next_block >= len(self.sizes)

    def take(self, budget: int, max_chars: int, *, first: bool) -> list[int]:
        """The next whole paragraphs, up to the slice, ``budget`` and ``max_chars``.

        The first request of a round always gets at least one paragraph.
        """
        limit = min(self.slice, budget)
        taken: list[int] = []
        size = chars = 0
        while not self.exhausted:
            n = self.sizes[self.next_block]
            length = len(self.layout.blocks[self.next_block].text)
            if (taken or not first) and (size + n > limit or chars + length > max_chars):
                break
            taken.append(self.next_block)
            size += n
            chars += length
            self.next_block += 1
        self.served += size
        return taken

    def prefix(self) -> tuple[Paragraph, ...]:
        """Paragraphs ready in order from the first (advances ``delivered``)."""
        while self.delivered in self.results:
            self.delivered += 1
        return tuple(self.results[i] for i in range(self.delivered))

    def progress(self) -> JobProgress:
        """How far it has come: the in-order prefix joined with the source's separators."""
        paragraphs = self.prefix()
        text = self.layout.render([p.translation for p in paragraphs], prefix=True)
        return JobProgress(text, paragraphs, self.done, self.total)
