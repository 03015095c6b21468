"""Deprecated: safe outputs and sidecars moved to :mod:`translator.files.outputs`."""

from __future__ import annotations

import warnings

from translator.files.outputs import (  # noqa: F401
    SIDECAR_SUFFIX,
    atomic_write,
    check_output,
    finish,
    is_translator_output,
    part_path,
    read_state,
    sha256_bytes,
    sha256_file,
    sidecar_path,
    write_state,
)

warnings.warn(
    "translator.outputs is deprecated; use translator.files.outputs",
    DeprecationWarning, stacklevel=2,
)
