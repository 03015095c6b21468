"""Engine mechanics with a deterministic fake backend: order, batching, flags, streaming."""

from __future__ import annotations

import re

import pytest

from translator import InvalidInputError, Translator
from translator.engine.decode import is_repetitive
from translator.results import REPETITION, TRUNCATED


def _nonspace(text: str) -> str:
    return re.sub(r"\s", "", text)


def test_str_and_list(fake_translator: Translator) -> None:
    assert fake_translator.translate("Saya pergi. Dia datang.") == "SAYA PERGI. DIA DATANG."
    assert fake_translator.translate(["satu.", "dua."]) == ["SATU.", "DUA."]
    assert fake_translator.translate(("satu.",)) == ["SATU."]


def test_generator_input_gives_lazy_iterator(fake_translator: Translator) -> None:
    consumed = []

    def docs():
        for i in range(3):
            consumed.append(i)
            yield f"dokumen {i}."

    out = fake_translator.translate(docs())
    assert consumed == []  # nothing read before the first result is asked for
    assert list(out) == ["DOKUMEN 0.", "DOKUMEN 1.", "DOKUMEN 2."]


def test_list_equals_each_alone_and_order_is_restored(fake_backend, fake_translator) -> None:
    docs = [
        "Kalimat pendek. "
        + "Kalimat yang jauh lebih panjang dari yang lain di sini. " * (i % 3)
        + f"Dokumen nomor {i}."
        for i in range(40)
    ]
    together = fake_translator.translate(docs)
    assert together == [fake_translator.translate(d) for d in docs]
    assert together == [d.upper().strip() for d in docs]


def test_all_documents_are_batched_together(fake_backend, fake_translator) -> None:
    docs = [f"Kalimat {i} satu. Kalimat {i} dua." for i in range(20)]
    fake_translator.translate(docs)
    sizes = [len(b) for b in fake_backend.batches]
    assert sum(sizes) == 40
    assert len(sizes) == 1  # 40 sentences fit one batch of 64


def test_batches_are_length_sorted_and_under_budget(fake_backend) -> None:
    translator = Translator.from_backend(fake_backend, max_batch_tokens=64, max_batch_size=8)
    text = " ".join(
        " ".join(f"kata{i}x{j}" for j in range(n)) + " akhir."
        for i, n in enumerate((1, 20, 3, 15, 2, 9, 30, 4) * 4)
    )
    translator.translate(text)
    longest = [max(len(s.split()) + 1 for s in b) for b in fake_backend.batches]
    assert longest == sorted(longest, reverse=True)
    for batch in fake_backend.batches:
        assert len(batch) <= 8
        assert len(batch) * max(len(s.split()) + 1 for s in batch) <= 64 or len(batch) == 1


def test_identical_sentences_are_translated_once(fake_backend, fake_translator) -> None:
    fake_translator.translate(["Sama saja.", "Sama saja.", "Sama saja. Beda."])
    sent = [s for b in fake_backend.batches for s in b]
    assert sorted(sent) == ["Beda.", "Sama saja."]


def test_document_alignment(fake_translator: Translator, sample_article: str) -> None:
    doc = fake_translator.translate_document(sample_article)
    assert doc.source == sample_article
    assert doc.backend == "fake" and doc.model == "fake"
    for para in doc.paragraphs:
        assert para.source in sample_article
        for sent in para.sentences:
            assert sent.source in para.source
            assert sent.flags == ()
    verbatim = [s for s in doc.sentences if s.source == "humas@bpbd.jakarta.go.id"]
    assert verbatim and verbatim[0].translation == "humas@bpbd.jakarta.go.id"
    pos = 0  # every sentence's source is in the article, in order
    for sent in doc.sentences:
        found = sample_article.find(sent.source, pos)
        assert found >= 0, sent.source
        pos = found + len(sent.source)
    assert doc.to_dict()["paragraphs"][0]["sentences"][0]["source"] == doc.sentences[0].source
    assert '"flags": []' in doc.to_json()


