"""``python app.py`` with a scripted model that has what review needs, for the browser tests.

The fake backend (tests/fakes.py: English is the source upper-cased) behind a translator
whose documents carry scripted review data, as the engine gives them once it is wired:

- a sentence with ``ragu`` has confidence 0.2 (flagged ``low-confidence``), one with
  ``mungkin`` 0.45, others 0.9;
- ``--memory FILE`` (a TSV of source<TAB>target): an exact source gives its target
  (``origin="memory"``, no score), a near one (similarity at least 0.75) a suggestion;
  ``translator.remember(pairs, origin=...)`` appends to the file;
- a sentence with ``BPS`` holds the glossary term BPS -> Statistics Indonesia, not applied.

Usage: ``python tests/review_app.py [app.py options]``.
"""

from __future__ import annotations

import dataclasses
import difflib
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fakes import FakeBackend  # noqa: E402
from translator.core import Translator  # noqa: E402
from translator.engine import engine as engine_module  # noqa: E402
from translator.results import GLOSSARY, LOW_CONFIDENCE, MEMORY, Suggestion, TermUse  # noqa: E402
from translator.ui import review  # noqa: E402
from translator.ui.command import main  # noqa: E402
from translator.ui.service import TranslationService  # noqa: E402

MEMORY_FILE: list[Path] = []
PAIRS: dict[str, str] = {}


def _load_memory(path: Path) -> None:
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            source, _, target = line.partition("\t")
            if target:
                PAIRS[" ".join(source.split())] = target


def remember(pairs: Any, origin: str = "app") -> int:
    pairs = list(pairs)
    with MEMORY_FILE[0].open("a", encoding="utf-8") as out:
        for source, target in pairs:
            PAIRS[" ".join(source.split())] = target
            out.write(f"{source}\t{target}\n")
    return len(pairs)


def _scripted(sentence: Any) -> Any:
    key = " ".join(sentence.source.split())
    if key in PAIRS:
        return dataclasses.replace(sentence, translation=PAIRS[key], origin=MEMORY)
    confidence = 0.2 if "ragu" in key else 0.45 if "mungkin" in key else 0.9
    flags = sentence.flags + ((LOW_CONFIDENCE,) if confidence < 0.3 else ())
    reasons = sentence.reasons + ((f"{LOW_CONFIDENCE}: confidence {confidence:.0%}",)
                                  if confidence < 0.3 else ())
    terms: tuple[TermUse, ...] = ()
    if "BPS" in key:
        terms = (TermUse("BPS", "Statistics Indonesia", applied=False),)
        flags += (GLOSSARY,)
        reasons += ('glossary: "BPS" should be "Statistics Indonesia"',)
    suggestions = tuple(
        Suggestion(source, target, round(score, 2), MEMORY_FILE[0].name)
        for source, target in PAIRS.items()
        if 0.75 <= (score := difflib.SequenceMatcher(None, key, source).ratio()) < 1
    )
    import math

    return dataclasses.replace(sentence, confidence=confidence, score=math.log(confidence),
                               flags=flags, reasons=reasons, terms=terms,
                               suggestions=suggestions)


_original_document = engine_module.Engine.document


def _document(self: Any, layout: Any, paragraphs: Any) -> Any:
    doc = _original_document(self, layout, paragraphs)
    sentences = [_scripted(s) for s in doc.sentences]
    edited = review.apply_edits(doc, {i: s.translation for i, s in enumerate(sentences)})
    it = iter(sentences)
    return dataclasses.replace(edited, paragraphs=tuple(
        dataclasses.replace(p, sentences=tuple(next(it) for _ in p.sentences))
        for p in edited.paragraphs))


def _load(cls: Any, model: str = "", *, translator_options: Any = None, **options: Any) -> Any:
    translator = Translator.from_backend(FakeBackend(), model="scripted-review", checks=False)
    memory = (translator_options or {}).get("memory")  # as api.review_options.load gives it
    translator.memory = None  # type: ignore[attr-defined]
    if memory is not None:
        MEMORY_FILE.append(Path(memory.paths[0]))
        _load_memory(MEMORY_FILE[0])
        translator.memory = MEMORY_FILE[0]  # type: ignore[attr-defined]
        translator.remember = remember  # type: ignore[attr-defined]
    kept = {k: v for k, v in options.items() if k in ("max_chars", "max_wait")}
    return cls(translator, **kept)


engine_module.Engine.document = _document  # type: ignore[method-assign]
TranslationService.load = classmethod(_load)  # type: ignore[method-assign, assignment]

if __name__ == "__main__":
    sys.exit(main())
