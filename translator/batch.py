"""Batch translation of files and directory trees, resumable, cached, with progress.

:func:`translate_path` is what ``translator translate`` runs for files and directories::

    from translator import Translator
    from translator.batch import translate_path

    translator = Translator(cache=True)
    report = translate_path(translator, ["articles/"], "articles.en", progress=True)
    print(report.summary())

Each file is translated in its own format (:mod:`translator.formats`); all units of a file
go to the translator in one call so their sentences batch together. Outputs are written
atomically and described by sidecars (:mod:`translator.outputs`), so a rerun skips finished
outputs, resumes row files after their last chunk, and never overwrites a file the
translator did not write unless ``force`` is set. A file that fails is reported and the
run goes on.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translator.cache import make_scope, model_fingerprint
from translator.errors import InvalidInputError, TranslatorError, UnsupportedFormatError
from translator.formats import DocumentFormat, FormatOptions, RowFormat, format_for
from translator.formats import format_name_for as _format_name_for
from translator.outputs import (
    atomic_write,
    check_output,
    finish,
    is_translator_output,
    part_path,
    sha256_bytes,
    sha256_file,
    write_state,
)

if TYPE_CHECKING:
    from translator.core import Translator
    from translator.engine import ProgressCallback

logger = logging.getLogger(__name__)

TRANSLATED, SKIPPED, FAILED = "translated", "skipped", "failed"


@dataclass(frozen=True)
class BatchOptions:
    """How files are translated.

    Attributes:
        format: Format name for every input (None: by extension).
        fields: JSONL fields / CSV columns to translate.
        suffix: Appended to a field name to name its translation.
        force: Redo up-to-date outputs and overwrite outputs the translator did not write.
        json: Write sentence-aligned JSON (``<output>.json``) instead of the format.
        chunk_rows: Records per chunk of a jsonl/csv file (the unit of resumption).
    """

    format: str | None = None
    fields: tuple[str, ...] = ()
    suffix: str = "_en"
    force: bool = False
    json: bool = False
    chunk_rows: int = 500


@dataclass(frozen=True)
class FileResult:
    """What happened to one input.

    Attributes:
        source: The input path.
        output: The output path (None when none was decided).
        status: "translated", "skipped" (up to date) or "failed".
        sentences: Sentences translated (0 when skipped).
        error: Why it failed.
    """

    source: str
    output: str | None
    status: str
    sentences: int = 0
    error: str | None = None


@dataclass(frozen=True)
class BatchReport:
    """The results of a batch run, one per input file."""

    results: tuple[FileResult, ...] = field(default_factory=tuple)

    def count(self, status: str) -> int:
        """How many inputs ended with ``status``."""
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> tuple[FileResult, ...]:
        """The inputs that failed."""
        return tuple(r for r in self.results if r.status == FAILED)

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return not self.failed

    def summary(self) -> str:
        """A short human-readable summary naming every failed input."""
        lines = [
            f"{self.count(TRANSLATED)} translated, {self.count(SKIPPED)} skipped (up to date), "
            f"{self.count(FAILED)} failed"
        ]
        lines += [f"  failed: {r.source}: {r.error}" for r in self.failed]
        return "\n".join(lines)


@dataclass(frozen=True)
class Job:
    """One input file and its output."""

    source: Path
    output: Path


# -- planning --------------------------------------------------------------------------------


def default_output(path: Path) -> Path:
    """Where a file or directory goes when no output is given: ``x.en.txt``, ``dir.en``."""
    if path.is_dir():
        return path.with_name(path.name + ".en")
    return path.with_name(f"{path.stem}.en{path.suffix}")


def plan(
    inputs: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str] | None = None,
    *,
    options: BatchOptions = BatchOptions(),
) -> list[Job]:
    """Turn input files/directories and an output into jobs; directory trees are mirrored.

    With one input file, ``output`` is the output file (unless it is an existing directory
    or ends with a separator). Otherwise ``output`` is a directory: files go in it by name,
    a directory's tree is mirrored in it (under the directory's name when there are
    several inputs). Without ``output``, see :func:`default_output`. In directories, hidden
    files, files of unknown type (unless ``options.format``) and the translator's own
    outputs are left out.

    Raises:
        InvalidInputError: An input does not exist.
    """
    paths = [Path(p) for p in inputs]
    for p in paths:
        if not p.exists():
            raise InvalidInputError(f"{p}: no such file or directory. Fix: check the path.")
    out = Path(output) if output is not None else None
    single_file = len(paths) == 1 and paths[0].is_file()
    as_file = single_file and out is not None and not out.is_dir() and not str(output).endswith(
        (os.sep, "/")
    )
    jobs: list[Job] = []
    for p in paths:
        if p.is_file():
            if as_file:
                dst = out
            elif out is None:
                dst = default_output(p)
            else:
                dst = out / p.name
            jobs.append(Job(p, _json_name(dst, options) if not as_file else dst))  # type: ignore[arg-type]
            continue
        root = default_output(p) if out is None else (out if len(paths) == 1 else out / p.name)
        for src in _walk(p, skip=root, options=options):
            jobs.append(Job(src, _json_name(root / src.relative_to(p), options)))
    return jobs


def _json_name(dst: Path, options: BatchOptions) -> Path:
    return dst.with_name(dst.name + ".json") if options.json else dst


def _walk(root: Path, *, skip: Path, options: BatchOptions) -> Iterable[Path]:
    skip_resolved = skip.resolve()
    unknown = 0
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d for d in dirnames
            if not d.startswith(".") and (here / d).resolve() != skip_resolved
        )
        for name in sorted(filenames):
            path = here / name
            if name.startswith(".") or is_translator_output(path):
                continue
            if options.format is None and _format_name_for(path) is None:
                unknown += 1
                continue
            yield path
    if unknown:
        logger.info("%s: left out %d files of unknown type", root, unknown)


# -- running ---------------------------------------------------------------------------------


def translate_path(
    translator: Translator,
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str] | None = None,
    *,
    options: BatchOptions = BatchOptions(),
    progress: ProgressCallback | bool | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> BatchReport:
    """Translate files and directory trees; see the module docstring and :func:`plan`.

    Args:
        translator: The translator (give it ``cache=True`` to reuse sentences across runs).
        inputs: A file or directory, or several.
        output: Output file or directory (None: next to each input).
        options: See :class:`BatchOptions`.
        progress: True for a tqdm bar over the sentences of all inputs (counted first),
            or a callback ``(done, total)``.
        on_result: Called with each file's result as soon as it is known.

    Returns:
        A :class:`BatchReport`; failures are in it, never raised (except bad inputs that
        do not exist, raised by :func:`plan`).
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    jobs = plan(inputs, output, options=options)
    settings = _settings(translator, options)
    tracker = _Tracker(progress)
    if tracker.wants_total:
        tracker.set_total(sum(_count_sentences(job, options) for job in jobs))
    results = []
    try:
        for job in jobs:
            try:
                result = _translate_job(translator, job, options, settings, tracker)
            except (TranslatorError, OSError, ValueError, UnicodeDecodeError) as exc:
                logger.debug("failed: %s", job.source, exc_info=True)
                result = FileResult(str(job.source), str(job.output), FAILED, error=str(exc))
            results.append(result)
            if on_result is not None:
                on_result(result)
    finally:
        tracker.close()
    return BatchReport(tuple(results))


