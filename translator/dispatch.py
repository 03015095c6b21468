"""Micro-batching: requests that arrive together share one model call.

A web app serves many users with one model. Translating each request on its own, one
after the other, wastes the model: a batch of 30 sentences costs little more than a batch
of 3. The :class:`Dispatcher` owns the model in one worker thread. Callers from any thread
:meth:`~Dispatcher.submit` a text and get a :class:`~concurrent.futures.Future`; the worker
waits a few milliseconds for more requests, then translates everything pending in ONE
:meth:`~translator.Translator.translate_documents` call (of
``translator.with_options(beam_size=...)``, so every beam size shares the model and the
sentence cache), so the sentences of all callers are
sorted and packed into shared batches. Each caller receives its own
:class:`~translator.results.Document` as soon as it is ready.

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
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field

from translator.core import Translator
from translator.errors import InvalidInputError
from translator.results import Document

logger = logging.getLogger(__name__)


@dataclass
class _Job:
    text: str
    beam_size: int
    alternatives: int = 0
    future: Future[Document] = field(default_factory=Future)
    arrived: float = field(default_factory=time.monotonic)

    @property
    def options(self) -> tuple[int, int]:
        """Jobs with equal options share a round."""
        return self.beam_size, self.alternatives


@dataclass(frozen=True)
class DispatcherStats:
    """What a dispatcher has done so far.

    Attributes:
        requests: Texts submitted.
        rounds: Engine calls made (each one translates every text it took in shared batches).
        failures: Rounds that raised an exception.
    """

    requests: int
    rounds: int
    failures: int


class Dispatcher:
    """Collects concurrent translation requests and translates them together.

    Args:
        translator: The loaded translator; only the dispatcher's worker thread uses its
            model from now on.
        max_wait: Seconds the worker waits after the first pending request for others to
            join it when traffic is light (a few milliseconds: a lone user is barely
            delayed).
        busy_wait: Under concurrent traffic (the last round served several requests, or
            requests queued up while it ran) callers come back spread out in time, so the
            worker waits longer: up to this fraction of the last round's duration, capped
            at ``max_busy_wait``, and no longer than it takes the last round's number of
            requests to be pending again. A fuller round beats two half-empty ones.
        max_busy_wait: Cap of that wait, in seconds.
        max_chars: Characters of text taken into one round at most (a round always takes
            at least one request), so a huge request does not hold up everyone else for
            long; the rest waits for the next round.
    """

    def __init__(
        self,
        translator: Translator,
        *,
        max_wait: float = 0.005,
        busy_wait: float = 0.25,
        max_busy_wait: float = 0.25,
        max_chars: int = 20_000,
    ) -> None:
        self.translator = translator
        self.max_wait = max_wait
        self.busy_wait = busy_wait
        self.max_busy_wait = max_busy_wait
        self._last_size = 0  # requests in the last round
        self._last_seconds = 0.0  # its duration
        self._busy = False  # several requests at once lately
        self.max_chars = max_chars
        self._pending: deque[_Job] = deque()
        self._cond = threading.Condition()
        self._closed = False
        self._requests = self._rounds = self._failures = 0
        self._thread = threading.Thread(target=self._run, name="translator-dispatch", daemon=True)
        self._thread.start()

    # -- callers ------------------------------------------------------------------------

    def submit(
        self, text: str, *, beam_size: int | None = None, alternatives: int = 0
    ) -> Future[Document]:
        """Queue one text; the future gives its :class:`Document` (or the exception).

        Args:
            text: The document to translate.
            beam_size: Beams per sentence; None uses the translator's. Requests with the
                same beam size (and alternatives) share batches.
            alternatives: Extra n-best translations per sentence
                (``Sentence.alternatives``); 0 for none.

        Raises:
            InvalidInputError: ``text`` is not a str (raised here, so one caller's bad input
                never fails the others in its batch).
            RuntimeError: The dispatcher was closed.
        """
        if not isinstance(text, str):
            raise InvalidInputError(
                f"Expected a str, got {type(text).__name__}. Fix: pass the text as a string."
            )
        if beam_size is not None and beam_size < 1:
            raise InvalidInputError("beam_size must be at least 1. Fix: use 1 or more beams.")
        if alternatives < 0:
            raise InvalidInputError("alternatives must be 0 or more. Fix: use 0 to 3.")
        job = _Job(text, beam_size or self.translator.beam_size, alternatives)
        with self._cond:
            if self._closed:
                raise RuntimeError("The dispatcher is closed. Fix: create a new Dispatcher.")
            self._pending.append(job)
            self._requests += 1
            self._cond.notify()
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
            return DispatcherStats(self._requests, self._rounds, self._failures)

    def close(self, *, wait: bool = True) -> None:
        """Stop the worker; requests still pending are cancelled."""
        with self._cond:
            self._closed = True
            pending = list(self._pending)
            self._pending.clear()
            self._cond.notify_all()
        for job in pending:
            job.future.cancel()
        if wait and threading.current_thread() is not self._thread:
            self._thread.join()

    def __enter__(self) -> Dispatcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- worker -------------------------------------------------------------------------

    def _run(self) -> None:
        while True:
            jobs = self._collect()
            if jobs is None:
                return
            if not jobs:  # everything pending was cancelled meanwhile
                continue
            started = time.monotonic()
            self._run_round(jobs)
            with self._cond:
                self._last_seconds = time.monotonic() - started
                self._last_size = len(jobs)
                self._busy = len(jobs) > 1 or bool(self._pending)

    def _collect(self) -> list[_Job] | None:
        """Wait for requests; return one round's worth (same options), None when closed.

        Requests cancelled while they waited (a client that went away) are dropped here,
        so they cost no model time and do not hold a place in the round.
        """
        with self._cond:
            while not self._drop_cancelled() and not self._closed:
                self._cond.wait()
            if self._closed:
                return None
            # Let requests that arrive at about the same moment join the round.
            wait = self.max_wait
            expected = 0
            if self._busy:
                wait = max(wait, min(self.max_busy_wait, self.busy_wait * self._last_seconds))
                expected = self._last_size
            deadline = self._pending[0].arrived + wait
            while (
                not self._closed
                and sum(len(j.text) for j in self._pending) < self.max_chars
                and not (expected and len(self._pending) >= expected)
            ):
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            if self._closed:
                return None
            if not self._drop_cancelled():
                return []
            options = self._pending[0].options
            taken: list[_Job] = []
            kept: deque[_Job] = deque()
            size = 0
            for job in self._pending:
                fits = not taken or size + len(job.text) <= self.max_chars
                if job.options == options and fits:
                    taken.append(job)
                    size += len(job.text)
                else:
                    kept.append(job)
            self._pending = kept
            self._rounds += 1
            return taken

    def _drop_cancelled(self) -> int:
        """Forget pending requests whose future was cancelled; how many are left."""
        if any(job.future.cancelled() for job in self._pending):
            self._pending = deque(job for job in self._pending if not job.future.cancelled())
        return len(self._pending)

    def _run_round(self, jobs: list[_Job]) -> None:
        live = [job for job in jobs if job.future.set_running_or_notify_cancel()]
        if not live:
            return
        translator = self.translator.with_options(
            beam_size=live[0].beam_size, alternatives=live[0].alternatives
        )
        logger.debug("translating %d requests in one round", len(live))
        try:
            _resolve(translator, live)
        except Exception as exc:
            with self._cond:
                self._failures += 1
            rest = [job for job in live if not job.future.done()]
            if len(rest) == 1:
                rest[0].future.set_exception(exc)
                return
            # One bad request must not fail the others: retry each one alone.
            logger.warning("a shared round failed (%s); retrying its %d requests alone",
                           exc, len(rest))
            for job in rest:
                try:
                    _resolve(translator, [job])
                except Exception as one_exc:
                    job.future.set_exception(one_exc)


def _resolve(translator: Translator, jobs: Iterable[_Job]) -> None:
    """Translate the jobs' texts in one call; set each future as its document is ready."""
    jobs = list(jobs)
    for job, doc in zip(jobs, translator.translate_documents([job.text for job in jobs])):
        job.future.set_result(doc)
