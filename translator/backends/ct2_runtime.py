"""What CTranslate2 and this machine offer: the import, devices, compute types, threads.

Shared by the backend (:mod:`translator.backends.ctranslate2`) and the converter
(:mod:`translator.backends.ct2_convert`); ``ctranslate2`` is imported only when asked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from translator.backends.base import check_device_name
from translator.errors import InvalidOptionError, MissingDependencyError, option_fix
from translator.validate import check_counts

#: Compute types a model can be converted to and run with.
COMPUTE_TYPES = (
    "auto", "int8", "int8_float32", "int8_float16", "int8_bfloat16", "int16",
    "float16", "bfloat16", "float32",
)


@dataclass(frozen=True)
class ThreadLayout:
    """How CTranslate2 uses the CPU.

    Attributes:
        inter_threads: Workers, each translating its own batch (weights are shared).
        intra_threads: Threads inside one worker's computations.
    """

    inter_threads: int
    intra_threads: int


def import_ct2():  # noqa: ANN202 - module type
    """The ``ctranslate2`` module, or MissingDependencyError naming the ``fast`` extra."""
    try:
        import ctranslate2
    except ImportError as exc:
        raise MissingDependencyError("ctranslate2", "fast", "The ctranslate2 backend") from exc
    return ctranslate2


def available() -> bool:
    """True when the ``ctranslate2`` package can be imported (without importing it)."""
    import importlib.util

    return importlib.util.find_spec("ctranslate2") is not None


def cpu_count() -> int:
    """CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def default_thread_layout(
    num_threads: int | None = None,
    *,
    inter_threads: int | None = None,
    intra_threads: int | None = None,
) -> ThreadLayout:
    """The thread layout to use: one single-threaded worker per core unless told otherwise.

    Args:
        num_threads: Total CPU threads to use (None: every core this process may use).
        inter_threads: Workers; overrides the default.
        intra_threads: Threads per worker; overrides the default.

    Returns:
        The layout. With only ``num_threads`` given, it becomes ``num_threads`` workers of
        one thread each (the measured best on 2 cores, see the module docstring).
    """
    check_counts(inter_threads=inter_threads, intra_threads=intra_threads)
    total = max(1, num_threads or cpu_count())
    if inter_threads is None and intra_threads is None:
        return ThreadLayout(total, 1)
    if inter_threads is None:
        inter_threads = max(1, total // max(1, intra_threads or 1))
    if intra_threads is None:
        intra_threads = max(1, total // inter_threads)
    return ThreadLayout(inter_threads, intra_threads)


def resolve_device(device: str) -> tuple[str, int]:
    """Turn "auto", "cpu", "cuda" or "cuda:N" into CTranslate2's (device, index)."""
    check_device_name(device)
    ct2 = import_ct2()
    if device == "auto":
        return ("cuda", 0) if ct2.get_cuda_device_count() > 0 else ("cpu", 0)
    if device == "cpu":
        return "cpu", 0
    index = int(device.partition(":")[2] or 0)  # "cuda" or "cuda:N", as checked above
    if ct2.get_cuda_device_count() <= index:
        raise InvalidOptionError(
            "device", device,
            f"Device {device!r} was asked for, but CTranslate2 sees no such CUDA GPU.",
            option_fix("device", "cpu", before="use", after=" (or auto)"),
        )
    return "cuda", index


def resolve_compute_type(compute_type: str, device: str) -> str:
    """Turn "auto" into int8 on CPU and int8_float16 on CUDA; check that it is supported.

    Args:
        compute_type: One of :data:`COMPUTE_TYPES`.
        device: "cpu" or "cuda".

    Raises:
        ValueError: The compute type is unknown, or this machine cannot run it.
    """
    if compute_type not in COMPUTE_TYPES:
        raise InvalidOptionError(
            "compute_type", compute_type, f"Unknown compute type {compute_type!r}.",
            option_fix("compute_type", "auto", before="use",
                       after=f" (or one of {', '.join(COMPUTE_TYPES[1:])})"),
        )
    ct2 = import_ct2()
    try:
        supported = set(ct2.get_supported_compute_types(device))
    except RuntimeError as exc:  # no GPU or driver: CTranslate2 cannot even list them
        raise InvalidOptionError(
            "device", device, f"Device {device!r} cannot be used by CTranslate2 here ({exc}).",
            option_fix("device", "cpu", before="use"),
        ) from exc
    if compute_type == "auto":
        wanted = ("int8_float16", "float16", "float32") if device == "cuda" else ("int8", "float32")
        return next(t for t in wanted if t in supported or t == "float32")
    if compute_type not in supported:
        raise InvalidOptionError(
            "compute_type", compute_type,
            f"Compute type {compute_type!r} does not run on this {device}.",
            option_fix("compute_type", "auto", before="use",
                       after=f" (or one of {', '.join(sorted(supported))})"),
        )
    return compute_type
