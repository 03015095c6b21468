"""Translating a Ray Data dataset on a pool of actors, one model per actor.

:func:`translate_dataset` is ``Dataset.map_batches`` with an actor pool
(``ray.data.ActorPoolStrategy``) over :class:`~translator.integrations.tabular.ColumnTranslator`:

- each actor loads the model once, with its inference threads (CTranslate2 workers, or
  torch threads) sized to the CPUs Ray gives the actor (``cpus_per_actor``);
- each batch of rows is ONE :func:`~translator.files.columns.translate_table` call, so the
  engine sorts and token-budget-batches the sentences of the whole batch;
- the sentence cache (``cache=``) is opened by every actor; it is SQLite in WAL mode, so
  the actors of one node share it safely (give each node a local path: SQLite must not
  live on a network filesystem);
- an actor that dies (killed, out of memory, node lost) is restarted and its batch retried:
  ``max_restarts`` and ``max_task_retries`` are passed to Ray explicitly; a bad record never
  kills a batch (it is flagged in ``translation_flags``, see
  :mod:`translator.files.columns`);
- reads and writes are Ray's own (``ray.data.read_parquet``, ``write_parquet``,
  ``read_json``, ``read_csv`` ...), so data can live on any filesystem Ray supports.

Example::

    import ray
    from translator.integrations.distributed import translate_dataset

    ds = ray.data.read_parquet("s3://bucket/berita/")
    translate_dataset(ds, fields=["text"], actors=8).write_parquet("s3://bucket/berita-en/")

Whole files (what ``translator translate INPUT -o OUTPUT --field text --ray`` runs):
:func:`translate_files` translates each Parquet, JSON lines or CSV input into its own
output folder, named as the single-process run names files (``x.parquet`` ->
``x.en.parquet/``, holding Ray's part files). A folder is marked finished (``_SUCCESS``)
only when its write is complete, so a rerun skips finished inputs and redoes the rest.

Ray is an optional dependency: ``pip install 'indo-translator[distributed]'``.
"""

from __future__ import annotations

import inspect
import json
import logging
import os
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translator.backends.hub import DEFAULT_MODEL
from translator.errors import (
    Fix,
    InvalidInputError,
    MissingDependencyError,
    OutputExistsError,
)
from translator.files.columns import FLAGS_COLUMN
from translator.integrations.tabular import ColumnTranslator

if TYPE_CHECKING:
    import ray.data

    from translator.files import BatchReport, FileResult

logger = logging.getLogger(__name__)

#: Rows per call to an actor: one engine call, and the unit Ray retries.
DEFAULT_BATCH_ROWS = 1024


def import_ray() -> Any:
    """Import ``ray`` and ``ray.data``, or fail naming the extra to install.

    Raises:
        MissingDependencyError: Ray Data is not installed.
    """
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise MissingDependencyError("ray[data]", "distributed", "Translating with Ray") from exc
    return ray


def translate_dataset(
    ds: ray.data.Dataset,
    *,
    fields: Sequence[str] = ("text",),
    model: str | os.PathLike[str] = DEFAULT_MODEL,
    actors: int | tuple[int, int] | None = None,
    cpus_per_actor: float = 1,
    gpus_per_actor: float = 0,
    batch_rows: int = DEFAULT_BATCH_ROWS,
    suffix: str = "_en",
    flags_column: str | None = FLAGS_COLUMN,
    preserve_order: bool = True,
    max_restarts: int = -1,
    max_task_retries: int = 3,
    actor: type[ActorTranslator] | None = None,
    **options: Any,
) -> ray.data.Dataset:
    """Translate the named columns of a Ray dataset; lazy, like every Ray transform.

    Args:
        ds: The dataset (from any ``ray.data.read_*`` or ``from_*``).
        fields: The columns to translate; each gets a twin ``<field><suffix>`` right
            after it, and every other column is kept as it is.
        model: A hub id or a model directory, found on every node (see the README).
        actors: Actor pool size: a number, ``(min, max)`` to autoscale, or None to
            autoscale from 1 to as many as the cluster's CPUs allow. Leave a CPU for Ray's
            read and write tasks: a fixed pool holding every CPU stalls.
        cpus_per_actor: CPUs Ray reserves per actor; the model's threads match it.
        gpus_per_actor: GPUs per actor (e.g. 1); the model then runs on CUDA.
        batch_rows: Rows per engine call (and per retry).
        suffix: Appended to a field's name to name its translation.
        flags_column: Column of per-row flags (``text:truncated``, ``text:error`` ...);
            None for none.
        preserve_order: Keep the input's row order (sets ``preserve_order`` in the
            dataset's ``DataContext`` execution options, shared with its parent dataset).
        max_restarts: Times Ray restarts a dead actor (-1: always).
        max_task_retries: Times a batch whose actor died is retried on a restarted actor;
            a batch that kills its actor more often fails the job.
        actor: A subclass of :class:`ActorTranslator` that loads the model its own way
            (tests, benchmarks); None for :class:`ActorTranslator`.
        **options: Options of :class:`~translator.Translator` (``backend``, ``beam_size``,
            ``cache``, ``compute_type`` ...), applied in every actor.

    Returns:
        The translated dataset (not yet executed).

    Raises:
        MissingDependencyError: Ray Data is not installed.
    """
    ray = import_ray()
    if gpus_per_actor:
        options.setdefault("device", "cuda")
    if isinstance(actors, tuple):
        compute = ray.data.ActorPoolStrategy(min_size=actors[0], max_size=actors[1])
    elif actors is not None:
        compute = ray.data.ActorPoolStrategy(size=actors)
    else:
        compute = ray.data.ActorPoolStrategy(min_size=1)
    mapper = dict(fields=tuple(fields), model=os.fspath(model), suffix=suffix,
                  flags_column=flags_column, **options)
    kwargs: dict[str, Any] = dict(
        fn_constructor_kwargs=mapper, compute=compute, batch_size=batch_rows,
        batch_format="pyarrow", num_cpus=cpus_per_actor,
    )
    if gpus_per_actor:
        kwargs["num_gpus"] = gpus_per_actor
    out = _map_batches(ds, actor or ActorTranslator, kwargs,
                       retries={"max_restarts": max_restarts,
                                "max_task_retries": max_task_retries})
    if preserve_order:
        out.context.execution_options.preserve_order = True
    return out


