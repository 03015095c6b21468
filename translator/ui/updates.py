"""One step of a streamed translation, as the page receives it."""

from __future__ import annotations

from dataclasses import dataclass

from translator.results import Document


@dataclass(frozen=True)
class StreamUpdate:
    """One step of a streamed translation.

    Attributes:
        translation: The translated paragraphs so far, in the source's layout.
        status: HTML status line (progress, result, hint or error).
        done: Sentences translated so far.
        total: Sentences in the text.
        document: The finished document (last update only).
        error: The error message, when the text could not be translated.
        heartbeat: Nothing new (sent while waiting, so a cancelled stream can be closed).
    """

    translation: str
    status: str
    done: int = 0
    total: int = 0
    document: Document | None = None
    error: str | None = None
    heartbeat: bool = False


#: Seconds a stream waits for news before it sends a heartbeat.
HEARTBEAT_S = 0.25
