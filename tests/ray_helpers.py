"""An actor for the Ray tests that kills its own process once (Ray must restart and retry)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from translator.integrations.distributed import ActorTranslator

#: A row whose text starts with this, followed by a marker path, makes the actor die once.
CRASH_ONCE = "CRASH-ONCE:"


class CrashOnceTranslator(ActorTranslator):
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
