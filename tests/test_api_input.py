"""What ``Translator.translate`` accepts (issue 9, items 15 and 23).

- Non-text input raises ``TypeError`` with a clear message and a fix, before any work:
  ``translate(123)`` used to return a generator, ``translate({...})`` translated the keys.
- The README loop ``for english in translator.translate(open("lines.txt")): print(english)``
  prints one line per line (each translation used to keep its ``\\n``).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from translator.errors import InvalidInputError, NotTextError

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (123, "got int"),
        (4.5, "got float"),
        (None, "got NoneType"),
        ({"Harga naik.": 1}, "keys would be translated"),
        ({"Satu.", "Dua."}, "no order"),
        (b"Harga naik.", "bytes"),
        (bytearray(b"Harga"), "bytes"),
        (["Satu.", 2], "holding a int"),
        (("Satu.", None), "holding a NoneType"),
    ],
)
def test_non_text_raises_type_error_at_once(fake_translator, fake_backend, value: object,
                                            words: str) -> None:
    with pytest.raises(TypeError, match=words) as info:
        fake_translator.translate(value)
    assert "Fix:" in str(info.value)
    assert isinstance(info.value, NotTextError) and isinstance(info.value, InvalidInputError)
    assert fake_backend.batches == []  # nothing was translated


def test_non_text_item_of_a_stream_raises_type_error(fake_translator) -> None:
    results = fake_translator.translate(iter(["Satu.", 7]))
    with pytest.raises(TypeError, match="got int"):
        list(results)


def test_translate_document_rejects_non_text(fake_translator) -> None:
    with pytest.raises(TypeError):
        fake_translator.translate_document(123)  # type: ignore[arg-type]


def test_text_still_keeps_its_layout(fake_translator) -> None:
    assert fake_translator.translate("Satu.\n") == "SATU.\n"
    assert fake_translator.translate(["Satu.\n", "Dua."]) == ["SATU.\n", "DUA."]


def test_file_lines_loop_prints_one_line_per_line(fake_translator, tmp_path: Path) -> None:
    path = tmp_path / "lines.txt"
    path.write_text("Satu dua.\nTiga empat.\r\n\nLima.", encoding="utf-8", newline="")
    printed = io.StringIO()
    with open(path, encoding="utf-8", newline="") as handle:
        for english in fake_translator.translate(handle):
            print(english, file=printed)
    assert printed.getvalue() == "SATU DUA.\nTIGA EMPAT.\n\nLIMA.\n"


def test_generator_items_lose_only_one_line_break(fake_translator) -> None:
    out = list(fake_translator.translate(t for t in ["Satu.\n\n", "  Dua.\n", "Tiga."]))
    assert out == ["SATU.\n", "  DUA.", "TIGA."]


@pytest.mark.slow
def test_readme_loop_runs_as_documented(tiny_ct2_model_dir: Path, tmp_path: Path) -> None:
    """The README's own loop, with a real (tiny) model on the default backend (the session's
    conversion of it): no blank line between results."""
    (tmp_path / "lines.txt").write_text(
        "Harga beras naik.\nPemerintah menambah stok.\nKami pergi.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from translator import Translator\n"
        "translator = Translator(sys.argv[1], device='cpu')\n"
        "for english in translator.translate(open('lines.txt')):\n"
        "    print(english)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(tiny_ct2_model_dir)], cwd=tmp_path,
                          capture_output=True, text=True, timeout=300,
                          env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin",
                               "INDO_TRANSLATOR_MODELS": os.environ["INDO_TRANSLATOR_MODELS"]})
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.split("\n")
    assert len(lines) == 4 and lines[-1] == "", proc.stdout
    assert all(line.strip() for line in lines[:3]), proc.stdout
