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


def test_old_module_paths_still_work_with_a_deprecation_warning(tmp_path: Path) -> None:
    code = (
        "import warnings\n"
        "warnings.simplefilter('error', DeprecationWarning)\n"
        "for name in ('translator.batch', 'translator.formats', 'translator.outputs'):\n"
        "    try:\n"
        "        __import__(name)\n"
        "    except DeprecationWarning as w:\n"
        "        print('WARNED', name)\n"
        "warnings.simplefilter('ignore', DeprecationWarning)\n"
        "from translator.batch import BatchOptions, translate_path\n"
        "from translator.formats import format_for\n"
        "import translator.files as files\n"
        "assert BatchOptions is files.BatchOptions and format_for is files.format_for\n"
        "print('OK')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          env=dict(os.environ, PYTHONPATH=str(REPO)), text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("WARNED") == 3 and proc.stdout.endswith("OK\n")


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
