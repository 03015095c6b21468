"""The command line tried as a new user would (issue 9, items 14, 16, 19, 20, 21, 22).

Bad option values end in one line and exit 2 before any model loads; text and paths are
told apart by one documented rule; every fix is worded for the interface in use; ``info``
only looks; ``convert --model``; a quiet CLI with ``-v`` for more.
"""

from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from translator.cli import main
from translator.cli.translate import INPUT_RULE, split_inputs
from translator.errors import (
    InvalidOptionError,
    MissingDependencyError,
    ModelNotFoundError,
    interface,
    set_process_interface,
)

REPO = Path(__file__).resolve().parent.parent
MISSING_MODEL = "/nonexistent/model-dir"


@pytest.fixture(autouse=True)
def _cache_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INDO_TRANSLATOR_CACHE", str(tmp_path / "cache"))


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "translator", *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=300, cwd=REPO)


def has_gpu() -> bool:
    import torch

    return torch.cuda.is_available()


# -- item 14: bad option values ----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--device", "gpu"], "unknown device 'gpu'"),
        (["--device", "cuda0"], "unknown device"),
        (["--compute-type", "int3"], "--compute-type"),
        (["--beam-size", "0"], "--beam-size"),
        (["--batch-size", "-4"], "--batch-size"),
        (["--batch-size", "many"], "--batch-size"),
        (["--backend", "tensorflow"], "--backend"),
        (["--vocabulary", "english"], "--vocabulary"),
    ],
)
def test_bad_option_values_are_one_line_exit_2_before_the_model(
    args: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # The model does not exist: exit 2 (not 1, "not found") shows the check came first.
    assert main(["translate", "Harga naik.", "--model", MISSING_MODEL, *args]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1, err
    assert words in err and "Fix:" in err and "Traceback" not in err


def test_cuda_without_a_gpu_is_a_usage_error_before_the_model(
    capsys: pytest.CaptureFixture[str],
) -> None:
    if has_gpu():
        pytest.skip("this machine has a GPU")
    for backend in ("transformers", "ctranslate2"):
        code = main(["translate", "Harga naik.", "--model", MISSING_MODEL, "--device", "cuda",
                     "--backend", backend])
        err = capsys.readouterr().err
        assert code == 2, err
        assert len(err.strip().splitlines()) == 1, err
        assert "--device cpu" in err and "device='cpu'" not in err


def test_python_options_are_checked_before_the_model_is_looked_up() -> None:
    from translator import Translator

    for options, name in [({"device": "gpu"}, "device"), ({"num_threads": -2}, "num_threads"),
                          ({"inter_threads": 0}, "inter_threads"),
                          ({"max_batch_size": 0}, "max_batch_size"),
                          ({"beam_size": 0}, "beam_size"), ({"backend": "tf"}, "backend"),
                          ({"vocabulary": "english"}, "vocabulary")]:
        with pytest.raises(InvalidOptionError) as info:
            Translator(MISSING_MODEL, **options)
        assert info.value.option == name
        assert isinstance(info.value, ValueError)
        assert "Fix:" in str(info.value) and f"{name}=" in str(info.value)
        assert "--" not in str(info.value)  # Python wording, not a flag


def test_transformers_install_hint_names_a_real_extra(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    import tomllib

    from translator.backends.transformers import TransformersBackend

    monkeypatch.setitem(sys.modules, "transformers", None)
    with pytest.raises(MissingDependencyError) as info:
        TransformersBackend(tmp_path, device="cpu")
    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]
    message = str(info.value)
    assert "[all]" not in message
    named = message.split("pip install '")[1].split("'")[0]
    assert named == "indo-translator" or named.split("[")[1].rstrip("]") in extras


# -- item 16: text or path ---------------------------------------------------------------


def test_text_or_path_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "berita.txt").write_text("Harga naik.")
    (tmp_path / "arsip").mkdir()
    assert split_inputs(["Harga/kg naik."]) == ([], ["Harga/kg naik."])
    assert split_inputs(["harga/kg"]) == ([], ["harga/kg"])
    assert split_inputs(["Rp5.000/kg"]) == ([], ["Rp5.000/kg"])
    assert split_inputs(["berita.txt", "arsip"]) == (["berita.txt", "arsip"], [])
    assert split_inputs(["-"]) == ([], ["-"])
    assert split_inputs(["laporan.txt"]) == (["laporan.txt"], [])  # missing: fails by name
    assert split_inputs(["laporan.txt"], kind="text") == ([], ["laporan.txt"])
    assert split_inputs(["berita.txt"], kind="text") == ([], ["berita.txt"])
    assert split_inputs(["Harga naik", "-"], kind="file") == (["Harga naik"], ["-"])


def test_rule_is_in_help_and_readme(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "--help"]) == 0
    helptext = " ".join(capsys.readouterr().out.split())
    assert "--text" in helptext and "--file" in helptext
    assert " ".join(INPUT_RULE.split()) in helptext
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "Harga/kg naik." in readme and "--text" in readme and "--file" in readme


