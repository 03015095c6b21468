"""Safe outputs: atomic writes, and a sidecar that says what produced each output.

Every output ``x.en.txt`` gets a hidden sidecar ``.x.en.txt.translator.json`` recording the
SHA-256 of the source it was made from, a digest of the settings (model, options, format),
whether it is complete, and the SHA-256 of the outputs the translator wrote there. From
that a rerun knows, for each output:

- *up to date*: complete, same source, same settings, and the file is what we wrote → skip;
- *ours but stale*: the file is one we wrote (source or settings changed since) → redo;
- *not ours*: the file was not written by the translator, or edited since → left alone
  unless ``force``.

Outputs are written to a temporary file in the same directory and renamed over the target
(:func:`os.replace`), so an interrupted run never leaves a half-written output; the temporary
names carry the writer's process id, so only leftovers of dead runs are removed. The
sidecar is written before the rename and still lists the previous output as ours, so a
kill between the two is harmless. Row files (jsonl/csv) grow in a hidden ``.part`` file
whose sidecar records the rows and bytes finished, so a rerun resumes after the last chunk.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
import os
import secrets
from pathlib import Path
from typing import Any

from translator.errors import Fix, OutputExistsError
from translator.files.locks import LOCK_SUFFIX, is_stale_temp, temp_prefix

SIDECAR_SUFFIX = ".translator.json"

OUTPUT_EXISTS_FIX = Fix(
    python="pass force=True to overwrite it, or choose another output.",
    cli="pass --force to overwrite it, or choose another output with -o.",
    app="upload the file again (a new output is made for it).",
)


def sidecar_path(dst: Path) -> Path:
    """The hidden sidecar of an output."""
    return dst.with_name(f".{dst.name}{SIDECAR_SUFFIX}")


def part_path(dst: Path) -> Path:
    """The hidden file a row output grows in before it is complete."""
    return dst.with_name(f".{dst.name}.part")


def is_translator_output(path: Path) -> bool:
    """True when ``path`` is a sidecar, a part file, or an output with a sidecar."""
    name = path.name
    return (
        name.endswith((SIDECAR_SUFFIX, ".part", LOCK_SUFFIX)) and name.startswith(".")
    ) or sidecar_path(path).exists()


def sha256_file(path: Path) -> str:
    """SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def sha256_bytes(data: bytes) -> str:
    """SHA-256 of bytes."""
    return hashlib.sha256(data).hexdigest()


def atomic_write(dst: Path, data: bytes) -> None:
    """Write ``data`` to ``dst`` through a temporary file in the same directory."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temp(dst)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, dst)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    # A run killed mid-write (SIGKILL, power loss) leaves its temporary file behind; the
    # output it was for is complete now, so the leftovers go. Only those of processes that
    # are gone: another run writing this output right now keeps its own.
    for stale in dst.parent.glob(f".{glob.escape(dst.name)}.*.tmp"):
        if is_stale_temp(stale, dst):
            with contextlib.suppress(OSError):
                stale.unlink()


def _create_temp(dst: Path) -> tuple[int, str]:
    """A new temporary file beside ``dst``, with the mode a plain write would give it.

    ``tempfile.mkstemp`` makes files 0600 whatever the umask; created with mode 0666 here,
    the system applies the umask as it does for any new file (0644 under umask 022).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = dst.with_name(f"{temp_prefix(dst)}{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), str(tmp)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name beside {dst}")


def read_state(dst: Path) -> dict[str, Any]:
    """The sidecar of ``dst`` ({} when there is none or it is unreadable)."""
    try:
        state = json.loads(sidecar_path(dst).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def write_state(dst: Path, state: dict[str, Any]) -> None:
    """Write the sidecar of ``dst`` atomically."""
    atomic_write(sidecar_path(dst), json.dumps(state, indent=1).encode("utf-8"))


def check_output(dst: Path, *, source: str, settings: str, force: bool) -> dict[str, Any] | None:
    """Decide what to do with ``dst`` before translating into it.

    Args:
        dst: The output path.
        source: SHA-256 of the source.
        settings: Digest of the settings.
        force: Redo even an up-to-date output, and overwrite one that is not ours.

    Returns:
        None when the output is complete and up to date (skip it); otherwise the sidecar
        state to carry on from ({} for a fresh start).

    Raises:
        OutputExistsError: ``dst`` exists, was not written by the translator (or was
            edited since), and ``force`` is off.
    """
    state = read_state(dst)
    if not dst.exists():
        return state
    current = sha256_file(dst)
    if (
        not force and state.get("complete") and state.get("output") == current
        and state.get("source") == source and state.get("settings") == settings
    ):
        return None
    if current in state.get("owned", ()) or force:
        return {**state, "owned": list(dict.fromkeys([current, *state.get("owned", ())]))}
    raise OutputExistsError(
        f"{dst} already exists and was not written by the translator (or was edited since).",
        fix=OUTPUT_EXISTS_FIX,
    )


def resumable(state: dict[str, Any], *, source: str, settings: str) -> bool:
    """True when ``state`` records an unfinished run of this source with these settings."""
    return (
        not state.get("complete") and state.get("source") == source
        and state.get("settings") == settings
    )


def write_progress(
    dst: Path, state: dict[str, Any], *, source: str, settings: str, rows_done: int,
    **done: int,
) -> None:
    """Record in the sidecar of ``dst`` how far an unfinished run got.

    ``done`` holds the format's own counts (``part_bytes``, ``chunks_done``); the outputs
    ``state`` knows as ours stay known.
    """
    write_state(dst, {"complete": False, "source": source, "settings": settings,
                      "rows_done": rows_done, **done, "owned": state.get("owned", [])})


def finish(dst: Path, state: dict[str, Any], *, source: str, settings: str, output: str) -> None:
    """Record a complete output in its sidecar (call before renaming it into place)."""
    owned = list(dict.fromkeys([output, *state.get("owned", ())]))[:4]
    write_state(dst, {"complete": True, "source": source, "settings": settings,
                      "output": output, "owned": owned})
