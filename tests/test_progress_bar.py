"""``translate_path(progress=True)`` and ``translate_file(progress=True)`` draw one bar."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes import FakeBackend
from translator import Translator


@pytest.fixture()
def bars(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """The tqdm bars made, each as the total it was first drawn with and its last count."""
    import tqdm.auto

    made: list[dict] = []
    original = tqdm.auto.tqdm

    class Recorded(original):  # type: ignore[misc, valid-type]
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            made.append({"first_total": kwargs.get("total")})
            super().__init__(*args, **kwargs)

        def close(self) -> None:
            made[-1]["n"], made[-1]["total"] = self.n, self.total
            super().close()

    monkeypatch.setattr(tqdm.auto, "tqdm", Recorded)
    return made


def test_translate_path_draws_one_bar_with_its_total(tmp_path: Path, bars: list[dict]) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Satu {i}. Dua {i}.")
    translator = Translator.from_backend(FakeBackend(), model="fake", checks=False)
    assert translator.translate_path(tmp_path, tmp_path / "out", progress=True).ok
    # one bar, never an empty one; its total grows as files are read (each file parsed once)
    assert [(b["n"], b["total"]) for b in bars] == [(6, 6)]


def test_translate_file_draws_one_bar_with_its_total(tmp_path: Path, bars: list[dict]) -> None:
    (tmp_path / "a.txt").write_text("Satu. Dua. Tiga.")
    translator = Translator.from_backend(FakeBackend(), model="fake", checks=False)
    translator.translate_file(tmp_path / "a.txt", tmp_path / "a.en.txt", progress=True)
    assert [(b["n"], b["total"]) for b in bars] == [(3, 3)]


def test_a_progress_bar_does_not_parse_the_files_a_second_time(
    tmp_path: Path, bars: list[dict], monkeypatch: pytest.MonkeyPatch
) -> None:
    from translator.engine import engine
    from translator.text import layout

    parsed: list[str] = []
    original = layout.parse

    def counting(text: str):
        parsed.append(text)
        return original(text)

    monkeypatch.setattr(layout, "parse", counting)
    monkeypatch.setattr(engine, "parse", counting)
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Satu {i}. Dua {i}.")
    translator = Translator.from_backend(FakeBackend(), model="fake", checks=False)
    assert translator.translate_path(tmp_path, tmp_path / "out", progress=True).ok
    assert len(parsed) == 3  # one parse per file's text, bar or no bar