def test_layout_contract(fake_translator: Translator, sample_article: str) -> None:
    out = fake_translator.translate(sample_article)
    blank = re.compile(r"\n[ \t\xa0]*\n")
    assert blank.split(out).__len__() == blank.split(sample_article).__len__()
    # the blank-line skeleton is identical, character for character
    skeleton = lambda t: re.findall(r"(?:\n[ \t\xa0]*){2,}|\n?\Z", t)  # noqa: E731
    assert skeleton(out) == skeleton(sample_article)
    src_lines = sample_article.splitlines()
    out_lines = out.splitlines()
    for marker in ("- 500", "- 2.000", "  * TERMASUK", "1. POSKO", "2. DAPUR"):
        assert any(line.startswith(marker) for line in out_lines), marker
    for keep in ("humas@bpbd.jakarta.go.id", "021-5551234"):
        assert keep in src_lines and keep in out_lines
    # the hard-wrapped caption became one line, the photo credit stayed its own line
    assert "(FOTO: DOK. KABAR NUSANTARA)" in out_lines
    assert any(
        line.startswith("WARGA MENGUNGSI") and line.endswith("SORE HARI.") for line in out_lines
    )


@pytest.mark.parametrize("text", ["", " ", "\n\n", " \t\n  \n"])
def test_blank_input(fake_translator: Translator, text: str) -> None:
    assert fake_translator.translate(text) == text
    assert fake_translator.translate_document(text).paragraphs == ()
    assert fake_translator.translate(["a.", text, "b."]) == ["A.", text, "B."]


def test_bad_input_types(fake_translator: Translator) -> None:
    with pytest.raises(InvalidInputError, match="decode"):
        fake_translator.translate_document(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="str"):
        fake_translator.translate([1, 2])  # type: ignore[list-item]
    with pytest.raises(ValueError) as info:  # InvalidInputError is also a ValueError
        fake_translator.translate_document(3.5)  # type: ignore[arg-type]
    # Not text: a NotTextError, which is an InvalidInputError and a TypeError (issue 9, 15).
    assert isinstance(info.value, TypeError) and isinstance(info.value, InvalidInputError)


def test_control_characters_and_emoji(fake_translator: Translator) -> None:
    out = fake_translator.translate("Halo\x00 dunia 😀.\x07 Apa kabar?")
    assert "\x00" not in out and "😀" in out


def test_long_sentence_is_cut_and_fully_covered(fake_backend) -> None:
    translator = Translator.from_backend(fake_backend, max_input_tokens=50)
    words = [f"kata{i}" + ("," if i % 13 == 12 else "") for i in range(3000)]
    text = " ".join(words) + "."
    doc = translator.translate_document(text)
    assert len(doc.sentences) == 1
    sent_inputs = [s for b in fake_backend.batches for s in b]
    assert all(len(s.split()) + 1 <= 50 for s in sent_inputs)
    assert _nonspace(" ".join(sent_inputs)) == _nonspace(text)
    assert doc.translation == text.upper()


def test_output_limit_scales_with_input(fake_backend) -> None:
    translator = Translator.from_backend(fake_backend)
    assert translator.engine.output_limit(10) == 36
    assert translator.engine.output_limit(100) == 216
    assert translator.engine.output_limit(400) == 510  # capped by the model's positions


def test_truncated_output_is_flagged(fake_backend) -> None:
    translator = Translator.from_backend(fake_backend, fixed_output_tokens=2, checks=False)
    doc = translator.translate_document("satu dua tiga empat. Lima.")
    assert [s.flags for s in doc.sentences] == [(TRUNCATED,), (TRUNCATED,)]
    assert doc.flags == (TRUNCATED,)


def test_repetitive_source_is_not_a_loop(fake_backend, fake_translator) -> None:
    doc = fake_translator.translate_document("ha ha ha ha ha.")
    assert doc.sentences[0].flags == ()
    assert len(fake_backend.batches) == 1  # no retry


