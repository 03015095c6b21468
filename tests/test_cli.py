"""The command line and the batch driver: stdin/stdout, trees, exit codes, resume, --force."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakes import FakeBackend, interrupt_on_batch
from translator import Translator
from translator.backends import resolve_backend_name
from translator.cli import main
from translator.engine.cache import TranslationCache
from translator.errors import OutputExistsError
from translator.files import BatchOptions
from translator.files.outputs import read_state, sha256_file

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _cache_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("INDO_TRANSLATOR_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def cli(*args: str, stdin: str | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "translator", *args], input=stdin, env=env,
                          capture_output=True, text=True, timeout=timeout, cwd=REPO)


def test_stdin_to_stdout_and_json(tiny_ct2_model_dir: Path) -> None:
    proc = cli("translate", "-", "--model", str(tiny_ct2_model_dir), "-q",
               stdin="Selamat pagi.\n\nApa kabar?\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("\n\n") == 1 and proc.stdout.endswith("\n")
    proc = cli("translate", "Saya suka buku.", "Dia membaca.", "--json", "-q",
               "--model", str(tiny_ct2_model_dir))
    docs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [d["source"] for d in docs] == ["Saya suka buku.", "Dia membaca."]
    assert docs[0]["paragraphs"][0]["sentences"][0]["source"] == "Saya suka buku."


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert main(["translate", "--bogus"]) == 2
    assert main(["translate", "x", "--format", "pages"]) == 2
    (tmp_path / "a.txt").write_text("Halo.")
    assert main(["translate", str(tmp_path / "a.txt"), "teks biasa di sini"]) == 2
    assert main([]) == 2


def test_tree_mirrored_failures_named_and_rerun_skips(tiny_ct2_model_dir: Path, tmp_path: Path,
                                                     sample_article: str) -> None:
    src = tmp_path / "in"
    (src / "sub" / "deeper").mkdir(parents=True)
    (src / "a.txt").write_text(sample_article, encoding="utf-8")
    (src / "sub" / "b.md").write_text("# Judul\n\n- Satu butir.\n", encoding="utf-8")
    (src / "sub" / "deeper" / "c.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nHalo.\n")
    (src / "sub" / "bad.html").write_bytes(b"\xff\xfe\x00<p>rusak</p>")
    (src / "image.png").write_bytes(b"\x89PNG")  # unknown type in a tree: left out
    out = tmp_path / "out"
    args = ["translate", str(src), str(tmp_path / "missing.txt"), "-o", str(out),
            "--model", str(tiny_ct2_model_dir)]
    proc = cli(*args)
    assert proc.returncode == 1
    assert "bad.html" in proc.stderr and "missing.txt" in proc.stderr
    assert "3 translated, 0 skipped (up to date), 2 failed" in proc.stderr
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                   if p.is_file() and not p.name.startswith("."))
    assert files == ["a.txt", "sub/b.md", "sub/deeper/c.srt"]
    assert (out / "sub/deeper/c.srt").read_text().startswith(
        "1\n00:00:01,000 --> 00:00:02,000\n")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    proc = cli("translate", str(src), "-o", str(out), "--model", str(tiny_ct2_model_dir))
    assert proc.returncode == 1 and "0 translated, 3 skipped" in proc.stderr
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before


def fake(cache: object = False) -> tuple[Translator, FakeBackend]:
    backend = FakeBackend()
    return Translator.from_backend(backend, model="fake", cache=cache), backend


def test_force_and_user_files(tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text("Saya suka buku.")
    dst = tmp_path / "a.en.txt"
    dst.write_text("my own notes")
    t, backend = fake()
    report = t.translate_path(src)  # default output: a.en.txt, which is the user's
    assert report.failed and "force=True" in report.failed[0].error  # Python wording
    assert dst.read_text() == "my own notes"
    with pytest.raises(OutputExistsError):
        t.translate_file(src, dst)
    assert t.translate_file(src, dst, force=True).status == "translated"
    assert dst.read_text() == "SAYA SUKA BUKU."
    assert t.translate_file(src, dst).status == "skipped"
    src.write_text("Saya suka koran.")  # source changed: our own output is redone
    assert t.translate_file(src, dst).status == "translated"
    assert dst.read_text() == "SAYA SUKA KORAN."
    n = len(backend.batches)
    assert t.translate_file(src, dst, force=True).status == "translated"
    assert len(backend.batches) == n + 1
    dst.write_text("edited by hand")  # edited output: not ours any more
    with pytest.raises(OutputExistsError):
        t.translate_file(src, dst)
    # outputs of the translator are never taken as inputs of a rerun over the folder
    report = t.translate_path(tmp_path, tmp_path / "o")
    assert [Path(r.source).name for r in report.results] == ["a.txt"]


def test_rows_resume_after_last_chunk(tmp_path: Path) -> None:
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps({"i": i, "text": f"kalimat nomor {i}"}) + "\n"
                           for i in range(10)))
    dst = tmp_path / "a.en.jsonl"
    t, backend = fake()
    interrupt_on_batch(backend, 3)
    options = BatchOptions(fields=("text",), chunk_rows=3)
    with pytest.raises(KeyboardInterrupt):
        t.translate_path(src, dst, options=options)
    assert not dst.exists()
    assert read_state(dst)["rows_done"] == 6
    backend.batches.clear()
    assert t.translate_path(src, dst, options=options).ok
    assert sorted(x for b in backend.batches for x in b) == [
        f"kalimat nomor {i}" for i in range(6, 10)]
    rows = [json.loads(line) for line in dst.read_text().splitlines()]
    assert [r["text_en"] for r in rows] == [f"KALIMAT NOMOR {i}" for i in range(10)]
    assert not list(tmp_path.glob(".*.part"))
    assert read_state(dst)["complete"] and read_state(dst)["output"] == sha256_file(dst)


def test_progress_callback_over_all_files(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Satu {i}. Dua {i}.\n\nTiga {i}.")
    seen = []
    t, _ = fake()
    t.translate_path(tmp_path, tmp_path / "out", progress=lambda d, n: seen.append((d, n)))
    assert seen[-1] == (9, 9)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_cache_subcommand(capsys: pytest.CaptureFixture[str], _cache_env: Path) -> None:
    fake(TranslationCache())[0].translate(["Satu.", "Dua."])
    assert main(["cache", "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["entries"] == 2 and stats["total_misses"] == 2
    assert main(["cache", "clear"]) == 0
    assert "removed 2" in capsys.readouterr().out


def test_info(tiny_model_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(tiny_model_dir), "--device", "cpu"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["found_in"] == "directory" and "offline_ready" not in info
    assert info["device"] == "cpu" and info["backend"] == resolve_backend_name("auto")
    assert main(["info", str(tiny_model_dir), "--backend", "transformers"]) == 0
    assert json.loads(capsys.readouterr().out)["backend"] == "transformers"


def test_convert_subcommand(tiny_model_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("ctranslate2")
    assert main(["convert", str(tiny_model_dir), "--compute-type", "int8"]) == 0
    out = capsys.readouterr().out
    assert "ready in" in out and "ct2-int8" in out
    assert main(["convert", "--compute-type", "nope"]) == 2


#: Runs the CLI in a subprocess with the fake backend; with PAUSE_AFTER=n it stops (and says
#: "paused") before its (n+1)th file, so a test can kill it at a known point, without timing.
_CLI_WITH_FAKE = """
import os, sys, threading
from tests.fakes import FakeBackend
from translator import Translator
from translator.cli import main
from translator.cli import translate as command
from translator.files import runner

