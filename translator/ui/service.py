"""What the web app does, without Gradio: load once, translate, stream, files, limits.

:class:`TranslationService` holds the one translator of the process behind a
:class:`~translator.serving.dispatch.Dispatcher`, so concurrent users share batches. When the model
cannot be loaded it keeps the error instead, and every handler reports it with its fix.
"""

from __future__ import annotations

import logging
import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from translator.api.config import DEFAULT_CHAR_LIMIT
from translator.backends.hub import DEFAULT_MODEL
from translator.core import Translator
from translator.errors import (
    InputTooLargeError,
    InvalidInputError,
    TranslatorError,
    interface,
)
from translator.results import Document
from translator.serving.dispatch import Dispatcher, JobProgress
from translator.ui import render
from translator.ui.features import submit_alone
from translator.ui.updates import HEARTBEAT_S, StreamUpdate
from translator.validate import check_counts, check_decoding

logger = logging.getLogger(__name__)

#: Default largest input, in characters: the REST API's default, since ``app.py`` serves
#: both with its one ``--max-chars``.
DEFAULT_MAX_CHARS = DEFAULT_CHAR_LIMIT

#: The largest beam size the page accepts (its slider goes to 8); more is refused, not clamped.
MAX_BEAM_SIZE = 16
#: The most alternatives per sentence the page asks for.
MAX_ALTERNATIVES = 3
EMPTY_HINT = "Paste Indonesian text above (or pick an example below), then press Translate."
#: Translate pressed with nothing in the box.
EMPTY_INPUT = ("Nothing to translate: the box is empty. Paste Indonesian text into it, or pick "
               "an example below.")
#: Translate pressed with only spaces and line breaks in the box.
BLANK_INPUT = ("Nothing to translate: the box holds only spaces and line breaks. Paste "
               "Indonesian text into it, or pick an example below.")




