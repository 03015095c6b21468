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




def test_translate_file_into_a_directory_says_so(fake_translator, tmp_path: Path) -> None:  # noqa: ANN001
    from translator.errors import InvalidInputError

    src = tmp_path / "b.txt"
    src.write_text("Harga naik.\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    with pytest.raises(InvalidInputError, match="is a directory.*Fix:"):
        fake_translator.translate_file(src, tmp_path / "out")
    assert (tmp_path / "out").is_dir() and not any((tmp_path / "out").iterdir())


def test_tree_into_an_existing_file_is_one_clear_error(fake_translator, tmp_path: Path) -> None:  # noqa: ANN001
    from translator.errors import InvalidInputError

    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "a.txt").write_text("Satu.\n", encoding="utf-8")
    (tmp_path / "out.txt").write_text("mine\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="not a directory.*Fix:"):
        fake_translator.translate_path([tmp_path / "tree"], tmp_path / "out.txt")
    assert (tmp_path / "out.txt").read_text(encoding="utf-8") == "mine\n"


def test_tree_into_an_existing_file_cli_exit_2(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "a.txt").write_text("Satu.\n", encoding="utf-8")
    (tmp_path / "out.txt").write_text("mine\n", encoding="utf-8")
    code = main(["translate", "--model", "no/such-model", str(tmp_path / "tree"), "-o",
                 str(tmp_path / "out.txt")])
    err = capsys.readouterr().err
    assert code == 2, err
    assert "not a directory" in err and "-o" in err and err.count("\n") == 1


def test_stream_and_split_reject_non_text(fake_translator) -> None:  # noqa: ANN001
    from translator.errors import NotTextError
    from translator.text.segment import split_sentences

    with pytest.raises(NotTextError):
        list(fake_translator.stream(5))
    with pytest.raises(NotTextError):
        split_sentences(5)


def test_download_when_offline_says_offline(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["download", "--dir", str(tmp_path / "m")]) == 1
    err = capsys.readouterr().err
    assert "HF_HUB_OFFLINE" in err and "unreachable" not in err
    assert "unset HF_HUB_OFFLINE" in err and not (tmp_path / "m").exists()


def test_every_subcommand_help_describes_itself_and_its_arguments() -> None:
    from translator.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name, parser in sub.choices.items():
        assert parser.description, name
        for action in parser._actions:
            assert action.help, (name, action.dest)
            assert len(parser.format_usage().splitlines()[0]) < 120, name  # no choice dumps


def test_counting_a_long_text_prints_no_transformers_warning(
        tiny_model_dir: Path, capfd: pytest.CaptureFixture[str],
        caplog: pytest.LogCaptureFixture) -> None:
    from translator.backends.marian import MarianTokens, load_tokenizer

    counter = MarianTokens()
    counter.tokenizer = load_tokenizer(tiny_model_dir)
    counter.tokenizer.deprecation_warnings.clear()  # transformers warns once per tokenizer
    assert counter.count_tokens(["kata " * 2000])[0] > 512
    said = capfd.readouterr().err + caplog.text
    assert "longer than the specified maximum" not in said


def test_a_file_given_as_model_is_named_a_file(tmp_path: Path) -> None:
    from translator.backends.hub import resolve_model
    from translator.errors import ModelNotFoundError

    weights = tmp_path / "model.bin"
    weights.write_bytes(b"x")
    with pytest.raises(ModelNotFoundError, match="is a file, not a model directory"):
        resolve_model(str(weights), download=False)


def test_unusable_cache_warning_gives_the_cli_flag(tmp_path: Path,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    from translator.engine.cache import TranslationCache
    from translator.errors import CacheUnavailableError, interface

    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with interface("cli"), pytest.raises(CacheUnavailableError):
        TranslationCache(blocker / "db.sqlite3").stats()
    assert "--no-cache" in caplog.text


def test_empty_stdin_prints_nothing(fake_translator, monkeypatch: pytest.MonkeyPatch,  # noqa: ANN001
                                    capsys: pytest.CaptureFixture[str]) -> None:
    import io

    from translator.cli import translate as command

    monkeypatch.setattr(command, "_make_translator", lambda args: fake_translator)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["translate", "--no-cache", "-q", "-"]) == 0
    assert capsys.readouterr().out == ""


def test_convert_for_a_missing_gpu_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    ct2 = pytest.importorskip("ctranslate2")
    if ct2.get_cuda_device_count() > 0:
        pytest.skip("this machine has a GPU")
    assert main(["convert", "--device", "cuda", "--model", "no/such-model"]) == 2
    err = capsys.readouterr().err
    assert "--device cpu" in err and err.count("\n") == 1


def test_compute_types_of_a_missing_gpu_is_an_option_error() -> None:
    ct2 = pytest.importorskip("ctranslate2")
    if ct2.get_cuda_device_count() > 0:
        pytest.skip("this machine has a GPU")
    from translator.backends.ct2_runtime import resolve_compute_type
    from translator.errors import InvalidOptionError

    with pytest.raises(InvalidOptionError, match="Fix: use device='cpu'"):
        resolve_compute_type("auto", "cuda")


def test_readme_environment_table_lists_exactly_the_settings() -> None:
    import re

    from translator.settings import ENVIRONMENT

    readme = Path(__file__).resolve().parents[1] / "README.md"
    table = re.findall(r"^\| `([A-Z_]+)` \|", readme.read_text(encoding="utf-8"), re.M)
    assert sorted(table) == sorted(ENVIRONMENT)


def test_sources_inside_the_output_folder_are_not_skipped_silently(
        fake_translator, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:  # noqa: ANN001
    tree = tmp_path / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "a.txt").write_text("Satu.\n", encoding="utf-8")
    (tree / "sub" / "b.txt").write_text("Dua.\n", encoding="utf-8")
    fake_translator.translate_path([tree], tree / "sub")
    assert "sub: the output folder is inside the input tree, so 1 file(s) of yours" in caplog.text
    caplog.clear()
    fake_translator.translate_path([tree], tmp_path / "elsewhere")  # no warning otherwise
    assert "output folder" not in caplog.text


def test_empty_suffix_is_refused_before_it_overwrites_the_source(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from translator.errors import InvalidOptionError
    from translator.files import BatchOptions

    with pytest.raises(InvalidOptionError, match="suffix='_en'"):
        BatchOptions(fields=("text",), suffix="")
    rows = tmp_path / "s.jsonl"
    rows.write_text('{"text": "Halo."}\n', encoding="utf-8")
    code = main(["translate", "--model", "no/such-model", str(rows), "--field", "text",
                 "--suffix", ""])
    err = capsys.readouterr().err
    assert code == 2 and "--suffix _en" in err and err.count("\n") == 1
    assert not (tmp_path / "s.en.jsonl").exists()
