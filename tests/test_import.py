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
        "from translator.text.segment import split_sentences\n"
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


def test_the_removed_shims_are_gone() -> None:
    # translator.batch, translator.formats and translator.outputs were deprecated shims: the
    # one home of each is translator.files (issue 17: one public home per name).
    import importlib.util

    for name in ("translator.batch", "translator.formats", "translator.outputs"):
        spec = importlib.util.find_spec(name)  # (an editable install elsewhere may have it)
        assert spec is None or not Path(spec.origin).is_relative_to(REPO), name


def test_version_and_errors_exported() -> None:
    import translator
    from translator import _version, errors

    assert translator.__version__ == _version.__version__
    assert translator.UnsupportedFormatError is errors.UnsupportedFormatError
    assert translator.OutputExistsError is errors.OutputExistsError
    assert (REPO / "translator" / "py.typed").is_file()


def test_every_environment_variable_is_in_the_readme_table() -> None:
    from translator.settings import ENVIRONMENT

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in ENVIRONMENT:
        assert f"| `{name}` |" in readme, name
