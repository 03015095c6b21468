"""Review on the page, without Gradio: edits, confidence levels, memory, XLIFF, glossary.

The Side by side view lets a reviewer edit every English sentence. The edits travel as a
mapping of sentence number (0-based, document order) to the edited English;
:func:`apply_edits` turns a translated :class:`~translator.results.Document` and its edits
into the edited document (sentences, paragraphs and the whole translation follow), from
which the page's English text, **Save to memory** (:func:`save_edits`) and **Download
XLIFF** (:func:`xliff_bytes`) are made.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translator.errors import InvalidInputError
from translator.results import LOW_CONFIDENCE, Document, Sentence

logger = logging.getLogger(__name__)

#: Edits as the page sends them: sentence number -> edited English.
Edits = dict[int, str]

#: Most characters of a glossary typed or uploaded for one text.
MAX_PAGE_GLOSSARY_CHARS = 200_000


@dataclass(frozen=True)
class Level:
    """A confidence level: its name, the lowest confidence in it, its label and icon."""

    name: str
    floor: float
    label: str
    icon: str


#: Confidence levels, most sure first (shading, legend and labels of the page; never
#: colour alone: each has an icon and a word).
LEVELS = (
    Level("high", 0.6, "High confidence", "●"),
    Level("medium", 0.35, "Medium confidence", "◐"),
    Level("low", 0.0, "Low confidence", "○"),
)
#: A sentence the model did not score (a memory hit, a number, a URL).
UNSCORED = Level("none", 0.0, "Not scored", "–")


def level(sentence: Sentence) -> Level:
    """The confidence level of a sentence (``low`` whenever it is flagged low-confidence)."""
    if LOW_CONFIDENCE in sentence.flags:
        return LEVELS[-1]
    if sentence.confidence is None:
        return UNSCORED
    return next(lv for lv in LEVELS if sentence.confidence >= lv.floor)


def least_confident(doc: Document, count: int = 5) -> list[tuple[int, Sentence]]:
    """Up to ``count`` scored sentences (number, sentence), least confident first."""
    scored = [(i, s) for i, s in enumerate(doc.sentences)
              if s.confidence is not None or LOW_CONFIDENCE in s.flags]
    scored.sort(key=lambda item: (level(item[1]) is not LEVELS[-1],
                                  item[1].confidence if item[1].confidence is not None else 0.0,
                                  item[0]))
    return scored[:count]


def parse_edits(value: object) -> Edits:
    """The page's edits (JSON ``{"3": "text"}``) as a mapping; bad input gives no edits."""
    if isinstance(value, Mapping):
        raw: Any = value
    elif isinstance(value, str) and value.strip():
        try:
            raw = json.loads(value)
        except ValueError:
            logger.warning("ignored edits that are not JSON")
            return {}
    else:
        return {}
    if not isinstance(raw, Mapping):
        return {}
    edits: Edits = {}
    for key, text in raw.items():
        try:
            number = int(key)
        except (TypeError, ValueError):
            continue
        if isinstance(text, str) and number >= 0:
            edits[number] = text
    return edits


def apply_edits(doc: Document, edits: Mapping[int, str]) -> Document:
    """``doc`` with the edited sentences' English; paragraphs and the text follow.

    A sentence's translation is replaced where it stands in its paragraph's translation
    (found in order, so the paragraph's layout, list markers and line breaks stay), and
    each paragraph's where it stands in the whole translation. Numbers outside the
    document are ignored.
    """
    if not edits:
        return doc
    number = 0
    paragraphs = []
    cursor, parts = 0, []
    for paragraph in doc.paragraphs:
        sentences = []
        text, at, pieces = paragraph.translation, 0, []
        for sentence in paragraph.sentences:
            old = sentence.translation
            new = edits.get(number, old)
            number += 1
            if new != old:
                sentence = dataclasses.replace(sentence, translation=new)
            where = text.find(old, at) if old else -1
            if where >= 0:
                pieces.append(text[at:where] + new)
                at = where + len(old)
            elif new != old:  # an empty sentence: its English goes where we are
                pieces.append(new)
            sentences.append(sentence)
        pieces.append(text[at:])
        new_paragraph = dataclasses.replace(paragraph, translation="".join(pieces),
                                            sentences=tuple(sentences))
        where = doc.translation.find(paragraph.translation, cursor)
        if where >= 0:
            parts.append(doc.translation[cursor:where] + new_paragraph.translation)
            cursor = where + len(paragraph.translation)
        paragraphs.append(new_paragraph)
    parts.append(doc.translation[cursor:])
    return dataclasses.replace(doc, translation="".join(parts), paragraphs=tuple(paragraphs))


