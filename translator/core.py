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
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from translator.backends.base import Backend
from translator.backends.hub import DEFAULT_MODEL, ResolvedModel
from translator.engine import identity
from translator.engine.cache import CacheArg, open_cache
from translator.engine.calls import TranslatesText
from translator.engine.engine import Engine
from translator.engine.options import EngineOptions
from translator.engine.resources import DEFAULT_MIN_CONFIDENCE, open_glossary, open_memory
from translator.errors import Fix, InvalidOptionError
from translator.files.methods import TranslatesFiles
from translator.memory import MemoryArg, TranslationMemory
from translator.results import Provenance
from translator.terms import Glossary, GlossaryLike
from translator.validate import check_confidence, check_counts, check_decoding

logger = logging.getLogger("translator")

#: Most variants kept per translator (each per-call glossary makes one).
_MAX_VARIANTS = 32


class Translator(TranslatesText, TranslatesFiles):
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
            untranslated, length, empty) and the ``min_confidence`` threshold on every
            sentence and add their flags and reasons (default). False leaves only the
            model's own flags (truncated, repetition) and the glossary's.
        vocabulary: "target" (default: decode over the pieces the model's target tokenizer
            writes; lossless and faster, see :mod:`translator.backends.vocabulary`) or
            "full" (every piece of the shared vocabulary). A model without a separate
            target tokenizer always decodes over the full vocabulary.
        memory: A translation memory: a TMX, XLIFF, TSV or CSV path, a list of them, or a
            :class:`~translator.memory.TranslationMemory`. A paragraph, else a sentence,
            found there gets its target verbatim (``Sentence.origin == "memory"``) and the
            model does not run for it; other sentences get its fuzzy matches as
            ``Sentence.suggestions``. A path that does not exist yet starts an empty
            memory; :meth:`remember` saves to the first ``.tmx`` path.
        glossary: Terms the translation must use: a TSV, CSV or TBX path, a mapping of
            source to English, or a :class:`~translator.terms.Glossary`. A sentence that
            holds a term has its English, or the flag ``glossary`` naming it.
        keep: Terms to keep untranslated (``["BRIN", "Jokowi"]``), with the same guarantee.
        min_confidence: Flag a sentence ``low-confidence`` when its confidence
            (``Sentence.confidence``) is below this (default
            :data:`~translator.engine.resources.DEFAULT_MIN_CONFIDENCE`, 0.30); None flags
            none, and so does ``checks=False``.

    Raises:
        ModelNotFoundError: The model is in none of the places looked at.
        ModelLoadError: The model was found but its files are broken.
        InvalidInputError: A memory file cannot be read (before any model loads).
        GlossaryError: A glossary file or entry cannot be used (before any model loads).

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
        memory: MemoryArg = None,
        glossary: GlossaryLike = None,
        keep: Iterable[str] = (),
        min_confidence: float | None = DEFAULT_MIN_CONFIDENCE,
    ) -> None:
        from translator.backends import load_backend
        from translator.backends.vocabulary import check_vocabulary

        # Reject bad options before anything is looked up or loaded.
        check_counts(num_threads=num_threads, inter_threads=inter_threads,
                      intra_threads=intra_threads, beam_size=beam_size,
                      max_batch_size=max_batch_size, max_batch_tokens=max_batch_tokens,
                      max_input_tokens=max_input_tokens)
        check_vocabulary(vocabulary)
        check_confidence(min_confidence)
        memory_obj, glossary_obj = open_memory(memory), open_glossary(glossary, keep)
        backend_obj, resolved = load_backend(
            model, backend=backend, device=device, revision=revision, num_threads=num_threads,
            compute_type=compute_type, inter_threads=inter_threads, intra_threads=intra_threads,
            vocabulary=vocabulary,
        )
        self._setup(
            backend_obj, resolved, beam_size=beam_size, max_input_tokens=max_input_tokens,
            max_batch_tokens=max_batch_tokens, max_batch_size=max_batch_size, cache=cache,
            revision=revision, checks=checks, memory=memory_obj, glossary=glossary_obj,
            min_confidence=min_confidence,
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
                ``max_batch_size``, ``cache``, ``checks``, ``memory``, ``glossary``,
                ``keep`` or ``min_confidence``, as for the constructor; and, for
                benchmarks only, ``fixed_output_tokens`` (force exactly this many output
                tokens: random weights never stop on their own).
        """
        self = cls.__new__(cls)
        check_confidence(options.get("min_confidence"))
        options["memory"] = open_memory(options.get("memory"))
        options["glossary"] = open_glossary(options.get("glossary"), options.pop("keep", ()))
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
        memory: TranslationMemory | None = None,
        glossary: Glossary | None = None,
        min_confidence: float | None = DEFAULT_MIN_CONFIDENCE,
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
        #: The translation memory in use, or None.
        self.memory = memory
        #: The glossary in use (its keep terms included), or None.
        self.glossary = glossary
        #: Sentences less confident than this are flagged ``low-confidence`` (None: none).
        self.min_confidence = check_confidence(min_confidence)
        self._fingerprint = identity.model_fingerprint(resolved.path)
        #: The persistent sentence cache in use, or None.
        self.cache = open_cache(cache)
        # Variants by engine options and glossary, shared by this translator and its variants.
        self._variants: dict[tuple[EngineOptions, str], Translator] = {}
        self._own_terms = glossary.digest if glossary else ""  # the constructor's glossary
        self._use_options(options)

    def _use_options(self, options: EngineOptions) -> None:
        """Build this translator's engine for ``options``, whole: identity, cache, checks."""
        backend = self.backend
        # The cache's scope: the model and its options. Memory hits are looked up before
        # the cache, and the glossary is in each sentence's key (its terms only).
        self._scope = identity.options_signature(
            backend, options, fingerprint=self._fingerprint, revision=self.revision
        )
        self.engine = Engine(
            backend, options, model_name=self.resolved.name,
            provenance=identity.provenance(
                backend, options, model=self.resolved.name, signature=self.options_signature
            ),
            cache=self.cache.scoped(self._scope) if self.cache is not None else None,
            checks=self.checks,  # flags only, never the translation: not in the signature
            memory=self.memory, glossary=self.glossary, min_confidence=self.min_confidence,
        )
        variants = self._variants
        if len(variants) >= _MAX_VARIANTS:  # per-call glossaries: forget the oldest
            oldest = next((key for key in variants if key[1] != self._own_terms), None)
            if oldest is not None:
                del variants[oldest]
        variants[options, self.glossary.digest if self.glossary else ""] = self

    def with_options(
        self, *, beam_size: int | None = None, alternatives: int | None = None,
        glossary: GlossaryLike = None, keep: Iterable[str] = (),
    ) -> Translator:
        """The same loaded model and cache with other decoding options or more terms; cheap.

        The variant shares the backend (no second load), the memory and the sentence cache;
        variants are kept, so asking twice for the same options returns the same
        translator. Closing any of them frees the model of all.

        Args:
            beam_size: Beams per sentence (None: keep this translator's).
            alternatives: n-best translations kept per sentence (None: keep this one's).
            glossary: More terms for this variant (a per-call glossary): merged with this
                translator's, winning on a source both hold.
            keep: More terms to keep untranslated.

        Raises:
            InvalidOptionError: ``beam_size`` is less than 1 or ``alternatives`` is negative
                (a ``ValueError``).
            GlossaryError: A bad glossary file or entry.
        """
        check_decoding(beam_size=beam_size, alternatives=alternatives)
        alternatives = self.engine.options.alternatives if alternatives is None else alternatives
        options = dataclasses.replace(self.engine.options, beam_size=beam_size or self.beam_size,
                                      alternatives=alternatives)
        terms = self.glossary
        extra = open_glossary(glossary, keep)
        if extra is not None:
            terms = terms.merge(extra) if terms is not None else extra
        variant = self._variants.get((options, terms.digest if terms else ""))
        if variant is None:
            variant = copy.copy(self)
            variant.glossary = terms
            variant._use_options(options)
        return variant

    def remember(self, pairs: Iterable[tuple[str, str]], *, origin: str = "edit") -> int:
        """Add approved (source, English) pairs to the memory and to its first TMX file.

        The next translation of such a source gives the English verbatim (the app's
        "Save to memory" and the REST ``/suggest`` call this). The file is written
        atomically and locked, newest entries winning (a file that does not exist yet is
        created); TSV, CSV and XLIFF memory files are only read.

        Returns:
            The number of entries added or replaced.

        Raises:
            InvalidOptionError: This translator has no TMX memory file to save to.
        """
        memory = self.memory
        files = memory.paths if memory is not None else ()
        paths = [p for p in files if p.suffix.lower() == ".tmx"]
        if memory is None or not paths:
            raise InvalidOptionError(
                "memory", None, "This translator has no TMX memory file to save edits to.",
                Fix(python="add one: Translator(..., memory=[..., 'memory.tmx']).",
                    cli="add --memory memory.tmx (created when missing).",
                    app="start the app with python app.py --memory memory.tmx."),
            )
        added = memory.add(list(pairs), origin, save_to=paths[0])
        for variant in set(self._variants.values()):  # their signatures name the memory
            variant.engine.provenance = dataclasses.replace(
                variant.engine.provenance, options_signature=variant.options_signature)
        return added

    @property
    def options_signature(self) -> str:
        """A digest of everything that decides a translation.

        The model's files, revision, backend, device, every engine option, and the
        glossary's and memory's contents when there are any. The file sidecars and the
        results' provenance use this one value (the sentence cache is scoped by the model
        and options only: memory hits are looked up first, and each sentence's key holds
        the glossary terms it contains).
        """
        return identity.resources_signature(
            self._scope, glossary=self.glossary.digest if self.glossary else "",
            memory=self.memory.digest if self.memory else "",
        )

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

    # -- lifetime -----------------------------------------------------------------------

    def close(self) -> None:
        """Free the model's memory."""
        self.backend.close()

    def __enter__(self) -> Translator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
