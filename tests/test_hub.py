"""Finding models: directories, models/, the HF cache, downloads, and the errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from translator import ModelNotFoundError, Translator
from translator.backends.hub import MODELS_DIR_ENV, models_dir, resolve_model

REPO = Path(__file__).resolve().parent.parent


def test_models_dir_defaults_to_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(MODELS_DIR_ENV, raising=False)
    assert models_dir() == REPO / "models"


def test_models_dir_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(MODELS_DIR_ENV, str(tmp_path))
    assert models_dir() == tmp_path


def test_hub_id_found_in_models_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tiny_model_dir: Path
) -> None:
    (tmp_path / "opus-mt-id-en").symlink_to(tiny_model_dir)
    monkeypatch.setenv(MODELS_DIR_ENV, str(tmp_path))
    resolved = resolve_model("Helsinki-NLP/opus-mt-id-en")
    assert resolved.source == "models"
    translator = Translator()  # the default model, found without any network
    assert translator.resolved.path == tmp_path / "opus-mt-id-en"


def test_missing_model_error_names_every_place_and_the_fix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(MODELS_DIR_ENV, str(tmp_path / "models"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    with pytest.raises(ModelNotFoundError) as info:
        Translator("Helsinki-NLP/opus-mt-id-en")
    err = info.value
    assert isinstance(err, FileNotFoundError)
    message = str(err)
    assert "models folder" in message and str(tmp_path / "models") in message
    assert "Hugging Face cache" in message
    assert "HF_HUB_OFFLINE" in message
    assert "translator download" in message and "local model directory" in message
    assert len(err.tried) == 4


def test_missing_local_directory(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        Translator(tmp_path / "nope")


def test_directory_without_weights(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    with pytest.raises(ModelNotFoundError, match="no config.json and weights"):
        Translator(tmp_path)


def test_offline_without_model_fails_fast(tmp_path: Path) -> None:
    env = dict(os.environ, HF_HUB_OFFLINE="1", HF_HOME=str(tmp_path / "hf"))
    env[MODELS_DIR_ENV] = str(tmp_path / "models")
    code = (
        "import translator\n"
        "try:\n"
        "    translator.Translator()\n"
        "except translator.ModelNotFoundError as e:\n"
        "    print('CLEAR ERROR'); print(e)\n"
    )
    # A hang guard, not a speed goal: an offline machine must not wait on the network.
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120,
        cwd=REPO,
    )
    assert "CLEAR ERROR" in proc.stdout, proc.stderr
    assert "translator download" in proc.stdout


def test_unreachable_hub_gives_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # No network here: the download attempt fails and the error says why and what to do.
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setenv(MODELS_DIR_ENV, str(tmp_path / "models"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens on port 9
    with pytest.raises(ModelNotFoundError, match="download from the Hugging Face Hub failed"):
        resolve_model("Helsinki-NLP/opus-mt-id-en")


def test_download_offline_says_copy_or_mirror_not_download(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `translator download` that cannot reach the hub must not answer "run translator
    # download on a machine with internet access": it is that command.
    from translator.cli import main

    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    monkeypatch.setenv(MODELS_DIR_ENV, str(tmp_path / "models"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # nothing listens on port 9
    assert main(["download"]) == 1
    err = capsys.readouterr().err
    assert "on a machine with internet access" not in err
    assert f"copy the {tmp_path / 'models' / 'opus-mt-id-en'}/ folder over" in err
    assert "HF_ENDPOINT=https://your-mirror translator download" in err
    # translating with no model still points at `translator download` (another command)
    with pytest.raises(ModelNotFoundError, match="translator download"):
        resolve_model("Helsinki-NLP/opus-mt-id-en")
