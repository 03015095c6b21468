"""Trees and outputs under abuse (issue 9, items 3, 11, 13 and the per-file promise).

- A FIFO (or socket) named ``*.txt`` in a tree is skipped with a message, never opened.
- A self-referencing symlink is a failure of that file; the run goes on.
- Two runs into the same output folder at once both succeed, each output written once;
  a run never deletes another live process's temporary files.
- Whatever goes wrong with one file, it is named in the summary, the run goes on, no
  traceback, no ``.part`` left behind.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.fakes import FakeBackend
from translator import Translator
from translator.errors import InvalidInputError
from translator.fileio import atomic_write, is_stale_temp, lock_path, output_lock
from translator.files import BatchOptions, translate_path
from translator.files.outputs import read_state, sha256_file

REPO = Path(__file__).resolve().parent.parent

#: The CLI in a subprocess with the fake backend (slowed a little so two runs overlap).
CLI_WITH_FAKE = """
import sys, time
from tests.fakes import FakeBackend
from translator import Translator
from translator.cli import main
from translator.cli import translate as command

class Slow(FakeBackend):
    def translate_batch(self, texts, options, *, limits=None):
        time.sleep(0.01)
        return super().translate_batch(texts, options, limits=limits)

command._make_translator = lambda args: Translator.from_backend(
    Slow(), model="fake", cache=not args.no_cache)
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture(autouse=True)
def _cache_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INDO_TRANSLATOR_CACHE", str(tmp_path / "cache"))


