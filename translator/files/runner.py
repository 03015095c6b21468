"""Running file translation: one file or whole trees, resumable, with progress.

This module owns the run: options, the one :class:`FileResult`, the report, and the
translation of each job. It does not know the :class:`~translator.Translator`: it is given
a :class:`TranslateDocuments` callable (a list of texts in, their documents out) and the
translator's options signature. ``Translator.translate_path`` and
``Translator.translate_file`` wire them up::

    from translator import Translator

    translator = Translator(cache=True)
    report = translator.translate_path(["articles/"], "articles.en", progress=True)
    print(report.summary())

Each file is translated in its own format (:mod:`translator.files.formats`); all units of a file
go to the translator in one call so their sentences batch together. Outputs are written
atomically and described by sidecars (:mod:`translator.files.outputs`), so a rerun skips finished
outputs, resumes row files after their last chunk, and never overwrites a file the
translator did not write unless ``force`` is set. A file that fails is reported and the
run goes on.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from translator.cache import make_scope
from translator.errors import InvalidInputError, TranslatorError
from translator.files.formats import DocumentFormat, FormatOptions, RowFormat, format_for
from translator.files.formats.base import check_not_binary
from translator.files.outputs import (
    atomic_write,
    check_output,
    finish,
    part_path,
    sha256_bytes,
    sha256_file,
    write_state,
)
from translator.files.plan import Job, plan
from translator.progress import Progress, ProgressCallback
from translator.results import Document

logger = logging.getLogger(__name__)


class TranslateDocuments(Protocol):
    """What the runner needs from a translator: documents for texts, in order."""

    def __call__(
        self, texts: Sequence[str], *, progress: ProgressCallback | None = None
    ) -> list[Document]:
        """Translate ``texts``; ``progress`` is called as sentences are done."""
        ...

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


# -- running ---------------------------------------------------------------------------------


def translate_path(
    translate: TranslateDocuments,
    inputs: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str] | None = None,
    *,
    signature: str = "",
    options: BatchOptions = BatchOptions(),
    progress: ProgressCallback | bool | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> BatchReport:
    """Translate files and directory trees; see the module docstring and :func:`plan`.

    Args:
        translate: Translates a list of texts into documents (see
            :class:`TranslateDocuments`).
        inputs: A file or directory, or several.
        output: Output file or directory (None: next to each input).
        signature: What decides the translations (``Translator.options_signature``);
            outputs made with another signature are redone.
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
    jobs = plan(inputs, output, format=options.format, json=options.json)
    settings = _settings(signature, options)
    tracker = Progress(progress or None, total=0)
    if tracker.active:
        tracker.set_total(sum(_count_sentences(job, options) for job in jobs))
    results = []
    try:
        for job in jobs:
            try:
                result = _translate_job(translate, job, options, settings, tracker)
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
    translate: TranslateDocuments,
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str],
    *,
    signature: str = "",
    options: BatchOptions = BatchOptions(),
    progress: ProgressCallback | bool | None = None,
) -> FileResult:
    """Translate one file into ``dst`` (errors are raised); see :func:`translate_path`."""
    tracker = Progress(progress or None, total=0)
    try:
        job = Job(Path(src), Path(dst))
        return _translate_job(translate, job, options, _settings(signature, options), tracker)
    finally:
        tracker.close()


def _settings(signature: str, options: BatchOptions) -> str:
    return make_scope({
        "translator": signature,
        "format": options.format,
        "fields": options.fields,
        "suffix": options.suffix,
        "json": options.json,
    })


def _translate_job(
    translate: TranslateDocuments, job: Job, options: BatchOptions, settings: str, tracker: Progress
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
        n = _translate_rows(translate, fmt, job, options, state, source_hash, settings, tracker)
    else:
        n = _translate_document(translate, fmt, job, options, state, source_hash, settings,
                                tracker)
    logger.info("translated %s -> %s", job.source, job.output)
    return FileResult(str(job.source), str(job.output), TRANSLATED, sentences=n)


def _format_options(options: BatchOptions) -> FormatOptions:
    return FormatOptions(fields=options.fields, suffix=options.suffix)


def _translate_document(
    translate: TranslateDocuments, fmt: DocumentFormat, job: Job, options: BatchOptions,
    state: dict[str, Any], source_hash: str, settings: str, tracker: Progress,
) -> int:
    data = job.source.read_bytes()
    extracted = fmt.extract(data, source=str(job.source), options=_format_options(options))
    docs = translate(extracted.units, progress=tracker.call())
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
    translate: TranslateDocuments, fmt: RowFormat, job: Job, options: BatchOptions,
    state: dict[str, Any], source_hash: str, settings: str, tracker: Progress,
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
        with open(job.source, "rb") as raw:
            check_not_binary(raw.read(8192), str(job.source))
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
            docs = translate(texts, progress=tracker.call())
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
