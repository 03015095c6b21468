"""The API of a server started without a model: every endpoint answers HTTP 503 in JSON.

``python app.py`` whose model failed to load still serves its page (which says why) and
mounts this in place of the REST API, so LibreTranslate clients get a JSON error saying how
to give the server a model, not the page's HTML 404.
"""

from __future__ import annotations

from typing import Any

from translator.api.routes import API_PATHS, ApiCors

#: How to give the server a model (the fix of every 503 answer).
MODEL_FIX = (
    "Fix: restart the server with a model it can load: `python app.py --model DIR` with a "
    "downloaded opus-mt-id-en folder, or run `translator download` (or point HF_ENDPOINT at "
    "a mirror) so that the default model is found in models/."
)


def create_unavailable_app(reason: str) -> Any:
    """A FastAPI app whose every API path answers 503 ``{"error": "..."}``.

    Args:
        reason: Why there is no model (the load error), said first in every answer.

    Returns:
        The ASGI app (CORS open on the API's paths, as the real API's); mount the page on it.
    """
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse

    reason = reason.split(" Fix:")[0].strip() or "No model is loaded."
    message = f"The translation server has no model: {reason} {MODEL_FIX}"
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    async def unavailable() -> JSONResponse:
        return JSONResponse({"error": message}, status_code=503)

    for path in [*sorted(API_PATHS), "/download_file/{filename:path}", "/jobs/{job_id:path}"]:
        app.add_api_route(path, unavailable, methods=["GET", "POST"], include_in_schema=False)
    app.add_middleware(ApiCors)
    return app