@pytest.mark.slow
def test_slash_text_is_translated(tiny_model_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["translate", "Harga/kg naik.", "--json", "--model", str(tiny_model_dir),
                 "--backend", "transformers", "--device", "cpu"])
    out = capsys.readouterr()
    assert code == 0, out.err
    assert json.loads(out.out)["source"] == "Harga/kg naik."
    assert "no such file" not in out.err


# -- item 19: each interface gives its own fix -------------------------------------------


def test_model_not_found_fix_per_interface(capsys: pytest.CaptureFixture[str]) -> None:
    from translator import Translator

    with pytest.raises(ModelNotFoundError) as info:
        Translator(MISSING_MODEL, device="cpu")
    python = str(info.value)
    assert "Translator(model=" in python and "--model" not in python
    with interface("cli"):
        assert "--model PATH" in str(info.value) and "Translator(" not in str(info.value)
    assert "python app.py --model DIR" in info.value.message("app")

    assert main(["translate", "Harga naik.", "--model", MISSING_MODEL, "--device", "cpu"]) == 1
    err = capsys.readouterr().err
    assert "--model PATH" in err and "Translator(" not in err
    assert "Translator(model=" in str(info.value)  # the CLI left Python's wording alone


def test_app_terminal_and_page_say_python_app_py() -> None:
    from translator.ui.render import error_panel
    from translator.ui.service import TranslationService

    set_process_interface("app")
    try:
        service = TranslationService.load(MISSING_MODEL, device="cpu")
    finally:
        set_process_interface("python")
    assert not service.ready
    assert "python app.py --model DIR" in service.load_error
    assert "Translator(" not in service.load_error and "--model PATH" not in service.load_error
    assert "python app.py --model DIR" in error_panel(service.load_error)


# The real ``python app.py`` prints the app's fix in its terminal: checked on the server of
# tests/test_app_live.py::test_missing_model_still_serves_the_page_with_the_fix.


# -- item 20: info only looks ------------------------------------------------------------


