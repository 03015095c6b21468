"""What the API endpoints do, without HTTP: check a request, detect, translate, keep files.

Every text goes through the shared :class:`~translator.serving.dispatch.Dispatcher` as its own
request, so concurrent clients share model batches. While a request waits, the client is
watched: when it goes away, its requests are cancelled and the dispatcher drops the ones
that have not started. Problems come out as :class:`~translator.api.protection.ApiError`
with LibreTranslate's status codes and messages.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from translator.api import review_options
from translator.api.config import ApiConfig
from translator.api.filejobs import DONE, FAILED, RUNNING, FileJob, FileJobs
from translator.api.htmltext import extract_html, rebuild_html
from translator.api.protection import ApiError
from translator.api.storage import FileStore
from translator.errors import InvalidInputError, MissingDependencyError
from translator.files.formats import format_name_for, get_format
from translator.files.formats.base import DocumentFormat, FormatOptions
from translator.files.naming import output_name
from translator.files.upload import FILE_FORMATS
from translator.results import Document
from translator.serving.dispatch import Dispatcher
from translator.text import langid

logger = logging.getLogger(__name__)

SOURCE, TARGET = "id", "en"
NAMES = {"id": "Indonesian", "en": "English", "auto": "Auto Detect"}
ONLY_PAIR = "This server translates Indonesian (id) to English (en) only."
#: Header flagging a translation whose source did not look like the language it was sent as.
WARNING_HEADER = "X-Translator-Warning"

#: Returns True once the client has gone away.
Gone = Callable[[], Awaitable[bool]]


class ClientGone(Exception):
    """The client disconnected; its translation was cancelled."""


@dataclass(frozen=True)
class TranslateRequest:
    """A checked ``/translate`` request.

    Attributes:
        texts: The texts (one for a string ``q``).
        batch: True when ``q`` was a list (the answer is a list too).
        source: "id" or "auto".
        html: True for ``format=html``.
        alternatives: Extra translations asked for (0-3).
    """

    texts: tuple[str, ...]
    batch: bool
    source: str
    html: bool
    alternatives: int


@dataclass(frozen=True)
class Answer:
    """A response body and, when the input looked wrong, a warning for the header."""

    body: Any
    warning: str | None = None
    untranslated: tuple[str, ...] = ()


def confidence_of(docs: Sequence[Document]) -> float | None:
    """How sure the model is of a text: its least confident sentence's ``confidence``.

    None when the model scored none of its sentences (memory, nothing to translate, or a
    backend that cannot tell). Rounded to 4 places.
    """
    values = [s.confidence for doc in docs for s in doc.sentences if s.confidence is not None]
    return round(min(values), 4) if values else None


def missing(name: str) -> ApiError:
    """LibreTranslate's 400 for a missing parameter."""
    return ApiError(400, f"Invalid request: missing {name} parameter")


def check_pair(source: object, target: object) -> str:
    """The source language ("id" or "auto") of a supported pair; 400 for anything else."""
    if not source:
        raise missing("source")
    if not target:
        raise missing("target")
    src, tgt = str(source).strip().lower(), str(target).strip().lower()
    if src not in NAMES:
        raise ApiError(400, f"{source} is not supported. {ONLY_PAIR}")
    if tgt not in (SOURCE, TARGET):
        raise ApiError(400, f"{target} is not supported. {ONLY_PAIR}")
    if src == TARGET or tgt != TARGET:
        raise ApiError(400, f"{NAMES[tgt]} ({tgt}) is not available as a target language "
                            f"from {NAMES[src]} ({src}). {ONLY_PAIR}")
    return src


def check_chars(total: int, limit: int) -> None:
    """LibreTranslate's 400 for a request over the character limit."""
    if limit >= 0 and total > limit:
        raise ApiError(400, f"Invalid request: request ({total}) exceeds text limit ({limit})")


