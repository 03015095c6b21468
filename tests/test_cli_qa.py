"""Command-line usage found broken by trying it as a stranger: one line, exit 2, no traceback."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from translator.cli import main


@pytest.fixture(autouse=True)
def _cache_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INDO_TRANSLATOR_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def test_closed_stdin_is_a_usage_error(monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # what Python gives a command run with <&-
    assert main(["translate", "--model", "no/such-model", "-"]) == 2
    err = capsys.readouterr().err
    assert "stdin" in err and "Fix:" in err and err.count("\n") == 1


def test_text_output_to_a_directory_is_a_usage_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for force in ([], ["--force"]):
        code = main(["translate", "--model", "no/such-model", "-o", str(tmp_path), *force,
                     "--text", "Halo."])
        err = capsys.readouterr().err
        assert code == 2, err
        assert "directory" in err and "--force" not in err and err.count("\n") == 1
