"""The FastAPI application: LibreTranslate's endpoints, fields, answers and error shapes.

``POST /translate``, ``POST /detect``, ``GET /languages``, ``POST /translate_file`` (and
``GET /download_file/<name>`` for its result; ``GET /jobs/<id>`` for an ``async=true`` one),
``POST /suggest``, ``GET /frontend/settings``, ``GET /health``.
Bodies may be JSON or forms (urlencoded or multipart), as LibreTranslate takes them.
Every error is ``{"error": "..."}`` with 400, 403, 404, 413, 429 or 500, never a
traceback. OpenAPI documentation: ``/docs`` (``/openapi.json``, also ``/spec`` like
LibreTranslate).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.cors import CORSMiddleware

from translator import __version__
from translator.api.config import ApiConfig
from translator.api.protection import ApiError, ASGIApp, BodyLimit, RateLimiter, check_key
from translator.api.schema import (
    ERRORS,
    TEXT_FIELDS,
    DetectedLanguage,
    ErrorResponse,
    FileTranslation,
    JobAccepted,
    JobStatus,
    Language,
    SuggestResponse,
    TranslateResponse,
    body,
)
from translator.api.service import (
    WARNING_HEADER,
    Answer,
    ApiService,
    ClientGone,
    check_pair,
    missing,
    parse_translate,
)
from translator.api.suggest import DISABLED, parse_suggest
from translator.errors import InvalidInputError, TranslatorError
from translator.serving.dispatch import Dispatcher

logger = logging.getLogger(__name__)

#: The API's paths (the web page mounted beside it keeps its own limits and CORS policy).
API_PATHS = frozenset({"/translate", "/detect", "/languages", "/translate_file", "/suggest",
                       "/frontend/settings", "/health", "/spec", "/docs", "/openapi.json"})
#: Swagger UI's own files, served from the fastapi-offline package (no CDN: works offline).
DOCS_STATIC = "/docs-static"


def is_api_path(path: str) -> bool:
    """True for the API's own paths."""
    return (path in API_PATHS or path.startswith(("/download_file/", "/jobs/"))
            or path.startswith(DOCS_STATIC + "/"))


def _fastapi(**options: Any) -> FastAPI:
    """A FastAPI app whose /docs page works offline when fastapi-offline is installed."""
    try:
        from fastapi_offline import FastAPIOffline
    except ImportError:  # the docs page then loads Swagger UI from a CDN
        return FastAPI(docs_url="/docs", **options)
    return FastAPIOffline(docs_url="/docs", static_url=DOCS_STATIC, **options)


# -- middleware ------------------------------------------------------------------------

class ApiCors:
    """CORS open to every origin, as LibreTranslate's, for the API's paths only."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.cors = CORSMiddleware(
            app, allow_origins=["*"], allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
            expose_headers=[WARNING_HEADER], max_age=86400,
        )

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        """Route API requests through the CORS middleware, others straight on."""
        if scope["type"] == "http" and is_api_path(scope.get("path", "")):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)


# -- helpers ---------------------------------------------------------------------------

async def _params(request: Request) -> dict[str, Any]:
    """The request's fields: a JSON object, or the form (plus the query string)."""
    params: dict[str, Any] = dict(request.query_params)
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("application/json"):
        try:
            data = json.loads(await request.body() or b"null")
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise ApiError(400, "Invalid JSON format")
        params.update(data)
    elif request.method == "POST":
        form = await request.form()
        params.update({key: form.get(key) for key in form.keys()})
    return params


