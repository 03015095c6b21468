"""Assertions shared by tests of different backends."""

from __future__ import annotations

import re

_BLANK_RUNS = re.compile(r"(?:\n[ \t\xa0]*){2,}")


def assert_layout_kept(out: str, source: str) -> None:
    """The layout contract on tests/data/berita.id.txt: skeleton, markers, verbatim lines."""
    assert _BLANK_RUNS.findall(out) == _BLANK_RUNS.findall(source)
    lines = out.split("\n")
    for marker in ("- ", "  * ", "1. ", "2. "):
        assert any(line.startswith(marker) for line in lines), marker
    assert "humas@bpbd.jakarta.go.id" in lines and "021-5551234" in lines
