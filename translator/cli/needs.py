"""The optional dependencies each command needs, checked before any model loads.

A command that would load a model (seconds to minutes) and only then find sacrebleu or
fastapi missing wastes the user's time: :func:`check_needs` looks the packages up (without
importing them) as soon as the command line is parsed, and the first missing one ends the
command with one line naming its ``pip install 'indo-translator[extra]'`` fix (exit 2).
The README's table of extras per command says the same.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
from dataclasses import dataclass

from translator.errors import MissingDependencyError


@dataclass(frozen=True)
class Need:
    """An optional package: any of its import names, its pip name, its extra, its use."""

    modules: tuple[str, ...]
    package: str
    extra: str
    purpose: str


SACREBLEU = Need(("sacrebleu",), "sacrebleu", "eval", "translator eval (BLEU and chrF)")
FASTAPI = Need(("fastapi",), "fastapi", "api", "translator serve")
UVICORN = Need(("uvicorn",), "uvicorn", "api", "translator serve")
MULTIPART = Need(("python_multipart", "multipart"), "python-multipart", "api",
                 "translator serve (form bodies and /translate_file)")
CTRANSLATE2 = Need(("ctranslate2",), "ctranslate2", "fast", "The ctranslate2 backend")
RAY = Need(("ray",), "ray[data]", "distributed", "translator translate --ray")
PYARROW = Need(("pyarrow",), "pyarrow", "parquet", "Reading Parquet files")
LXML = Need(("lxml",), "lxml", "formats",
            "Translating Office, OpenDocument and epub files")
PDF = tuple(Need((module,), package, "formats", "Translating .pdf")
            for module, package in (("pypdf", "pypdf"), ("pdfminer", "pdfminer.six"),
                                    ("reportlab", "reportlab")))

#: What a command needs whatever its options.
COMMAND_NEEDS: dict[str, tuple[Need, ...]] = {
    "eval": (SACREBLEU,),
    "serve": (FASTAPI, UVICORN, MULTIPART),
    "convert": (CTRANSLATE2,),
}
#: What an input file needs, by format name.
FORMAT_NEEDS: dict[str, tuple[Need, ...]] = {
    **{name: (LXML,) for name in ("docx", "pptx", "xlsx", "odt", "odp", "ods", "epub")},
    "pdf": PDF,
    "parquet": (PYARROW,),
}


def installed(need: Need) -> bool:
    """True when one of ``need``'s modules can be imported (nothing is imported)."""
    for module in need.modules:
        try:
            if importlib.util.find_spec(module) is not None:
                return True
        except (ImportError, ValueError):
            continue
    return False


def needs_of(args: argparse.Namespace) -> list[Need]:
    """What the parsed command line ``args`` needs."""
    needs = list(COMMAND_NEEDS.get(args.command, ()))
    if getattr(args, "backend", None) == "ctranslate2":
        needs.append(CTRANSLATE2)
    if args.command == "translate":
        if getattr(args, "ray", None) is not None:
            needs += [RAY, PYARROW]
        needs += _file_needs(args)
    return list(dict.fromkeys(needs))


def _file_needs(args: argparse.Namespace) -> list[Need]:
    """What the files named on the command line need (directories are left to the run)."""
    from translator.files.formats import format_name_for

    if getattr(args, "kind", None) == "text":
        return []
    needs: list[Need] = []
    for item in getattr(args, "inputs", ()):
        if item == "-" or not os.path.isfile(item):
            continue
        name = args.format or format_name_for(item)
        needs += FORMAT_NEEDS.get((name or "").lower().lstrip("."), ())
    return needs


def check_needs(args: argparse.Namespace) -> None:
    """Fail on the first optional package the command needs and lacks.

    Raises:
        MissingDependencyError: Its message names the ``pip install`` line.
    """
    for need in needs_of(args):
        if not installed(need):
            raise MissingDependencyError(need.package, need.extra, need.purpose)