def _respond(answer: Answer) -> JSONResponse:
    headers = {WARNING_HEADER: answer.warning} if answer.warning else None
    return JSONResponse(answer.body, headers=headers)


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def create_app(dispatcher: Dispatcher, config: ApiConfig | None = None) -> FastAPI:
    """The API application around a shared dispatcher.

    The app's :class:`~translator.api.service.ApiService` is ``app.state.service``; call
    its ``close()`` when the server stops (the dispatcher belongs to the caller).

    Args:
        dispatcher: The dispatcher of the one loaded translator.
        config: Limits and keys (defaults: see :class:`ApiConfig`).
    """
    config = config or ApiConfig()
    service = ApiService(dispatcher, config)
    limiter = RateLimiter()
    app = _fastapi(
        title="indo-translator: LibreTranslate-compatible API",
        version=__version__,
        description="Indonesian to English translation with LibreTranslate's endpoints: "
                    "any LibreTranslate client works unchanged. Layout is kept, nothing is "
                    "truncated, and concurrent requests share model batches.",
        redoc_url=None, openapi_url="/openapi.json",
    )
    app.state.service = service
    app.add_middleware(BodyLimit, max_bytes=config.body_limit, applies=is_api_path)
    app.add_middleware(ApiCors)

    def guard(request: Request, params: dict[str, Any], cost: int = 1) -> str | None:
        key = params.get("api_key")
        key = key if isinstance(key, str) and key else None
        check_key(config, key)
        host = request.client.host if request.client else "unknown"
        client = f"key:{key}" if key and config.api_keys else f"address:{host}"
        limiter.hit(client, config.req_limit_for(key), cost)
        return key

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(400, f"Invalid request: {exc.errors()[0].get('msg', 'bad parameter')}")

    @app.exception_handler(TranslatorError)
    async def translator_error(request: Request, exc: TranslatorError) -> JSONResponse:
        status = 400 if isinstance(exc, InvalidInputError) else 500
        return _error(status, str(exc))

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.error("unexpected error on %s", request.url.path, exc_info=exc)
        return _error(500, f"Cannot translate text: internal error ({type(exc).__name__}); "
                           "the server log has the details.")

    @app.post("/translate", response_model=TranslateResponse, responses=ERRORS,
              tags=["translate"], summary="Translate text",
              openapi_extra=body(TEXT_FIELDS, ["q", "source", "target"]))
    async def translate(request: Request) -> Response:
        """Translate text (a string or a list) from Indonesian (or auto) into English.

        A response header ``X-Translator-Warning`` says when ``source=id`` text does not
        look Indonesian (it is translated anyway).
        """
        params = await _params(request)
        q = params.get("q")
        key = guard(request, params, cost=max(1, len(q)) if isinstance(q, list) else 1)
        checked = parse_translate(params, char_limit=config.char_limit_for(key),
                                  alternatives_limit=config.alternatives_limit,
                                  batch_limit=config.batch_limit)
        try:
            answer = await service.translate(checked, gone=request.is_disconnected)
        except ClientGone:
            return Response(status_code=499)
        return _respond(answer)

    @app.post("/detect", response_model=list[DetectedLanguage], responses=ERRORS,
              tags=["translate"], summary="Detect the language of text",
              openapi_extra=body({"q": TEXT_FIELDS["q"], "api_key": TEXT_FIELDS["api_key"]},
                                  ["q"]))
    async def detect(request: Request) -> Response:
        """The most likely languages, best first (Malay counts as Indonesian)."""
        params = await _params(request)
        guard(request, params)
        return JSONResponse(await service.detect(params.get("q")))

    @app.get("/languages", response_model=list[Language], tags=["translate"],
             summary="Supported languages")
    async def languages() -> Response:
        """Indonesian, translated into English."""
        return JSONResponse(service.languages())

    @app.post("/translate_file", response_model=FileTranslation,
              responses={**ERRORS, 202: {"model": JobAccepted, "description": "async=true"}},
              tags=["translate"], summary="Translate a file",
              openapi_extra=body({
                  "file": {"type": "string", "format": "binary"},
                  "source": TEXT_FIELDS["source"], "target": TEXT_FIELDS["target"],
                  "api_key": TEXT_FIELDS["api_key"],
                  "async": {"type": "boolean", "default": False,
                            "description": "true: answer at once (202, {job: ID}); follow "
                                           "the job at GET /jobs/ID"},
              }, ["file", "source", "target"], multipart=True))
    async def translate_file(request: Request) -> Response:
        """Translate a document file, keeping its format; download it from the URL given.

        Every document format is taken (txt, md, html, docx, pptx, xlsx, odt, odp, ods, epub,
        pdf, srt). The extra field ``untranslated`` names what the format left as it was.
        With ``async=true`` the answer comes at once: HTTP 202 ``{"job": ID}``.
        """
        params = await _params(request)
        key = guard(request, params)
        upload = params.get("file")
        if not isinstance(upload, UploadFile):
            raise missing("file")
        if not upload.filename:
            raise ApiError(400, "Invalid request: empty file")
        source = check_pair(params.get("source"), params.get("target"))
        data = await upload.read()
        if str(params.get("async") or "").strip().lower() in ("true", "1", "yes", "on"):
            base = str(request.url_for("download_file", filename="x"))[:-1]
            job = service.start_file_job(upload.filename, data, source=source,
                                         char_limit=config.char_limit_for(key),
                                         url_for=lambda stored: base + stored)
            return JSONResponse({"job": job.id}, status_code=202)
        try:
            answer = await service.translate_file(
                upload.filename, data, source=source, char_limit=config.char_limit_for(key),
                gone=request.is_disconnected,
            )
        except ClientGone:
            return Response(status_code=499)
        url = str(request.url_for("download_file", filename=answer.body))
        return _respond(Answer({"translatedFileUrl": url,
                                "untranslated": list(answer.untranslated)}, answer.warning))

    @app.get("/jobs/{job_id}", response_model=JobStatus, tags=["translate"],
             summary="An asynchronous file translation",
             responses={404: {"model": ErrorResponse}})
    async def job_status(job_id: str) -> Response:
        """Status and progress of ``/translate_file`` with ``async=true``."""
        job = service.jobs.get(job_id)
        if job is None:
            minutes = round(config.file_ttl / 60)
            raise ApiError(404, f"Unknown job {job_id[:40]!r}: finished jobs are kept for "
                                f"{minutes} minutes. Translate the file again.")
        return JSONResponse(job.to_dict())

    @app.get("/download_file/{filename}", tags=["translate"], summary="Download a file",
             responses={404: {"model": ErrorResponse}})
    async def download_file(filename: str) -> Response:
        """A file translated by ``/translate_file``."""
        path = service.store.path(filename)
        if path is None:
            minutes = round(config.file_ttl / 60)
            raise ApiError(404, f"File not found: translated files are kept for {minutes} "
                                "minutes. Translate it again.")
        return FileResponse(path, filename=service.store.download_name(filename))

    @app.get("/frontend/settings", tags=["misc"], summary="Frontend settings")
    async def frontend_settings() -> Response:
        """Limits and languages, for web frontends."""
        return JSONResponse(service.frontend_settings())

    @app.post("/suggest", response_model=SuggestResponse, tags=["feedback"],
              summary="Suggest a better translation", responses=ERRORS,
              openapi_extra=body({
                  "q": {"type": "string", "description": "The original text"},
                  "s": {"type": "string", "description": "The better translation"},
                  "source": TEXT_FIELDS["source"], "target": TEXT_FIELDS["target"],
                  "api_key": TEXT_FIELDS["api_key"]}, ["q", "s", "source", "target"]))
    async def suggest(request: Request) -> Response:
        """Store a better translation in the server's translation memory.

        The next ``/translate`` of ``q`` answers ``s``. Without a memory (``--memory``) the
        answer is 403, as LibreTranslate's when suggestions are disabled.
        """
        params = await _params(request)
        key = guard(request, params)
        if not service.suggestions:
            raise ApiError(403, DISABLED)
        q, s = parse_suggest(params, char_limit=config.char_limit_for(key))
        await service.suggest(q, s)
        return JSONResponse({"success": True})

    @app.get("/health", tags=["misc"], summary="Health check")
    async def health() -> Response:
        """``{"status": "ok"}``."""
        return JSONResponse({"status": "ok"})

    @app.get("/spec", include_in_schema=False)
    async def spec() -> Response:
        return JSONResponse(app.openapi())

    return app