def translate_file(
    translator: Translator,
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str],
    *,
    options: BatchOptions = BatchOptions(),
    progress: ProgressCallback | bool | None = None,
) -> FileResult:
    """Translate one file into ``dst`` (errors are raised); see :func:`translate_path`."""
    tracker = _Tracker(progress)
    try:
        job = Job(Path(src), Path(dst))
        return _translate_job(translator, job, options, _settings(translator, options), tracker)
    finally:
        tracker.close()


def _settings(translator: Translator, options: BatchOptions) -> str:
    engine = translator.engine
    return make_scope({
        "model": translator.model,
        "fingerprint": model_fingerprint(translator.resolved.path),
        "backend": translator.backend.name,
        "engine": repr(engine.options),
        "format": options.format,
        "fields": options.fields,
        "suffix": options.suffix,
        "json": options.json,
    })


def _translate_job(
    translator: Translator, job: Job, options: BatchOptions, settings: str, tracker: _Tracker
) -> FileResult:
    if job.source.resolve() == job.output.resolve():
        raise InvalidInputError(
            f"{job.source}: the output would overwrite the input. Fix: choose another -o."
        )
    fmt = format_for(job.source, options.format)
    if options.json and isinstance(fmt, RowFormat):
        raise InvalidInputError(
            f"{job.source}: --json is for documents; a {fmt.name} file gets its "
            "translations as new fields. Fix: drop --json."
        )
    source_hash = sha256_file(job.source)
    state = check_output(job.output, source=source_hash, settings=settings, force=options.force)
    if state is None:
        logger.info("up to date: %s", job.output)
        return FileResult(str(job.source), str(job.output), SKIPPED)
    if isinstance(fmt, RowFormat):
        n = _translate_rows(translator, fmt, job, options, state, source_hash, settings, tracker)
    else:
        n = _translate_document(translator, fmt, job, options, state, source_hash, settings,
                                tracker)
    logger.info("translated %s -> %s", job.source, job.output)
    return FileResult(str(job.source), str(job.output), TRANSLATED, sentences=n)


def _format_options(options: BatchOptions) -> FormatOptions:
    return FormatOptions(fields=options.fields, suffix=options.suffix)


