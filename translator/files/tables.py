"""Running a table file (Parquet): chunk by chunk, each chunk saved, resumable, flat memory.

The source is read ``chunk_rows`` rows at a time; each chunk's named fields are translated
in one call (:func:`translator.files.columns.translate_table`: nulls stay null, a bad
value is flagged, never fatal) and the chunk is written to its own file in a hidden folder next to
the output (``.x.en.parquet.parts/``). The sidecar records the chunks finished, so a rerun
after a kill starts after the last finished chunk. When all are done they are streamed
into the output (written atomically) and the folder is removed.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translator.files.columns import translate_table
from translator.files.formats.base import TableFormat
from translator.files.outputs import (
    finish,
    part_path,
    resumable,
    sha256_file,
    write_progress,
)

if TYPE_CHECKING:
    from translator.files.options import BatchOptions, TranslateDocuments
    from translator.files.plan import Job
    from translator.progress import Progress
    from translator.results import Document

logger = logging.getLogger(__name__)


def parts_dir(dst: Path) -> Path:
    """The hidden folder a table output's finished chunks wait in."""
    return dst.with_name(f".{dst.name}.parts")


def translate_table_file(
    translate: TranslateDocuments, fmt: TableFormat, job: Job, options: BatchOptions,
    state: dict[str, Any], source_hash: str, settings: str, tracker: Progress,
) -> int:
    """Translate one table file into ``job.output``; returns the sentences translated."""
    check = getattr(fmt, "check_fields", None)
    if check is not None:
        check(str(job.source), options.fields)
    parts = parts_dir(job.output)
    done = state.get("chunks_done", 0)
    resume = (
        resumable(state, source=source_hash, settings=settings) and done > 0
        and all(_chunk(parts, i).exists() for i in range(done))
    )
    if not resume:
        shutil.rmtree(parts, ignore_errors=True)
        done = 0
    rows_done = state.get("rows_done", 0) if resume else 0
    parts.mkdir(parents=True, exist_ok=True)
    for stale in parts.iterdir():  # a chunk written after the last sidecar update
        if not stale.name.endswith(".done") or int(stale.name.split(".")[0]) >= done:
            stale.unlink()
    if resume:
        logger.info("%s: resuming after row %d", job.source, rows_done)
    counter = _Counter(translate)
    for table in fmt.read(str(job.source), start=rows_done, chunk_rows=options.chunk_rows):
        out = translate_table(counter, table, fields=options.fields, suffix=options.suffix,
                              progress=tracker.call())
        tmp = parts / f"{done:06d}.tmp"
        fmt.write(str(tmp), iter([out]))
        os.replace(tmp, _chunk(parts, done))
        done += 1
        rows_done += table.num_rows
        write_progress(job.output, state, source=source_hash, settings=settings,
                       rows_done=rows_done, chunks_done=done)
    part = part_path(job.output)
    fmt.write(str(part), _stream(fmt, [_chunk(parts, i) for i in range(done)]),
              like=str(job.source))
    finish(job.output, state, source=source_hash, settings=settings, output=sha256_file(part))
    os.replace(part, job.output)
    shutil.rmtree(parts, ignore_errors=True)
    return counter.sentences


def _chunk(parts: Path, index: int) -> Path:
    return parts / f"{index:06d}.done"


def _stream(fmt: TableFormat, chunks: Sequence[Path]) -> Iterator[Any]:
    for path in chunks:
        yield from fmt.read(str(path), start=0, chunk_rows=16_384)


class _Counter:
    """Passes texts to the translator and counts the sentences of what comes back."""

    def __init__(self, translate: TranslateDocuments) -> None:
        self.translate = translate
        self.sentences = 0

    def __call__(self, texts: Sequence[str], *, progress: Any = None) -> list[Document]:
        docs = self.translate(texts, progress=progress)
        self.sentences += sum(len(doc.sentences) for doc in docs)
        return docs
