"""The API's documentation models and request bodies (OpenAPI), kept apart from the routes."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class DetectedLanguage(BaseModel):
    """A detected language."""

    confidence: float = Field(description="Confidence in percent (0-100)", examples=[92.0])
    language: str = Field(description="Language code", examples=["id"])


class TranslateResponse(BaseModel):
    """A translation."""

    translatedText: str | list[str] = Field(description="Translated text(s)")  # noqa: N815
    alternatives: list[str] | list[list[str]] | None = Field(
        None, description="Alternative translations (when asked for)")
    detectedLanguage: DetectedLanguage | list[DetectedLanguage] | None = Field(  # noqa: N815
        None, description="Detected source language (source=auto)")
    confidence: float | None | list[float | None] = Field(
        None, description="Extra field (LibreTranslate clients ignore it): how sure the model "
                          "is of each text, in (0, 1]: its least confident sentence's "
                          "exp(mean log-probability per token); null when the model did not "
                          "translate it (translation memory) or cannot tell. A list for a "
                          "list q.")


class Language(BaseModel):
    """A supported language."""

    code: str
    name: str
    targets: list[str]


class FileTranslation(BaseModel):
    """Where to download a translated file."""

    translatedFileUrl: str  # noqa: N815
    untranslated: list[str] = Field(
        default_factory=list, description="Extra field: what the format could not translate "
                                          "and left as it was (chart, SmartArt, image...)")


class JobAccepted(BaseModel):
    """An asynchronous file translation was queued (``async=true``)."""

    job: str = Field(description="The job's id: GET /jobs/ID")


class JobStatus(BaseModel):
    """How far an asynchronous file translation has come."""

    status: str = Field(description="queued, running, done or failed")
    done: int = Field(description="Text units (paragraphs, cells...) translated so far")
    total: int = Field(description="Text units in the file (0 until it is parsed)")
    translatedFileUrl: str | None = Field(None, description="When done")  # noqa: N815
    untranslated: list[str] | None = Field(None, description="When done: what was not "
                                                             "translated")
    error: str | None = Field(None, description="When failed: why")


class SuggestResponse(BaseModel):
    """A stored suggestion."""

    success: bool


class ErrorResponse(BaseModel):
    """An error."""

    error: str


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "Invalid request"},
    403: {"model": ErrorResponse, "description": "Missing or invalid API key"},
    413: {"model": ErrorResponse, "description": "Request body too large"},
    429: {"model": ErrorResponse, "description": "Slow down: request limit reached"},
    500: {"model": ErrorResponse, "description": "Translation error"},
}

TEXT_FIELDS = {
    "q": {"oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
          "description": "Text(s) to translate", "example": "Harga beras naik lima persen."},
    "source": {"type": "string", "enum": ["id", "auto"], "example": "id",
               "description": "Source language code, or auto to detect it"},
    "target": {"type": "string", "enum": ["en"], "example": "en"},
    "format": {"type": "string", "enum": ["text", "html"], "default": "text"},
    "alternatives": {"type": "integer", "minimum": 0, "maximum": 3, "default": 0,
                     "description": "Number of alternative translations"},
    "api_key": {"type": "string", "description": "API key (when the server requires one)"},
}


def body(fields: dict[str, Any], required: list[str], *, multipart: bool = False) -> dict:
    """``openapi_extra`` for a request body of ``fields`` (JSON and form, or multipart)."""
    schema = {"type": "object", "properties": fields, "required": required}
    types = ["multipart/form-data"] if multipart else [
        "application/json", "application/x-www-form-urlencoded"]
    return {"requestBody": {"required": True,
                            "content": {t: {"schema": schema} for t in types}}}