def _translate_document(
    translator: Translator, fmt: DocumentFormat, job: Job, options: BatchOptions,
    state: dict[str, Any], source_hash: str, settings: str, tracker: _Tracker,
) -> int:
    data = job.source.read_bytes()
    extracted = fmt.extract(data, source=str(job.source), options=_format_options(options))
    docs = list(translator.translate_documents(extracted.units, progress=tracker.call()))
    if options.json:
        payload = {"source": str(job.source), "format": fmt.name,
                   "units": [doc.to_dict() for doc in docs]}
        out = (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    else:
        out = extracted.rebuild([doc.translation for doc in docs])
    finish(job.output, state, source=source_hash, settings=settings, output=sha256_bytes(out))
    atomic_write(job.output, out)
    return sum(len(doc.sentences) for doc in docs)


def _translate_rows(
    translator: Translator, fmt: RowFormat, job: Job, options: BatchOptions,
    state: dict[str, Any], source_hash: str, settings: str, tracker: _Tracker,
) -> int:
    part = part_path(job.output)
    resume = (
        not state.get("complete") and state.get("source") == source_hash
        and state.get("settings") == settings and part.exists()
        and part.stat().st_size >= state.get("part_bytes", 0) > 0
    )
    rows_done = state.get("rows_done", 0) if resume else 0
    owned = state.get("owned", [])
    sentences = 0
    with open(job.source, encoding="utf-8-sig", newline=fmt.newline) as handle:
        _check_not_binary(job.source)
        reader = fmt.start(handle, source=str(job.source), options=_format_options(options))
        job.output.parent.mkdir(parents=True, exist_ok=True)
        if resume:
            logger.info("%s: resuming after row %d", job.source, rows_done)
            with open(part, "r+b") as out:
                out.truncate(state["part_bytes"])
        else:
            part.write_bytes(reader.header.encode("utf-8"))
        records = reader.records
        for _ in range(rows_done):
            next(records, None)
        while True:
            chunk = [r for _, r in zip(range(options.chunk_rows), records)]
            if not chunk:
                break
            per_record = [reader.units(r) for r in chunk]
            texts = [t for units in per_record for t in units]
            docs = list(translator.translate_documents(texts, progress=tracker.call()))
            translations = iter(doc.translation for doc in docs)
            sentences += sum(len(doc.sentences) for doc in docs)
            text = "".join(
                reader.render(r, [next(translations) for _ in units])
                for r, units in zip(chunk, per_record)
            )
            with open(part, "ab") as out:
                out.write(text.encode("utf-8"))
                out.flush()
                os.fsync(out.fileno())
            rows_done += len(chunk)
            write_state(job.output, {
                "complete": False, "source": source_hash, "settings": settings,
                "rows_done": rows_done, "part_bytes": part.stat().st_size, "owned": owned,
            })
    finish(job.output, state, source=source_hash, settings=settings, output=sha256_file(part))
    os.replace(part, job.output)
    return sentences


def _check_not_binary(path: Path) -> None:
    with open(path, "rb") as handle:
        if b"\0" in handle.read(8192):
            raise UnsupportedFormatError(
                f"{path}: this looks like a binary file, not text. Fix: pass a text file."
            )


def _count_sentences(job: Job, options: BatchOptions) -> int:
    """Sentences the engine will see for a job (0 when it cannot tell)."""
    from translator.layout import parse

    try:
        fmt = format_for(job.source, options.format)
        fo = _format_options(options)
        if isinstance(fmt, RowFormat):
            with open(job.source, encoding="utf-8-sig", newline=fmt.newline) as handle:
                reader = fmt.start(handle, source=str(job.source), options=fo)
                units = (t for r in reader.records for t in reader.units(r))
                return sum(len(b.segments) for t in units for b in parse(t).blocks)
        extracted = fmt.extract(job.source.read_bytes(), source=str(job.source), options=fo)
        return sum(len(b.segments) for t in extracted.units for b in parse(t).blocks)
    except (TranslatorError, OSError, ValueError):
        return 0


class _Tracker:
    """Feeds one progress bar or callback from many ``translate_documents`` calls."""

    def __init__(self, progress: ProgressCallback | bool | None) -> None:
        self.bar = None
        self.callback: ProgressCallback | None = None
        if progress is True:
            from translator.progress import SentenceBar

            self.bar = SentenceBar(total=0)
            self.callback = self.bar
        elif callable(progress):
            self.callback = progress
        self.base = 0
        self.last = 0
        self.total = 0

    @property
    def wants_total(self) -> bool:
        return self.callback is not None

    def set_total(self, total: int) -> None:
        self.total = total
        if self.bar is not None:
            self.bar.bar.total = total
            self.bar.bar.refresh()

    def call(self) -> ProgressCallback | None:
        if self.callback is None:
            return None
        self.base += self.last
        self.last = 0

        def hook(done: int, seen: int) -> None:
            self.last = done
            now = self.base + done
            total = max(self.total, now)
            if self.bar is not None:
                self.bar.bar.total = total
                self.bar.bar.update(now - self.bar.done)
                self.bar.done = now
            elif self.callback is not None:
                self.callback(now, total)

        return hook

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
