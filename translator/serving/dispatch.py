"""Serving many users with one model: shared batches, fair turns, cancellation.

Translating each request on its own wastes the model (a batch of 30 sentences costs little
more than a batch of 3); translating a long document in one go makes everyone else wait.

The :class:`Dispatcher` owns the model. Callers from any thread :meth:`~Dispatcher.submit`
a text and get a :class:`~concurrent.futures.Future`. The work is done in *rounds*: each
round takes a slice of whole paragraphs from every pending request (at most
``slice_sentences`` sentences of each, ``round_sentences`` in all; a paragraph larger
than that, such as a giant text without blank lines, is cut at sentence boundaries) and
translates them in ONE call of the translator (``translator.with_options(beam_size=...)``,
so every beam size shares the model and the sentence cache), so the sentences of all
callers are sorted and packed into shared batches.

Fair turns: requests are served least-served first. A request not served at all yet gets
a round of its own (with the other fresh ones) on the next free lane, and requests served
before never occupy all ``lanes`` (two by default), so a short request that arrives while
a long document is being translated starts at once instead of after the document; the
document keeps one lane whatever the traffic, so it is never starved either.

Progress: a request's first slice is small (``first_slice_sentences``) and later ones
double; ``on_progress`` gets a :class:`JobProgress` after every round that advanced it.

Cancellation: ``future.cancel()`` works until the result is set; a cancelled request is
dropped before the next round, so the model stops working on it within about one round.

Example:
    >>> with Dispatcher(translator) as dispatcher:
    ...     future = dispatcher.submit("Selamat pagi.")
    ...     future.result().translation
    'Good morning.'
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, InvalidStateError

from translator.core import Translator
from translator.engine.engine import prepare
from translator.results import Document, Sentence
from translator.serving.jobs import DispatcherStats, Job, JobProgress, Piece, ProgressHook
from translator.validate import check_counts, check_decoding

__all__ = ["Dispatcher", "DispatcherStats", "JobProgress", "ProgressHook"]

logger = logging.getLogger(__name__)


_Slice = tuple[Job, list[Piece]]
_Result = tuple[Job, Piece, tuple[Sentence, ...]]


class Dispatcher:
    """Translates concurrent requests in shared, fair, cancellable rounds.

    Args:
        translator: The loaded translator; only the dispatcher's lanes use its model from
            now on.
        max_wait: Seconds a lane waits after the first pending request for others to join
            it when traffic is light (a few milliseconds: a lone user is barely delayed).
        busy_wait: Under concurrent traffic (the last round served several requests, or
            requests queued up while it ran) callers come back spread out in time, so a
            lane waits longer: up to this fraction of the last round's duration, capped at
            ``max_busy_wait``, and no longer than it takes the last round's number of
            requests to be pending again. A fuller round beats two half-empty ones.
        max_busy_wait: Cap of that wait, in seconds.
        max_chars: Characters of text taken into one round at most (a round always takes
            at least one sentence).
        round_sentences: Sentences taken into one round at most (at least one).
        slice_sentences: Sentences of one request taken into one round at most at beam 1
            (at beam b, ``slice_sentences // b``, at least 2: a round's cost grows with
            the beams), so a long document is translated in turns with everyone else's.
        first_slice_sentences: Sentences of a request's first slice; each later slice is
            twice as large, up to ``slice_sentences``.
        lanes: Rounds translated at once.
        continuing_lanes: Lanes that may serve requests served before (None: all but one).
    """

    def __init__(
        self,
        translator: Translator,
        *,
        max_wait: float = 0.005,
        busy_wait: float = 0.25,
        max_busy_wait: float = 0.25,
        max_chars: int = 20_000,
        round_sentences: int = 64,
        slice_sentences: int = 16,
        first_slice_sentences: int = 4,
        lanes: int = 2,
        continuing_lanes: int | None = None,
    ) -> None:
        check_counts(round_sentences=round_sentences, slice_sentences=slice_sentences,
                     first_slice_sentences=first_slice_sentences, lanes=lanes)
        self.translator = translator
        self.max_wait = max_wait
        self.busy_wait = busy_wait
        self.max_busy_wait = max_busy_wait
        self.max_chars = max_chars
        self.round_sentences = round_sentences
        self.slice_sentences = slice_sentences
        self.first_slice_sentences = min(first_slice_sentences, slice_sentences)
        self.continuing_lanes = max(1, lanes - 1 if continuing_lanes is None else continuing_lanes)
        self._last_size = 0  # requests in the last round
        self._last_seconds = 0.0  # its duration
        self._busy = False  # several requests at once lately
        self._jobs: list[Job] = []  # unfinished requests, in arrival order
        self._continuing = 0  # rounds running that continue requests served before
        self._last_fresh = False  # the last round started served fresh requests only
        self._cond = threading.Condition()
        self._closed = False
        self._requests = self._rounds = self._failures = self._cancelled = 0
        self._threads = [
            threading.Thread(target=self._run, name=f"translator-dispatch-{i}", daemon=True)
            for i in range(lanes)
        ]
        for thread in self._threads:
            thread.start()

    # -- callers ------------------------------------------------------------------------

    def submit(
        self,
        text: str,
        *,
        beam_size: int | None = None,
        alternatives: int = 0,
        on_progress: ProgressHook | None = None,
    ) -> Future[Document]:
        """Queue one text; the future gives its :class:`Document` (or the exception).

        Args:
            text: The document to translate.
            beam_size: Beams per sentence; None uses the translator's. Requests with the
                same beam size (and alternatives) share batches.
            alternatives: Extra n-best translations per sentence
                (``Sentence.alternatives``); 0 for none.
            on_progress: Called with a :class:`JobProgress` now (nothing done yet) and
                after every round that advanced this request.

        Returns:
            A future; ``cancel()`` on it stops the work on this request.

        Raises:
            NotTextError: ``text`` is not a str (raised here, so one caller's bad input
                never fails the others in its batch).
            InvalidOptionError: ``beam_size`` or ``alternatives`` cannot work.
            RuntimeError: The dispatcher was closed.
        """
        check_decoding(beam_size=beam_size, alternatives=alternatives)
        options = (beam_size or self.translator.beam_size, alternatives)
        layout, replaced = prepare(text)  # the one parse of this request
        job = Job(text, layout, replaced, options, self.first_slice_sentences, on_progress)
        with self._cond:
            if self._closed:
                raise RuntimeError("The dispatcher is closed. Fix: create a new Dispatcher.")
            self._requests += 1
            if job.sizes:
                self._jobs.append(job)
                self._cond.notify_all()
        if on_progress is not None:
            on_progress(job.progress())
        if not job.sizes:  # nothing to translate: no model call needed
            job.future.set_result(self._document(job))
        return job.future

    def translate(
        self, text: str, *, beam_size: int | None = None, timeout: float | None = None
    ) -> Document:
        """Submit ``text`` and wait for its :class:`Document`."""
        return self.submit(text, beam_size=beam_size).result(timeout)

    @property
    def stats(self) -> DispatcherStats:
        """Requests and rounds so far."""
        with self._cond:
            return DispatcherStats(self._requests, self._rounds, self._failures,
                                   self._cancelled)

    def close(self, *, wait: bool = True) -> None:
        """Stop the lanes; requests still unfinished are cancelled."""
        with self._cond:
            self._closed = True
            jobs, self._jobs = self._jobs, []
            self._cond.notify_all()
        for job in jobs:
            job.future.cancel()
        if wait:
            for thread in self._threads:
                if thread is not threading.current_thread():
                    thread.join()

    def __enter__(self) -> Dispatcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- lanes --------------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            taken = self._collect()
            if taken is None:
                return
            slices, fresh = taken
            started = time.monotonic()
            results: list[_Result] = []
            try:
                results = self._run_round(slices)
            finally:
                # Book-keeping first: callers may submit again as soon as they have results.
                with self._cond:
                    if not fresh:
                        self._continuing -= 1
                    self._last_seconds = time.monotonic() - started
                    self._last_size = len(slices)
                    self._busy = len(slices) > 1 or len(self._ready()) > 0
                    self._cond.notify_all()
                self._deliver(results)

    def _ready(self) -> list[Job]:
        """Requests with sentences still to hand out; drops cancelled ones (under the lock)."""
        live = [job for job in self._jobs if not job.future.done()]
        for job in self._jobs:
            if job.future.done():
                self._cancelled += 1
                logger.info("dropped a cancelled request: %d of %d sentences were translated",
                            job.done, job.total)
        self._jobs = live
        return [job for job in live if not job.exhausted]

    def _collect(self) -> tuple[list[_Slice], bool] | None:
        """Wait for work; return one round's slices and whether it is a fresh-only round."""
        with self._cond:
            while True:
                taken = self._try_collect()
                if taken is None or taken[0]:
                    return taken

    def _choose(self) -> tuple[list[Job], bool] | None:
        """Requests the next round may serve and whether they are fresh; None: none now.

        Fresh requests (not served at all yet) get rounds of their own, on any free lane,
        so a short request is not queued behind slices of long documents. Requests served
        before get one lane whenever they wait (so a stream of short requests never
        starves them) and never all lanes (so a fresh request always finds one soon).
        With one lane the two kinds take turns.
        """
        ready = self._ready()
        fresh = [job for job in ready if job.served == 0]
        going = [job for job in ready if job.served > 0]
        lanes = len(self._threads)
        if going and self._continuing == 0 and not (lanes == 1 and fresh and not self._last_fresh):
            return going, False
        if fresh:
            return fresh, True
        if going and self._continuing < self.continuing_lanes:
            return going, False
        return None

    def _try_collect(self) -> tuple[list[_Slice], bool] | None:
        """One attempt of :meth:`_collect` (under the lock); no slices when others took them."""
        while not self._closed and self._choose() is None:
            self._cond.wait()
        if self._closed:
            return None
        # Let requests that arrive at about the same moment join the round (the wait is
        # worked out again after every wake-up: another lane may have run a round since).
        while not self._closed:
            ready = self._ready()
            if not ready:
                break
            if sum(job.total - job.served for job in ready) >= self.round_sentences:
                break
            wait, expected = self.max_wait, 0
            if self._busy:
                wait = max(wait, min(self.max_busy_wait, self.busy_wait * self._last_seconds))
                expected = self._last_size
            if expected and len(ready) >= expected:
                break
            left = min(job.arrived for job in ready) + wait - time.monotonic()
            if left <= 0:
                break
            self._cond.wait(left)
        chosen = None if self._closed else self._choose()
        if chosen is None:
            return None if self._closed else ([], False)
        candidates, fresh_round = chosen
        candidates.sort(key=lambda job: (job.served, job.arrived))
        options = candidates[0].options
        slices: list[_Slice] = []
        budget, chars = self.round_sentences, self.max_chars
        for job in candidates:
            if budget <= 0 or chars <= 0:
                break
            if job.options != options:
                continue
            before = job.served
            pieces = job.take(budget, chars, first=not slices)
            if not pieces:
                continue
            job.slice = min(2 * job.slice, self.slice_for(job.options[0]))
            slices.append((job, pieces))
            budget -= job.served - before
            chars -= sum(_chars(job, piece) for piece in pieces)
        if not fresh_round:
            self._continuing += 1
        self._last_fresh = fresh_round
        self._rounds += 1
        return slices, fresh_round

    def slice_for(self, beam_size: int | None) -> int:
        """Most sentences of one request in a round at ``beam_size`` (rounds sized by work)."""
        return max(2, self.slice_sentences // max(1, beam_size or 1))

    def _run_round(self, slices: list[_Slice]) -> list[_Result]:
        """Translate one round; failed requests get their exception here."""
        translator = self._variant(slices[0][0])
        logger.debug("round: %d requests, %d pieces", len(slices),
                     sum(len(pieces) for _, pieces in slices))
        try:
            results = _translate(translator, slices)
        except Exception as exc:
            with self._cond:
                self._failures += 1
            if len(slices) == 1:
                self._fail(slices[0][0], exc)
                return []
            # One bad request must not fail the others: retry each one alone.
            logger.warning("a shared round failed (%s); retrying its %d requests alone",
                           exc, len(slices))
            results = []
            for part in slices:
                try:
                    results += _translate(translator, [part])
                except Exception as one_exc:
                    self._fail(part[0], one_exc)
        return results

    def _fail(self, job: Job, exc: BaseException) -> None:
        with self._cond:
            if job in self._jobs:
                self._jobs.remove(job)
        try:
            job.future.set_exception(exc)
        except InvalidStateError:  # cancelled meanwhile
            pass

    def _deliver(self, results: list[_Result]) -> None:
        """Store the round's sentences; report progress; finish completed requests."""
        touched: dict[int, Job] = {}
        with self._cond:
            for job, piece, sentences in results:
                if job.future.done():
                    continue
                job.add(piece, sentences, self._variant(job).engine.paragraph)
                touched[id(job)] = job
            finished = [job for job in touched.values() if job.finished]
            for job in finished:
                self._jobs.remove(job)
        for job in touched.values():
            if job.on_progress is not None and not job.future.done():
                try:
                    job.on_progress(job.progress())
                except Exception:  # a caller's hook must not stop the lane
                    logger.exception("on_progress failed")
        for job in finished:
            try:
                job.future.set_result(self._document(job))
            except InvalidStateError:  # cancelled meanwhile
                pass

    def _document(self, job: Job) -> Document:
        paragraphs = [job.results[i] for i in range(len(job.sizes))]
        return self._variant(job).engine.document(job.layout, paragraphs)

    def _variant(self, job: Job) -> Translator:
        beam_size, alternatives = job.options
        return self.translator.with_options(beam_size=beam_size, alternatives=alternatives)


def _translate(translator: Translator, slices: Sequence[_Slice]) -> list[_Result]:
    """Translate the slices' pieces in one call (shared batches); (job, piece, sentences)."""
    owners = [(job, piece) for job, pieces in slices for piece in pieces]
    found = translator.engine.translate_sentences(
        [(job.layout, b, job.replaced, start, stop) for job, (b, start, stop) in owners]
    )
    return [(job, piece, s) for (job, piece), s in zip(owners, found, strict=True)]


def _chars(job: Job, piece: Piece) -> int:
    """Characters of the request's text a piece's sentences span."""
    b, start, stop = piece
    segments = job.layout.blocks[b].segments[start:stop]
    return segments[-1].end - segments[0].start if segments else 0
