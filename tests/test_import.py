"""`import translator` stays light and writes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_import_is_light_and_writes_nothing(tmp_path: Path) -> None:
    code = (
        "import sys, translator\n"
        "heavy = [m for m in ('torch', 'transformers', 'gradio', 'ctranslate2', "
        "'huggingface_hub', 'sentencepiece') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
        "from translator import Translator, Document, ModelNotFoundError\n"
        "from translator.segment import split_sentences\n"
        "print('HEAVY2', [m for m in ('torch', 'transformers') if m in sys.modules])\n"
    )
    env = dict(os.environ, HOME=str(tmp_path), PYTHONDONTWRITEBYTECODE="1",
               PYTHONPATH=str(REPO), XDG_CACHE_HOME=str(tmp_path / "cache"))
    before = sorted(p for p in tmp_path.rglob("*"))
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "HEAVY []" in proc.stdout and "HEAVY2 []" in proc.stdout
    assert sorted(p for p in tmp_path.rglob("*")) == before
