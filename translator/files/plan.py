"""Planning a run: input files and directories plus an output -> one job per file.

Directory trees are mirrored; hidden files, files of unknown type and the translator's own
outputs (sidecars, part files, outputs with a sidecar) are left out, and so are FIFOs,
sockets and devices, with a warning (reading one could block forever).
"""

from __future__ import annotations

import errno
import logging
import os
import stat
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from translator.errors import Fix, InvalidInputError
from translator.files.formats import format_name_for
from translator.files.naming import default_output, json_output
from translator.files.outputs import is_translator_output

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """One input file and its output."""

    source: Path
    output: Path


def plan(
    inputs: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str] | None = None,
    *,
    format: str | None = None,
    json: bool = False,
    pdf_as: str = "pdf",
) -> list[Job]:
    """Turn input files/directories and an output into jobs; directory trees are mirrored.

    With one input file, ``output`` is the output file (unless it is an existing directory
    or ends with a separator). Otherwise ``output`` is a directory: files go in it by name,
    a directory's tree is mirrored in it (under the directory's name when there are
    several inputs). Without ``output``, see :func:`~translator.files.naming.default_output`.
    In directories, hidden files, files of unknown type (unless ``format`` is given) and
    the translator's own outputs are left out.

    Args:
        inputs: Files and directories.
        output: Output file or directory (None: next to each input).
        format: Format name forced for every input (None: by extension).
        json: Outputs are sentence-aligned JSON (``.json`` is appended to their names).
        pdf_as: "docx": a PDF's output is a Word document (``x.en.pdf`` -> ``x.en.docx``
            where the output is named here).

    Raises:
        InvalidInputError: An input does not exist, or is not a regular file or directory.
    """
    paths = [Path(p) for p in inputs]
    for p in paths:
        if not p.is_dir():
            check_source(p)
    check_output(paths, output)
    out = Path(output) if output is not None else None
    single_file = len(paths) == 1 and paths[0].is_file()
    as_file = single_file and out is not None and not out.is_dir() and not str(output).endswith(
        (os.sep, "/")
    )

    def name(dst: Path) -> Path:
        if pdf_as == "docx" and dst.suffix.lower() == ".pdf":
            dst = dst.with_suffix(".docx")
        return json_output(dst) if json else dst

    jobs: list[Job] = []
    for p in paths:
        if p.is_file():
            if as_file:
                assert out is not None
                jobs.append(Job(p, out))
            else:
                jobs.append(Job(p, name(default_output(p) if out is None else out / p.name)))
            continue
        root = default_output(p) if out is None else (out if len(paths) == 1 else out / p.name)
        for src in _walk(p, skip=root, any_type=format is not None):
            jobs.append(Job(src, name(root / src.relative_to(p))))
    return jobs


def check_output(paths: Sequence[Path], output: str | os.PathLike[str] | None) -> None:
    """Raise if ``output`` must be a directory (a tree or several inputs) but is a file.

    Raises:
        InvalidInputError: With the fix for each interface.
    """
    if output is None or len(paths) == 1 and not paths[0].is_dir():
        return
    out = Path(output)
    if out.exists() and not out.is_dir():
        raise InvalidInputError(
            f"{out}: not a directory, but a directory or several inputs need an output "
            "directory.",
            fix=Fix(python="pass a directory (or a path that does not exist yet) as output.",
                    cli="give -o a directory (or a path that does not exist yet).",
                    app="upload the files one at a time."),
        )


def check_source(path: Path) -> None:
    """Raise unless ``path`` is a regular file (following links) that can be opened.

    Raises:
        InvalidInputError: A FIFO, socket or device (reading one could wait forever), or a
            symbolic link that points to itself.
        OSError: Any other reason it cannot be looked at (no such file, no permission).
    """
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise InvalidInputError(
                f"{path}: a symbolic link that points to itself (or a loop of links). "
                "Fix: remove the link or point it at a file."
            ) from exc
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            raise InvalidInputError(
                f"{path}: no such file or directory. Fix: check the path."
            ) from exc
        raise
    if not stat.S_ISREG(mode):
        raise InvalidInputError(
            f"{path}: not a regular file ({_kind(mode)}); it is never read. "
            "Fix: pass a regular file."
        )


def _kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a directory")):
        if test(mode):
            return name
    return "not a file"


def _walk(root: Path, *, skip: Path, any_type: bool) -> Iterable[Path]:
    skip_resolved = skip.resolve()
    unknown = 0
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if any((here / d).resolve() == skip_resolved for d in dirnames):
            _warn_untranslated(skip)
        dirnames[:] = sorted(
            d for d in dirnames
            if not d.startswith(".") and (here / d).resolve() != skip_resolved
        )
        for filename in sorted(filenames):
            path = here / filename
            if filename.startswith(".") or is_translator_output(path):
                continue
            if not any_type and format_name_for(path) is None:
                unknown += 1
                continue
            try:
                mode = path.stat().st_mode
            except OSError:
                yield path  # a broken or looping link: it fails as that file, by name
                continue
            if not stat.S_ISREG(mode):  # a FIFO named x.txt would block the run forever
                logger.warning("%s: skipped, not a regular file (%s)", path, _kind(mode))
                continue
            yield path
    if unknown:
        logger.info("%s: left out %d files of unknown type", root, unknown)


def _warn_untranslated(output_dir: Path) -> None:
    """Say so when the output folder, inside the input tree, holds files of the user's."""
    own = sum(
        1 for dirpath, _, names in os.walk(output_dir) for name in names
        if not name.startswith(".") and not is_translator_output(Path(dirpath) / name)
    )
    if own:
        logger.warning(
            "%s: the output folder is inside the input tree, so %d file(s) of yours in it are "
            "not translated. Fix: choose an output folder outside the input tree.",
            output_dir, own,
        )
