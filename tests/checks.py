"""Assertions shared by tests of different backends."""

from __future__ import annotations

import contextlib
import re
import signal
from collections.abc import Iterator

from hypothesis import settings


def examples(n: int) -> int:
    """``n`` property examples under the default profile, scaled up under ``nightly``.

    Read when a test module is imported, after tests/conftest.py loaded the profile.
    """
    return max(1, n * settings.default.max_examples // 100)


_BLANK_RUNS = re.compile(r"(?:\n[ \t\xa0]*){2,}")


def assert_layout_kept(out: str, source: str) -> None:
    """The layout contract on tests/data/berita.id.txt: skeleton, markers, verbatim lines."""
    assert _BLANK_RUNS.findall(out) == _BLANK_RUNS.findall(source)
    lines = out.split("\n")
    for marker in ("- ", "  * ", "1. ", "2. "):
        assert any(line.startswith(marker) for line in lines), marker
    assert "humas@bpbd.jakarta.go.id" in lines and "021-5551234" in lines


@contextlib.contextmanager
def hang_guard(seconds: int = 20) -> Iterator[None]:
    """Turn a hang into a failure: for inputs a super-linear regex would never finish.

    Not a speed test (the guarded work takes milliseconds; speed is shown by
    benchmarks/pathological.py). Unix only: elsewhere the body simply runs.
    """
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def fail(*_: object) -> None:
        raise TimeoutError(f"still running after {seconds} s: super-linear time?")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
