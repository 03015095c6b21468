"""Converting a Hugging Face Marian model to CTranslate2, once, cached in ``models/``.

Owns the converted model's place (:func:`converted_dir`), the marker that records what it
was converted from (a cheap size-and-mtime fingerprint of the source files, so a changed
source is converted again) and the atomic conversion itself (:func:`convert_model`). A
conversion includes the model's vocabulary map (``vmap.txt``, the target vocabulary of
:mod:`translator.backends.vocabulary`), recorded in the marker by its digest.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import warnings
from pathlib import Path

from translator.backends.vocabulary import vmap_digest, write_vmap
from translator.errors import ModelLoadError
from translator.settings import models_dir

logger = logging.getLogger(__name__)

#: The file in a converted model that records what it was converted from.
MARKER = "indo-translator-conversion.json"
_CT2_FILES = ("model.bin", "config.json")
#: Version of what a conversion holds besides CTranslate2's own files (1: ``vmap.txt``);
#: a conversion of an older version is converted again.
LAYOUT_VERSION = 1


def converted_dir(model_dir: Path, compute_type: str, *, name: str | None = None) -> Path:
    """Where the CTranslate2 conversion of ``model_dir`` is cached.

    Args:
        model_dir: The Hugging Face model directory.
        compute_type: A resolved compute type ("int8", "float32", ...).
        name: The model's short name (``opus-mt-id-en`` for the hub id); None uses the
            directory's own name.
    """
    return models_dir() / f"{name or Path(model_dir).resolve().name}-ct2-{compute_type}"


def _fingerprint(model_dir: Path) -> dict[str, object]:
    """What identifies a source model cheaply: its path, and each file's size and mtime."""
    model_dir = Path(model_dir).resolve()
    files = {}
    for path in sorted(model_dir.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        real = path.resolve()  # Hugging Face cache snapshots are symlinks to blobs
        stat = real.stat()
        files[path.name] = [stat.st_size, stat.st_mtime_ns]
    digest = hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()
    return {"source": str(model_dir), "files": digest}


def is_valid_conversion(target: Path, model_dir: Path, compute_type: str) -> bool:
    """True when ``target`` holds a complete conversion of ``model_dir`` to ``compute_type``."""
    marker = target / MARKER
    if not all((target / f).is_file() for f in _CT2_FILES) or not marker.is_file():
        return False
    try:
        recorded = json.loads(marker.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        recorded.get("compute_type") == compute_type
        and recorded.get("fingerprint") == _fingerprint(model_dir)
        and recorded.get("layout") == LAYOUT_VERSION
        and recorded.get("vmap") == vmap_digest(target)
    )


def convert_model(
    model_dir: Path,
    *,
    compute_type: str = "auto",
    device: str = "cpu",
    name: str | None = None,
    force: bool = False,
) -> Path:
    """Convert a Hugging Face Marian model to CTranslate2, or reuse the cached conversion.

    The conversion is written to a temporary folder beside the target and renamed into
    place only when complete, so an interrupted conversion never leaves a broken cache. A
    cached conversion whose source files changed (or that is incomplete) is rebuilt.

    Args:
        model_dir: The Hugging Face model directory.
        compute_type: "auto" (int8 on CPU, int8_float16 on CUDA) or one of
            :data:`COMPUTE_TYPES`.
        device: The device the result is for ("cpu" or "cuda"; decides "auto").
        name: Short model name for the cache folder (None: the directory's name).
        force: Convert again even when a valid conversion is cached.

    Returns:
        The directory of the converted model.

    Raises:
        ModelLoadError: The model could not be converted.
    """
    from translator.backends.ct2_runtime import import_ct2, resolve_compute_type

    ct2 = import_ct2()
    device = "cuda" if device.startswith("cuda") else device
    compute_type = resolve_compute_type(compute_type, device)
    target = converted_dir(model_dir, compute_type, name=name)
    if not force and is_valid_conversion(target, model_dir, compute_type):
        logger.debug("using cached CTranslate2 model %s", target)
        return target
    if target.exists() and not force:
        logger.info("cached CTranslate2 model %s is stale or incomplete; converting again",
                    target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    logger.info("converting %s to CTranslate2 (%s), once, into %s", model_dir, compute_type,
                target)
    try:
        try:
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message=".*sacremoses.*")
                converter = ct2.converters.TransformersConverter(str(model_dir))
                converter.convert(str(tmp), quantization=compute_type, force=True)
        except Exception as exc:  # the converter fails in many ways on bad input
            raise ModelLoadError(
                f"Could not convert {model_dir} to CTranslate2: {exc}\n"
                "Fix: check that it is a complete Marian model directory (config.json, weights, "
                "source.spm, target.spm, vocab.json), or use backend='transformers'."
            ) from exc
        try:
            vmap = write_vmap(model_dir, tmp)
        except Exception as exc:  # a broken target.spm or vocab.json
            raise ModelLoadError(
                f"Could not read the target vocabulary of {model_dir}: {exc}\n"
                "Fix: download the model again with `translator download --force`, or copy "
                "its complete directory (target.spm and vocab.json included)."
            ) from exc
        marker = {
            "compute_type": compute_type,
            "fingerprint": _fingerprint(model_dir),
            "ctranslate2": ct2.__version__,
            "layout": LAYOUT_VERSION,
            "vmap": vmap,
        }
        (tmp / MARKER).write_text(json.dumps(marker, indent=2), encoding="utf-8")
        _replace_dir(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return target


def _replace_dir(new: Path, target: Path) -> None:
    """Move ``new`` to ``target``, replacing what is there with as short a gap as possible."""
    old = None
    if target.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
        os.replace(target, old / "x")
    try:
        os.replace(new, target)
    except OSError:
        # Another process finished the same conversion first; keep its result.
        if not all((target / f).is_file() for f in _CT2_FILES):
            raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
