"""Actors for the Ray tests: the fake backend (no torch in the workers), and one that dies.

Ray's own mechanics (order, retries, restarts, files, the CLI) do not depend on the model, and
a worker that imports torch and loads a model takes seconds to start: these tests run the
pool on :class:`FakeActorTranslator`. One test (``test_every_row_once_in_order_equal_to_translate``)
runs the default actor with a real (tiny) model.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from translator.integrations.distributed import ActorTranslator

#: A row whose text starts with this, followed by a marker path, makes the actor die once.
CRASH_ONCE = "CRASH-ONCE:"


class FakeActorTranslator(ActorTranslator):
    """The pool's actor translating with :class:`tests.fakes.FakeBackend` (upper-cases)."""

    def create(self) -> Any:
        from tests.fakes import FakeBackend
        from translator import Translator

        return Translator.from_backend(FakeBackend(), model="fake", checks=False)


class CrashOnceTranslator(FakeActorTranslator):
    """Exits its process on the first batch holding a ``CRASH-ONCE:<marker>`` text."""

    def __call__(self, batch: Any) -> Any:
        for field in self.fields:
            for value in batch.column(field).to_pylist():
                if isinstance(value, str) and value.startswith(CRASH_ONCE):
                    marker = Path(value[len(CRASH_ONCE):])
                    if not marker.exists():
                        marker.write_text(str(os.getpid()))
                        os._exit(1)
        return super().__call__(batch)
