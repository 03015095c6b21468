"""The public :class:`Translator`."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, overload

from translator.backends.base import Backend
from translator.engine import Engine, EngineOptions, ParagraphEvent, ProgressCallback
from translator.hub import DEFAULT_MODEL, ResolvedModel, local_name, resolve_model
from translator.results import Document, Paragraph

logger = logging.getLogger("translator")


class Translator:
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
        revision: Hub revision (branch, tag or commit) for a hub id.
        fixed_output_tokens: Benchmarks only: force exactly this many output tokens.
        compute_type: CTranslate2 only: "auto" (int8 on CPU, int8_float16 on CUDA),
            "int8", "float32", ...
        inter_threads: CTranslate2 only: parallel workers (default: one per core).
        intra_threads: CTranslate2 only: threads per worker (default 1).

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
        revision: str | None = None,
        fixed_output_tokens: int | None = None,
        compute_type: str = "auto",
        inter_threads: int | None = None,
        intra_threads: int | None = None,
    ) -> None:
        from translator.backends import create_backend, resolve_backend_name

        resolve_backend_name(backend)  # reject an unknown name before any loading
        resolved = resolve_model(os.fspath(model), revision=revision)
        logger.info("model %s found in %s (%s)", model, resolved.path, resolved.source)
        backend_obj = create_backend(
            backend, resolved.path, device=device, num_threads=num_threads,
            compute_type=compute_type, inter_threads=inter_threads, intra_threads=intra_threads,
            model_name=None if resolved.source == "directory" else local_name(resolved.name),
        )
        logger.info("translating with the %s backend on %s", backend_obj.name, backend_obj.device)
        self._setup(
            backend_obj,
            resolved,
            beam_size=beam_size,
            max_input_tokens=max_input_tokens,
            max_batch_tokens=max_batch_tokens,
            max_batch_size=max_batch_size,
            fixed_output_tokens=fixed_output_tokens,
        )

    @classmethod
    def from_backend(
        cls, backend: Backend, *, model: str = "custom", **options: Any
    ) -> Translator:
        """A translator around an already created backend (tests, custom backends).

        Args:
            backend: Any :class:`~translator.backends.Backend`.
            model: The name recorded in results.
            **options: ``beam_size``, ``max_input_tokens``, ``max_batch_tokens``,
                ``max_batch_size`` or ``fixed_output_tokens``, as for the constructor.
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
    ) -> None:
        if beam_size is not None and beam_size < 1:
            raise ValueError("beam_size must be at least 1 (or None for the model's own)")
        self.resolved = resolved
        self.backend = backend
        options = EngineOptions(
            beam_size=beam_size or backend.default_beam_size,
            max_input_tokens=max_input_tokens,
            max_batch_tokens=max_batch_tokens,
            max_batch_size=max_batch_size,
            fixed_output_tokens=fixed_output_tokens,
        )
        self.engine = Engine(backend, options, model_name=resolved.name)

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
                are batched together), or any other iterable (a generator, a file), which
                is consumed lazily.

        Returns:
            The translation with the source layout: a str for a str, a list for a list or
            tuple, and an iterator over translations for any other iterable.
        """
        if isinstance(text, str):
            return self.translate_document(text).translation
        if isinstance(text, (list, tuple)):
            return [doc.translation for doc in self.translate_documents(text)]
        return (doc.translation for doc in self.translate_documents(text))

    def translate_document(self, text: str) -> Document:
        """Translate one document and return it aligned sentence by sentence."""
        return next(self.translate_documents([text]))

    # -- streaming --------------------------------------------------------------------

    def translate_documents(
        self,
        texts: Iterable[str],
        *,
        progress: ProgressCallback | None = None,
        on_paragraph: Callable[[ParagraphEvent], None] | None = None,
    ) -> Iterator[Document]:
        """Translate documents lazily, yielding each :class:`Document` in input order.

        Args:
            texts: Any iterable of documents; it is read as translation goes on, so memory
                stays flat for any number of documents.
            progress: Called with (sentences done, sentences seen so far).
            on_paragraph: Called for every paragraph as soon as it is ready.
        """
        return self.engine.documents(texts, progress=progress, on_paragraph=on_paragraph)

    def iter_paragraphs(self, text: str) -> Iterator[Paragraph]:
        """Yield the paragraphs of one document as soon as each is translated.

        The first paragraph comes after one batch, so a UI can show output early.
        ``Document.translation`` of the same text equals the paragraphs' translations
        joined with the source's blank-line separators.
        """
        for event in self.engine.paragraphs([text]):
            if event.paragraph is not None:
                yield event.paragraph

    def stream(self, text: str) -> Iterator[ParagraphEvent]:
        """Like :meth:`iter_paragraphs`, with positions: each event has ``index``/``total``."""
        return self.engine.paragraphs([text])

    # -- lifetime -----------------------------------------------------------------------

    def close(self) -> None:
        """Free the model's memory."""
        self.backend.close()

    def __enter__(self) -> Translator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
