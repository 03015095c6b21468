"""The layering is a contract: import-linter (pyproject.toml) fails on an upward import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    # import-linter is in the dev extra: a missing one fails here, never skips.
    exe = Path(sys.executable).with_name("lint-imports")
    return subprocess.run([str(exe)], cwd=root, capture_output=True, text=True, timeout=300,
                          env=dict(os.environ, PYTHONPATH=str(root)))


def test_the_layers_contract_is_kept() -> None:
    proc = lint_imports(REPO)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 kept, 0 broken" in proc.stdout


def test_an_upward_import_or_a_circle_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(REPO / "translator", tmp_path / "translator",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    # A deferred import counts: the ground floor reaching up to the engine ...
    with open(tmp_path / "translator" / "errors.py", "a", encoding="utf-8") as handle:
        handle.write("\n\ndef _upward():\n    from translator.engine import engine  # noqa\n")
    # ... and a type-only import back from a lower sibling makes a circle.
    spans = tmp_path / "translator" / "text" / "segment" / "lines.py"
    spans.write_text(spans.read_text(encoding="utf-8") + (
        "\n\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n"
        "    from translator.text.segment.spans import sentence_spans  # noqa\n"
    ), encoding="utf-8")
    proc = lint_imports(tmp_path)
    assert proc.returncode != 0
    assert "0 kept, 2 broken" in proc.stdout, proc.stdout


def test_no_module_over_400_lines() -> None:
    long = {str(p.relative_to(REPO)): n for p in (REPO / "translator").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert long == {}, "split these along their concerns"
