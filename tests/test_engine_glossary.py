"""The glossary in the engine: n-best choice, re-decoding with the term, flags, cache keys."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.fakes import ScriptedBackend
from translator import Translator
from translator.errors import GlossaryError
from translator.results import TermUse

BPS = {"Badan Pusat Statistik": "Statistics Indonesia"}
SOURCE = "Badan Pusat Statistik merilis data."


def _translator(backend: ScriptedBackend, **options) -> Translator:  # noqa: ANN003
    return Translator.from_backend(backend, model="scripted", checks=False, **options)


def test_an_alternative_holding_the_term_wins_over_the_best() -> None:
    backend = ScriptedBackend({SOURCE: [
        ("The Central Statistics Agency released data.", -0.2),
        ("The BPS released data.", -0.3),
        ("Statistics Indonesia released data.", -0.4),
    ]})
    t = _translator(backend, glossary=BPS)
    sentence = t.translate_document(SOURCE).paragraphs[0].sentences[0]
    assert sentence.translation == "Statistics Indonesia released data."
    assert sentence.flags == () and sentence.score == -0.4
    assert sentence.terms == (TermUse("Badan Pusat Statistik", "Statistics Indonesia", True),)
    assert backend.options[0].alternatives >= 4
    assert backend.inputs == [SOURCE]  # no second decoding
    # Alternatives asked for never repeat the chosen text.
    alts = t.translate_document(SOURCE, alternatives=2).paragraphs[0].sentences[0].alternatives
    assert alts == ("The Central Statistics Agency released data.", "The BPS released data.")


def test_an_injected_term_survives_the_redecoding() -> None:
    backend = ScriptedBackend({
        SOURCE: [("The Central Statistics Agency released data.", -0.2)],
        "Statistics Indonesia merilis data.": [("statistics indonesia released data.", -0.5)],
    })
    t = _translator(backend, glossary=BPS)
    sentence = t.translate_document(SOURCE).paragraphs[0].sentences[0]
    assert sentence.translation == "Statistics Indonesia released data."
    assert sentence.flags == () and sentence.score == -0.5
    assert backend.inputs == [SOURCE, "Statistics Indonesia merilis data."]
    assert sentence.terms[0].applied


def test_a_term_the_model_never_writes_is_flagged_with_its_reason() -> None:
    backend = ScriptedBackend({
        SOURCE: [("The Central Statistics Agency released data.", -0.2)],
        "Statistics Indonesia merilis data.": [("The agency released data.", -0.5)],
    })
    t = _translator(backend, glossary=BPS, keep=["BRIN"])
    doc = t.translate_document(f"{SOURCE} BRIN setuju. Dia setuju.")
    first, second, third = doc.paragraphs[0].sentences
    assert first.translation == "The Central Statistics Agency released data."
    assert first.flags == ("glossary",)
    assert first.reasons == ('glossary: "Badan Pusat Statistik" should be "Statistics Indonesia"',)
    assert first.terms == (TermUse("Badan Pusat Statistik", "Statistics Indonesia", False),)
    assert first.score == -0.2
    assert second.translation == "BRIN SETUJU." and second.flags == ()  # kept verbatim
    assert second.terms == (TermUse("BRIN", "BRIN", True),)
    assert third.flags == () and third.terms == ()
    # A sentence without terms is decoded as usual, without extra alternatives.
    plain = [o for o, b in zip(backend.options, backend.batches) if "Dia setuju." in b]
    assert plain and plain[0].alternatives == 0


def test_a_keep_term_the_model_changed_is_flagged() -> None:
    backend = ScriptedBackend({"BRIN setuju.": [("Brin agreed.", -0.1)]})
    t = _translator(backend, keep=["BRIN"])
    sentence = t.translate_document("BRIN setuju.").paragraphs[0].sentences[0]
    assert sentence.flags == ("glossary",)
    assert sentence.reasons == ('glossary: "BRIN" should stay "BRIN"',)


def test_the_cache_key_holds_the_terms(tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite3"
    script = {SOURCE: [("The Central Statistics Agency released data.", -0.2),
                       ("Statistics Indonesia released data.", -0.4),
                       ("The BPS released data.", -0.6)]}
    plain = _translator(ScriptedBackend(script), cache=cache)
    assert plain.translate(SOURCE) == "The Central Statistics Agency released data."
    backend = ScriptedBackend(script)
    with_terms = _translator(backend, cache=cache, glossary=BPS)
    assert with_terms.translate(SOURCE) == "Statistics Indonesia released data."
    other = _translator(ScriptedBackend(script), cache=cache,
                        glossary={"Badan Pusat Statistik": "BPS"})
    assert other.translate(SOURCE) == "The BPS released data."
    again = ScriptedBackend(script)
    cached = _translator(again, cache=cache, glossary=BPS).translate_document(SOURCE)
    sentence = cached.paragraphs[0].sentences[0]
    assert again.inputs == [] and sentence.translation == "Statistics Indonesia released data."
    assert sentence.score == -0.4 and sentence.terms[0].applied


def test_a_per_call_glossary_merges_with_the_translators() -> None:
    backend = ScriptedBackend({"Menteri BUMN datang.": [("The BUMN minister came.", -0.1),
                                                        ("The SOE minister came.", -0.2)]})
    t = _translator(backend, glossary=BPS)
    variant = t.with_options(glossary={"BUMN": "SOE"})
    assert variant.glossary is not None and len(variant.glossary) == 2
    assert t.glossary is not None and len(t.glossary) == 1
    assert variant.translate("Menteri BUMN datang.") == "The SOE minister came."
    assert t.translate("Menteri BUMN datang.") == "The BUMN minister came."
    assert t.with_options(glossary={"BUMN": "SOE"}) is variant
    assert t.with_options(keep=["BUMN"]).glossary.get("BUMN").keep  # type: ignore[union-attr]


def test_terms_are_not_matched_inside_protected_spans() -> None:
    backend = ScriptedBackend()
    t = _translator(backend, glossary={"data": "figures"})
    sentence = t.translate_document("Lihat https://bps.go.id/data sekarang.").paragraphs[0]
    assert sentence.sentences[0].terms == () and sentence.sentences[0].flags == ()


def test_a_bad_glossary_fails_before_any_model_loads(tmp_path: Path) -> None:
    bad = tmp_path / "terms.tsv"
    bad.write_text("source\ttarget\nBPS\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="terms.tsv, line 2"):
        Translator(tmp_path / "no-such-model", glossary=bad)
    with pytest.raises(GlossaryError, match="no such file"):
        Translator(tmp_path / "no-such-model", glossary=tmp_path / "none.tsv")
    with pytest.raises(GlossaryError):
        _translator(ScriptedBackend(), glossary={"BPS": ""})


def test_the_guarantee_over_real_sentences_with_a_tiny_model(shared_dir, tiny_model_dir) -> None:  # noqa: ANN001
    from translator.backends import create_backend

    treebank = shared_dir / "data" / "ud-id-dev" / "id_gsd-ud-dev.conllu"
    if not treebank.exists():
        pytest.skip("no treebank")
    sentences = [line[9:] for line in treebank.read_text(encoding="utf-8").splitlines()
                 if line.startswith("# text = ")][:200]
    glossary = {"pemerintah": "government", "Indonesia": "Indonesia", "tahun": "year",
                "presiden": "president", "kota": "city", "Jakarta": "Jakarta", "dan": "and"}
    backend = create_backend("transformers", tiny_model_dir, device="cpu")
    # Random weights never stop on their own: a few output tokens keep this quick.
    t = Translator.from_backend(backend, checks=False, glossary=glossary, keep=["BRIN"],
                                beam_size=1, fixed_output_tokens=4)
    docs = t.translate_batch(sentences)
    with_terms = 0
    for doc in docs:
        for paragraph in doc.paragraphs:
            for s in paragraph.sentences:
                if not s.terms:
                    assert "glossary" not in s.flags, s
                    continue
                with_terms += 1
                missing = [u for u in s.terms if not u.applied]
                assert bool(missing) == ("glossary" in s.flags), s
                for use in s.terms:
                    keep = use.source.lower() == use.target.lower()
                    held = re.search(rf"(?<!\w){re.escape(use.target)}", s.translation,
                                     0 if keep else re.I)
                    if use.applied:
                        assert held, (use, s.translation)
                for use in missing:
                    keep = use.source.lower() == use.target.lower()
                    named = use.target if keep else use.source
                    assert f'"{named}" should' in s.reasons[s.flags.index("glossary")]
    assert with_terms > 100


def test_per_call_glossaries_do_not_pile_up() -> None:
    t = _translator(ScriptedBackend(), glossary=BPS)
    for i in range(100):
        t.with_options(glossary={f"kata{i}": f"word{i}"})
    assert len(t._variants) <= 32
    assert t.with_options() is t
