"""A broken sentence cache never stops a translation, and ``translator cache clear`` always works.

Issue 9, item 12: a corrupt or truncated database made every command fail (``cache clear``
included); an unwritable cache directory gave a traceback.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.fakes import FakeBackend
from translator import Translator
from translator.cli import main
from translator.engine.cache import BROKEN_SUFFIX, DB_NAME, TranslationCache
from translator.errors import CacheUnavailableError

TEXT = "Harga beras naik. Pemerintah menambah stok.\n\nKami pergi ke pasar."


@pytest.fixture(autouse=True)
def _cache_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INDO_TRANSLATOR_CACHE", str(tmp_path / "user-cache"))


def filled_db(folder: Path) -> bytes:
    """The bytes of a healthy cache database with a few hundred entries."""
    cache = TranslationCache(folder)
    cache.put_many("s", {f"kalimat nomor {i} " * 8: (f"t{i}", ()) for i in range(800)})
    cache.close()
    return (folder / DB_NAME).read_bytes()


def broken_variants(tmp_path: Path) -> dict[str, bytes]:
    data = filled_db(tmp_path / "healthy")
    return {
        "not a database": b"hello world, not sqlite " * 50,
        "truncated header": data[:50],
        "truncated half": data[: len(data) // 2],
        "pages overwritten": data[:100] + b"\xff" * (len(data) - 100),
    }


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.levelno == logging.WARNING and r.name == "translator.engine.cache"]


@pytest.mark.parametrize("kind", ["not a database", "truncated header", "truncated half",
                                  "pages overwritten"])
def test_corrupt_database_is_moved_aside_and_translation_goes_on(
    kind: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(broken_variants(tmp_path)[kind])
    expected = Translator.from_backend(FakeBackend(), model="fake").translate(TEXT)

    cache = TranslationCache(folder)
    translator = Translator.from_backend(FakeBackend(), model="fake", cache=cache)
    with caplog.at_level(logging.WARNING):
        assert translator.translate(TEXT) == expected
        assert translator.translate(TEXT) == expected  # now from the new cache
    assert len(warnings_of(caplog)) == 1, warnings_of(caplog)
    assert "moved it to" in warnings_of(caplog)[0]
    assert len(list(folder.glob(f"{DB_NAME}{BROKEN_SUFFIX}*"))) == 1
    assert cache.problem is None
    assert cache.stats().entries == 3 and cache.hits == 3


def test_unwritable_cache_folder_warns_once_and_translates(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    cache = TranslationCache(blocker / "cache")  # its folder can never be created
    backend = FakeBackend()
    translator = Translator.from_backend(backend, model="fake", cache=cache)
    with caplog.at_level(logging.WARNING):
        first = translator.translate(TEXT)
        second = translator.translate(["Satu.", "Dua."])
    assert first == "HARGA BERAS NAIK. PEMERINTAH MENAMBAH STOK.\n\nKAMI PERGI KE PASAR."
    assert second == ["SATU.", "DUA."]
    assert len(warnings_of(caplog)) == 1
    assert "INDO_TRANSLATOR_CACHE" in warnings_of(caplog)[0]
    assert cache.problem is not None
    with pytest.raises(CacheUnavailableError, match="Fix:"):
        cache.stats()
    assert cache.clear() == 0  # nothing there to clear: not an error


@pytest.mark.parametrize("kind", ["not a database", "truncated half"])
def test_cli_cache_clear_and_stats_work_on_a_corrupt_cache(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "user-cache"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(broken_variants(tmp_path)[kind])
    assert main(["cache", "clear"]) == 0
    assert not list(folder.glob(f"{DB_NAME}{BROKEN_SUFFIX}*"))
    assert main(["cache", "stats", "--json"]) == 0
    assert '"entries": 0' in capsys.readouterr().out


def test_cli_cache_stats_on_a_corrupt_cache_starts_a_new_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "user-cache"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"garbage" * 100)
    assert main(["cache", "stats", "--json"]) == 0
    assert '"entries": 0' in capsys.readouterr().out
    assert len(list(folder.glob(f"{DB_NAME}{BROKEN_SUFFIX}*"))) == 1
    assert main(["cache", "clear"]) == 0
    assert not list(folder.glob(f"{DB_NAME}{BROKEN_SUFFIX}*"))


@pytest.mark.slow
def test_cli_translate_with_a_corrupt_cache(
    tiny_model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "user-cache"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"garbage" * 100)
    args = ["translate", "Harga beras naik.", "--model", str(tiny_model_dir),
            "--backend", "transformers", "--device", "cpu"]
    assert main(args) == 0
    first = capsys.readouterr()
    assert first.out.strip() and "Traceback" not in first.err
    assert "broken" in first.err
    assert main(args) == 0
    assert capsys.readouterr().out == first.out


@pytest.mark.slow
def test_cli_translate_with_an_unwritable_cache(
    tiny_model_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "a-file").write_text("x")
    monkeypatch.setenv("INDO_TRANSLATOR_CACHE", str(tmp_path / "a-file" / "cache"))
    src = tmp_path / "berita.txt"
    src.write_text(TEXT, encoding="utf-8")
    assert main(["translate", str(src), "--model", str(tiny_model_dir),
                 "--backend", "transformers", "--device", "cpu"]) == 0
    err = capsys.readouterr().err
    assert (tmp_path / "berita.en.txt").is_file()
    assert err.count("cannot be used") == 1 and "Traceback" not in err
