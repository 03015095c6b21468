"""The public :class:`Translator`: the one layer callers go through.

It owns loading (model lookup, backend), the engine with its options, the sentence cache
and its scope, the options signature (:attr:`Translator.options_signature`, used by the
cache, the file sidecars and results) and cheap variants with other decoding options
(:meth:`Translator.with_options`). File translation is delegated to :mod:`translator.files`,
which only gets a small callable from here.
"""

from __future__ import annotations

import copy
import dataclasses
import logging
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from translator.backends.base import Backend
from translator.backends.hub import DEFAULT_MODEL, ResolvedModel
from translator.engine import identity
from translator.engine.cache import CacheArg, open_cache
from translator.engine.engine import Engine, ParagraphEvent
from translator.engine.options import EngineOptions
from translator.files.methods import TranslatesFiles
from translator.progress import Progress, ProgressCallback
from translator.results import Document, Paragraph, Provenance
from translator.validate import check_counts, check_decoding, check_texts, stream_lines

if TYPE_CHECKING:
    pass

logger = logging.getLogger("translator")


class Translator(TranslatesFiles):
    """Indonesian -> English translation of whole documents, layout kept.

    The model is loaded once, when the translator is created. Every call batches the
    sentences of all its documents together.

    Args:
        model: A hub id (default ``Helsinki-NLP/opus-mt-id-en``) or a local model
            directory. A hub id is looked up in ``models/``, then in the Hugging Face cache,
            then downloaded (unless ``HF_HUB_OFFLINE=1``).
        backend: "auto" (default: CTranslate2 when it is installed, else transformers),
            "ctranslate2" or "transformers". The choice is logged and shown in
            ``Translator.backend.name`` and ``Document.backend``.
        device: "auto" (CUDA in half precision when available, else CPU), "cpu" or "cuda".
        beam_size: Beams per sentence; None uses the model's own setting (6 for
            opus-mt-id-en).
        num_threads: CPU threads for inference; None keeps the library default.
        max_input_tokens: Longest piece the model is given; longer sentences are cut at
            clause boundaries first. Never more than the model's 512 positions.
        max_batch_tokens: Budget of padded source tokens per batch.
        max_batch_size: Most sentences per batch.
        cache: Persistent sentence cache: False (default) for none, True for the user cache
            directory (see :mod:`translator.engine.cache`), a path, or a
            :class:`~translator.engine.cache.TranslationCache`. Sentences found there skip
            the model.
        revision: Hub revision (branch, tag or commit) for a hub id.
        compute_type: CTranslate2 only: "auto" (int8 on CPU, int8_float16 on CUDA),
            "int8", "float32", ...
        inter_threads: CTranslate2 only: parallel workers (default: one per core).
        intra_threads: CTranslate2 only: threads per worker (default 1).
        checks: Run the text checks of :mod:`translator.checks` (numbers, spans,
            untranslated, length, empty) on every sentence and add their flags and reasons
            (default). False leaves only the model's own flags (truncated, repetition).
        vocabulary: "target" (default: decode over the pieces the model's target tokenizer
            writes; lossless and faster, see :mod:`translator.backends.vocabulary`) or
            "full" (every piece of the shared vocabulary). A model without a separate
            target tokenizer always decodes over the full vocabulary.

    Raises:
        ModelNotFoundError: The model is in none of the places looked at.
        ModelLoadError: The model was found but its files are broken.

    Example:
        >>> from translator import Translator
        >>> t = Translator()
        >>> t.translate("Saya suka membaca buku.")
        'I like reading books.'
    """

    def __init__(
        self,
        model: str | os.PathLike[str] = DEFAULT_MODEL,
        *,
        backend: str = "auto",
        device: str = "auto",
        beam_size: int | None = None,
        num_threads: int | None = None,
        max_input_tokens: int = 200,
        max_batch_tokens: int = 4096,
        max_batch_size: int = 64,
        cache: CacheArg = False,
        revision: str | None = None,
        compute_type: str = "auto",
        inter_threads: int | None = None,
        intra_threads: int | None = None,
        checks: bool = True,
        vocabulary: str = "target",
    ) -> None:
        from translator.backends import load_backend
        from translator.backends.vocabulary import check_vocabulary

        # Reject bad options before anything is looked up or loaded.
        check_counts(num_threads=num_threads, inter_threads=inter_threads,
                      intra_threads=intra_threads, beam_size=beam_size,
                      max_batch_size=max_batch_size, max_batch_tokens=max_batch_tokens,
                      max_input_tokens=max_input_tokens)
        check_vocabulary(vocabulary)
        backend_obj, resolved = load_backend(
            model, backend=backend, device=device, revision=revision, num_threads=num_threads,
            compute_type=compute_type, inter_threads=inter_threads, intra_threads=intra_threads,
            vocabulary=vocabulary,
        )
        self._setup(
            backend_obj, resolved, beam_size=beam_size, max_input_tokens=max_input_tokens,
            max_batch_tokens=max_batch_tokens, max_batch_size=max_batch_size, cache=cache,
            revision=revision,
            checks=checks,
        )

    @classmethod
    def from_backend(
        cls, backend: Backend, *, model: str = "custom", **options: Any
    ) -> Translator:
        """A translator around an already created backend (tests, custom backends).

        The output vocabulary is the backend's own (``backend.vocabulary``: create it with
        ``create_backend(..., vocabulary="full")`` for the full one).

        Args:
            backend: Any :class:`~translator.backends.Backend`.
            model: The name recorded in results.
            **options: ``beam_size``, ``max_input_tokens``, ``max_batch_tokens``,
                ``max_batch_size``, ``cache`` or ``checks``, as for the constructor; and, for
                benchmarks only, ``fixed_output_tokens`` (force exactly this many output
                tokens: random weights never stop on their own).
        """
        self = cls.__new__(cls)
        self._setup(backend, ResolvedModel(model, Path(model), "backend"), **options)
        return self

    def _setup(
        self,
        backend: Backend,
        resolved: ResolvedModel,
        *,
        beam_size: int | None = None,
        max_input_tokens: int = 200,
        max_batch_tokens: int = 4096,
        max_batch_size: int = 64,
        fixed_output_tokens: int | None = None,
        cache: CacheArg = False,
        revision: str | None = None,
        checks: bool = True,
    ) -> None:
        check_decoding(beam_size=beam_size)
        check_counts(max_input_tokens=max_input_tokens,
                     max_batch_tokens=max_batch_tokens, max_batch_size=max_batch_size)
        self.resolved = resolved
        self.backend = backend
        options = EngineOptions(
            beam_size=beam_size or backend.default_beam_size, max_input_tokens=max_input_tokens,
            max_batch_tokens=max_batch_tokens, max_batch_size=max_batch_size,
            fixed_output_tokens=fixed_output_tokens,
        )
        self.revision = revision
        #: Whether every sentence gets the text checks' flags (:mod:`translator.checks`).
        self.checks = checks
        self._fingerprint = identity.model_fingerprint(resolved.path)
        #: The persistent sentence cache in use, or None.
        self.cache = open_cache(cache)
        # Variants by engine options, shared by this translator and all its variants.
        self._variants: dict[EngineOptions, Translator] = {}
        self._use_options(options)

    def _use_options(self, options: EngineOptions) -> None:
        """Build this translator's engine for ``options``, whole: identity, cache, checks."""
        backend = self.backend
        self._signature = identity.options_signature(
            backend, options, fingerprint=self._fingerprint, revision=self.revision
        )
        self.engine = Engine(
            backend, options, model_name=self.resolved.name,
            provenance=identity.provenance(
                backend, options, model=self.resolved.name, signature=self._signature
            ),
            cache=self.cache.scoped(self._signature) if self.cache is not None else None,
            checks=self.checks,  # flags only, never the translation: not in the signature
        )
        self._variants[options] = self

    def with_options(
        self, *, beam_size: int | None = None, alternatives: int | None = None
    ) -> Translator:
        """The same loaded model and cache with other decoding options; cheap.

        The variant shares the backend (no second load) and the sentence cache (scoped by
        its own :attr:`options_signature`); variants are kept, so asking twice for the
        same options returns the same translator. Closing any of them frees the model of
        all.

        Args:
            beam_size: Beams per sentence (None: keep this translator's).
            alternatives: n-best translations kept per sentence (None: keep this one's).

        Raises:
            InvalidOptionError: ``beam_size`` is less than 1 or ``alternatives`` is negative
                (a ``ValueError``).
        """
        check_decoding(beam_size=beam_size, alternatives=alternatives)
        alternatives = self.engine.options.alternatives if alternatives is None else alternatives
        options = dataclasses.replace(self.engine.options, beam_size=beam_size or self.beam_size,
                                      alternatives=alternatives)
        variant = self._variants.get(options)
        if variant is None:
            variant = copy.copy(self)
            variant._use_options(options)
        return variant

    @property
    def options_signature(self) -> str:
        """A digest of everything that decides a translation.

        The model's files, revision, backend, device and every engine option. The cache
        scope, the file sidecars and the results' provenance use this one value.
        """
        return self._signature

    @property
    def provenance(self) -> Provenance:
        """What produces this translator's results (also on every :class:`Document`)."""
        return self.engine.provenance

    @property
    def model(self) -> str:
        """The model as it was asked for (hub id or path)."""
        return self.resolved.name

    @property
    def device(self) -> str:
        """Where the model runs ("cpu", "cuda", ...)."""
        return self.backend.device

    @property
    def beam_size(self) -> int:
        """Beams per sentence in use."""
        return self.engine.options.beam_size

    def __repr__(self) -> str:
        return (
            f"Translator(model={self.model!r}, backend={self.backend.name!r}, "
            f"device={self.device!r}, beam_size={self.beam_size})"
        )

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

    # -- lifetime -----------------------------------------------------------------------

    def close(self) -> None:
        """Free the model's memory."""
        self.backend.close()

    def __enter__(self) -> Translator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
