"""Offline language identification: is this text Indonesian?

Built on `py3langid <https://pypi.org/project/py3langid/>`_, whose model (about 140
languages) ships inside the package: nothing is downloaded at run time. It is imported on
first use, so ``import translator`` stays light.

Malay and Indonesian share most of their vocabulary and py3langid confuses them on short
texts ("Selamat pagi" scores higher as Malay). The model translates both, so Malay counts as
Indonesian here: :func:`detect` reports Malay's probability under ``"id"``.

Confidences are percentages (0-100), as LibreTranslate's ``/detect`` gives them.

Example:
    >>> from translator.text import langid
    >>> langid.detect("The price of rice rose five percent.")[0]
    Detection(language='en', confidence=72.6)
    >>> langid.is_indonesian("Harga beras naik lima persen.")
    True
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from translator.errors import MissingDependencyError

#: The language the translator takes, and languages counted as it.
INDONESIAN = "id"
COMPATIBLE = frozenset({"id", "ms"})

#: Fewer letters than this and no verdict is given (a name, a number, "ok").
MIN_LETTERS = 10
#: A text is "clearly not Indonesian" when Indonesian (with Malay) scores below this share
#: and another language scores at least :data:`MIN_OTHER`.
MAX_INDONESIAN = 0.10
MIN_OTHER = 0.30
#: Only the start of a long text is looked at (the verdict does not change after that).
MAX_CHARS = 10_000

#: English names of the languages most often pasted by mistake (others show their code).
NAMES = {
    "id": "Indonesian", "ms": "Malay", "en": "English", "jv": "Javanese", "su": "Sundanese",
    "nl": "Dutch", "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese",
    "it": "Italian", "zh": "Chinese", "ja": "Japanese", "ko": "Korean", "ar": "Arabic",
    "ru": "Russian", "tl": "Tagalog", "vi": "Vietnamese", "th": "Thai", "hi": "Hindi",
    "tr": "Turkish", "pl": "Polish", "sv": "Swedish", "da": "Danish", "no": "Norwegian",
}

_LETTERS = re.compile(r"[^\W\d_]")
_lock = threading.Lock()
_identifier: Any = None


@dataclass(frozen=True)
class Detection:
    """One candidate language.

    Attributes:
        language: ISO 639-1 code ("id", "en", ...); Malay is reported as "id".
        confidence: Probability in percent, 0-100.
    """

    language: str
    confidence: float

    @property
    def name(self) -> str:
        """The language's English name (its code when the name is not known)."""
        return language_name(self.language)


def language_name(code: str) -> str:
    """English name of a language code ("en" -> "English"); the code itself if unknown."""
    return NAMES.get(code, code)


def _get_identifier() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            try:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier
            except ImportError as exc:
                raise MissingDependencyError(
                    "py3langid", "langid", "Language identification"
                ) from exc
            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return _identifier


def _ranking(text: str) -> list[tuple[str, float]]:
    """(language, probability 0-1) for every language, best first, Malay folded into id."""
    ranked = _get_identifier().rank(text[:MAX_CHARS])
    scores: dict[str, float] = {}
    for lang, prob in ranked:
        key = INDONESIAN if lang in COMPATIBLE else lang
        scores[key] = scores.get(key, 0.0) + float(prob)
    return sorted(scores.items(), key=lambda item: item[1], reverse=True)


def letters(text: str) -> int:
    """Number of letters in ``text`` (digits, punctuation and spaces not counted)."""
    return len(_LETTERS.findall(text[:MAX_CHARS]))


def detect(text: str, *, top: int = 3) -> list[Detection]:
    """The most likely languages of ``text``, best first.

    Args:
        text: Any text; only its first 10,000 characters are looked at.
        top: How many candidates to return.

    Returns:
        Up to ``top`` detections with confidences in percent. A text without letters gives
        ``[Detection("en", 0.0)]``, as LibreTranslate answers for text it cannot detect.

    Raises:
        MissingDependencyError: py3langid is not installed.
    """
    if not isinstance(text, str):
        raise TypeError(f"Expected a str, got {type(text).__name__}. Fix: pass the text.")
    if letters(text) == 0:
        return [Detection("en", 0.0)]
    return [
        Detection(lang, round(100 * prob, 1)) for lang, prob in _ranking(text)[: max(1, top)]
    ]


def not_indonesian(text: str) -> Detection | None:
    """The language ``text`` is clearly written in, when it is clearly not Indonesian.

    A short text (under :data:`MIN_LETTERS` letters) or one where Indonesian (or Malay)
    keeps a real share of the probability gets the benefit of the doubt: None.

    Returns:
        The detected other language (e.g. English at 97%), or None when the text is
        Indonesian, Malay, too short to tell, or unclear.
    """
    if letters(text) < MIN_LETTERS:
        return None
    return _other(_ranking(text))


def _other(ranking: list[tuple[str, float]]) -> Detection | None:
    """The verdict of :func:`not_indonesian` on a ranking from :func:`_ranking`."""
    indonesian = dict(ranking).get(INDONESIAN, 0.0)
    lang, prob = ranking[0]
    if lang != INDONESIAN and indonesian < MAX_INDONESIAN and prob >= MIN_OTHER:
        return Detection(lang, round(100 * prob, 1))
    return None


def identify(text: str) -> tuple[Detection | None, float]:
    """:func:`not_indonesian` and Indonesian's confidence, from one pass of the identifier.

    Returns:
        ``(not_indonesian(text), confidence)``, where ``confidence`` (percent) is what
        :func:`detect` gives Indonesian (0.0 when it is not ranked, or for a text without
        letters).

    Raises:
        MissingDependencyError: py3langid is not installed.
    """
    count = letters(text)
    if count == 0:
        return None, 0.0
    ranking = _ranking(text)
    other = _other(ranking) if count >= MIN_LETTERS else None
    return other, round(100 * dict(ranking).get(INDONESIAN, 0.0), 1)


def is_indonesian(text: str) -> bool:
    """False only when ``text`` is clearly in another language (see :func:`not_indonesian`)."""
    return not_indonesian(text) is None