def parse_translate(params: Mapping[str, Any], *, char_limit: int, alternatives_limit: int,
                    batch_limit: int = 1000) -> TranslateRequest:
    """Check the fields of a ``/translate`` request (a JSON object or a form)."""
    q = params.get("q")
    if not q:
        raise missing("q")
    batch = isinstance(q, list)
    texts = q if batch else [q]
    if batch_limit >= 0 and len(texts) > batch_limit:
        raise ApiError(400, f"Invalid request: request ({len(texts)}) exceeds text limit "
                            f"({batch_limit})")
    if not all(isinstance(t, str) for t in texts):
        raise ApiError(400, "Invalid request: q must be a string or a list of strings")
    # Form bodies may carry CRLF line ends (RFC 2046); count and translate LF only.
    texts = [t.replace("\r\n", "\n").replace("\r", "\n") for t in texts]
    source = check_pair(params.get("source"), params.get("target"))
    fmt = params.get("format") or "text"
    if fmt not in ("text", "html"):
        raise ApiError(400, f"{fmt} format is not supported")
    try:
        alternatives = max(0, int(params.get("alternatives") or 0))
    except (TypeError, ValueError):
        raise ApiError(400, "Invalid request: alternatives parameter is not a number") from None
    if alternatives > alternatives_limit:
        raise ApiError(400, "Invalid request: alternatives parameter must be <= "
                            f"{alternatives_limit}")
    check_chars(sum(len(t) for t in texts), char_limit)
    return TranslateRequest(tuple(texts), batch, source, fmt == "html", alternatives)


async def wait_all(futures: Sequence[Future[Document]], gone: Gone | None,
                   *, poll: float = 0.25) -> list[Document]:
    """Wait for every future; cancel them all when the client goes away or one fails.

    Raises:
        ClientGone: ``gone()`` became true first.
    """
    gathered = asyncio.gather(*(asyncio.wrap_future(f) for f in futures))
    gathered.add_done_callback(lambda f: f.cancelled() or f.exception())
    try:
        while True:
            done, _ = await asyncio.wait({gathered}, timeout=poll)
            if done:
                return list(gathered.result())
            if gone is not None and await gone():
                logger.info("client went away: %d requests cancelled", len(futures))
                raise ClientGone
    finally:
        for future in futures:
            future.cancel()  # a no-op for finished ones; queued ones never run


def _warning(other: langid.Detection) -> str:
    return (f"The text looks like {other.name} ({other.language}, {other.confidence:.0f}%), "
            "not Indonesian; it was translated as Indonesian.")


