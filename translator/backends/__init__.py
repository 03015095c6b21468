"""Translation backends behind one small interface (:class:`Backend`).

Backends import their heavy dependencies (torch, ctranslate2) only when created.
"""

from __future__ import annotations

import logging
from pathlib import Path

from translator.backends.base import Backend, BatchRequest, DecodeOptions, Hypothesis

__all__ = [
    "Backend", "BatchRequest", "DecodeOptions", "Hypothesis", "BACKENDS", "create_backend",
    "resolve_backend_name",
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
        raise ValueError(f"Unknown backend {name!r}. Fix: use one of {', '.join(BACKENDS)}.")
    if name != "auto":
        return name
    from translator.backends.ctranslate2 import available

    return "ctranslate2" if available() else "transformers"


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

    Returns:
        The loaded backend.

    Raises:
        ValueError: When ``name`` is not a known backend.
    """
    chosen = resolve_backend_name(name)
    if name == "auto":
        logger.info("backend 'auto' chose %s", chosen)
    if chosen == "ctranslate2":
        from translator.backends.ctranslate2 import CTranslate2Backend

        return CTranslate2Backend(
            model_dir, device=device, compute_type=compute_type, num_threads=num_threads,
            inter_threads=inter_threads, intra_threads=intra_threads, name=model_name,
        )
    from translator.backends.transformers import TransformersBackend

    return TransformersBackend(model_dir, device=device, num_threads=num_threads)
