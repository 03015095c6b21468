"""``python app.py`` with a slow model, for the browser tests of cancellation.

Every model call first waits ``INDO_TRANSLATOR_TEST_BATCH_DELAY`` seconds (the tiny test
model is too fast to stop a translation half-way). Usage: ``python tests/slow_app.py
[app.py options]``.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from translator.backends import base  # noqa: E402
from translator.ui.command import main  # noqa: E402

DELAY = float(os.environ.get("INDO_TRANSLATOR_TEST_BATCH_DELAY", "0.5"))


def _slowed(method):  # noqa: ANN001, ANN202
    def translate_batches(self, requests):  # noqa: ANN001, ANN202
        time.sleep(DELAY)
        return method(self, requests)

    return translate_batches


base.Backend.translate_batches = _slowed(base.Backend.translate_batches)  # type: ignore[method-assign]
try:
    from translator.backends.ctranslate2 import CTranslate2Backend

    CTranslate2Backend.translate_batches = _slowed(CTranslate2Backend.translate_batches)  # type: ignore[method-assign]
except ImportError:  # pragma: no cover - ctranslate2 not installed
    pass

if __name__ == "__main__":
    sys.exit(main())
