"""Glossary terms: reading them, finding them in the source, making the translation use them.

    >>> from translator.terms import Glossary, enforce
    >>> glossary = Glossary.build({"Badan Pusat Statistik": "Statistics Indonesia"},
    ...                           keep=["BRIN"])
    >>> matches = glossary.find("Badan Pusat Statistik dan BRIN bekerja sama.")
    >>> [m.text for m in matches]
    ['Badan Pusat Statistik', 'BRIN']
    >>> enforce("...", matches, ["The Central Statistics Agency and BRIN work together."]).reasons
    ('glossary: "Badan Pusat Statistik" should be "Statistics Indonesia"',)

Modules: :mod:`~translator.terms.entries` (the :class:`Term` and its checks),
:mod:`~translator.terms.read` (TSV, CSV, TBX files), :mod:`~translator.terms.match`
(finding terms, linear in the text), :mod:`~translator.terms.glossary` (the
:class:`Glossary`), :mod:`~translator.terms.enforce` (choose, re-decode, check, flag).
"""

from __future__ import annotations

from translator.errors import GlossaryError
from translator.terms.enforce import (
    GLOSSARY,
    Enforced,
    enforce,
    enforce_many,
    fix_case,
    inject,
    missing,
    reason,
    satisfied,
    terms_key,
)
from translator.terms.entries import Term
from translator.terms.glossary import Glossary, GlossaryLike
from translator.terms.match import TermMatch
from translator.terms.read import read_glossary

__all__ = [
    "GLOSSARY",
    "Enforced",
    "Glossary",
    "GlossaryError",
    "GlossaryLike",
    "Term",
    "TermMatch",
    "enforce",
    "enforce_many",
    "fix_case",
    "inject",
    "missing",
    "read_glossary",
    "reason",
    "satisfied",
    "terms_key",
]