pause_after = int(os.environ.get("PAUSE_AFTER", "-1"))
done = [0]
real_job = runner._translate_job

def job(*args, **kwargs):
    if done[0] == pause_after:
        print("paused", flush=True)
        threading.Event().wait()  # until killed
    result = real_job(*args, **kwargs)
    done[0] += 1
    return result

runner._translate_job = job
command._make_translator = lambda args: Translator.from_backend(
    FakeBackend(), model="fake", cache=not args.no_cache)
sys.exit(main(sys.argv[1:]))
"""


def test_kill_mid_run_then_resume(tmp_path: Path, sample_article: str, _cache_env: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    lines = [line for line in sample_article.splitlines() if line.strip()][:3]
    for i in range(30):
        body = "\n\n".join(f"{i} {j} {line[:60]}" for j, line in enumerate(lines))
        (src / f"doc{i:02d}.txt").write_text(body, encoding="utf-8")
    out = tmp_path / "out"
    args = ["translate", str(src), "-o", str(out), "-q"]
    env = dict(os.environ, PYTHONPATH=str(REPO), PAUSE_AFTER="7")
    proc = subprocess.Popen([sys.executable, "-c", _CLI_WITH_FAKE, *args], env=env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "paused\n"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    done_first = len(list(out.glob("doc*.txt")))
    assert done_first == 7
    cache = TranslationCache()
    entries_after_kill = cache.stats().entries
    assert entries_after_kill > 0

    second = subprocess.run([sys.executable, "-c", _CLI_WITH_FAKE, *args], cwd=REPO,
                            env=dict(os.environ, PYTHONPATH=str(REPO)), capture_output=True,
                            text=True, timeout=120)
    assert second.returncode == 0, second.stderr
    assert f"{30 - done_first} translated, {done_first} skipped" in second.stderr
    outputs = sorted(out.glob("doc*.txt"))
    assert len(outputs) == 30 and not list(out.glob(".*.tmp"))
    for path in outputs:
        state = read_state(path)
        assert state["complete"] and state["output"] == sha256_file(path)
        assert path.read_text().count("\n\n") == len(lines) - 1
    stats = cache.stats()
    # every sentence translated exactly once over both runs
    assert stats.total_stored == stats.entries > entries_after_kill
