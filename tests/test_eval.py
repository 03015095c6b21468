"""``translator eval`` and translator.integrations.evaluation: scores equal sacrebleu's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sacrebleu.metrics import BLEU, CHRF

from translator.cli import main
from translator.errors import InvalidInputError
from translator.integrations.evaluation import evaluate, group_documents

SOURCES = [
    "Harga beras naik 5 persen di pasar induk kota.",
    "Saya makan nasi goreng di rumah bersama keluarga besar.",
    "Pemerintah membangun jalan baru di desa itu tahun ini.",
    "Hujan turun sejak pagi sampai sore hari.",
    "Anak-anak bermain di taman dekat sekolah mereka.",
    "Kantor buka pukul 08.00 WIB setiap hari kerja.",
]
DOCS = ["a", "a", "b", "b", "b", "c"]
# The fake backend upper-cases: half the references are exactly its output.
REFS = [s.upper() if i % 2 == 0 else f"A different reference, number {i}." for i, s in
        enumerate(SOURCES)]


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    return path


def test_scores_equal_sacrebleu_called_directly(fake_translator):
    report = evaluate(fake_translator, SOURCES, REFS)
    hyps = [s.upper() for s in SOURCES]
    assert list(report.hypotheses) == hyps
    bleu, chrf = BLEU(), CHRF()
    assert report.lines.bleu == pytest.approx(bleu.corpus_score(hyps, [REFS]).score)
    assert report.lines.chrf == pytest.approx(chrf.corpus_score(hyps, [REFS]).score)
    assert 10 < report.lines.bleu < 90  # half the references match: a real number
    assert report.bleu_signature == str(bleu.get_signature())
    assert report.chrf_signature == str(chrf.get_signature())
    assert report.sentences == len(SOURCES) and report.source_words > 0
    assert report.seconds > 0


def test_article_and_line_scores_per_document(fake_translator):
    report = evaluate(fake_translator, SOURCES, REFS, doc_ids=DOCS)
    groups = group_documents(DOCS)
    assert groups == [[0, 1], [2, 3, 4], [5]]
    doc_refs = [" ".join(REFS[i] for i in g) for g in groups]
    joined = [" ".join(SOURCES[i].upper() for i in g) for g in groups]
    articles = [fake_translator.translate(" ".join(SOURCES[i] for i in g)) for g in groups]
    assert report.doc_lines.bleu == pytest.approx(BLEU().corpus_score(joined, [doc_refs]).score)
    assert report.doc_articles.chrf == pytest.approx(
        CHRF().corpus_score(articles, [doc_refs]).score)
    assert report.documents == 3 and report.doc_articles.segments == 3
    assert report.article_seconds is not None
    assert report.to_dict()["doc_articles"]["segments"] == 3


def test_misaligned_test_sets_are_refused(fake_translator):
    with pytest.raises(InvalidInputError, match="Fix:"):
        evaluate(fake_translator, ["a", "b"], ["a"])
    with pytest.raises(InvalidInputError, match="Fix:"):
        evaluate(fake_translator, ["a"], ["a"], doc_ids=["x", "y"])
    with pytest.raises(InvalidInputError, match="Fix:"):
        evaluate(fake_translator, [], [])


@pytest.mark.slow
def test_cli_end_to_end_on_the_tiny_model(tiny_model_dir, tmp_path, capsys):
    src = write(tmp_path / "test.id", SOURCES[:3])
    ref = write(tmp_path / "test.en", SOURCES[:3])  # shares characters with the tiny output
    docs = write(tmp_path / "test.docs", DOCS[:3])
    hyp = tmp_path / "hyp.en"
    common = ["--src", str(src), "--ref", str(ref), "--model", str(tiny_model_dir),
              "--backend", "transformers", "--device", "cpu", "--beam-size", "1"]
    assert main(["eval", *common, "--json", "-o", str(hyp)]) == 0
    report = json.loads(capsys.readouterr().out)  # one JSON object, nothing else on stdout
    hyps = hyp.read_text(encoding="utf-8").splitlines()
    refs = SOURCES[:3]
    bleu, chrf = BLEU(), CHRF()
    assert len(hyps) == 3
    assert report["lines"]["bleu"] == pytest.approx(bleu.corpus_score(hyps, [refs]).score)
    assert report["lines"]["chrf"] == pytest.approx(chrf.corpus_score(hyps, [refs]).score)
    assert report["lines"]["chrf"] > 0
    assert report["bleu_signature"] == str(bleu.get_signature())
    assert report["model"] == str(tiny_model_dir) and report["backend"] == "transformers"
    assert report["flagged_sentences"] <= report["sentences"]
    assert sum(report["flag_counts"].values()) >= report["flagged_sentences"]
    assert report["lines_per_second"] > 0 and report["documents"] == 0

    assert main(["eval", *common, "--docs", str(docs)]) == 0
    out = capsys.readouterr().out
    assert f"BLEU       {report['lines']['bleu']:.2f}  nrefs:1|" in out
    assert "chrF " in out and "flagged    " in out and "lines/s" in out
    assert "documents  2, scored per document:" in out
    assert "line by line  BLEU" in out and "as articles   BLEU" in out


def test_cli_usage_errors(tmp_path, capsys):
    write(tmp_path / "a.id", ["satu", "dua"])
    write(tmp_path / "a.en", ["one"])
    assert main(["eval", "--src", str(tmp_path / "a.id"), "--ref", str(tmp_path / "a.en")]) == 2
    assert "--src has 2 lines, --ref 1" in capsys.readouterr().err
    assert main(["eval", "--src", str(tmp_path / "nope"), "--ref", str(tmp_path / "a.en")]) == 2
    assert main(["eval", "--ref", str(tmp_path / "a.en")]) == 2