def _map_batches(ds: Any, fn: type, kwargs: dict[str, Any], *, retries: dict[str, int]) -> Any:
    # Ray 2.60 takes actor retry settings only as extra remote args (deprecated, with no
    # named replacement yet); where a Ray no longer accepts them, its defaults apply
    # (restart always, retry always).
    params = inspect.signature(ds.map_batches).parameters.values()
    if not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params):
        logger.info("this Ray takes no max_restarts/max_task_retries; using its defaults")
        return ds.map_batches(fn, **kwargs)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*ray_remote_args.*deprecated")
        return ds.map_batches(fn, **kwargs, **retries)


class ActorTranslator(ColumnTranslator):
    """The actor of the pool: a :class:`ColumnTranslator` that loads its model at start.

    Unless ``num_threads`` (or CTranslate2's ``inter_threads``/``intra_threads``) is
    given, the model gets as many threads as the CPUs Ray assigned to this actor.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        threads = ("num_threads", "inter_threads", "intra_threads")
        if not any(self.options.get(k) for k in threads):
            self.options["num_threads"] = assigned_cpus()
        translator = self.translator  # load now, once per actor
        logger.info("actor ready: %r with %s threads", translator,
                    self.options.get("num_threads"))


def assigned_cpus() -> int:
    """Whole CPUs Ray assigned to the current worker (at least 1; 1 outside Ray)."""
    ray = import_ray()
    try:
        cpus = ray.get_runtime_context().get_assigned_resources().get("CPU", 1)
    except (AssertionError, RuntimeError):  # not inside a Ray worker
        return 1
    return max(1, round(cpus))


# -- whole files -------------------------------------------------------------------------------

#: Formats Ray reads and writes itself: name -> (reader, writer).
RAY_FORMATS = {
    "parquet": ("read_parquet", "write_parquet"),
    "jsonl": ("read_json", "write_json"),
    "csv": ("read_csv", "write_csv"),
}
#: Written into an output folder when its write is complete.
SUCCESS = "_SUCCESS"
#: Written into an output folder when a run starts writing it.
STARTED = "_STARTED"


def connect(address: str | None = None, **init_args: Any) -> Any:
    """Connect this process to Ray, unless it is already connected; returns ``ray``.

    Args:
        address: ``"auto"`` for the cluster this machine belongs to (``ray start``), an
            address (``ray://head:10001``), or None / ``"local"`` to start a local one.
        **init_args: More ``ray.init`` arguments (``num_cpus`` ...).
    """
    ray = import_ray()
    if not ray.is_initialized():
        ray.init(address="local" if address in (None, "local") else address, **init_args)
    return ray


def translate_files(
    inputs: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str] | None = None,
    *,
    fields: Sequence[str],
    format: str | None = None,
    force: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
    **options: Any,
) -> BatchReport:
    """Translate Parquet / JSON lines / CSV files on the connected Ray cluster.

    Inputs and output are planned as for single-process runs (files, directory trees
    mirrored, ``x.en.parquet`` names), but each output is a folder of Ray's part files.
    Call :func:`connect` first (or ``ray.init``).

    Args:
        inputs: Files or directories.
        output: Output file name (one input) or directory; None: next to each input.
        fields: The columns to translate.
        format: Read every input as this format (parquet, jsonl, csv).
        force: Redo finished outputs, and replace folders the translator did not write.
        on_result: Called with each file's result as soon as it is known.
        **options: For :func:`translate_dataset` (``model``, ``actors``, ...).

    Returns:
        A :class:`~translator.files.BatchReport`; a failed file is in it, not raised.
    """
    from translator.files import FAILED, SKIPPED, TRANSLATED, BatchReport, FileResult, plan
    from translator.files.formats import format_name_for

    ray = import_ray()
    if not fields:
        raise InvalidInputError("Which columns should be translated?", fix=Fix(
            python="name them, e.g. fields=['text'].",
            cli="name them with --field (e.g. --field text).", app="name them."))
    settings = {"fields": list(fields), "format": format,
                **{k: str(v) for k, v in sorted(options.items())}}
    results = []
    for job in plan(list(inputs), output, format=format):
        name = format or format_name_for(job.source)
        try:
            if name not in RAY_FORMATS:
                raise InvalidInputError(
                    f"{job.source}: a {name or 'file of unknown type'} cannot be translated "
                    "on Ray.",
                    fix=Fix(python="pass .parquet, .jsonl or .csv files, or translate it with "
                            "Translator.translate_file.",
                            cli="run it without --ray, or pass .parquet, .jsonl or .csv files.",
                            app="upload it to the app instead."),
                )
            stamp = {"source": str(job.source), "size": job.source.stat().st_size,
                     "mtime_ns": job.source.stat().st_mtime_ns, **settings}
            if not force and _read_marker(job.output / SUCCESS) == stamp:
                result = FileResult(str(job.source), str(job.output), SKIPPED)
            else:
                _run_file(ray, job.source, job.output, name, stamp, fields=fields, force=force,
                          **options)
                logger.info("translated %s -> %s", job.source, job.output)
                result = FileResult(str(job.source), str(job.output), TRANSLATED)
        except (InvalidInputError, OutputExistsError, OSError, ray.exceptions.RayError) as exc:
            logger.debug("failed: %s", job.source, exc_info=True)
            error = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
            result = FileResult(str(job.source), str(job.output), FAILED, error=error)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return BatchReport(tuple(results))


def _run_file(ray: Any, src: Path, dst: Path, name: str, stamp: dict[str, Any], *,
              fields: Sequence[str], force: bool, **options: Any) -> None:
    import shutil

    if dst.exists():
        ours = (dst / STARTED).exists() or (dst / SUCCESS).exists()
        if not ours and not force:
            raise OutputExistsError(
                f"{dst} exists and was not written by the translator.",
                fix=Fix(python="pass force=True to replace it, or choose another output.",
                        cli="pass --force to replace it, or choose another -o.",
                        app="choose another output."),
            )
        shutil.rmtree(dst) if dst.is_dir() else dst.unlink()
    dst.mkdir(parents=True)
    _write_marker(dst / STARTED, stamp)
    reader, writer = RAY_FORMATS[name]
    read_args: dict[str, Any] = {"lines": True} if name == "jsonl" else {}
    read_args["override_num_blocks"] = blocks_for(
        src, name, options.get("batch_rows", DEFAULT_BATCH_ROWS))
    ds = getattr(ray.data, reader)(str(src.resolve()), **read_args)
    missing = [f for f in fields if f not in ds.schema().names]
    if missing:
        raise InvalidInputError(
            f"{src}: no column named {', '.join(map(repr, missing))}; it has "
            f"{', '.join(map(repr, ds.schema().names))}.",
            fix=Fix(python="name one of these in fields=[...].",
                    cli="pass one of these to --field.", app="name one of these."),
        )
    started = time.monotonic()
    out = translate_dataset(ds, fields=fields, **options)
    getattr(out, writer)(str(dst.resolve()))
    parts = sum(1 for p in dst.iterdir() if not p.name.startswith("_"))
    logger.info("%s: written in %.1f s (%d part files)", dst, time.monotonic() - started, parts)
    _write_marker(dst / SUCCESS, stamp)
    (dst / STARTED).unlink()


def blocks_for(src: Path, name: str, batch_rows: int) -> int:
    """Blocks to read ``src`` into: one per ``batch_rows`` rows, so every actor gets work.

    Ray sizes blocks by bytes (1 MB and up), which for text is thousands of rows: minutes
    of translation each, and a small file would reach only one actor. Parquet files tell
    their row count; other files are estimated at 100 bytes a row.
    """
    if name == "parquet":
        import pyarrow.parquet as pq

        rows = pq.ParquetFile(src).metadata.num_rows
    else:
        rows = src.stat().st_size // 100
    return max(1, min(100_000, -(-rows // max(1, batch_rows))))


def _read_marker(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_marker(path: Path, stamp: dict[str, Any]) -> None:
    path.write_text(json.dumps(stamp, sort_keys=True) + "\n", encoding="utf-8")
