"""Writing files safely: advisory lock files, atomic writes, and which temp files are stale.

The ground floor of every file the package writes (translations, sidecars, translation
memories): :func:`atomic_write` replaces a file in one step, :func:`output_lock` keeps a
second writer out.

Two runs into the same output folder (``translator translate many/ -o out/`` started
twice) must both succeed, with each output written once, by either. The runner takes an
output's lock before deciding anything about it: a run that finds the lock held moves on
to other files and comes back at the end, when it waits for the lock and then finds the
output up to date.

The lock is a hidden ``.<output>.translator.lock`` next to the output, locked with
``fcntl.flock`` (released by the kernel when a process dies, so a killed run never leaves
a lock behind) and removed on release. Where ``fcntl`` is missing (Windows), locking is a
no-op and only one run per output folder is supported.

Temporary files carry their writer's process id (``.<name>.<pid>.<random>.tmp``), so a
run deletes only the temporary files of processes that are gone (:func:`is_stale_temp`).
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

LOCK_SUFFIX = ".translator.lock"
#: A temp file whose writer cannot be told is removed once it is this old (seconds).
STALE_AFTER_S = 24 * 3600.0


def lock_path(dst: Path) -> Path:
    """The hidden lock file of an output."""
    return dst.with_name(f".{dst.name}{LOCK_SUFFIX}")


@contextlib.contextmanager
def output_lock(dst: Path, *, wait: bool) -> Iterator[bool]:
    """Hold the lock of output ``dst`` for the block.

    Args:
        dst: The output path (its folder is created).
        wait: Wait for another process to release it; False gives up at once.

    Yields:
        True while the lock is held; False when ``wait`` is False and another process
        holds it (the block must then leave the output alone).
    """
    if fcntl is None:  # pragma: no cover - Windows
        yield True
        return
    path = lock_path(dst)
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(fd)
            yield False
            return
        # The holder before us may have removed the file after we opened it: our lock is
        # then on a file nobody else can see. Lock the file that is there instead.
        try:
            same = os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        yield True
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)


def temp_prefix(dst: Path) -> str:
    """The name prefix of this process's temporary files for ``dst``."""
    return f".{dst.name}.{os.getpid()}."


def is_stale_temp(path: Path, dst: Path) -> bool:
    """True when ``path``, a temporary file of output ``dst``, was left by a dead process.

    The writer's process id is read from the name; a name without one (older versions)
    or a process that no longer runs makes it stale; so does an age over
    :data:`STALE_AFTER_S` (a writer on another machine sharing the folder).
    """
    middle = path.name[len(dst.name) + 2 : -len(".tmp")]  # "<pid>.<random>" or "<random>"
    pid_text, _, rest = middle.partition(".")
    try:
        if time.time() - path.stat().st_mtime > STALE_AFTER_S:
            return True
    except OSError:
        return False
    if not rest or not pid_text.isdigit():
        return True
    pid = int(pid_text)
    if pid == os.getpid():
        return False  # our own, being written now (another thread)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # it exists but belongs to someone else
        return False
    return False


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
