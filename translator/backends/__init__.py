"""Translation backends behind one small interface (:class:`Backend`).

Backends import their heavy dependencies (torch, ctranslate2) only when created.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from translator.backends.base import Backend, BatchRequest, DecodeOptions, Hypothesis
from translator.errors import InvalidOptionError, option_fix

if TYPE_CHECKING:
    from translator.backends.hub import ResolvedModel

__all__ = [
    "Backend", "BatchRequest", "DecodeOptions", "Hypothesis", "BACKENDS", "create_backend",
    "resolve_backend_name", "check_device",
]

logger = logging.getLogger(__name__)

#: Names accepted by :func:`create_backend`.
BACKENDS = ("auto", "ctranslate2", "transformers")


def resolve_backend_name(name: str) -> str:
    """Turn "auto" into "ctranslate2" when that package is installed, else "transformers".

    Raises:
        ValueError: When ``name`` is not a known backend.
    """
    if name not in BACKENDS:
        raise InvalidOptionError(
            "backend", name, f"Unknown backend {name!r}.",
            option_fix("backend", "auto", before="use",
                       after=f" (or one of {', '.join(BACKENDS[1:])})"),
        )
    if name != "auto":
        return name
    from translator.backends.ct2_runtime import available

    return "ctranslate2" if available() else "transformers"


def check_device(backend: str, device: str) -> str:
    """The device ``backend`` would run on for ``device``, without loading anything.

    Lets a caller reject ``device="cuda"`` on a machine without a GPU before a model loads.

    Raises:
        InvalidOptionError: An unknown backend or device, or a GPU that is not there.
    """
    if resolve_backend_name(backend) == "ctranslate2":
        from translator.backends.ct2_runtime import resolve_device

        kind, index = resolve_device(device)
        return f"cuda:{index}" if kind == "cuda" and index else kind
    from translator.backends.transformers import resolve_torch_device

    return resolve_torch_device(device)


def create_backend(
    name: str,
    model_dir: Path,
    *,
    device: str = "auto",
    num_threads: int | None = None,
    compute_type: str = "auto",
    inter_threads: int | None = None,
    intra_threads: int | None = None,
    model_name: str | None = None,
    vocabulary: str = "target",
) -> Backend:
    """Load the model in ``model_dir`` with the backend called ``name``.

    Args:
        name: One of :data:`BACKENDS`; "auto" is CTranslate2 when installed, else
            transformers.
        model_dir: A directory with a Hugging Face Marian model and its tokenizer.
        device: "auto", "cpu", "cuda" or "cuda:N".
        num_threads: CPU threads for inference (None: the backend's default).
        compute_type: CTranslate2 only: "auto" (int8 on CPU, int8_float16 on CUDA),
            "int8", "float32", ...
        inter_threads: CTranslate2 only: parallel workers.
        intra_threads: CTranslate2 only: threads per worker.
        model_name: Short model name, used to name the converted model's cache folder.
        vocabulary: "target" (default: decode over the pieces the model's target tokenizer
            writes, see :mod:`translator.backends.vocabulary`) or "full".

    Returns:
        The loaded backend.

    Raises:
        ValueError: When ``name`` is not a known backend.
    """
    from translator.backends.vocabulary import check_vocabulary

    check_vocabulary(vocabulary)
    chosen = resolve_backend_name(name)
    if name == "auto":
        logger.info("backend 'auto' chose %s", chosen)
    if chosen == "ctranslate2":
        from translator.backends.ctranslate2 import CTranslate2Backend

        return CTranslate2Backend(
            model_dir, device=device, compute_type=compute_type, num_threads=num_threads,
            inter_threads=inter_threads, intra_threads=intra_threads, name=model_name,
            vocabulary=vocabulary,
        )
    from translator.backends.transformers import TransformersBackend

    return TransformersBackend(
        model_dir, device=device, num_threads=num_threads, vocabulary=vocabulary
    )


def load_backend(
    model: str | os.PathLike[str],
    *,
    backend: str = "auto",
    device: str = "auto",
    revision: str | None = None,
    **options: Any,
) -> tuple[Backend, ResolvedModel]:
    """Find ``model`` (:func:`~translator.backends.hub.resolve_model`) and load it.

    The backend and device are checked first (an unknown one, or ``cuda`` without a GPU,
    fails before anything is looked up or downloaded).

    Args:
        model: A hub id or a local model directory.
        backend: As for :func:`create_backend`.
        device: As for :func:`create_backend`.
        revision: Hub revision (branch, tag or commit) for a hub id.
        **options: ``num_threads``, ``compute_type``, ``inter_threads``, ``intra_threads``.

    Returns:
        The loaded backend and where the model was found.
    """
    from translator.backends.hub import local_name, resolve_model

    check_device(backend, device)
    resolved = resolve_model(os.fspath(model), revision=revision)
    logger.info("model %s found in %s (%s)", model, resolved.path, resolved.source)
    loaded = create_backend(
        backend, resolved.path, device=device,
        model_name=None if resolved.source == "directory" else local_name(resolved.name),
        **options,
    )
    logger.info("translating with the %s backend on %s", loaded.name, loaded.device)
    return loaded, resolved
