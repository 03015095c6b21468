"""The persistent sentence cache: hits, misses, scopes, two processes, engine integration."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakes import FakeBackend
from translator import Translator
from translator.engine.cache import TranslationCache, default_cache_dir
from translator.engine.identity import model_fingerprint

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _cache_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INDO_TRANSLATOR_CACHE", str(tmp_path / "user-cache"))


def fake(cache, **options) -> tuple[Translator, FakeBackend]:
    backend = FakeBackend()
    return Translator.from_backend(backend, model="fake", cache=cache, **options), backend


def sent(backend: FakeBackend) -> list[str]:
    return [text for batch in backend.batches for text in batch]


def test_nothing_is_created_until_used(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "c")
    assert not (tmp_path / "c").exists()
    assert cache.path == tmp_path / "c" / "translations.sqlite3"
    assert default_cache_dir() == tmp_path / "user-cache"


def test_second_run_is_all_hits_and_output_identical(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "c")
    text = "Saya suka buku. Dia membaca koran.\n\nKami pergi ke pasar."
    t1, b1 = fake(cache)
    first = t1.translate_document(text)
    assert sorted(sent(b1)) == sorted(["Saya suka buku.", "Dia membaca koran.",
                                       "Kami pergi ke pasar."])
    stats = cache.stats()
    assert (stats.hits, stats.misses, stats.stored, stats.entries) == (0, 3, 3, 3)

    t2, b2 = fake(TranslationCache(tmp_path / "c"))
    second = t2.translate_document(text)
    assert b2.batches == []
    assert second == first
    s2 = t2.cache.stats()
    assert (s2.hits, s2.misses, s2.total_hits, s2.total_misses) == (3, 0, 3, 3)


def test_edited_article_only_translates_changed_sentences(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "c")
    t, backend = fake(cache)
    t.translate("Satu dua tiga. Empat lima enam.\n\nTujuh delapan.")
    backend.batches.clear()
    out = t.translate("Satu dua tiga. Empat lima ENAM!\n\nTujuh delapan.")
    assert sent(backend) == ["Empat lima ENAM!"]
    assert out == "SATU DUA TIGA. EMPAT LIMA ENAM!\n\nTUJUH DELAPAN."


def test_flags_are_cached_with_translation(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "c")
    t, _ = fake(cache)
    first = t.translate_document("Ini STUCK sekali.")
    assert first.flags
    t2, b2 = fake(cache)
    assert t2.translate_document("Ini STUCK sekali.") == first and b2.batches == []


def test_scope_separates_models_and_options(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "c")
    fake(cache)[0].translate("Saya suka buku.")
    t, backend = fake(cache, beam_size=2)
    t.translate("Saya suka buku.")
    assert sent(backend) == ["Saya suka buku."]  # other beam size: not reused
    t = Translator.from_backend(backend := FakeBackend(), model="other", cache=cache)
    t.translate("Saya suka buku.")
    assert sent(backend) == ["Saya suka buku."]  # other model: not reused
    assert cache.stats().entries == 3


def test_cache_true_uses_env_dir_and_false_none(tmp_path: Path) -> None:
    t, _ = fake(True)
    assert t.cache.path == tmp_path / "user-cache" / "translations.sqlite3"
    assert fake(False)[0].cache is None and fake(False)[0].engine.cache is None


def test_clear(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "c")
    fake(cache)[0].translate(["Satu.", "Dua."])
    assert cache.clear() == 2
    assert cache.stats().entries == 0 and cache.stats().total_misses == 0


def test_model_fingerprint_tells_weights_apart(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for d, fill in ((a, b"x"), (b, b"y")):
        d.mkdir()
        (d / "config.json").write_text("{}")
        (d / "model.safetensors").write_bytes(fill * (3 << 20))
    assert model_fingerprint(a) != model_fingerprint(b)
    assert model_fingerprint(a) == model_fingerprint(a)


def test_two_processes_share_the_cache(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from translator.engine.cache import TranslationCache\n"
        "c = TranslationCache(sys.argv[1])\n"
        "for i in range(200):\n"
        "    c.put_many('s', {f'{sys.argv[2]}-{i}': ('x', ())})\n"
        "    c.get_many('s', [f'{sys.argv[2]}-{i}'])\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(tmp_path / "c"), name], cwd=REPO)
        for name in ("a", "b")
    ]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    stats = TranslationCache(tmp_path / "c").stats()
    assert stats.entries == 400 and stats.total_hits == 400


def test_tiny_model_cache_round_trip(tiny_model_dir: Path, tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "c")
    text = "Harga beras naik lima persen.\n\nKami akan datang besok pagi."
    t = Translator(tiny_model_dir, device="cpu", cache=cache)
    first = t.translate_document(text)
    again = Translator(tiny_model_dir, device="cpu", cache=cache).translate_document(text)
    assert again == first
    assert cache.stats().total_hits == 2


def test_alternatives_are_cached_with_their_translation(tmp_path) -> None:
    from tests.fakes import FakeBackend
    from translator import Translator

    backend = FakeBackend()
    calls: list[int] = []
    original = backend.translate_batch

    def counting(texts, options, **kw):
        calls.append(len(texts))
        return original(texts, options, **kw)

    backend.translate_batch = counting  # type: ignore[method-assign]
    translator = Translator.from_backend(backend, model="fake", checks=False,
                                         cache=tmp_path / "cache")
    first = translator.translate_document("Satu. Dua.", alternatives=2)
    assert calls and all(s.alternatives for s in first.sentences)
    calls.clear()
    again = translator.translate_document("Satu. Dua.", alternatives=2)
    assert calls == [] and again.sentences == first.sentences  # the same, from the cache
    plain = translator.translate_document("Satu. Dua.")  # its own scope: no alternatives
    assert all(not s.alternatives for s in plain.sentences)
