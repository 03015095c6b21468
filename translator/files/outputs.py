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

import hashlib
import json
from pathlib import Path
from typing import Any

from translator.errors import Fix, OutputExistsError
from translator.fileio import LOCK_SUFFIX, atomic_write

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
