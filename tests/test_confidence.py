"""Confidence: the model's score on every sentence, and the low-confidence flag."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from tests.fakes import ScriptedBackend
from translator import Translator
from translator.cli import main
from translator.engine.cache import TranslationCache
from translator.engine.resources import DEFAULT_MIN_CONFIDENCE
from translator.errors import InvalidOptionError


def _translator(backend: ScriptedBackend, **options) -> Translator:  # noqa: ANN003
    return Translator.from_backend(backend, model="scripted", **options)


def test_a_score_becomes_score_and_confidence_and_a_low_one_is_flagged() -> None:
    backend = ScriptedBackend({"Dia datang.": [("He came.", -0.1)],
                               "Xyz qwe.": [("Xyz qwe.", math.log(0.21))]})
    t = _translator(backend, min_confidence=0.35)
    assert t.min_confidence == 0.35
    sure, unsure = t.translate_document("Dia datang. Xyz qwe.").paragraphs[0].sentences
    assert sure.score == -0.1 and sure.confidence == pytest.approx(math.exp(-0.1))
    assert "low-confidence" not in sure.flags
    assert unsure.confidence == pytest.approx(0.21)
    assert unsure.flags[-1] == "low-confidence"
    assert unsure.reasons[-1] == "low-confidence: confidence 0.21 is below 0.35"


def test_the_threshold_can_be_switched_off() -> None:
    script = {"Xyz qwe.": [("Xyz qwe.", math.log(0.05))]}
    for t in (_translator(ScriptedBackend(script), min_confidence=None),
              _translator(ScriptedBackend(script), checks=False)):
        sentence = t.translate_document("Xyz qwe.").paragraphs[0].sentences[0]
        assert sentence.confidence == pytest.approx(0.05)
        assert "low-confidence" not in sentence.flags
    default = _translator(ScriptedBackend(script))
    assert default.min_confidence == DEFAULT_MIN_CONFIDENCE == 0.30
    assert "low-confidence" in default.translate_document("Xyz qwe.").paragraphs[0].flags


def test_no_score_means_no_confidence_and_no_flag() -> None:
    t = _translator(ScriptedBackend(default_score=None))
    sentence = t.translate_document("Dia datang.").paragraphs[0].sentences[0]
    assert sentence.score is None and sentence.confidence is None
    assert "low-confidence" not in sentence.flags


def test_a_sentence_cut_into_pieces_gets_the_token_weighted_mean() -> None:
    class ByLength(ScriptedBackend):
        def translate_batch(self, texts, options, *, limits=None):  # noqa: ANN001, ANN201
            for text in texts:
                words = len(text.split())
                self.script[text] = [(" ".join(["w"] * words), -0.1 * words)]
            return super().translate_batch(texts, options, limits=limits)

    backend = ByLength()
    source = ("Pemerintah kota menyiapkan anggaran besar, warga desa membersihkan sungai, "
              "dan mahasiswa menggelar diskusi panjang tentang energi.")
    t = _translator(backend, max_input_tokens=8, checks=False)
    sentence = t.translate_document(source).paragraphs[0].sentences[0]
    assert len(backend.inputs) > 1  # it was cut
    weights = [len(p.split()) + 1 for p in backend.inputs]  # output tokens + end of sentence
    scores = [-0.1 * len(p.split()) for p in backend.inputs]
    expected = sum(s * w for s, w in zip(scores, weights)) / sum(weights)
    assert sentence.score == pytest.approx(expected)


def test_the_cache_keeps_the_score(tmp_path: Path) -> None:
    cache = tmp_path / "cache.sqlite3"
    script = {"Dia datang.": [("He came.", -0.25)]}
    _translator(ScriptedBackend(script), cache=cache).translate("Dia datang.")
    again = ScriptedBackend(script)
    sentence = _translator(again, cache=cache).translate_document(
        "Dia datang.").paragraphs[0].sentences[0]
    assert again.inputs == [] and sentence.score == -0.25


def test_old_cache_entries_still_read(tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "db.sqlite3")
    cache.put_many("s", {"a": ("A", ("truncated",)), "b": ("B", (), -0.5)})
    assert cache.get_many("s", ["a", "b"]) == {"a": ("A", ("truncated",), None, ()),
                                              "b": ("B", (), -0.5, ())}


def test_a_bad_threshold_is_an_option_error() -> None:
    for value in (1.5, -0.1, "0.3", True):
        with pytest.raises(InvalidOptionError, match="min_confidence"):
            _translator(ScriptedBackend(), min_confidence=value)


# -- the command line ---------------------------------------------------------------------


@pytest.fixture
def scripted_cli(monkeypatch: pytest.MonkeyPatch) -> ScriptedBackend:
    from translator.cli import translate as command

    backend = ScriptedBackend({"Xyz qwe.": [("Xyz qwe.", math.log(0.2))],
                               "Badan Pusat Statistik merilis data.": [
                                   ("The agency released data.", -0.1),
                                   ("Statistics Indonesia released data.", -0.2)]})
    monkeypatch.setattr(command, "_make_translator", lambda args: Translator.from_backend(
        backend, model="scripted", **args.review))
    return backend


def test_cli_json_carries_origin_suggestions_score_confidence_terms(
    scripted_cli: ScriptedBackend, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("source\ttarget\nBadan Pusat Statistik\tStatistics Indonesia\n",
                        encoding="utf-8")
    tm = tmp_path / "tm.tsv"
    tm.write_text("Apa kabar?\tHow are you?\nHarga beras naik lima persen di pasar induk.\t"
                  "Rice rose five percent.\n", encoding="utf-8")
    text = ("Apa kabar? Badan Pusat Statistik merilis data. Xyz qwe. "
            "Harga beras naik lima persen di pasar kota.")
    code = main(["translate", "--no-cache", "-q", "--json", "--memory", str(tm),
                 "--memory", str(tmp_path / "new.tmx"), "--glossary", str(glossary),
                 "--keep", "BRIN", "--min-confidence", "0.25", text])
    assert code == 0
    sentences = json.loads(capsys.readouterr().out)["paragraphs"][0]["sentences"]
    memo, term, low, near = sentences
    assert (memo["origin"], memo["translation"], memo["score"]) == ("memory", "How are you?",
                                                                   None)
    assert term["origin"] == "model" and term["translation"].startswith("Statistics Indonesia")
    assert term["terms"] == [{"source": "Badan Pusat Statistik",
                              "target": "Statistics Indonesia", "applied": True}]
    assert term["score"] == -0.2 and term["confidence"] == pytest.approx(math.exp(-0.2))
    assert "low-confidence" in low["flags"]
    assert "low-confidence: confidence 0.20 is below 0.25" in low["reasons"]
    assert "low-confidence" not in term["flags"] and "glossary" not in term["flags"]
    assert near["suggestions"][0]["target"] == "Rice rose five percent."
    assert set(near["suggestions"][0]) == {"source", "target", "score", "origin"}
    assert scripted_cli.inputs.count("Apa kabar?") == 0


@pytest.mark.parametrize("flag, content, expected", [
    ("--glossary", "source\ttarget\nBPS\n", "line 2"),
    ("--memory", "<tmx><body>", "not well-formed"),
])
def test_cli_bad_files_exit_2_before_any_model_loads(
    flag: str, content: str, expected: str, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = tmp_path / ("bad.tsv" if flag == "--glossary" else "bad.tmx")
    bad.write_text(content, encoding="utf-8")
    code = main(["translate", "--model", str(tmp_path / "no-such-model"), flag, str(bad),
                 "Halo."])
    err = capsys.readouterr().err
    assert code == 2 and expected in err and err.count("\n") == 1
    assert "no-such-model" not in err


def test_cli_min_confidence_is_checked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["translate", "--min-confidence", "high", "Halo."]) == 2
    assert "--min-confidence" in capsys.readouterr().err
