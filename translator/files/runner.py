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
translator did not write unless ``force`` is set. A file that fails, for whatever reason,
is reported and the run goes on; what it left (a ``.part`` file) is removed. Each output is
written under a lock (:mod:`translator.fileio`), so two runs into the same folder
share the work and both succeed.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from translator.engine.identity import make_scope
from translator.errors import (
    Fix,
    InvalidInputError,
    TranslatorError,
)
from translator.fileio import atomic_write, output_lock
from translator.files.encoding import encode, open_text, output_for
from translator.files.formats import (
    DocumentFormat,
    FormatOptions,
    RowFormat,
    TableFormat,
    format_for,
)
from translator.files.options import (
    FAILED,
    SKIPPED,
    TRANSLATED,
    BatchOptions,
    BatchReport,
    FileResult,
    TranslateDocuments,
)
from translator.files.outputs import (
    check_output,
    finish,
    part_path,
    read_state,
    resumable,
    sha256_bytes,
    sha256_file,
    sidecar_path,
    write_progress,
    write_state,
)
from translator.files.plan import Job, check_source, plan
from translator.progress import Progress, ProgressCallback

logger = logging.getLogger(__name__)


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
    jobs = plan(inputs, output, format=options.format, json=options.json,
                pdf_as=options.pdf_as)
    settings = _settings(signature, options)
    # One bar over every file; its total grows as each file is read (once: no second
    # parse just to count).
    tracker = Progress(progress or None)
    results: dict[int, FileResult] = {}
    busy: list[int] = []  # outputs another process is writing: come back to them at the end
    try:
        for wait, indexes in ((False, range(len(jobs))), (True, busy)):
            for i in indexes:
                result = _run_job(translate, jobs[i], options, settings, tracker, wait=wait)
                if result is None:
                    busy.append(i)
                    continue
                results[i] = result
                if on_result is not None:
                    on_result(result)
    finally:
        tracker.close()
    return BatchReport(tuple(results[i] for i in sorted(results)))


def _run_job(
    translate: TranslateDocuments, job: Job, options: BatchOptions, settings: str,
    tracker: Progress, *, wait: bool,
) -> FileResult | None:
    """One job under its output's lock; any failure becomes that file's result.

    Returns None when ``wait`` is False and another process holds the output.
    """
    try:
        with output_lock(job.output, wait=wait) as held:
            if not held:
                logger.info("%s is being written by another run; coming back to it", job.output)
                return None
            try:
                return _translate_job(translate, job, options, settings, tracker)
            except Exception as exc:  # a bad file is named in the summary, the run goes on
                logger.debug("failed: %s", job.source, exc_info=True)
                _abandon(job.output)
                return FileResult(str(job.source), str(job.output), FAILED,
                                  error=describe_failure(exc))
    except OSError as exc:  # the lock itself: an output folder that cannot be created
        logger.debug("failed: %s", job.source, exc_info=True)
        return FileResult(str(job.source), str(job.output), FAILED, error=describe_failure(exc))


def describe_failure(exc: BaseException) -> str:
    """One line (or a few) naming what went wrong with a file, for the summary."""
    if isinstance(exc, (TranslatorError, OSError, ValueError)):
        return str(exc)
    return f"{type(exc).__name__}: {exc}"


def _abandon(dst: Path) -> None:
    """Remove what a failed job left: its part file and an unfinished sidecar state.

    The output a previous run finished (if any) stays, and stays known as ours.
    """
    with contextlib.suppress(OSError):
        part_path(dst).unlink()
    state = read_state(dst)
    if state and not state.get("complete"):
        if state.get("owned") and dst.exists():
            with contextlib.suppress(OSError):
                write_state(dst, {"owned": state["owned"]})
        else:
            with contextlib.suppress(OSError):
                sidecar_path(dst).unlink()


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
    job = Job(Path(src), Path(dst))
    tracker = Progress(progress or None)
    try:
        with output_lock(job.output, wait=True):
            try:
                return _translate_job(translate, job, options, _settings(signature, options),
                                      tracker)
            except Exception:  # an interrupt keeps the .part: a rerun resumes
                _abandon(job.output)
                raise
    finally:
        tracker.close()


def _settings(signature: str, options: BatchOptions) -> str:
    return make_scope({
        "translator": signature,
        "format": options.format,
        "fields": options.fields,
        "suffix": options.suffix,
        "json": options.json,
        **({"flags_field": options.flags_field} if options.flags_field else {}),
        **({"encoding": options.encoding} if options.encoding else {}),
        **({"output_encoding": options.output_encoding} if options.output_encoding else {}),
        **({"xliff": True} if options.xliff else {}),
        **({"pdf_as": options.pdf_as} if options.pdf_as != "pdf" else {}),
    })


