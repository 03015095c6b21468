"""The offline language identifier (py3langid): detections, Malay folded in, verdicts."""

from __future__ import annotations

import pytest

from translator.text import langid

pytest.importorskip("py3langid")

ENGLISH = "The government announced on Monday that the price of rice will rise next month."
INDONESIAN = "Pemerintah mengumumkan pada hari Senin bahwa harga beras akan naik bulan depan."
MALAY = "Kerajaan Malaysia mengumumkan dasar baharu untuk rakyat pada hari ini."
FRENCH = "Le gouvernement a annoncé lundi que le prix du riz augmentera le mois prochain."


def test_detect_ranks_the_language_first_with_percent_confidence():
    english = langid.detect(ENGLISH)
    assert english[0].language == "en"
    assert 50 < english[0].confidence <= 100
    assert len(english) == 3
    assert [d.confidence for d in english] == sorted((d.confidence for d in english), reverse=True)
    assert langid.detect(INDONESIAN, top=1)[0].language == "id"
    assert langid.detect(FRENCH, top=1)[0].name == "French"


def test_malay_is_reported_as_indonesian():
    detections = langid.detect(MALAY)
    assert detections[0].language == "id"
    assert "ms" not in [d.language for d in detections]
    assert langid.is_indonesian(MALAY)


def test_verdict_flags_other_languages_only_when_clear():
    assert langid.is_indonesian(INDONESIAN)
    assert langid.not_indonesian(INDONESIAN) is None
    other = langid.not_indonesian(ENGLISH)
    assert other is not None and other.language == "en" and other.name == "English"
    assert langid.not_indonesian(FRENCH).language == "fr"
    # Too short to tell: benefit of the doubt.
    assert langid.is_indonesian("Hello")
    assert langid.is_indonesian("12.500 / 3")


def test_text_without_letters_is_undetected_like_libretranslate():
    assert langid.detect("12345 !!!") == [langid.Detection("en", 0.0)]
    assert langid.detect("") == [langid.Detection("en", 0.0)]


def test_long_text_looks_at_the_start_only():
    start = (INDONESIAN + " ") * (langid.MAX_CHARS // len(INDONESIAN) + 1)
    text = start + ENGLISH * 1000  # mostly English, but not in its first 10,000 characters
    assert langid.detect(text, top=1)[0].language == "id"
    assert langid.is_indonesian(text)


def test_rejects_non_text():
    with pytest.raises(TypeError):
        langid.detect(b"bytes")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [ENGLISH, INDONESIAN, MALAY, FRENCH, "Selamat pagi", "1234 ..."])
def test_identify_is_the_verdict_and_detects_indonesian_confidence(text: str):
    other, confidence = langid.identify(text)
    assert other == langid.not_indonesian(text)
    ranked = langid.detect(text, top=1000)
    assert confidence == next((d.confidence for d in ranked if d.language == "id"), 0.0)
