"""A LibreTranslate-compatible REST API, so existing LibreTranslate clients work unchanged.

``translator serve`` runs it alone; ``python app.py`` serves it beside the web page, from
one process and one loaded model. Requests go through the shared
:class:`~translator.serving.dispatch.Dispatcher`, so concurrent clients share model batches.

Modules (FastAPI and uvicorn are imported only by :mod:`~translator.api.routes` and
:mod:`~translator.api.server`, extra ``api``):
    config: The server's limits and API keys (:class:`ApiConfig`, the keys file).
    protection: API key check, per-key/per-address rate limit, request body size limit.
    review_options: The memory, glossary and confidence options of every interface (``--memory``,
        ``--glossary``, ``--keep``), read before the model loads; ``/suggest``'s store.
    service: What the endpoints do, without HTTP: languages, detection, translation of
        texts (with their ``confidence``), HTML and files, with cancellation when the client
        goes away.
    htmltext: ``format=html`` texts parsed and rebuilt by the html file format.
    suggest: ``/suggest``'s checks and messages.
    filejobs: Asynchronous file translations (``async=true``, ``GET /jobs/ID``), bounded.
    storage: Translated files kept for download for a while.
    schema: The OpenAPI documentation models and request bodies.
    routes: The FastAPI application: endpoints, LibreTranslate's error shapes, OpenAPI.
    server: ``translator serve``: load the model, run uvicorn.
"""

from __future__ import annotations

from translator.api.config import ApiConfig, KeyLimits, load_api_keys

__all__ = ["ApiConfig", "KeyLimits", "load_api_keys"]