def _translate_job(
    translate: TranslateDocuments, job: Job, options: BatchOptions, settings: str, tracker: Progress
) -> FileResult:
    check_source(job.source)
    if job.source.resolve() == job.output.resolve():
        raise InvalidInputError(
            f"{job.source}: the output would overwrite the input.",
            fix=Fix(python="pass another output path.", cli="choose another output with -o.",
                    app="upload the file again."),
        )
    if job.output.is_dir():
        raise InvalidInputError(
            f"{job.output}: the output is a directory.",
            fix=Fix(python="pass a file path as the output (translate_path takes directories).",
                    cli="give -o a file path, or a directory that does not hold this name.",
                    app="upload the file again."),
        )
    fmt = format_for(job.source, options.format)
    # Sentence-aligned outputs need sentences: rows and tables get new fields instead.
    for flag, what in (("json", "sentence-aligned JSON is"), ("xliff", "XLIFF review files are")):
        if getattr(options, flag) and isinstance(fmt, (RowFormat, TableFormat)):
            raise InvalidInputError(
                f"{job.source}: {what} for documents; a {fmt.name} file gets its translations "
                "as new fields.",
                fix=Fix(python=f"leave {flag} off (BatchOptions({flag}=False)).",
                        cli=f"drop --{flag}.", app="upload a document instead."),
            )
    source_hash = sha256_file(job.source)
    state = check_output(job.output, source=source_hash, settings=settings, force=options.force)
    if state is None:
        logger.info("up to date: %s", job.output)
        return FileResult(str(job.source), str(job.output), SKIPPED)
    notes, untranslated = None, ()
    if isinstance(fmt, TableFormat):
        from translator.files.tables import translate_table_file

        n = translate_table_file(translate, fmt, job, options, state, source_hash, settings,
                                 tracker)
    elif isinstance(fmt, RowFormat):
        n, notes = _translate_rows(translate, fmt, job, options, state, source_hash, settings,
                                   tracker)
    else:
        n, notes, untranslated = _translate_document(translate, fmt, job, options, state,
                                                     source_hash, settings, tracker)
    logger.info("translated %s -> %s", job.source, job.output)
    return FileResult(str(job.source), str(job.output), TRANSLATED, sentences=n,
                      detected=notes, untranslated=untranslated)


def _format_options(options: BatchOptions) -> FormatOptions:
    return FormatOptions(fields=options.fields, suffix=options.suffix,
                         flags_field=options.flags_field, encoding=options.encoding,
                         output_encoding=options.output_encoding, pdf_as=options.pdf_as)


def _notes(*parts: str) -> str | None:
    """What a file was read as, for its result (None when plain UTF-8 and commas)."""
    said = [p for p in parts if p and p != "utf-8"]
    return ", ".join(said) or None


def _translate_document(
    translate: TranslateDocuments, fmt: DocumentFormat, job: Job, options: BatchOptions,
    state: dict[str, Any], source_hash: str, settings: str, tracker: Progress,
) -> tuple[int, str | None, tuple[str, ...]]:
    data = job.source.read_bytes()
    extracted = fmt.extract(data, source=str(job.source), options=_format_options(options))
    notes = _notes(extracted.read_as or "")  # a text format: how it read the bytes
    docs = translate(extracted.units, progress=tracker.call())
    if options.json:
        payload = {"source": str(job.source), "format": fmt.name,
                   "untranslated": list(extracted.untranslated),
                   "units": [doc.to_dict() for doc in docs]}
        out = (json.dumps(payload, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    else:
        out = extracted.rebuild([doc.translation for doc in docs])
    if options.xliff:  # first: a failure here leaves the output as it was
        from translator.files.xliff import document_xliff, xliff_path

        atomic_write(xliff_path(job.source, job.output),
                     document_xliff(data, docs, original=job.source.name, format=fmt.name))
    finish(job.output, state, source=source_hash, settings=settings, output=sha256_bytes(out))
    atomic_write(job.output, out)
    for name in extracted.untranslated:
        logger.debug("%s: not translated: %s", job.source, name)
    return sum(len(doc.sentences) for doc in docs), notes, tuple(extracted.untranslated)


def _translate_rows(
    translate: TranslateDocuments, fmt: RowFormat, job: Job, options: BatchOptions,
    state: dict[str, Any], source_hash: str, settings: str, tracker: Progress,
) -> tuple[int, str | None]:
    part = part_path(job.output)
    resume = (
        resumable(state, source=source_hash, settings=settings) and part.exists()
        and part.stat().st_size >= state.get("part_bytes", 0) > 0
    )
    rows_done = state.get("rows_done", 0) if resume else 0
    sentences = 0
    with open_text(str(job.source), declared=options.encoding, newline=fmt.newline) as handle:
        reader = fmt.start(handle, source=str(job.source), options=_format_options(options))
        output = output_for(replace(handle.encoding, bom=False), options.output_encoding,
                            spreadsheet=fmt.name == "csv")  # a source's BOM is in its text
        job.output.parent.mkdir(parents=True, exist_ok=True)
        if resume:
            logger.info("%s: resuming after row %d", job.source, rows_done)
            with open(part, "r+b") as out:
                out.truncate(state["part_bytes"])
        else:
            part.write_bytes(encode(reader.header, output, str(job.source)))
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
            unit_flags = iter(
                (doc.flags, tuple(r for s in doc.sentences for r in s.reasons)) for doc in docs
            )
            sentences += sum(len(doc.sentences) for doc in docs)
            text = "".join(
                reader.render(r, [next(translations) for _ in units],
                              [next(unit_flags) for _ in units])
                for r, units in zip(chunk, per_record)
            )
            with open(part, "ab") as out:
                out.write(encode(text, output, str(job.source), first=False))
                out.flush()
                os.fsync(out.fileno())
            rows_done += len(chunk)
            write_progress(job.output, state, source=source_hash, settings=settings,
                           rows_done=rows_done, part_bytes=part.stat().st_size)
    finish(job.output, state, source=source_hash, settings=settings, output=sha256_file(part))
    os.replace(part, job.output)
    return sentences, _notes(handle.encoding.describe(), reader.notes)


