"""The text calls of :class:`~translator.Translator`: eager and streaming.

``translate``, ``translate_batch``, ``translate_document``, ``stream``,
``translate_documents`` and ``iter_paragraphs`` all go through the translator's
:class:`~translator.engine.engine.Engine`; a mixin, so the public class stays small.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import overload

from translator.engine.engine import Engine, ParagraphEvent
from translator.progress import Progress, ProgressCallback
from translator.results import Document, Paragraph
from translator.validate import check_decoding, check_texts, stream_lines


class TranslatesText:
    """The eager and streaming text calls of :class:`~translator.Translator`."""

    engine: Engine

    def with_options(self, *, alternatives: int | None = None) -> TranslatesText:
        """See :meth:`translator.Translator.with_options`."""
        raise NotImplementedError

    # -- eager calls ------------------------------------------------------------------

    @overload
    def translate(self, text: str) -> str: ...

    @overload
    def translate(self, text: list[str] | tuple[str, ...]) -> list[str]: ...

    @overload
    def translate(self, text: Iterable[str]) -> Iterator[str]: ...

    def translate(self, text: str | Iterable[str]) -> str | list[str] | Iterator[str]:
        """Translate a text, a list of texts, or lazily an iterable of texts.

        Args:
            text: One document (str), a list or tuple of documents (all their sentences
                are batched together), or any other iterable of str (a file, a generator),
                which is consumed lazily as a stream of lines: each item's final line
                break (as ``open()`` yields lines) is left out of its translation, so
                ``for english in translator.translate(open("lines.txt")): print(english)``
                prints one line per line.

        Returns:
            The translation with the source layout: a str for a str, a list for a list or
            tuple, and an iterator over translations for any other iterable.

        Raises:
            NotTextError: ``text`` (or an item of it) is not text: a number, bytes, a
                mapping (whose keys would be translated) or a set (which has no order).
                It is a ``TypeError``.
        """
        if isinstance(text, str):
            return self.translate_document(text).translation
        check_texts(text)
        if isinstance(text, (list, tuple)):
            return [doc.translation for doc in self.translate_batch(text)]
        return (doc.translation for doc in self.translate_documents(stream_lines(text)))

    def translate_batch(self, texts: Sequence[str]) -> list[Document]:
        """Translate documents in one eager call: all their sentences share batches.

        Unlike :meth:`stream` there is no small first batch, so the model is called as
        few times as the token budget allows (the dispatcher's rounds use this).
        """
        check_texts(texts)
        events = self.engine.paragraphs(texts, fast_start=False)
        return [e.document for e in events if e.document is not None]

    def translate_document(self, text: str, *, alternatives: int = 0) -> Document:
        """Translate one document, aligned sentence by sentence.

        ``alternatives=N`` also keeps up to N other translations of each sentence from the
        same beam search in ``Sentence.alternatives`` (such calls skip the cache).
        """
        check_decoding(alternatives=alternatives)
        translator = self.with_options(alternatives=alternatives) if alternatives else self
        for event in translator.engine.paragraphs([text], fast_start=False):
            if event.document is not None:
                return event.document
        raise AssertionError("unreachable: every document ends with an event")  # pragma: no cover

    # -- streaming --------------------------------------------------------------------

    def stream(
        self,
        texts: str | Iterable[str],
        *,
        progress: ProgressCallback | None = None,
    ) -> Iterator[ParagraphEvent]:
        """The streaming primitive: one event per paragraph, as soon as it is translated.

        Every other way to stream (:meth:`translate_documents`, :meth:`iter_paragraphs`)
        is built on this. Each :class:`~translator.engine.engine.ParagraphEvent` has the
        paragraph, its position (``index`` of ``total`` paragraphs, ``doc_index``), the
        progress of its document (``sentences_done`` of ``sentences_total``), and on the
        document's last event the finished :class:`Document` (``event.document``).

        Args:
            texts: One document (str) or any iterable of documents, read lazily; the first
                paragraph comes after one small batch.
            progress: Called with (sentences done, sentences seen so far) over all texts.
        """
        if isinstance(texts, str):
            texts = [texts]
        else:
            check_texts(texts)
        return self.engine.paragraphs(texts, progress=progress)

    def translate_documents(
        self,
        texts: Iterable[str],
        *,
        progress: ProgressCallback | bool | None = None,
        on_paragraph: Callable[[ParagraphEvent], None] | None = None,
    ) -> Iterator[Document]:
        """Translate documents lazily, yielding each :class:`Document` in input order.

        Built on :meth:`stream`.

        Args:
            texts: Any iterable of documents; it is read as translation goes on, so memory
                stays flat for any number of documents.
            progress: Called with (sentences done, sentences seen so far); True shows a
                tqdm bar on stderr.
            on_paragraph: Called with every :meth:`stream` event as soon as it is ready.
        """
        bar = Progress(progress is True)  # the one progress adapter: a bar for True
        try:  # stream() checks the texts now, not when the first document is asked for
            events = self.stream(texts, progress=bar.call() or progress or None)
        except BaseException:
            bar.close()
            raise
        return _documents(events, on_paragraph, bar)

    def iter_paragraphs(self, text: str) -> Iterator[Paragraph]:
        """Yield the paragraphs of one document as soon as each is translated.

        :meth:`stream` without the events around the paragraphs. ``Document.translation``
        of the same text equals the paragraphs' translations joined with the source's
        blank-line separators.
        """
        for event in self.stream(text):
            if event.paragraph is not None:
                yield event.paragraph


def _documents(
    events: Iterable[ParagraphEvent], on_paragraph: Callable[[ParagraphEvent], None] | None,
    bar: Progress,
) -> Iterator[Document]:
    with bar:
        for event in events:
            if on_paragraph is not None:
                on_paragraph(event)
            if event.document is not None:
                yield event.document
