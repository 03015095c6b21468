"""Shared fixtures: tiny Marian models built on the fly, a fake backend, ../shared data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Bytecode is cached for this session's processes even where the environment turns caching
# off (PYTHONDONTWRITEBYTECODE=1, as in this project's machines): the suite starts ~40
# Python processes (workers, servers, CLI runs, Ray workers), and each would compile the
# package and re-rewrite the test modules again (a worker's collection: 8 s -> 4 s).
# __pycache__ is git-ignored.
if os.environ.pop("PYTHONDONTWRITEBYTECODE", None):
    sys.dont_write_bytecode = False

# pytest-xdist runs the suite in one worker per core: one thread each for torch (and the
# servers and CLI runs the tests start), or two workers x two threads fight over two cores.
if os.environ.get("PYTEST_XDIST_WORKER"):
    for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(_var, "1")

import pytest
from hypothesis import settings

from tests.fakes import FakeBackend
from tests.tiny_model import build_tiny_model

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"

# Property tests are deterministic by default (locally and in .ci/run alike): the same
# examples on every run, so a submission never fails on a search that happened to find
# something unrelated. The bigger random search is a separate, deliberate run:
#   python -m pytest tests/test_format_properties.py --hypothesis-profile=nightly
# Tests that set their own max_examples scale it with tests.checks.examples().
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("nightly", max_examples=3000, derandomize=False, print_blob=True)
settings.load_profile("ci")  # --hypothesis-profile=NAME (loaded after this) overrides it


@pytest.fixture(scope="session", autouse=True)
def _models_dir_in_tmp(tmp_path_factory: pytest.TempPathFactory):
    """Never write into the checkout's models/: converted models go to a temp folder."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("INDO_TRANSLATOR_MODELS", str(tmp_path_factory.mktemp("models")))
        yield


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random Marian model whose outputs depend on the input and often end early."""
    return build_tiny_model(tmp_path_factory.mktemp("tiny") / "model", eos_bias=2.0, init_std=0.5)


@pytest.fixture(scope="session")
def tiny_ct2_model_dir(tiny_model_dir: Path) -> Path:
    """The tiny model, converted for CTranslate2 once per session in the session's models
    folder: the servers, CLI runs and Ray actors that tests start load the conversion
    (the default backend) without importing torch."""
    from translator import Translator

    Translator(tiny_model_dir, backend="ctranslate2", device="cpu").close()
    return tiny_model_dir


@pytest.fixture(scope="session")
def looping_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random Marian model that never ends a sentence by itself."""
    return build_tiny_model(tmp_path_factory.mktemp("loop") / "model", eos_bias=-20.0)


@pytest.fixture(scope="session")
def tiny_translator(tiny_model_dir: Path):
    from translator import Translator

    # Random weights give random English: the text checks (tests/test_checks.py,
    # tests/test_flags_everywhere.py) would flag it, so mechanics tests run without them.
    return Translator(tiny_model_dir, backend="transformers", device="cpu", checks=False)


@pytest.fixture
def fake_backend() -> FakeBackend:
    return FakeBackend()


@pytest.fixture
def fake_translator(fake_backend: FakeBackend):
    from translator import Translator

    # Upper-casing the source is "untranslated" for the text checks: mechanics tests run
    # without them (tests/test_flags_everywhere.py turns them on).
    return Translator.from_backend(fake_backend, model="fake", checks=False)


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium for a module's page tests (tests/appserver.py), closed after it.

    Not shared by modules: Playwright's sync API keeps an event loop running in the thread
    while it is open, and later tests' ``asyncio.run`` would fail. Without a ``chromium`` on
    the PATH, every test that asks for a browser (or ``pages``) is skipped.
    """
    from tests.appserver import CHROMIUM, launch_chromium

    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (sudo apt-get install chromium)")
    with launch_chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def pages(browser):
    """Opens the app's pages for a module's page tests (``tests.appserver.Pages``)."""
    from tests.appserver import Pages

    opened = Pages(browser)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED


@pytest.fixture(scope="session")
def real_tokenizer_dir(shared_dir: Path) -> Path:
    path = shared_dir / "opus-mt-id-en"
    if not (path / "source.spm").is_file():
        pytest.skip("../shared/opus-mt-id-en is not present")
    return path


@pytest.fixture
def sample_article() -> str:
    return (DATA / "berita.id.txt").read_text(encoding="utf-8")