def test_repetition_loop_is_retried_then_flagged(fake_backend, fake_translator) -> None:
    doc = fake_translator.translate_document("Ada LOOP di sini. Ada STUCK di sana.")
    first, second = doc.sentences
    assert first.translation == "ADA LOOP DI SINI." and first.flags == ()
    assert second.flags == (REPETITION,)
    assert [o.no_repeat_ngram_size for o in fake_backend.options] == [0, 3]


@pytest.mark.parametrize(
    ("text", "loop"),
    [
        ("I'm sorry I'm sorry I'm sorry I'm sorry", True),
        ("no no no no", True),
        ("very very good", False),
        ("The minister said the minister would come.", False),
        ("", False),
    ],
)
def test_is_repetitive(text: str, loop: bool) -> None:
    assert is_repetitive(text) is loop


def test_paragraphs_stream_in_order_and_match_document(fake_translator, sample_article) -> None:
    events = list(fake_translator.stream(sample_article))
    assert [e.index for e in events] == list(range(len(events)))
    assert all(e.total == len(events) for e in events)
    doc = fake_translator.translate_document(sample_article)
    assert tuple(e.paragraph for e in events) == doc.paragraphs
    assert list(fake_translator.iter_paragraphs(sample_article)) == list(doc.paragraphs)


def test_first_window_is_small_and_windows_grow(fake_backend) -> None:
    translator = Translator.from_backend(fake_backend)
    text = "\n\n".join(f"Paragraf {i}. Kalimat dua {i}." for i in range(500))
    stream = translator.iter_paragraphs(text)
    next(stream)
    assert sum(len(b) for b in fake_backend.batches) == 8  # the first window: 4 paragraphs
    assert len(list(stream)) == 499
    assert [len(b) for b in fake_backend.batches][:4] == [8, 32, 64, 64]


def test_progress_callback(fake_translator: Translator) -> None:
    calls = []
    docs = [f"Kalimat {i}. Kedua {i}." for i in range(100)]
    list(fake_translator.translate_documents(docs, progress=lambda d, t: calls.append((d, t))))
    assert calls[-1] == (200, 200)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_stream_is_the_primitive_with_progress_and_documents(
    fake_translator: Translator, sample_article: str
) -> None:
    texts = [sample_article, "", "Satu. Dua.\n\nTiga."]
    events = list(fake_translator.stream(texts))
    docs = [e.document for e in events if e.document is not None]
    assert docs == list(fake_translator.translate_documents(texts))
    assert [d.translation for d in docs] == fake_translator.translate(texts)
    for event in events:
        assert 0 <= event.sentences_done <= event.sentences_total
        assert (event.document is not None) == event.last
        if event.last:
            assert event.sentences_done == event.sentences_total == len(event.document.sentences)
    first = [e for e in events if e.doc_index == 0]
    assert [e.sentences_done for e in first] == sorted(e.sentences_done for e in first)
    assert first[-1].sentences_total > first[0].sentences_done > 0
    seen = []
    list(fake_translator.translate_documents(texts, on_paragraph=seen.append))
    assert seen == events


def test_provenance_on_documents(fake_translator: Translator) -> None:
    doc = fake_translator.translate_document("Selamat pagi.")
    info = doc.provenance
    assert info is not None and info == fake_translator.provenance
    assert (info.model, info.backend, info.device, info.beam_size) == ("fake", "fake", "cpu", 6)
    assert info.options_signature == fake_translator.options_signature and info.version
    assert doc.to_dict()["provenance"]["beam_size"] == 6
    assert '"options_signature"' in doc.to_json()
    beam2 = fake_translator.with_options(beam_size=2).translate_document("Selamat pagi.")
    assert beam2.provenance is not None and beam2.provenance.beam_size == 2
    assert beam2.provenance.options_signature != info.options_signature
