"""The batching engine: documents in, translated paragraphs out, in order.

Documents are read lazily and cut into paragraphs and segments (:mod:`translator.text.layout`).
Segments are gathered into windows of whole paragraphs; inside a window every distinct
segment is token-counted, cut to fit the input limit (:mod:`translator.text.chunking`), sorted
by length, packed into batches under a token budget (:mod:`translator.text.batching`),
translated, checked (output length limit, repetition loops) and put back in order.
Paragraphs are yielded as soon as their window is done, so the first paragraph of a long
article is ready after one batch, and memory stays flat however many documents come in.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from translator.backends.base import Backend
from translator.engine import glossary as terms_step
from translator.engine.cache import ScopedCache
from translator.engine.decode import Decoder, Result
from translator.engine.options import EngineOptions, input_limit
from translator.engine.render import WindowResults, memory_paragraph
from translator.engine.render import paragraph as render_paragraph
from translator.engine.render import sentences as render_sentences
from translator.progress import ProgressCallback
from translator.results import Document, Paragraph, Provenance, Sentence
from translator.terms import TermMatch, terms_key
from translator.text.layout import Block, Layout, Segment, parse

if TYPE_CHECKING:
    from translator.memory import TranslationMemory
    from translator.terms import Glossary

__all__ = ["Engine", "ParagraphEvent"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ParagraphEvent:
    """A paragraph ready in the stream (the one streaming primitive: ``Translator.stream``).

    Attributes:
        doc_index: Which input document it belongs to.
        index: Its position in that document.
        total: Number of paragraphs in that document (0 for an empty document, which
            yields one event with ``paragraph=None``).
        paragraph: The translated paragraph.
        layout: The parsed source document (internal).
        sentences_done: Sentences of this document translated so far, this paragraph's
            included.
        sentences_total: Sentences in this document.
        document: The finished :class:`Document`, on the document's last event only.
    """

    doc_index: int
    index: int
    total: int
    paragraph: Paragraph | None
    layout: Layout = field(repr=False, compare=False)
    sentences_done: int = 0
    sentences_total: int = 0
    document: Document | None = field(default=None, repr=False)

    @property
    def last(self) -> bool:
        """True on the last event of its document (``document`` is set)."""
        return self.document is not None


class Engine:
    """Translates documents with one backend; see the module docstring.

    Args:
        backend: A loaded backend.
        options: Engine options.
        model_name: Recorded in each :class:`Document`.
        provenance: Recorded in each :class:`Document` (what produced it).
        cache: A sentence cache bound to this model and these options; inputs found there
            skip the model, new translations are stored after each window.
        checks: Run the text checks (:mod:`translator.checks`) on every sentence.
        memory: A translation memory: a paragraph, else a sentence, found there verbatim
            gets its target and skips the model; others get its fuzzy suggestions. It is
            looked up before the cache, so a cached translation never hides an entry.
        glossary: Terms the translations must hold (:mod:`translator.engine.glossary`).
        min_confidence: Flag ``low-confidence`` below this confidence (None: never).
    """

    def __init__(
        self,
        backend: Backend,
        options: EngineOptions,
        *,
        model_name: str = "",
        provenance: Provenance,
        cache: ScopedCache | None = None,
        checks: bool = True,
        memory: TranslationMemory | None = None,
        glossary: Glossary | None = None,
        min_confidence: float | None = None,
    ) -> None:
        self.backend = backend
        self.options = options
        self.model_name = model_name
        self.provenance = provenance
        #: Sentence cache looked up before batching (None: no cache).
        self.cache = cache
        #: Run the text checks (:mod:`translator.checks`) on every translated sentence.
        self.checks = checks
        self.memory = memory
        self.glossary = glossary
        self.min_confidence = min_confidence
        self.max_input_tokens = input_limit(backend, options)
        #: Pieces, batches, decoding and retries of the model inputs.
        self.decoder = Decoder(backend, options)

    # -- documents ------------------------------------------------------------------

    def paragraphs(
        self,
        texts: Iterable[str],
        *,
        progress: ProgressCallback | None = None,
        fast_start: bool = True,
    ) -> Iterator[ParagraphEvent]:
        """Translate documents lazily, yielding paragraphs as soon as they are ready.

        Each event counts the document's sentences done so far; the last event of a
        document carries the finished :class:`Document`. A document with no paragraphs
        (empty or only whitespace) yields one event with ``total == 0`` and
        ``paragraph is None``.
        """
        paragraphs: list[Paragraph] = []
        done = sentences = 0
        current = -1
        for event in self._window_events(texts, progress=progress, fast_start=fast_start):
            if event.doc_index != current:
                current = event.doc_index
                sentences = sum(len(block.segments) for block in event.layout.blocks)
            if event.paragraph is not None:
                paragraphs.append(event.paragraph)
                done += len(event.paragraph.sentences)
            last = event.total == 0 or event.index == event.total - 1
            yield dataclasses.replace(
                event, sentences_done=done, sentences_total=sentences,
                document=self.document(event.layout, paragraphs) if last else None,
            )
            if last:
                paragraphs, done = [], 0

    def _window_events(
        self,
        texts: Iterable[str],
        *,
        progress: ProgressCallback | None = None,
        fast_start: bool = True,
    ) -> Iterator[ParagraphEvent]:
        # (doc index, layout, block index, offsets of lone surrogates replaced in the text)
        window: list[tuple[int, Layout, int, list[int]]] = []
        size = 0
        opts = self.options
        limit = opts.first_window_sentences if fast_start else opts.window_sentences
        seen = 0
        for doc_index, text in enumerate(texts):
            layout, replaced = prepare(text)
            # An empty document counts as one, so a stream of them never grows the window.
            entries = [(b, len(block.segments)) for b, block in enumerate(layout.blocks)]
            for b, n in entries or [(-1, 1)]:
                window.append((doc_index, layout, b, replaced))
                size += n
                seen += n if b >= 0 else 0
                if size >= limit:
                    yield from self._run_window(window)
                    if progress is not None:
                        progress(seen, seen)
                    window, size = [], 0
                    limit = min(4 * limit, self.options.window_sentences)
        if window:
            yield from self._run_window(window)
            if progress is not None:
                progress(seen, seen)

    def _run_window(
        self, window: list[tuple[int, Layout, int, list[int]]]
    ) -> Iterator[ParagraphEvent]:
        found = iter(self.translate_sentences(
            [(layout, b, replaced, 0, None) for _, layout, b, replaced in window if b >= 0]
        ))
        for doc_index, layout, b, _ in window:
            if b < 0:
                yield ParagraphEvent(doc_index, 0, 0, None, layout)
                continue
            paragraph = self.paragraph(layout.blocks[b], next(found))
            yield ParagraphEvent(doc_index, b, len(layout.blocks), paragraph, layout)

    def translate_blocks(
        self, blocks: Sequence[tuple[Layout, int, Sequence[int]]]
    ) -> list[Paragraph]:
        """Translate paragraphs of already parsed texts in one call (shared batches).

        Args:
            blocks: ``(layout, block index, lone surrogates replaced)`` of each paragraph,
                the layout and offsets as :func:`prepare` gave them (no second parse).

        Returns:
            The translated paragraphs, in the order asked.
        """
        found = self.translate_sentences([(*block, 0, None) for block in blocks])
        return [self.paragraph(layout.blocks[b], sentences)
                for (layout, b, _), sentences in zip(blocks, found, strict=True)]

    def translate_sentences(
        self, pieces: Sequence[tuple[Layout, int, Sequence[int], int, int | None]]
    ) -> list[tuple[Sentence, ...]]:
        """Translate runs of sentences of parsed paragraphs in one call (shared batches).

        A paragraph may be translated in several runs (a server cuts a giant paragraph
        into turns); :meth:`paragraph` joins the runs' sentences, in order, into the same
        :class:`Paragraph` as translating it at once.

        Args:
            pieces: ``(layout, block index, lone surrogates replaced, start, stop)``: the
                sentences ``segments[start:stop]`` of that paragraph (``stop`` None: to
                its end).

        Returns:
            The translated sentences of each piece, in the order asked.
        """
        memory = self.memory if self.memory else None
        runs: list[tuple[Sequence[Segment], Sequence[int]] | Sentence] = []
        inputs: dict[str, None] = {}
        for layout, b, replaced, start, stop in pieces:
            block = layout.blocks[b]
            whole = start == 0 and stop is None and memory is not None
            entry = memory.exact(block.text) if whole else None
            if entry is not None:  # the whole paragraph is in the memory
                runs.append(memory_paragraph(block, entry).sentences[0])
                continue
            segments = block.segments[start:stop]
            runs.append((segments, replaced))
            inputs.update((seg.model_input, None) for seg in segments if not seg.verbatim)
        hits = {}
        if memory is not None:
            hits = {t: e for t in inputs if (e := memory.exact(t)) is not None}
        unique = [t for t in inputs if t not in hits]
        matches = terms_step.find_terms(self.glossary, unique)
        results = WindowResults(
            self._translate_cached(unique, matches), hits,
            {t: tuple(memory.suggest(t)) for t in unique} if memory is not None else {},
            matches, self.min_confidence, self.checks,
        )
        return [(run,) if isinstance(run, Sentence) else render_sentences(run[0], results, run[1])
                for run in runs]

    def paragraph(self, block: Block, sentences: Sequence[Sentence]) -> Paragraph:
        """The translated :class:`Paragraph` of ``block`` from its sentences, in order."""
        return render_paragraph(block, sentences)

    def document(self, layout: Layout, paragraphs: Sequence[Paragraph]) -> Document:
        """The :class:`Document` of a parsed text from its translated paragraphs, in order."""
        translation = layout.render([p.translation for p in paragraphs])
        return Document(
            source=layout.text,
            translation=translation,
            paragraphs=tuple(paragraphs),
            model=self.model_name,
            backend=self.backend.name,
            provenance=self.provenance,
            alternatives=_document_alternatives(layout, paragraphs, translation),
        )

    # -- sentences ------------------------------------------------------------------

    def _translate_cached(
        self, unique: list[str], matches: Mapping[str, list[TermMatch]]
    ) -> dict[str, Result]:
        if self.cache is None:
            return terms_step.decode(self.decoder, unique, matches)
        # A translator that keeps alternatives has a scope of its own (its options are in
        # the signature): its entries carry them, so they come back with the translation.
        # The glossary decides a translation only through the terms its input holds.
        keys = {t: f"{t}\x00{terms_key(matches[t])}" if t in matches else t for t in unique}
        found = self.cache.get_many(list(keys.values()))
        results = {}
        for text, key in keys.items():
            entry = found.get(key)
            if entry is not None:
                results[text] = Result(entry[0], entry[1], entry[3], entry[2])
        missing = [text for text in unique if text not in results]
        fresh = terms_step.decode(self.decoder, missing, matches)
        self.cache.put_many({keys[t]: (r.text, r.flags, r.score, r.alternatives)
                             for t, r in fresh.items()})
        results.update(fresh)
        return results

    def translate_inputs(self, texts: Sequence[str]) -> list[Result]:
        """See :meth:`translator.engine.decode.Decoder.translate_inputs`."""
        return self.decoder.translate_inputs(texts)

    def output_limit(self, input_tokens: int) -> int:
        """Most output tokens for an input of ``input_tokens`` tokens."""
        return self.decoder.output_limit(input_tokens)


def _document_alternatives(
    layout: Layout, paragraphs: Sequence[Paragraph], translation: str
) -> tuple[str, ...]:
    """Whole-text alternatives: the k-th uses each sentence's k-th alternative (or its best).

    Rendered with the source's layout, like the translation; distinct, and different
    from the translation. Empty when no sentence has alternatives.
    """
    count = max((len(s.alternatives) for p in paragraphs for s in p.sentences), default=0)
    out = []
    for k in range(count):
        blocks = []
        for block, paragraph in zip(layout.blocks, paragraphs):
            if len(paragraph.sentences) != len(block.segments):  # whole from the memory
                blocks.append(paragraph.translation)
                continue
            texts = [s.alternatives[k] if k < len(s.alternatives) else s.translation
                     for s in paragraph.sentences]
            blocks.append(block.render(texts))
        out.append(layout.render(blocks))
    return tuple(a for a in dict.fromkeys(out) if a != translation)


def prepare(text: object) -> tuple[Layout, list[int]]:
    """Check, sanitize and parse one text, once: its layout and the surrogates replaced.

    Raises:
        NotTextError: ``text`` is not a str.
    """
    clean, replaced = sanitize(_check_text(text))
    return parse(clean), replaced


_SURROGATE = re.compile("[\ud800-\udfff]")


def sanitize(text: str) -> tuple[str, list[int]]:
    r"""``text`` with every lone surrogate replaced by U+FFFD, and the offsets replaced.

    A lone surrogate (from a JSON escape such as ``"\ud800"`` or a Python string) cannot
    be encoded, so no tokenizer can take it. A Python ``str`` never holds a valid pair, so
    every surrogate is a lone one.
    """
    replaced = [m.start() for m in _SURROGATE.finditer(text)]
    if not replaced:
        return text, replaced
    return _SURROGATE.sub("\ufffd", text), replaced


def _check_text(text: object) -> str:
    from translator.errors import NotTextError

    if isinstance(text, str):
        return text
    if isinstance(text, (bytes, bytearray)):
        raise NotTextError(
            "Got bytes, not text. Fix: decode it first, e.g. data.decode('utf-8')."
        )
    raise NotTextError(
        f"Expected a str, got {type(text).__name__}. Fix: pass the text as a string."
    )
