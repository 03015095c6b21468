"""Deprecated: the file formats moved to :mod:`translator.files.formats`.

Importing this module still works (with a :class:`DeprecationWarning`) and gives the same
registry and lookup functions.
"""

from __future__ import annotations

import warnings

from translator.files.formats import (
    FORMATS,
    DocumentFormat,
    FormatOptions,
    RowFormat,
    format_for,
    format_name_for,
    get_format,
)

__all__ = [
    "FORMATS", "DocumentFormat", "FormatOptions", "RowFormat", "format_for", "format_name_for",
    "get_format",
]

warnings.warn(
    "translator.formats is deprecated; use translator.files.formats",
    DeprecationWarning, stacklevel=2,
)
