"""Asynchronous file translations: ``/translate_file`` with ``async=true``, then ``GET /jobs/ID``.

A big file does not hold a connection for minutes: the upload is answered at once with
``{"job": ID}`` (HTTP 202) and the translation goes on in the server (parsing and rebuilding
in worker threads, the text through the shared dispatcher, so the event loop never waits).

The jobs kept are bounded, by count and by age:

* a finished job (``done`` or ``failed``) is forgotten ``ttl`` seconds after it finished (the
  server's ``file_ttl``, as long as its translated file stays downloadable);
* at most ``max_jobs`` jobs are kept: when full, the oldest finished jobs are forgotten
  first;
* at most ``max_unfinished`` jobs are queued or running at once (each holds its upload in
  memory, up to the body limit): one more is refused with HTTP 429 until one finishes.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from translator.api.protection import ApiError

QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
#: Default most jobs kept at once.
MAX_JOBS = 200
#: Default most jobs queued or running at once.
MAX_UNFINISHED = 16


@dataclass
class FileJob:
    """One asynchronous file translation (mutable: the job updates it as it goes).

    Attributes:
        id: The random id (32 hex digits).
        name: The uploaded file's name.
        status: ``queued``, ``running``, ``done`` or ``failed``.
        done: Text units (paragraphs, cells, slides' text frames...) translated so far.
        total: Text units in the file (0 until it is parsed).
        url: Where to download the translation, once done.
        untranslated: What the format could not translate (charts, images...), once done.
        error: Why it failed.
        warning: The source did not look Indonesian (translated anyway).
        finished: When it finished (the jobs' clock), None before.
    """

    id: str
    name: str
    status: str = QUEUED
    done: int = 0
    total: int = 0
    url: str | None = None
    untranslated: list[str] = field(default_factory=list)
    error: str | None = None
    warning: str | None = None
    finished: float | None = None
    futures: list[Future[Any]] = field(default_factory=list, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def advance(self, _future: object = None) -> None:
        """Count one more unit done (called from the dispatcher's threads)."""
        with self._lock:
            self.done += 1

    def to_dict(self) -> dict[str, Any]:
        """The ``GET /jobs/ID`` answer."""
        body: dict[str, Any] = {"status": self.status, "done": min(self.done, self.total),
                                "total": self.total}
        if self.status == DONE:
            body["translatedFileUrl"] = self.url
            body["untranslated"] = list(self.untranslated)
        if self.status == FAILED:
            body["error"] = self.error
        if self.warning:
            body["warning"] = self.warning
        return body


class FileJobs:
    """The server's asynchronous file jobs, bounded by count and age (module docstring).

    Args:
        max_jobs: Most jobs kept.
        max_unfinished: Most jobs queued or running at once.
        ttl: Seconds a finished job is kept.
        clock: Monotonic time source (tests pass a fake one).
    """

    def __init__(self, *, max_jobs: int = MAX_JOBS, max_unfinished: int = MAX_UNFINISHED,
                 ttl: float = 3600.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.max_jobs = max_jobs
        self.max_unfinished = min(max_unfinished, max_jobs)
        self.ttl = ttl
        self._clock = clock
        self._jobs: dict[str, FileJob] = {}
        self._lock = threading.Lock()

    def _expire(self) -> None:
        cutoff = self._clock() - self.ttl
        for key in [k for k, j in self._jobs.items()
                    if j.finished is not None and j.finished <= cutoff]:
            del self._jobs[key]

    def add(self, name: str) -> FileJob:
        """A new queued job for the file ``name``.

        Raises:
            ApiError: 429 when ``max_unfinished`` jobs are still under way.
        """
        with self._lock:
            self._expire()
            unfinished = sum(1 for j in self._jobs.values() if j.finished is None)
            if unfinished >= self.max_unfinished:
                raise ApiError(429, f"Too many file jobs: {unfinished} are still under way. "
                                    "Wait for one to finish (GET /jobs/ID), then try again.")
            if len(self._jobs) >= self.max_jobs:
                finished = sorted((j for j in self._jobs.values() if j.finished is not None),
                                  key=lambda j: j.finished or 0.0)
                for job in finished[:len(self._jobs) - self.max_jobs + 1]:
                    del self._jobs[job.id]
            job = FileJob(uuid.uuid4().hex, name)
            self._jobs[job.id] = job
            return job

    def get(self, job_id: str) -> FileJob | None:
        """The job ``job_id``, or None when unknown or forgotten."""
        with self._lock:
            self._expire()
            return self._jobs.get(job_id)

    def finish(self, job: FileJob, status: str) -> None:
        """Mark ``job`` done or failed now."""
        job.status = status
        job.finished = self._clock()
        job.futures.clear()

    def __len__(self) -> int:
        return len(self._jobs)

    def close(self) -> None:
        """Cancel every unfinished job's queued work and forget every job."""
        with self._lock:
            for job in self._jobs.values():
                for future in job.futures:
                    future.cancel()
            self._jobs.clear()
