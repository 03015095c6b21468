"""The records of the :class:`~translator.serving.dispatch.Dispatcher`: requests and counts.

A :class:`Job` owns a request's paragraphs: which sentences are handed out to rounds, which
are back, and the in-order prefix reported as :class:`JobProgress`; :class:`DispatcherStats` counts
what the dispatcher has done. The dispatcher owns the scheduling (which jobs go into which
round).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from translator.results import Document, Paragraph, Sentence
from translator.text.layout import Block, Layout


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


#: A run of one paragraph's sentences handed to a round: (block index, start, stop).
Piece = tuple[int, int, int]


class Job:
    """One request: its paragraphs, which sentences are handed out and which are back.

    Work is handed out in pieces of whole paragraphs, or of sentences when a paragraph is
    too large for one turn (a giant paragraph without blank lines is translated in turns
    like any long document). Its future stays pending until the whole document is set,
    so ``cancel()`` works until then.
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
        self.next_block = 0  # the paragraph handed out next
        self.next_sentence = 0  # its first sentence not handed out yet
        self.served = 0  # sentences handed out so far
        self.done = 0  # sentences back so far
        self.results: dict[int, Paragraph] = {}
        #: Sentences back of paragraphs handed out in several pieces: block -> start -> run.
        self.parts: dict[int, dict[int, tuple[Sentence, ...]]] = {}
        self.delivered = 0  # paragraphs of the in-order prefix

    @property
    def exhausted(self) -> bool:
        """True when every sentence has been handed out."""
        return self.next_block >= len(self.sizes)

    def take(self, budget: int, max_chars: int, *, first: bool) -> list[Piece]:
        """The next pieces, up to the slice, ``budget`` and ``max_chars``.

        Whole paragraphs while they fit; a paragraph that does not fit is cut at a
        sentence boundary when it would come first in the slice. The first request of a
        round always gets at least one sentence.
        """
        limit = min(self.slice, budget)
        taken: list[Piece] = []
        size = chars = 0
        while not self.exhausted and size < limit:
            b, start = self.next_block, self.next_sentence
            segments = self.layout.blocks[b].segments
            stop = start
            length = 0
            while stop < len(segments):
                n = len(segments[stop].text)
                if (taken or stop > start or not first) and (
                    size + stop - start + 1 > limit or chars + length + n > max_chars
                ):
                    break
                length += n
                stop += 1
            if stop < len(segments) and (taken or stop == start):
                break  # a partial paragraph only opens a slice
            if stop > start or not segments:
                taken.append((b, start, stop))
                size += stop - start
                chars += length
            if stop < len(segments):
                self.next_sentence = stop
                break
            self.next_block, self.next_sentence = b + 1, 0
        self.served += size
        return taken

    def add(self, piece: Piece, sentences: tuple[Sentence, ...],
            join: Callable[[Block, list[Sentence]], Paragraph]) -> None:
        """Store a piece's sentences; ``join`` makes the paragraph once all are back."""
        b, start, stop = piece
        self.done += stop - start
        if start == 0 and stop == self.sizes[b]:
            self.results[b] = join(self.layout.blocks[b], list(sentences))
            return
        parts = self.parts.setdefault(b, {})
        parts[start] = sentences
        if sum(len(run) for run in parts.values()) == self.sizes[b]:
            del self.parts[b]
            joined = [s for k in sorted(parts) for s in parts[k]]
            self.results[b] = join(self.layout.blocks[b], joined)

    @property
    def finished(self) -> bool:
        """True when every paragraph is back."""
        return len(self.results) == len(self.sizes)

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
