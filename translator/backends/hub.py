"""Finding a model: a local directory, ``models/``, the Hugging Face cache, or a download.

The places are tried in that order.
Nothing here imports torch. ``huggingface_hub`` is imported only when a hub id has to be
looked up, and every network call has a short timeout, so an offline machine fails in
seconds with :class:`~translator.errors.ModelNotFoundError`, never hangs.
"""

from __future__ import annotations

import logging
import os
import re
import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from translator.errors import ModelNotFoundError, download_fix
from translator.settings import MODELS_DIR_ENV, hub_endpoint, models_dir, offline

logger = logging.getLogger(__name__)

#: The model used when none is named.
DEFAULT_MODEL = "Helsinki-NLP/opus-mt-id-en"

# The files a Marian model needs; weights are picked separately (safetensors preferred).
_MODEL_FILES = [
    "config.json",
    "generation_config.json",
    "source.spm",
    "target.spm",
    "vocab.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
]
_WEIGHTS = ("model.safetensors", "pytorch_model.bin")
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(/[\w.-]+)?$")
_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class ResolvedModel:
    """Where a model was found.

    Attributes:
        name: What the user asked for (hub id or path).
        path: The local directory that holds it.
        source: "directory", "models", "cache" or "download".
    """

    name: str
    path: Path
    source: str


def local_name(model: str) -> str:
    """The folder name a hub id gets under ``models/``: its last component."""
    return model.rstrip("/").split("/")[-1]


def is_model_dir(path: Path) -> bool:
    """True when ``path`` looks like a complete Hugging Face Marian model directory."""
    return (path / "config.json").is_file() and any((path / w).is_file() for w in _WEIGHTS)


def resolve_model(
    model: str = DEFAULT_MODEL, *, revision: str | None = None, download: bool = True
) -> ResolvedModel:
    """Find a local directory holding ``model``, downloading it only as a last resort.

    Args:
        model: A hub id such as ``"Helsinki-NLP/opus-mt-id-en"`` or a local directory.
        revision: A hub branch, tag or commit (hub ids only).
        download: False only looks (``translator info``): no network, ever.

    Returns:
        Where the model is.

    Raises:
        ModelNotFoundError: No source had it; the message lists every place tried.
    """
    path = Path(model).expanduser()
    tried: list[str] = []
    if path.is_dir():
        if is_model_dir(path):
            return ResolvedModel(model, path.resolve(), "directory")
        raise ModelNotFoundError(
            model,
            [f"local directory {path.resolve()}: no config.json and weights in it"],
            hint="Fix: point to a directory saved with `translator download` or "
            "`save_pretrained`, holding config.json, the weights and the tokenizer files.",
        )
    missing = "is a file, not a model directory" if path.exists() else "does not exist"
    if not _HUB_ID.match(model) or model.startswith((".", "~")) or os.sep + os.sep in model:
        raise ModelNotFoundError(model, [f"local directory {path}: {missing}"])
    tried.append(f"local directory {path.resolve()}: {missing}")

    candidate = models_dir() / local_name(model)
    if is_model_dir(candidate):
        return ResolvedModel(model, candidate, "models")
    tried.append(f"models folder {candidate}: not there (set ${MODELS_DIR_ENV} to move it)")

    cached = _from_hf_cache(model, revision)
    if cached is not None:
        return ResolvedModel(model, cached, "cache")
    tried.append("Hugging Face cache: not there")

    if not download:
        tried.append("download: not tried (only looking)")
        raise ModelNotFoundError(model, tried)
    if offline():
        tried.append("download: skipped, HF_HUB_OFFLINE is set")
        raise ModelNotFoundError(model, tried)
    try:
        downloaded = download_model(model, revision=revision, local_dir=None)
    except ModelNotFoundError as exc:
        raise ModelNotFoundError(model, tried + list(exc.tried)) from exc
    return ResolvedModel(model, downloaded, "download")


def download_model(
    model: str = DEFAULT_MODEL,
    *,
    revision: str | None = None,
    local_dir: Path | None = None,
    force: bool = False,
) -> Path:
    """Download ``model`` from the Hugging Face Hub.

    Args:
        model: The hub id.
        revision: Branch, tag or commit.
        local_dir: Save a plain copy there (``translator download`` uses
            ``models/<name>``); None keeps it in the Hugging Face cache only.
        force: Download again even when the files are already there.

    Returns:
        The directory holding the model.

    Raises:
        ModelNotFoundError: The hub could not be reached or does not have the model.
    """
    from huggingface_hub import HfApi, snapshot_download

    if offline():  # asked to download, told never to: say which, not "unreachable"
        raise ModelNotFoundError(
            model, ["download: not tried, HF_HUB_OFFLINE (or TRANSFORMERS_OFFLINE) is set"],
            hint="Fix: unset HF_HUB_OFFLINE and TRANSFORMERS_OFFLINE to download, on a "
            "machine with internet access.",
        )
    endpoint = hub_endpoint()
    problem = _unreachable(endpoint)
    fix = download_fix(str(local_dir or models_dir() / local_name(model)))
    if problem:  # no "run translator download" here: this may be that very command
        raise ModelNotFoundError(
            model, [f"download from the Hugging Face Hub failed: {endpoint} is unreachable "
                    f"({problem})"], hint=fix,
        )
    try:
        files = set(HfApi().list_repo_files(model, revision=revision))
        weights = next((w for w in _WEIGHTS if w in files), None)
        if weights is None:
            raise ModelNotFoundError(
                model, [f"Hugging Face Hub: {model} has no {' or '.join(_WEIGHTS)}"],
                hint="Fix: pass a hub id or directory of a Marian translation model.",
            )
        wanted = [f for f in _MODEL_FILES if f in files] + [weights]
        logger.info("downloading %s (%s) from the Hugging Face Hub", model, ", ".join(wanted))
        where = snapshot_download(
            model,
            revision=revision,
            allow_patterns=wanted,
            local_dir=str(local_dir) if local_dir else None,
            force_download=force,
            etag_timeout=_TIMEOUT_S,
        )
    except ModelNotFoundError:
        raise
    except Exception as exc:  # network errors come in many classes
        reason = " ".join(str(exc).split())[:300]
        raise ModelNotFoundError(
            model, [f"download from the Hugging Face Hub failed: {type(exc).__name__}: {reason}"],
            hint=fix,
        ) from exc
    return Path(where)


def _unreachable(url: str, timeout: float = 5.0) -> str | None:
    """Why ``url``'s host cannot be reached (DNS or TCP), or None when it can.

    One quick probe, so an offline machine gets its answer in seconds instead of after
    the hub client's retries with back-off.
    """
    parsed = urlsplit(url)
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        with socket.create_connection((parsed.hostname or "", port), timeout=timeout):
            return None
    except OSError as exc:
        return f"{type(exc).__name__}: {exc}"


def _from_hf_cache(model: str, revision: str | None) -> Path | None:
    """The cached snapshot of ``model`` if a complete one is in the Hugging Face cache."""
    try:
        from huggingface_hub import snapshot_download
    except ImportError:  # pragma: no cover - base dependency
        return None
    try:
        where = Path(snapshot_download(model, revision=revision, local_files_only=True))
    except Exception:  # not cached (or a broken cache entry)
        return None
    return where if is_model_dir(where) else None