def edited_pairs(doc: Document, edits: Mapping[int, str]) -> list[tuple[str, str]]:
    """(source, edited English) of every sentence whose English the reviewer changed."""
    pairs = []
    for number, sentence in enumerate(doc.sentences):
        new = edits.get(number)
        if new is not None and new.strip() and new != sentence.translation \
                and sentence.source.strip():
            pairs.append((sentence.source, new))
    return pairs


def memory_configured(translator: Any) -> bool:
    """True when the translator has a translation memory the page can add to."""
    return (translator is not None and getattr(translator, "memory", None) is not None
            and callable(getattr(translator, "remember", None)))


#: What Save to memory says when the app has no memory file.
NO_MEMORY = ("Saving needs a translation memory file: start the app with "
             "`python app.py --memory FILE` (a .tmx is created when missing); the next "
             "translation then uses your edits.")


def save_edits(translator: Any, doc: Document | None, edits: Mapping[int, str]) -> tuple[str, str]:
    """Store the edited sentences in the translator's memory: (kind, message) for the page."""
    if doc is None:
        return "hint", "Translate a text and edit its English first."
    if not memory_configured(translator):
        return "warn", NO_MEMORY
    pairs = edited_pairs(doc, edits)
    if not pairs:
        return "hint", ("No edited sentences to save: change an English sentence in the "
                        "table first.")
    try:
        added = translator.remember(pairs, origin="app")
    except (OSError, InvalidInputError) as exc:
        logger.warning("could not save edits to the memory: %s", exc)
        return "error", (f"Could not save to the memory: {exc}"
                         if "Fix:" in str(exc) else
                         f"Could not save to the memory: {exc}. Fix: check that the memory "
                         "file is writable, then save again.")
    count = added if isinstance(added, int) else len(pairs)
    noun = "sentence" if count == 1 else "sentences"
    return "ok", (f"Saved {count} edited {noun} to the translation memory: the next "
                  "translation of them gives your English.")


def xliff_bytes(doc: Document, *, original: str = "text.txt") -> bytes:
    """The XLIFF 1.2 of ``doc`` (edits as targets): :meth:`Document.to_xliff`."""
    return doc.to_xliff(original=original)


def page_glossary(typed: object, upload: object = None) -> Any:
    """The glossary given for one text: typed lines and/or an uploaded file; None if none.

    Typed lines are ``source<TAB>target`` or ``source = target`` (``#`` starts a
    comment); an uploaded file is TSV, CSV or TBX. The uploaded file's terms come first,
    the typed ones win over them.

    Raises:
        GlossaryError: A line or the file cannot be used (line and problem named).
        InputTooLargeError: More than :data:`MAX_PAGE_GLOSSARY_CHARS` were typed.
    """
    from translator.errors import GlossaryError, InputTooLargeError
    from translator.terms.glossary import Glossary

    glossary = None
    if upload:
        path = Path(str(upload))
        glossary = Glossary.from_bytes(path.read_bytes(), name=path.name)
    if isinstance(typed, str) and typed.strip():
        if len(typed) > MAX_PAGE_GLOSSARY_CHARS:
            raise InputTooLargeError(
                f"The glossary has {len(typed):,} characters; the limit is "
                f"{MAX_PAGE_GLOSSARY_CHARS:,}. Fix: keep the terms this text needs, or "
                "start the app with --glossary FILE for a large one.")
        lines = []
        for line in typed.splitlines():
            if "\t" not in line and "=" in line and not line.lstrip().startswith("#"):
                source, _, target = line.partition("=")
                line = f"{source.strip()}\t{target.strip()}"
            lines.append(line)
        try:
            typed_glossary = Glossary.from_bytes("\n".join(lines).encode("utf-8"),
                                                 name="glossary.tsv")
        except GlossaryError as exc:
            raise GlossaryError(
                "Glossary for this text", exc.line, exc.detail,
                "write one term per line: source<TAB>target or source = target.") from exc
        glossary = typed_glossary if glossary is None else glossary.merge(typed_glossary)
    return glossary


def write_xliff_file(doc: Document, folder: str) -> Path:
    """The (edited) document's XLIFF written to a fresh folder under ``folder``."""
    import tempfile

    path = Path(tempfile.mkdtemp(dir=folder)) / "translation.xlf"
    path.write_bytes(xliff_bytes(doc, original="translation.txt"))
    return path
