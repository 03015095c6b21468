"""What every subcommand shares: the usage error and the model/backend/device options."""

from __future__ import annotations

import argparse

from translator.backends import BACKENDS
from translator.backends.ctranslate2 import COMPUTE_TYPES
from translator.hub import DEFAULT_MODEL


class UsageError(Exception):
    """A command line that cannot be run as given (exit code 2)."""


def model_options(parser: argparse.ArgumentParser, *, dest: str = "model") -> None:
    """Add --model, --backend, --compute-type and --device to ``parser``."""
    parser.add_argument("--model", dest=dest, default=DEFAULT_MODEL,
                        help="hub id or local directory")
    parser.add_argument("--backend", default="auto", choices=BACKENDS,
                        help="auto (default): ctranslate2 when installed, else transformers")
    parser.add_argument("--compute-type", default="auto", choices=COMPUTE_TYPES,
                        help="ctranslate2 only: auto (int8 on CPU, int8_float16 on CUDA), ...")
    parser.add_argument("--device", default="auto", help="auto, cpu or cuda")
