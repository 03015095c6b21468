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

from translator.engine.options import EngineOptions, input_limit
from translator.results import Provenance

if TYPE_CHECKING:
    from translator.backends.base import Backend


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
    backend: Backend, options: EngineOptions, *, fingerprint: str, revision: str | None
) -> str:
    """The digest of everything that decides what ``backend`` with ``options`` translates."""
    return make_scope({
        "model": fingerprint,
        "revision": revision,
        "backend": backend.name,
        "device": backend.device,
        "vocabulary": backend.vocabulary,
        "options": dataclasses.asdict(options),
        "max_input_tokens": input_limit(backend, options),
        # Cached results carry the model's score since "2": older entries (no score) are
        # left to their old scope rather than read as unsure of nothing.
        "results": RESULTS_VERSION,
    })


#: Version of what a cached result holds (see :func:`options_signature`).
RESULTS_VERSION = "2"


def resources_signature(base: str, *, glossary: str = "", memory: str = "") -> str:
    """``base`` (an options signature) with the glossary's and memory's digests.

    What a file output depends on besides the model and its options; ``base`` itself
    when there is neither, so a translator without them keeps its signature.
    """
    if not glossary and not memory:
        return base
    return make_scope({"base": base, "glossary": glossary, "memory": memory})


def provenance(
    backend: Backend, options: EngineOptions, *, model: str, signature: str
) -> Provenance:
    """What produces the results of ``backend`` with ``options``, recorded on every document."""
    from translator._version import __version__

    return Provenance(
        model=model,
        backend=backend.name,
        device=backend.device,
        compute_type=backend.compute_type,
        vocabulary=backend.vocabulary,
        beam_size=options.beam_size,
        max_input_tokens=input_limit(backend, options),
        options_signature=signature,
        version=__version__,
    )
