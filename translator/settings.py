"""Settings read from the environment: the one module that reads environment variables.

Every variable the package looks at is listed in :data:`ENVIRONMENT` (and in the README's
"Environment variables" table); each is read when it is needed, never at import, so a
test or a caller can change it at any time.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: Folder for downloaded and converted models.
MODELS_DIR_ENV = "INDO_TRANSLATOR_MODELS"
#: Folder of the sentence cache database.
CACHE_DIR_ENV = "INDO_TRANSLATOR_CACHE"
#: API keys file of the REST API (``translator serve`` / ``app.py`` ``--api-keys``).
API_KEYS_ENV = "INDO_TRANSLATOR_API_KEYS"

#: Variable -> what it does (the README table lists the same).
ENVIRONMENT: dict[str, str] = {
    MODELS_DIR_ENV: "folder for downloaded and converted models (default: models/ in a "
    "source checkout, else ./models)",
    CACHE_DIR_ENV: "folder of the sentence cache (default: the user cache directory)",
    API_KEYS_ENV: "API keys file of the REST API, as --api-keys FILE (the option wins)",
    "HF_HUB_OFFLINE": "1: never download; only local models are used "
    "(TRANSFORMERS_OFFLINE is honoured too)",
    "HF_ENDPOINT": "Hugging Face mirror to download from (default https://huggingface.co)",
    "XDG_CACHE_HOME": "Linux: base of the user cache directory (default ~/.cache)",
    "LOCALAPPDATA": "Windows: base of the user cache directory",
}

_TRUE = {"1", "true", "yes", "on"}


def models_dir() -> Path:
    """The folder for downloaded and converted models.

    ``$INDO_TRANSLATOR_MODELS`` when set; otherwise ``models/`` at the root of the source
    checkout this package runs from; otherwise ``./models``.
    """
    env = os.environ.get(MODELS_DIR_ENV)
    if env:
        return Path(env).expanduser()
    checkout = Path(__file__).resolve().parent.parent
    if (checkout / "pyproject.toml").is_file():
        return checkout / "models"
    return Path.cwd() / "models"


def cache_dir() -> Path:
    """The directory that holds the sentence cache database.

    ``$INDO_TRANSLATOR_CACHE``, else ``$XDG_CACHE_HOME/indo-translator``,
    ``~/Library/Caches/indo-translator`` on macOS, ``%LOCALAPPDATA%/indo-translator`` on
    Windows, ``~/.cache/indo-translator`` otherwise.
    """
    env = os.environ.get(CACHE_DIR_ENV)
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "indo-translator"


def api_keys_file() -> str | None:
    """The REST API's keys file from ``$INDO_TRANSLATOR_API_KEYS`` (None when unset)."""
    return os.environ.get(API_KEYS_ENV) or None


def offline() -> bool:
    """True when downloads are switched off (``HF_HUB_OFFLINE`` or ``TRANSFORMERS_OFFLINE``)."""
    value = os.environ.get("HF_HUB_OFFLINE", "") or os.environ.get("TRANSFORMERS_OFFLINE", "")
    return value.strip().lower() in _TRUE


def hub_endpoint() -> str:
    """The Hugging Face endpoint to download from (``HF_ENDPOINT``)."""
    return os.environ.get("HF_ENDPOINT") or "https://huggingface.co"