class ApiService:
    """The API's work around one dispatcher.

    Args:
        dispatcher: The shared dispatcher (the web page's, when both are served).
        config: Limits and keys.
        store: Where translated files wait for download (a new one by default).
    """

    def __init__(self, dispatcher: Dispatcher, config: ApiConfig,
                 *, store: FileStore | None = None) -> None:
        self.dispatcher = dispatcher
        self.config = config
        self.store = store or FileStore(ttl=config.file_ttl)
        self.jobs = FileJobs(ttl=config.file_ttl)
        self._tasks: set[asyncio.Task[None]] = set()

    @property
    def translator(self) -> Any:
        """The dispatcher's translator."""
        return getattr(self.dispatcher, "translator", None)

    @property
    def suggestions(self) -> bool:
        """True when ``/suggest`` stores pairs (the translator has a translation memory)."""
        return review_options.memory_of(self.translator) is not None

    async def suggest(self, q: str, s: str) -> None:
        """``/suggest``: add the pair to the memory and its file (off the event loop).

        Raises:
            ApiError: 500 when the memory file cannot be written.
        """
        try:
            await asyncio.to_thread(review_options.remember, self.translator, [(q, s)])
        except (OSError, InvalidInputError) as exc:
            logger.error("cannot store a suggestion: %s", exc)
            raise ApiError(500, f"Cannot store the suggestion: {exc}") from None

    # -- information ------------------------------------------------------------------

    @staticmethod
    def languages() -> list[dict[str, Any]]:
        """``/languages``: Indonesian into English; English listed with no targets."""
        return [
            {"code": SOURCE, "name": NAMES[SOURCE], "targets": [TARGET]},
            {"code": TARGET, "name": NAMES[TARGET], "targets": []},
        ]

    def frontend_settings(self) -> dict[str, Any]:
        """``/frontend/settings``, with LibreTranslate's fields."""
        cfg = self.config
        return {
            "charLimit": cfg.char_limit,
            "frontendTimeout": cfg.frontend_timeout,
            "apiKeys": cfg.keys_required,
            "keyRequired": cfg.keys_required,
            "suggestions": self.suggestions,
            "filesTranslation": True,
            "supportedFilesFormat": list(FILE_FORMATS),
            "language": {
                "source": {"code": SOURCE, "name": NAMES[SOURCE]},
                "target": {"code": TARGET, "name": NAMES[TARGET]},
            },
        }

    # -- detection --------------------------------------------------------------------

    async def detect(self, q: object) -> list[dict[str, Any]]:
        """``/detect``: up to 3 candidate languages, best first."""
        if not q:
            raise missing("q")
        text = "\n".join(q) if isinstance(q, list) else q
        if not isinstance(text, str):
            raise ApiError(400, "Invalid request: q must be a string")
        detections = await asyncio.to_thread(langid.detect, text)
        return [{"confidence": d.confidence, "language": d.language} for d in detections]

    async def _check_language(self, text: str, source: str) -> tuple[dict | None, str | None]:
        """(detectedLanguage for source=auto, warning for source=id); 400 when not Indonesian."""
        if source != "auto":
            other = await asyncio.to_thread(langid.not_indonesian, text)
            return None, _warning(other) if other else None
        other, confidence = await asyncio.to_thread(langid.identify, text)
        if other is not None:
            raise ApiError(400, f"The text looks like {other.name} ({other.language}, "
                                f"{other.confidence:.0f}% confident), not Indonesian. "
                                f"{ONLY_PAIR} Send Indonesian text, or source=id to "
                                "translate it anyway.")
        return {"confidence": confidence, "language": SOURCE}, None

    # -- translation ------------------------------------------------------------------

    async def translate(self, request: TranslateRequest, *, gone: Gone | None = None) -> Answer:
        """``/translate``: the response body (and a warning for the header)."""
        if request.html:
            # Parsing and rebuilding run off the event loop, as for files.
            extracted = await asyncio.to_thread(extract_html, request.texts)
            units = [u for e in extracted for u in e.units]
            detected, warning = await self._check_language("\n".join(units), request.source)
            unit_docs = await wait_all([self.dispatcher.submit(u) for u in units], gone)
            translations = await asyncio.to_thread(
                rebuild_html, extracted, [d.translation for d in unit_docs])
            alternatives: list[list[str]] = [[] for _ in translations]  # as LibreTranslate
            per_text = iter(unit_docs)
            confidence = [confidence_of([next(per_text) for _ in e.units]) for e in extracted]
        else:
            detected, warning = await self._check_language("\n".join(request.texts),
                                                           request.source)
            futures = [self.dispatcher.submit(t, alternatives=request.alternatives)
                       for t in request.texts]
            docs = await wait_all(futures, gone)
            translations = [doc.translation for doc in docs]
            alternatives = [list(doc.alternatives) for doc in docs]
            confidence = [confidence_of([doc]) for doc in docs]
        body: dict[str, Any] = {
            "translatedText": translations if request.batch else translations[0]
        }
        body["confidence"] = confidence if request.batch else confidence[0]
        if request.alternatives:
            body["alternatives"] = alternatives if request.batch else alternatives[0]
        if detected is not None:
            body["detectedLanguage"] = (
                [detected] * len(translations) if request.batch else detected
            )
        return Answer(body, warning)

    async def _translate_units(self, units: Sequence[str], gone: Gone | None,
                               job: FileJob | None = None) -> list[str]:
        futures = [self.dispatcher.submit(u) for u in units]
        if job is not None:
            job.futures.extend(futures)
            for future in futures:
                future.add_done_callback(job.advance)
        return [doc.translation for doc in await wait_all(futures, gone)]

    @staticmethod
    def check_file_name(name: str) -> None:
        """400 unless ``name``'s extension is one of the file formats."""
        if Path(name).suffix.lower() not in FILE_FORMATS:
            raise ApiError(400, "Invalid request: file format not supported. Supported: "
                                + ", ".join(FILE_FORMATS))

    async def translate_file(self, name: str, data: bytes, *, source: str, char_limit: int,
                             gone: Gone | None = None, job: FileJob | None = None) -> Answer:
        """``/translate_file``: translate an uploaded file; the body holds the stored name.

        Args:
            name: The uploaded file's name (its extension tells the format).
            data: Its bytes.
            source: "id" or "auto".
            char_limit: Most characters of text in the file (-1: no limit).
            gone: Tells when the client has gone away (its work is then cancelled).
            job: The asynchronous job to report progress to (``done``/``total`` units).

        Returns:
            An answer whose body is the stored file name (the route makes it a URL), with
            what the format could not translate.
        """
        self.check_file_name(name)
        fmt = get_format(format_name_for(name) or "")
        assert isinstance(fmt, DocumentFormat)
        try:
            extracted = await asyncio.to_thread(
                fmt.extract, data, source=Path(name).name, options=FormatOptions()
            )
        except MissingDependencyError:
            raise
        except (InvalidInputError, ValueError, KeyError) as exc:
            raise ApiError(400, f"Invalid request: {exc}") from None
        check_chars(sum(len(u) for u in extracted.units), char_limit)
        _, warning = await self._check_language("\n".join(extracted.units), source)
        if job is not None:
            job.total, job.warning = len(extracted.units), warning
        translations = await self._translate_units(extracted.units, gone, job)
        out = await asyncio.to_thread(extracted.rebuild, translations)
        stored = await asyncio.to_thread(self.store.save, output_name(name), out)
        return Answer(stored, warning, tuple(extracted.untranslated))

    def start_file_job(self, name: str, data: bytes, *, source: str, char_limit: int,
                       url_for: Callable[[str], str]) -> FileJob:
        """Queue an asynchronous ``/translate_file`` (call it on the event loop).

        Args:
            name: The uploaded file's name.
            data: Its bytes.
            source: "id" or "auto".
            char_limit: Most characters of text in the file (-1: no limit).
            url_for: The download URL of a stored file name.

        Raises:
            ApiError: 400 for a format not offered, 429 when too many jobs are under way.
        """
        self.check_file_name(name)
        job = self.jobs.add(name)

        async def run() -> None:
            job.status = RUNNING
            try:
                answer = await self.translate_file(name, data, source=source,
                                                   char_limit=char_limit, job=job)
            except ApiError as exc:
                job.error = exc.message
            except (InvalidInputError, MissingDependencyError) as exc:
                job.error = str(exc)
            except Exception as exc:  # noqa: BLE001 (reported in the job, logged here)
                logger.error("file job %s failed", job.id, exc_info=exc)
                job.error = (f"Cannot translate the file: internal error "
                             f"({type(exc).__name__}); the server log has the details.")
            else:
                job.url, job.untranslated = url_for(answer.body), list(answer.untranslated)
            self.jobs.finish(job, FAILED if job.error else DONE)

        task = asyncio.get_running_loop().create_task(run())
        self._tasks.add(task)  # keep a reference until it ends
        task.add_done_callback(self._tasks.discard)
        return job

    def close(self) -> None:
        """Cancel the file jobs' work, delete the stored files (the dispatcher is the caller's)."""
        self.jobs.close()
        self.store.close()
