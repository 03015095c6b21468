"""Translation backends behind one small interface (:class:`Backend`).

Backends import their heavy dependencies (torch, ctranslate2) only when created.
"""

from __future__ import annotations

from pathlib import Path

from translator.backends.base import Backend, DecodeOptions, Hypothesis

__all__ = ["Backend", "DecodeOptions", "Hypothesis", "BACKENDS", "create_backend"]

#: Names accepted by :func:`create_backend`.
BACKENDS = ("transformers",)


def create_backend(
    name: str,
    model_dir: Path,
    *,
    device: str = "auto",
    num_threads: int | None = None,
) -> Backend:
    """Load the model in ``model_dir`` with the backend called ``name``.

    Args:
        name: One of :data:`BACKENDS`.
        model_dir: A directory with a Hugging Face Marian model and its tokenizer.
        device: "auto", "cpu", "cuda" or "cuda:N".
        num_threads: CPU threads for inference (None: the library's default).

    Returns:
        The loaded backend.

    Raises:
        ValueError: When ``name`` is not a known backend.
    """
    if name == "transformers":
        from translator.backends.transformers import TransformersBackend

        return TransformersBackend(model_dir, device=device, num_threads=num_threads)
    raise ValueError(f"Unknown backend {name!r}. Fix: use one of {', '.join(BACKENDS)}.")