def cli_fake(*args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-c", CLI_WITH_FAKE, *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=timeout)


def fake() -> Translator:
    return Translator.from_backend(FakeBackend(), model="fake")


# -- item 3: FIFOs and other non-regular files -------------------------------------------


def test_fifo_in_a_tree_is_skipped_with_a_message(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Harga naik.")
    os.mkfifo(src / "pipe.txt")  # nobody ever writes to it: opening it would block
    proc = cli_fake("translate", str(src), "-o", str(tmp_path / "out"), timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "pipe.txt" in proc.stderr and "not a regular file" in proc.stderr
    assert "a FIFO" in proc.stderr
    assert (tmp_path / "out" / "a.txt").read_text() == "HARGA NAIK."
    assert not (tmp_path / "out" / "pipe.txt").exists()


def test_fifo_given_by_name_fails_by_name(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "b.txt").write_text("Harga naik.")
    proc = cli_fake("translate", str(tmp_path / "pipe.txt"), str(tmp_path / "b.txt"),
                    "-o", str(tmp_path / "out"), timeout=60)
    assert proc.returncode == 1
    assert "pipe.txt" in proc.stderr and "a FIFO" in proc.stderr
    assert "1 translated, 0 skipped (up to date), 1 failed" in proc.stderr
    with pytest.raises(InvalidInputError, match="not a regular file"):
        translate_path(fake().engine and _documents(fake()), [tmp_path / "pipe.txt"],
                       tmp_path / "out2")


def _documents(translator: Translator):  # noqa: ANN202
    def run(texts: Sequence[str], *, progress=None):  # noqa: ANN001, ANN202
        return list(translator.translate_documents(texts, progress=progress))

    return run


# -- item 11: a symlink loop ---------------------------------------------------------------


def test_self_referencing_symlink_fails_that_file_only(tmp_path: Path) -> None:
    src = tmp_path / "tree"
    src.mkdir()
    (src / "a.txt").write_text("Harga naik.")
    (src / "z.txt").write_text("Kami pergi.")
    os.symlink("self.txt", src / "self.txt")
    proc = cli_fake("translate", str(src), "-o", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "2 translated, 0 skipped (up to date), 1 failed" in proc.stderr
    assert re.search(r"failed: .*self\.txt: a symbolic link that points to itself", proc.stderr)
    assert proc.stderr.count("self.txt") == 1, proc.stderr
    assert (tmp_path / "out" / "z.txt").read_text() == "KAMI PERGI."


# -- the promise: a bad file is named in the summary and the run goes on --------------------


def test_any_failure_is_one_files_failure_and_leaves_no_part(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.jsonl").write_text('{"text": "Satu."}\n{"text": "BOOM sekali."}\n')
    (src / "b.txt").write_text("Dua.")
    (src / "c.txt").write_text("BOOM lagi.")
    (src / "d.txt").write_text("Tiga.")
    translator = fake()

    def translate(texts: Sequence[str], *, progress=None):  # noqa: ANN001, ANN202
        if any("BOOM" in t for t in texts):
            raise RuntimeError("the model fell over")  # not one of the expected errors
        return list(translator.translate_documents(texts, progress=progress))

    out = tmp_path / "out"
    report = translate_path(translate, [src], out,
                            options=BatchOptions(fields=("text",), chunk_rows=1))
    assert [(Path(r.source).name, r.status) for r in report.results] == [
        ("a.jsonl", "failed"), ("b.txt", "translated"), ("c.txt", "failed"),
        ("d.txt", "translated")]
    assert "RuntimeError: the model fell over" in report.summary()
    leftovers = sorted(p.name for p in out.iterdir())
    assert leftovers == [".b.txt.translator.json", ".d.txt.translator.json", "b.txt", "d.txt"]


def test_cli_prints_the_summary_whatever_the_failure(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Harga naik.")
    (src / "bad.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (src / "later.md").write_text("# Judul\n")
    proc = cli_fake("translate", str(src), "-o", str(tmp_path / "out"))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "2 translated, 0 skipped (up to date), 1 failed" in proc.stderr
    assert "bad.docx" in proc.stderr


# -- item 13: two runs into one output folder --------------------------------------------


def test_temp_files_of_live_processes_are_kept(tmp_path: Path) -> None:
    dst = tmp_path / "x.txt"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        live = tmp_path / f".x.txt.{sleeper.pid}.abcd_12.tmp"
        live.write_bytes(b"being written")
        dead = tmp_path / ".x.txt.999999999.zzzz.tmp"
        dead.write_bytes(b"left by a killed run")
        legacy = tmp_path / ".x.txt.abc123.tmp"
        legacy.write_bytes(b"older naming")
        assert not is_stale_temp(live, dst) and is_stale_temp(dead, dst)
        atomic_write(dst, b"done")
        assert live.exists(), "another process's live temp file was deleted"
        assert not dead.exists() and not legacy.exists()
    finally:
        sleeper.kill()
        sleeper.wait()
    assert is_stale_temp(live, dst)  # its writer is gone now


HOLD_LOCK = """
import sys
from pathlib import Path
from translator.fileio import output_lock
with output_lock(Path(sys.argv[1]), wait=True):
    print("held", flush=True)
    sys.stdin.readline()
"""


def test_an_output_held_by_another_run_is_done_last_and_not_twice(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a", "b", "c"):
        (src / f"{name}.txt").write_text(f"Kata {name}.")
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(out / "b.txt")],
                              env=dict(os.environ, PYTHONPATH=str(REPO)), text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    seen: list[str] = []
    report: list = []
    runner = threading.Thread(target=lambda: report.append(translate_path(
        _documents(fake()), [src], out, on_result=lambda r: seen.append(Path(r.source).name))))
    runner.start()
    try:
        deadline = time.monotonic() + 60
        while len(seen) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert seen == ["a.txt", "c.txt"]  # b.txt waits for the other run
        assert not (out / "b.txt").exists()
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.flush()
    finally:
        runner.join(timeout=60)
        holder.kill()
        holder.wait()
    assert seen == ["a.txt", "c.txt", "b.txt"]
    assert report[0].ok and not lock_path(out / "b.txt").exists()
    assert (out / "b.txt").read_text() == "KATA B."


def test_output_lock_is_exclusive_and_released(tmp_path: Path) -> None:
    dst = tmp_path / "o" / "x.txt"
    with output_lock(dst, wait=False) as first:
        assert first and lock_path(dst).exists()
    assert not lock_path(dst).exists()
    with output_lock(dst, wait=True) as again:
        assert again


def test_two_runs_into_one_folder_both_succeed(tmp_path: Path) -> None:
    src = tmp_path / "many"
    src.mkdir()
    n = 60
    for i in range(n):
        (src / f"f{i:03d}.txt").write_text(f"Kalimat nomor {i}. Harga naik {i} persen.\n")
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    args = [sys.executable, "-c", CLI_WITH_FAKE, "translate", str(src), "-o", str(out)]
    procs = [subprocess.Popen(args, env=env, cwd=REPO, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [p.communicate(timeout=240) for p in procs]
    codes = [p.returncode for p in procs]
    assert codes == [0, 0], [err[-3000:] for _, err in results]
    translated = [int(re.search(r"(\d+) translated", err).group(1)) for _, err in results]
    assert sum(translated) == n, translated  # each output written once, by either run
    outputs = sorted(out.glob("f*.txt"))
    assert len(outputs) == n
    assert not [p for p in out.iterdir() if p.name.endswith((".tmp", ".part", ".lock"))]
    for path in outputs:
        state = read_state(path)
        assert state["complete"] and state["output"] == sha256_file(path)
