"""Every command checks its optional packages before any model loads (one line, exit 2)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from translator.cli import main
from translator.cli.needs import installed, needs_of


@pytest.fixture()
def no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    import translator.core

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a model was loaded before the missing package was named")

    monkeypatch.setattr(translator.core, "Translator", refuse)


def _lines(tmp_path: Path) -> tuple[str, str]:
    (tmp_path / "t.id").write_text("Satu.\n")
    (tmp_path / "t.en").write_text("One.\n")
    return str(tmp_path / "t.id"), str(tmp_path / "t.en")


def test_eval_without_sacrebleu_names_the_extra_at_once(
        tmp_path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        no_model: None) -> None:
    monkeypatch.setitem(sys.modules, "sacrebleu", None)  # as if not installed
    src, ref = _lines(tmp_path)
    started = time.perf_counter()
    assert main(["eval", "--src", src, "--ref", ref]) == 2
    assert time.perf_counter() - started < 5  # nothing was loaded (generous on a busy CI)
    err = capsys.readouterr().err.strip()
    assert "\n" not in err
    assert "sacrebleu" in err and "pip install 'indo-translator[eval]'" in err


@pytest.mark.parametrize(("argv", "module", "extra"), [
    (["serve"], "fastapi", "api"),
    (["serve"], "uvicorn", "api"),
    (["convert"], "ctranslate2", "fast"),
    (["translate", "--backend", "ctranslate2", "--text", "Satu."], "ctranslate2", "fast"),
    (["translate", "{tmp}/a.jsonl", "--field", "text", "--ray"], "ray", "distributed"),
    (["translate", "{tmp}/a.docx"], "lxml", "formats"),
    (["translate", "{tmp}/a.pptx"], "lxml", "formats"),
    (["translate", "{tmp}/a.epub"], "lxml", "formats"),
    (["translate", "{tmp}/a.pdf"], "pypdf", "formats"),
    (["translate", "{tmp}/a.parquet", "--field", "text"], "pyarrow", "parquet"),
])
def test_each_command_names_its_extra(
        tmp_path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        no_model: None, argv: list[str], module: str, extra: str) -> None:
    for name in ("a.jsonl", "a.docx", "a.pptx", "a.epub", "a.pdf", "a.parquet"):
        (tmp_path / name).write_bytes(b"x")
    monkeypatch.setitem(sys.modules, module, None)
    assert main([a.format(tmp=tmp_path) for a in argv]) == 2
    assert f"pip install 'indo-translator[{extra}]'" in capsys.readouterr().err


def test_installed_packages_pass() -> None:
    import argparse

    args = argparse.Namespace(command="eval")
    assert [n.package for n in needs_of(args)] == ["sacrebleu"]
    assert installed(needs_of(args)[0])  # the dev extra has it
    assert needs_of(argparse.Namespace(command="check")) == []
