"""Identity of a translation setup: model fingerprint, options signature, provenance.

The one place these are computed. The options signature (a digest of the model's files,
revision, backend, device, output vocabulary and every engine option) scopes the sentence
cache, marks file outputs in their sidecars, and is recorded in every result's
:class:`Provenance`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from translator.results import Provenance

if TYPE_CHECKING:
    from translator.backends.base import Backend
    from translator.engine import Engine


_SMALL_FILES = ("config.json", "generation_config.json", "tokenizer_config.json", "vocab.json",
                "shared_vocabulary.json", "source_vocabulary.json", "target_vocabulary.json")
_SAMPLE = 1 << 20


def model_fingerprint(path: str | os.PathLike[str]) -> str:
    """A digest of a model directory's identity, cheap even for large weights.

    Small files (configs, vocabularies) are hashed whole; every other file (weights,
    sentencepiece models) by name, size and its first and last MiB, which is enough to
    tell two trainings (or two random initialisations) apart without reading gigabytes.
    A path that is not a directory is identified by its name only.
    """
    root = Path(path)
    digest = hashlib.sha256()
    if not root.is_dir():
        digest.update(f"name:{root}".encode())
        return digest.hexdigest()[:32]
    for file in sorted(p for p in root.iterdir() if p.is_file()):
        size = file.stat().st_size
        digest.update(f"{file.name}\0{size}\0".encode())
        with open(file, "rb") as handle:
            if file.name in _SMALL_FILES or size <= 2 * _SAMPLE:
                digest.update(handle.read())
            else:
                digest.update(handle.read(_SAMPLE))
                handle.seek(size - _SAMPLE)
                digest.update(handle.read(_SAMPLE))
    return digest.hexdigest()[:32]


def make_scope(parts: Mapping[str, object]) -> str:
    """A short stable digest of the things that decide a translation (JSON-sorted)."""
    text = json.dumps(dict(parts), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def options_signature(
    engine: Engine, *, fingerprint: str, revision: str | None
) -> str:
    """The digest of everything that decides what ``engine`` translates (see the module)."""
    return make_scope({
        "model": fingerprint,
        "revision": revision,
        "backend": engine.backend.name,
        "device": engine.backend.device,
        "vocabulary": getattr(engine.backend, "vocabulary", "full"),
        "options": dataclasses.asdict(engine.options),
        "max_input_tokens": engine.max_input_tokens,
    })


def provenance(engine: Engine, *, model: str, signature: str) -> Provenance:
    """What produces ``engine``'s results, recorded on every document."""
    from translator._version import __version__

    backend: Backend = engine.backend
    return Provenance(
        model=model,
        backend=backend.name,
        device=backend.device,
        compute_type=backend.compute_type,
        vocabulary=getattr(backend, "vocabulary", "full"),
        beam_size=engine.options.beam_size,
        max_input_tokens=engine.max_input_tokens,
        options_signature=signature,
        version=__version__,
    )
