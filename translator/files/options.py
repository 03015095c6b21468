"""What file translation is asked and answers: its options, results, and translator contract.

:class:`TranslateDocuments` is all the file layer needs of a translator (texts in, their
documents out); ``Translator.translate_documents`` is one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from translator.errors import InvalidOptionError, option_fix
from translator.files.encoding import codec_name
from translator.progress import ProgressCallback
from translator.results import Document


class TranslateDocuments(Protocol):
    """What the runner needs from a translator: documents for texts, in order."""

    def __call__(
        self, texts: Sequence[str], *, progress: ProgressCallback | None = None
    ) -> list[Document]:
        """Translate ``texts``; ``progress`` is called as sentences are done."""
        ...


TRANSLATED, SKIPPED, FAILED = "translated", "skipped", "failed"


@dataclass(frozen=True)
class BatchOptions:
    """How files are translated.

    Attributes:
        format: Format name for every input (None: by extension).
        fields: JSONL fields / CSV columns to translate.
        suffix: Appended to a field name to name its translation.
        force: Redo up-to-date outputs and overwrite outputs the translator did not write.
        json: Write sentence-aligned JSON (``<output>.json``) instead of the format.
        flags_field: JSONL field / CSV column that gets each record's check flags and
            reasons (None: none); see :mod:`translator.checks`.
        chunk_rows: Records per chunk of a jsonl/csv file (the unit of resumption).
        encoding: The inputs' text encoding (None: told from each file; see
            :mod:`translator.files.encoding`).
        output_encoding: The outputs' text encoding (None: UTF-8, with a byte-order mark
            for a CSV read from another encoding; an HTML page keeps its own).
        xliff: Also write an XLIFF 1.2 file for review beside each document's output
            (``berita.docx`` -> ``berita.docx.xlf``; see :mod:`translator.files.xliff`).
        pdf_as: A PDF's translation is written as "pdf" (same pages, blocks replaced in
            place) or "docx" (an editable Word document; the output is named ``x.en.docx``).
    """

    format: str | None = None
    fields: tuple[str, ...] = ()
    suffix: str = "_en"
    force: bool = False
    json: bool = False
    chunk_rows: int = 500
    flags_field: str | None = None
    encoding: str | None = None
    output_encoding: str | None = None
    xliff: bool = False
    pdf_as: str = "pdf"

    def __post_init__(self) -> None:
        """Reject a suffix that would write translations over their source fields.

        Raises:
            InvalidOptionError: ``suffix`` is empty (or only whitespace).
        """
        if not self.suffix.strip():
            raise InvalidOptionError(
                "suffix", self.suffix,
                f"suffix {self.suffix!r} would write each translation over its source field.",
                option_fix("suffix", "_en", before="use"),
            )
        if self.encoding is not None:
            codec_name(self.encoding)
        if self.output_encoding is not None:
            codec_name(self.output_encoding, option="output_encoding")


@dataclass(frozen=True)
class FileResult:
    """What happened to one input.

    Attributes:
        source: The input path.
        output: The output path (None when none was decided).
        status: "translated", "skipped" (up to date) or "failed".
        sentences: Sentences translated (0 when skipped).
        error: Why it failed.
        detected: How the input was read when that is worth saying: its encoding unless
            plain UTF-8, a CSV's delimiter unless a comma (``cp1252 (detected), ';'``).
        untranslated: One name per item the format could not translate and left as it
            was ("chart", "embedded object", "image"), so nothing is untranslated silently.
    """

    source: str
    output: str | None
    status: str
    sentences: int = 0
    error: str | None = None
    detected: str | None = None
    untranslated: tuple[str, ...] = ()

    @property
    def untranslated_summary(self) -> str | None:
        """``2 items not translated: chart, 3 x image`` (None when there are none)."""
        if not self.untranslated:
            return None
        counts: dict[str, int] = {}
        for name in self.untranslated:
            counts[name] = counts.get(name, 0) + 1
        names = ", ".join(n if c == 1 else f"{c} x {n}" for n, c in counts.items())
        many = len(self.untranslated) != 1
        return f"{len(self.untranslated)} item{'s' if many else ''} not translated: {names}"


@dataclass(frozen=True)
class BatchReport:
    """The results of a batch run, one per input file."""

    results: tuple[FileResult, ...] = field(default_factory=tuple)

    def count(self, status: str) -> int:
        """How many inputs ended with ``status``."""
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> tuple[FileResult, ...]:
        """The inputs that failed."""
        return tuple(r for r in self.results if r.status == FAILED)

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return not self.failed

    def summary(self) -> str:
        """A short human-readable summary naming every failed input."""
        lines = [
            f"{self.count(TRANSLATED)} translated, {self.count(SKIPPED)} skipped (up to date), "
            f"{self.count(FAILED)} failed"
        ]
        lines += [
            f"  failed: {r.error}" if (r.error or "").startswith(r.source)
            else f"  failed: {r.source}: {r.error}"
            for r in self.failed
        ]
        lines += [f"  read {r.source} as {r.detected}" for r in self.results if r.detected]
        lines += [f"  {r.source}: {r.untranslated_summary}"
                  for r in self.results if r.untranslated]
        return "\n".join(lines)
