"""Translation memory in the engine: exact hits skip the model, near ones are suggestions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fakes import ScriptedBackend
from translator import Translator
from translator.errors import InvalidInputError, InvalidOptionError
from translator.memory import TranslationMemory


def _memory(*pairs: tuple[str, str]) -> TranslationMemory:
    memory = TranslationMemory()
    memory.add(list(pairs), "tm.tmx")
    return memory


def _translator(backend: ScriptedBackend, **options) -> Translator:  # noqa: ANN003
    return Translator.from_backend(backend, model="scripted", checks=False, **options)


def test_a_sentence_in_the_memory_skips_the_model() -> None:
    backend = ScriptedBackend()
    t = _translator(backend, memory=_memory(("Selamat  pagi.", "Good morning, friend.")))
    doc = t.translate_document("Selamat pagi. Apa kabar?")
    first, second = doc.paragraphs[0].sentences
    assert (first.translation, first.origin) == ("Good morning, friend.", "memory")
    assert first.score is None and first.confidence is None and first.flags == ()
    assert (second.translation, second.origin) == ("APA KABAR?", "model")
    assert backend.inputs == ["Apa kabar?"]
    assert doc.translation == "Good morning, friend. APA KABAR?"


def test_a_paragraph_in_the_memory_is_one_memory_sentence() -> None:
    backend = ScriptedBackend()
    t = _translator(backend, memory=_memory(("Selamat pagi.\nApa kabar?", "Hello! How are you?")))
    doc = t.translate_document("Judul\n\nSelamat pagi.   Apa kabar?")
    memo = doc.paragraphs[1]
    assert memo.translation == "Hello! How are you?"
    assert [(s.source, s.translation, s.origin) for s in memo.sentences] == [
        ("Selamat pagi.   Apa kabar?", "Hello! How are you?", "memory")]
    assert backend.inputs == ["Judul"]
    assert doc.translation == "JUDUL\n\nHello! How are you?"


def test_only_memory_hits_call_no_model_at_all() -> None:
    backend = ScriptedBackend()
    t = _translator(backend, memory=_memory(("Apa kabar?", "How are you?")))
    assert t.translate(["Apa kabar?", "Apa  kabar?"]) == ["How are you?", "How are you?"]
    assert backend.batches == []


def test_near_entries_are_suggestions_never_applied() -> None:
    backend = ScriptedBackend()
    source = "Harga beras naik lima persen pada bulan ini di pasar induk."
    near = "Harga beras naik lima persen pada bulan ini di pasar kota."
    t = _translator(backend, memory=_memory((source, "Rice prices rose five percent.")))
    sentence = t.translate_document(near).paragraphs[0].sentences[0]
    assert sentence.origin == "model" and sentence.translation == near.upper()
    assert sentence.suggestions and 0.75 <= sentence.suggestions[0].score < 1
    best = sentence.suggestions[0]
    assert (best.source, best.target, best.origin) == (
        source, "Rice prices rose five percent.", "tm.tmx")
    data = json.loads(t.translate_document(near).to_json())
    sent = data["paragraphs"][0]["sentences"][0]
    assert sent["origin"] == "model"
    assert sent["suggestions"][0] == {"source": source, "target": best.target,
                                      "score": best.score, "origin": "tm.tmx"}


def test_the_cache_never_hides_a_memory_entry(tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite3"
    tm = tmp_path / "new.tmx"
    backend = ScriptedBackend()
    t = _translator(backend, cache=cache, memory=tm)
    assert t.memory is not None and len(t.memory) == 0 and t.memory.paths == (tm,)
    assert t.translate("Apa kabar?") == "APA KABAR?"  # now cached
    signature = t.options_signature
    assert t.remember([("Apa kabar?", "How are you?")]) == 1
    assert tm.exists() and t.options_signature != signature
    assert t.translate("Apa kabar?") == "How are you?"
    again = ScriptedBackend()
    fresh = _translator(again, cache=cache, memory=tm)
    doc = fresh.translate_document("Apa kabar?")
    assert doc.translation == "How are you?" and doc.provenance.options_signature == \
        fresh.options_signature
    assert again.inputs == []


def test_remember_needs_a_memory_file() -> None:
    t = _translator(ScriptedBackend())
    with pytest.raises(InvalidOptionError, match="--memory|memory="):
        t.remember([("a", "b")])
    in_code = _translator(ScriptedBackend(), memory=_memory(("a", "b")))
    with pytest.raises(InvalidOptionError):
        in_code.remember([("c", "d")])


def test_a_broken_memory_fails_before_any_model_loads(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="bad.tmx"):
        Translator(tmp_path / "no-such-model", memory=bad)
    with pytest.raises(InvalidInputError, match="bad.tmx"):
        _translator(ScriptedBackend(), memory=[bad])


def test_memory_files_are_read_and_shared_by_variants(tmp_path: Path) -> None:
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("Apa kabar?\tHow are you?\n", encoding="utf-8")
    backend = ScriptedBackend()
    t = _translator(backend, memory=[tsv, tmp_path / "later.tmx"])
    variant = t.with_options(beam_size=2)
    assert variant.memory is t.memory
    assert variant.translate("Apa kabar?") == "How are you?"
    t.remember([("Terima kasih.", "Thank you.")])
    assert (tmp_path / "pairs.tsv").read_text(encoding="utf-8") == "Apa kabar?\tHow are you?\n"
    assert "Thank you." in (tmp_path / "later.tmx").read_text(encoding="utf-8")
    with pytest.raises(InvalidOptionError, match="TMX"):
        _translator(ScriptedBackend(), memory=tsv).remember([("a", "b")])


def test_a_paragraph_found_whole_is_told_apart_from_other_texts_of_a_shared_round() -> None:
    # The dispatcher's rounds hold paragraphs of several requests, all block 0 of their text:
    # a memory hit on one must not answer the others.
    from tests.fakes import FakeBackend
    from translator import Translator
    from translator.memory import TranslationMemory
    from translator.serving.dispatch import Dispatcher

    memory = TranslationMemory()
    memory.add([("Harga beras naik lima persen.", "Rice is up five percent.")], "tm")
    translator = Translator.from_backend(FakeBackend(), model="fake", checks=False, memory=memory)
    with Dispatcher(translator) as dispatcher:
        jobs = [dispatcher.submit(t) for t in ("Harga beras naik lima persen.", "Lain.")]
        assert [j.result().translation for j in jobs] == ["Rice is up five percent.", "LAIN."]