def test_info_without_a_model_reports_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import translator.backends.hub as hub

    def no_download(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("info must never download")

    monkeypatch.setattr(hub, "download_model", no_download)
    monkeypatch.setattr(hub, "_unreachable", no_download)
    monkeypatch.setenv("INDO_TRANSLATOR_MODELS", str(tmp_path / "models"))
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    assert main(["info"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ready"] is False and report["path"] is None
    assert any("models folder" in line for line in report["missing"])
    assert "--model PATH" in report["fix"] and "translator download" in report["fix"]


def test_info_with_a_model_is_ready(tiny_model_dir: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "--model", str(tiny_model_dir), "--device", "cpu"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ready"] is True and report["found_in"] == "directory"
    assert report["device"] == "cpu"


# -- item 21: convert --model ------------------------------------------------------------


@pytest.mark.slow
def test_convert_takes_model_option(tiny_model_dir: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("ctranslate2")
    assert main(["convert", "--model", str(tiny_model_dir)]) == 0
    assert "ready in" in capsys.readouterr().out
    assert main(["convert", "--model", str(tiny_model_dir), "--device", "gpu"]) == 2


# -- item 22: quiet by default, usage errors first, a hint on a terminal ------------------


@pytest.mark.slow
def test_quiet_by_default_and_v_for_more(tiny_ct2_model_dir: Path, tmp_path: Path) -> None:
    text = "Harga beras naik.\n\nKami pergi."
    quiet = cli("translate", text, "--model", str(tiny_ct2_model_dir), "--device", "cpu")
    assert quiet.returncode == 0, quiet.stderr
    assert "INFO" not in quiet.stderr, quiet.stderr
    # transformers warned about max_length on every batch (opus-mt-id-en's generation
    # config has it): gone, not just hidden, so not even with -v.
    model = tmp_path / "model"
    shutil.copytree(tiny_ct2_model_dir, model)
    config = json.loads((model / "generation_config.json").read_text())
    config["max_length"] = 512
    (model / "generation_config.json").write_text(json.dumps(config))
    loud = cli("translate", text, "--model", str(model), "--backend", "transformers",
               "--device", "cpu", "-v")
    assert loud.returncode == 0 and "INFO" in loud.stderr
    assert "max_length" not in loud.stderr, loud.stderr


def test_jsonl_without_field_fails_at_once(tmp_path: Path) -> None:
    data = tmp_path / "data.jsonl"
    data.write_text('{"text": "Harga naik."}\n')
    proc = cli("translate", str(data), "--model", MISSING_MODEL)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("data.jsonl") == 1 and "--field" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
    assert "not found" not in proc.stderr  # the model was never looked up


def test_field_with_texts_fails_at_once() -> None:
    proc = cli("translate", "Harga naik.", "--field", "text", "--model", MISSING_MODEL)
    assert proc.returncode == 2 and "--field" in proc.stderr


def test_hint_when_reading_a_terminal() -> None:
    master, slave = pty.openpty()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "translator", "translate", "--model", MISSING_MODEL],
            stdin=slave, capture_output=True, text=True, timeout=120, cwd=REPO,
            env=dict(os.environ, PYTHONPATH=str(REPO)))
    finally:
        os.close(master)
        os.close(slave)
    assert "Ctrl-D" in proc.stderr
    piped = cli("translate", "--model", MISSING_MODEL, stdin="Harga naik.")
    assert "Ctrl-D" not in piped.stderr


def test_output_exists_fix_per_interface(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Saya suka buku.")
    (tmp_path / "a.en.txt").write_text("my own notes")
    proc = subprocess.run(
        [sys.executable, "-c", "from tests.test_tree_safety import CLI_WITH_FAKE; "
         "exec(CLI_WITH_FAKE)", "translate", str(src)], cwd=REPO, capture_output=True,
        text=True, timeout=120,
        env=dict(os.environ, PYTHONPATH=str(REPO), INDO_TRANSLATOR_CACHE=str(tmp_path / "c")))
    assert proc.returncode == 1
    assert "--force" in proc.stderr and "force=True" not in proc.stderr


def test_runner_fixes_are_worded_per_interface(tmp_path: Path, fake_translator) -> None:
    from translator.files import BatchOptions

    data = tmp_path / "d.jsonl"
    data.write_text('{"text": "Halo."}\n')
    report = fake_translator.translate_path(
        [data], tmp_path / "out", options=BatchOptions(fields=("text",), json=True))
    error = report.failed[0].error
    assert "json=False" in error and "--json" not in error
    with interface("cli"):
        report = fake_translator.translate_path(
            [data], tmp_path / "out", options=BatchOptions(fields=("text",), json=True))
    assert "drop --json" in report.failed[0].error
    report = fake_translator.translate_path(
        [data], tmp_path / "out", options=BatchOptions(fields=("text",), xliff=True))
    error = report.failed[0].error
    assert "XLIFF review files are for documents; a jsonl file gets" in error
    assert "xliff=False" in error and "--xliff" not in error