class TranslationService:
    """The web app's handlers around one translator (or the error that stopped it loading).

    Args:
        translator: The loaded translator, or None when loading failed.
        load_error: Why it could not be loaded (shown instead of translations).
        max_chars: Largest text accepted, in characters.
        max_wait: Seconds the dispatcher waits to gather concurrent requests.
        slice_sentences: Sentences of one request translated per round of the dispatcher
            (None: its default); smaller slices share the model more finely.
    """

    def __init__(
        self,
        translator: Translator | None,
        *,
        load_error: str | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
        max_wait: float = 0.005,
        slice_sentences: int | None = None,
    ) -> None:
        if translator is None and not load_error:
            raise ValueError("give a translator or the error that prevented loading it")
        check_counts(max_chars=max_chars)
        self.translator = translator
        self.load_error = load_error
        self.max_chars = max_chars
        options: dict[str, Any] = {"max_wait": max_wait}
        if slice_sentences:
            options["slice_sentences"] = slice_sentences
        self.dispatcher = Dispatcher(translator, **options) if translator else None
        self._running: dict[str, Future[Document]] = {}  # page session -> its translation
        self._lock = threading.Lock()
        self._outdir: str | None = None
        self._alone: ThreadPoolExecutor | None = None  # texts with their own glossary

    @classmethod
    def load(
        cls,
        model: str = DEFAULT_MODEL,
        *,
        backend: str = "auto",
        device: str = "auto",
        beam_size: int | None = None,
        fixed_output_tokens: int | None = None,
        compute_type: str = "auto",
        vocabulary: str = "target",
        translator_options: dict[str, Any] | None = None,
        **options: object,
    ) -> TranslationService:
        """Load the model once; on failure keep the error (with its fix) to show on the page.

        Args:
            model: Hub id or local directory.
            backend: Backend name ("auto": CTranslate2 when installed, else transformers).
            device: "auto", "cpu" or "cuda".
            beam_size: Default beams per sentence (None: the model's own).
            fixed_output_tokens: Benchmarks only (see :class:`~translator.Translator`).
            compute_type: CTranslate2 only: "auto", "int8", "float32", ...
            vocabulary: "target" (default) or "full" (see :class:`~translator.Translator`).
            translator_options: More keywords of the translator (``memory``, ``glossary``,
                ``min_confidence``: :func:`translator.api.review_options.load`).
            **options: ``max_chars``, ``max_wait``, ``slice_sentences``.
        """
        extra = translator_options or {}
        with interface("app"):  # the page gives the app's fixes (python app.py ...)
            try:
                translator = Translator(
                    model, backend=backend, device=device, beam_size=beam_size,
                    compute_type=compute_type, vocabulary=vocabulary, **extra,
                )
                if fixed_output_tokens is not None:  # benchmarks only
                    translator = Translator.from_backend(
                        translator.backend, model=translator.model, beam_size=beam_size,
                        fixed_output_tokens=fixed_output_tokens,
                        **extra,
                    )
            except (TranslatorError, ValueError, OSError) as exc:  # a bad --memory too
                logger.error("%s", exc)
                return cls(None, load_error=str(exc), **options)  # type: ignore[arg-type]
            except Exception as exc:  # an unexpected failure still must not hide the page
                logger.exception("could not load the model")
                message = (
                    f"Could not load the model {model!r}: {type(exc).__name__}: {exc}\n"
                    "Fix: check the model directory (or run `translator download`) and the "
                    "--backend/--device options, then start the app again."
                )
                return cls(None, load_error=message, **options)  # type: ignore[arg-type]
        return cls(translator, **options)  # type: ignore[arg-type]

    # -- information ----------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """True when a model is loaded."""
        return self.translator is not None

    @property
    def default_beam_size(self) -> int:
        """The beam size used when the user changes nothing."""
        return self.translator.beam_size if self.translator else 1

    @property
    def max_file_bytes(self) -> int:
        """Largest upload accepted, in bytes (room for ``max_chars`` of text in any format)."""
        return 4 * self.max_chars

    @property
    def model_name(self) -> str:
        """The model's name as users see it: a local directory's last part, not its path."""
        if self.translator is None:
            return ""
        model = str(self.translator.model)
        return Path(model).name if Path(model).is_dir() else model

    def info_line(self) -> str:
        """Model, backend and device in use, as one line (no server paths)."""
        if self.translator is None:
            return "No model loaded (see the message above)."
        t = self.translator
        return (
            f"Model: {self.model_name} · backend: {t.backend.name} · device: {t.device} · "
            f"default beams: {t.beam_size} · max input: {self.max_chars:,} characters"
        )

    # -- input ----------------------------------------------------------------------------

    def check_text(self, text: object) -> str:
        """The text to translate, cleaned of what could crash the model.

        Raises:
            InvalidInputError: It is not text.
            InputTooLargeError: It is longer than ``max_chars``.
        """
        if text is None:
            return ""
        if not isinstance(text, str):
            raise InvalidInputError(
                f"Expected text, got {type(text).__name__}. Fix: send the text as a string."
            )
        if len(text) > self.max_chars:
            logger.warning(
                "refused a text of %d characters (limit %d); start the app with a larger "
                "--max-chars to accept it", len(text), self.max_chars)
            raise InputTooLargeError(
                f"The text has {len(text):,} characters; the limit is {self.max_chars:,}. "
                "Fix: shorten it, or split it into parts and translate them one by one."
            )
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates from a broken paste
            text = text.encode("utf-8", "replace").decode("utf-8")
        return text

    def _beam(self, beam_size: object) -> int | None:
        """The page's beam size (a slider gives a float), checked (InvalidOptionError)."""
        if beam_size in (None, ""):
            return None
        if isinstance(beam_size, float) and beam_size.is_integer():
            beam_size = int(beam_size)
        check_decoding(beam_size=beam_size, max_beam_size=MAX_BEAM_SIZE)
        return beam_size  # type: ignore[return-value]

    # -- translate --------------------------------------------------------------------------

    def translate(self, text: object, *, beam_size: object = None) -> str:
        """Translate a whole text (the API endpoint); "" for empty input.

        Raises:
            TranslatorError: No model, or the input is invalid or too large.
        """
        if self.dispatcher is None:
            raise TranslatorError(self.load_error)
        text = self.check_text(text)
        if not text.strip():
            return text
        return self.dispatcher.translate(text, beam_size=self._beam(beam_size)).translation

    def translate_many(self, texts: Sequence[str], *, beam_size: object = None,
                       on_progress: Any = None) -> list[str]:
        """Translate documents at once (shared batches); ``on_progress(done, total)``."""
        if self.dispatcher is None:
            raise TranslatorError(self.load_error)
        beam, counts = self._beam(beam_size), {}
        lock = threading.Lock()

        def hook(i: int, p: JobProgress) -> None:
            with lock:
                counts[i] = (p.done, p.total)
                done, total = (sum(c[k] for c in counts.values()) for k in (0, 1))
            on_progress(done, total)

        futures = [self.dispatcher.submit(self.check_text(t), beam_size=beam, on_progress=(
            (lambda p, i=i: hook(i, p)) if on_progress else None)) for i, t in enumerate(texts)]
        return [f.result().translation for f in futures]

    def stream(
        self, text: object, *, beam_size: object = None, session: str | None = None,
        glossary: Any = None, alternatives: int = 0,
    ) -> Iterator[StreamUpdate]:
        """Translate a text, yielding the output as it grows, round by round.

        Each update has the paragraphs translated so far (the source's separators) and
        the sentences done, after every round; the last one is the whole translation, as
        :meth:`Translator.translate` gives it, with ``document``. While nothing new comes, a
        ``heartbeat`` every :data:`HEARTBEAT_S` s lets a closed page stop the stream.
        Problems (no model, too large, not text) come as an update with ``error`` set.

        Args:
            text: The text.
            beam_size: Beams per sentence (None: the default).
            session: The page session asking; a new stream of the same session, and
                :meth:`cancel` with it, cancel this one. A cancelled stream ends without
                another update.
            glossary: A glossary for this text only, merged over the server's (translated
                on its own, not in the shared batches).
            alternatives: Other translations per sentence, from the same beam search.
        """
        if self.dispatcher is None:
            message = self.load_error or "No model is loaded."
            yield StreamUpdate("", render.error_panel(message), error=message)
            return
        try:
            text = self.check_text(text)
            beam = self._beam(beam_size)
            check_decoding(alternatives=alternatives, max_alternatives=MAX_ALTERNATIVES)
        except TranslatorError as exc:
            yield StreamUpdate("", render.error_panel(str(exc)), error=str(exc))
            return
        if not text.strip():
            if session is not None:
                self.cancel(session)
            message = BLANK_INPUT if text else EMPTY_INPUT
            yield StreamUpdate("", render.status(message, kind="warn"))
            return
        started = time.monotonic()
        events: queue.SimpleQueue[JobProgress] = queue.SimpleQueue()
        try:
            future = self._submit(text, beam, alternatives, glossary, events.put)
        except TranslatorError as exc:
            yield StreamUpdate("", render.error_panel(str(exc)), error=str(exc))
            return
        if session is not None:
            self._register(session, future)
        try:
            total = events.get().total
            yield StreamUpdate("", render.progress(0, total), 0, total)
            while True:
                try:
                    event = events.get(timeout=HEARTBEAT_S)
                except queue.Empty:
                    if future.done():
                        break
                    yield StreamUpdate("", "", heartbeat=True)
                    continue
                if event.done == event.total:
                    break
                if future.cancelled():
                    return
                yield StreamUpdate(event.translation, render.progress(event.done, total),
                                   event.done, total)
            document = future.result()
        except CancelledError:
            return  # stopped: nothing more reaches the page
        except TranslatorError as exc:
            yield StreamUpdate("", render.error_panel(str(exc)), error=str(exc))
            return
        finally:
            future.cancel()  # no-op when done; frees the model when the page went away
            if session is not None:
                self._unregister(session, future)
        status = render.finished(document, seconds=time.monotonic() - started)
        yield StreamUpdate(document.translation, status, total, total, document)

    def cancel(self, session: str) -> bool:
        """Cancel the translation running for a page session; True when there was one."""
        with self._lock:
            future = self._running.pop(session, None)
        return future.cancel() if future is not None else False

    def running(self, session: str) -> bool:
        """True while a translation of this page session is under way."""
        with self._lock:
            future = self._running.get(session)
        return future is not None and not future.done()

    def _register(self, session: str, future: Future[Document]) -> None:
        with self._lock:
            previous = self._running.get(session)
            self._running[session] = future
        if previous is not None:
            previous.cancel()

    def _unregister(self, session: str, future: Future[Document]) -> None:
        with self._lock:
            if self._running.get(session) is future:
                del self._running[session]

    def document(self, text: object, *, beam_size: object = None,
                 alternatives: int = 0, glossary: Any = None) -> Document | None:
        """The whole document, with ``alternatives`` per sentence; None: nothing or no model."""
        if self.dispatcher is None:
            return None
        try:
            text = self.check_text(text)
        except TranslatorError:
            return None
        if not text.strip():
            return None
        check_decoding(alternatives=alternatives, max_alternatives=MAX_ALTERNATIVES)
        return self._submit(text, self._beam(beam_size), alternatives, glossary).result()

    def _submit(self, text: str, beam: int | None, alternatives: int, glossary: Any,
                on_progress: Any = None) -> Future[Document]:
        """The text to the shared dispatcher, or (with its own glossary) translated alone."""
        assert self.dispatcher is not None
        if glossary is None:
            return self.dispatcher.submit(text, beam_size=beam, alternatives=alternatives,
                                          on_progress=on_progress)
        assert self.translator is not None
        if self._alone is None:
            self._alone = ThreadPoolExecutor(2, thread_name_prefix="translator-own-glossary")
        return submit_alone(self._alone, self.translator, text, glossary, beam_size=beam,
                            alternatives=alternatives, on_progress=on_progress)

    # -- files (the uploads themselves: translator.ui.uploads) ---------------------------

    def output_dir(self) -> str:
        """The folder of this process's translated uploads (deleted by :meth:`close`)."""
        if self._outdir is None:
            self._outdir = tempfile.mkdtemp(prefix="indo-translator-")
        return self._outdir

    def close(self) -> None:
        """Stop the dispatcher and delete translated files written so far."""
        if self.dispatcher is not None:
            self.dispatcher.close()
        if self._alone is not None:
            self._alone.shutdown(wait=False, cancel_futures=True)
        if self._outdir is not None:
            shutil.rmtree(self._outdir, ignore_errors=True)
            self._outdir = None

