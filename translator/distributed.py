"""Translating a Ray Data dataset on a pool of actors, one model per actor.

:func:`translate_dataset` is ``Dataset.map_batches`` with an actor pool
(``ray.data.ActorPoolStrategy``) over :class:`~translator.tabular.ColumnTranslator`:

- each actor loads the model once, with its inference threads (CTranslate2 workers, or
  torch threads) sized to the CPUs Ray gives the actor (``cpus_per_actor``);
- each batch of rows is ONE :func:`~translator.tabular.translate_table` call, so the
  engine sorts and token-budget-batches the sentences of the whole batch;
- the sentence cache (``cache=``) is opened by every actor; it is SQLite in WAL mode, so
  the actors of one node share it safely (give each node a local path: SQLite must not
  live on a network filesystem);
- an actor that dies (killed, out of memory, node lost) is restarted and its batch retried:
  ``max_restarts`` and ``max_task_retries`` are passed to Ray explicitly; a bad record never
  kills a batch (it is flagged in ``translation_flags``, see :mod:`translator.tabular`);
- reads and writes are Ray's own (``ray.data.read_parquet``, ``write_parquet``,
  ``read_json``, ``read_csv`` ...), so data can live on any filesystem Ray supports.

Example::

    import ray
    from translator.distributed import translate_dataset

    ds = ray.data.read_parquet("s3://bucket/berita/")
    translate_dataset(ds, fields=["text"], actors=8).write_parquet("s3://bucket/berita-en/")

Ray is an optional dependency: ``pip install 'indo-translator[distributed]'``.
"""

from __future__ import annotations

import inspect
import logging
import os
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from translator.errors import MissingDependencyError
from translator.hub import DEFAULT_MODEL
from translator.tabular import FLAGS_COLUMN, ColumnTranslator

if TYPE_CHECKING:
    import ray.data

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
    **options: Any,
) -> ray.data.Dataset:
    """Translate the named columns of a Ray dataset; lazy, like every Ray transform.

    Args:
        ds: The dataset (from any ``ray.data.read_*`` or ``from_*``).
        fields: The columns to translate; each gets a twin ``<field><suffix>`` right
            after it, and every other column is kept as it is.
        model: A hub id or a model directory, found on every node (see the README).
        actors: Actor pool size: a number, ``(min, max)`` to autoscale, or None to
            autoscale from 1 to as many as the cluster's CPUs allow.
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
    out = _map_batches(ds, ActorTranslator, kwargs,
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
