"""The micro-batching dispatcher: shared rounds, own results, failures contained."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import pytest

from tests.fakes import FakeBackend
from translator import InvalidInputError, InvalidOptionError, Translator
from translator.backends.base import DecodeOptions, Hypothesis
from translator.serving.dispatch import Dispatcher

TEXTS = [
    f"Berita nomor {i} hari ini.\n\nWarga desa {i} membersihkan sungai. Mereka senang."
    for i in range(8)
]


def _submit_together(dispatcher: Dispatcher, texts: Sequence[str], **kwargs):
    barrier = threading.Barrier(len(texts))
    results: list[object] = [None] * len(texts)

    def worker(i: int) -> None:
        barrier.wait()
        try:
            results[i] = dispatcher.translate(texts[i], timeout=30, **kwargs)
        except Exception as exc:
            results[i] = exc

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_concurrent_requests_share_batches(fake_backend: FakeBackend) -> None:
    translator = Translator.from_backend(fake_backend, model="fake")
    expected = [translator.translate(t) for t in TEXTS]
    fake_backend.batches.clear()
    with Dispatcher(translator, max_wait=0.2) as dispatcher:
        docs = _submit_together(dispatcher, TEXTS)
        stats = dispatcher.stats
    assert [d.translation for d in docs] == expected  # each caller gets its own
    assert [d.source for d in docs] == TEXTS
    assert stats.requests == 8
    assert stats.rounds < 8
    assert len(fake_backend.batches) < 8  # fewer model calls than requests
    assert max(len(b) for b in fake_backend.batches) > 3  # sentences of several callers


def test_single_request_and_beam_sizes(fake_translator: Translator) -> None:
    with Dispatcher(fake_translator) as dispatcher:
        doc = dispatcher.translate("Apa kabar?\n\nBaik.")
        assert doc.translation == "APA KABAR?\n\nBAIK."
        dispatcher.translate("Satu dua.", beam_size=2)
    beams = [o.beam_size for o in fake_translator.backend.options]
    assert beams == [6, 2]


def test_empty_and_bad_input(fake_translator: Translator) -> None:
    with Dispatcher(fake_translator) as dispatcher:
        assert dispatcher.translate("").translation == ""
        assert dispatcher.translate("  \n\n ").translation == "  \n\n "
        with pytest.raises(InvalidInputError):
            dispatcher.submit(b"bytes")  # type: ignore[arg-type]
        with pytest.raises(InvalidOptionError):
            dispatcher.submit("x", beam_size=0)


class ExplodingBackend(FakeBackend):
    def translate_batch(
        self, texts: Sequence[str], options: DecodeOptions, *, limits=None
    ) -> list[Hypothesis]:
        if any("BOOM" in t for t in texts):
            raise RuntimeError("backend exploded")
        return super().translate_batch(texts, options, limits=limits)


def test_failure_reaches_its_caller_and_dispatcher_survives() -> None:
    translator = Translator.from_backend(ExplodingBackend(), model="fake")
    texts = [*TEXTS[:3], "Ini BOOM sekali.", *TEXTS[3:6]]
    with Dispatcher(translator, max_wait=0.2) as dispatcher:
        results = _submit_together(dispatcher, texts)
        assert isinstance(results[3], RuntimeError)
        assert "exploded" in str(results[3])
        good = [r for i, r in enumerate(results) if i != 3]
        assert [d.translation for d in good] == [t.upper() for t in texts if "BOOM" not in t]
        # Alone, the failure reaches the caller too; the worker keeps going afterwards.
        with pytest.raises(RuntimeError, match="exploded"):
            dispatcher.translate("BOOM.", timeout=10)
        assert dispatcher.translate("Masih hidup.", timeout=10).translation == "MASIH HIDUP."
        assert dispatcher.stats.failures == 2


def test_round_size_is_capped(fake_translator: Translator) -> None:
    texts = [f"Kalimat nomor {i} di sini." for i in range(6)]
    with Dispatcher(fake_translator, max_wait=0.2, max_chars=60) as dispatcher:
        docs = _submit_together(dispatcher, texts)
        assert [d.translation for d in docs] == [t.upper() for t in texts]
        assert dispatcher.stats.rounds >= 3  # about 25 characters each, 60 per round


def test_closed_dispatcher_refuses(fake_translator: Translator) -> None:
    dispatcher = Dispatcher(fake_translator)
    dispatcher.close()
    with pytest.raises(RuntimeError, match="closed"):
        dispatcher.submit("Halo.")


def test_busy_traffic_waits_for_stragglers(fake_translator: Translator) -> None:
    """Under concurrent traffic, an early request waits a little for the others."""
    with Dispatcher(fake_translator, max_wait=0.001, busy_wait=1.0, max_busy_wait=2.0) as d:
        d.translate("Pemanasan.")
        # As after a slow round shared by two requests (the fake backend is instant).
        with d._cond:
            d._busy, d._last_size, d._last_seconds = True, 2, 1.0
        before = d.stats.rounds
        first = d.submit(TEXTS[4])
        time.sleep(0.1)  # a straggler: after the idle wait, within the busy wait
        second = d.submit(TEXTS[5])
        assert first.result(10).source == TEXTS[4] and second.result(10).source == TEXTS[5]
        assert d.stats.rounds - before == 1  # they shared one round
        d.translate("Sendirian.", timeout=10)  # a lone request still gets its own round
        assert d.stats.rounds - before == 2


# -- fair turns, progress, cancellation -------------------------------------------------


class SlowBackend(FakeBackend):
    """Takes a little time per batch and per sentence, like a real model."""

    def translate_batch(
        self, texts: Sequence[str], options: DecodeOptions, *, limits=None
    ) -> list[Hypothesis]:
        time.sleep(0.02 + 0.01 * len(texts))
        return super().translate_batch(texts, options, limits=limits)


LONG = "\n\n".join(f"Paragraf {i} panjang. Kalimat kedua {i}. Kalimat ketiga {i}."
                   for i in range(60))  # 180 sentences


def test_long_document_is_sliced_and_keeps_its_layout(fake_translator: Translator) -> None:
    expected = fake_translator.translate_document(LONG)
    with Dispatcher(fake_translator, slice_sentences=12) as dispatcher:
        doc = dispatcher.translate(LONG, timeout=30)
        assert dispatcher.stats.rounds >= 180 // 12  # many turns, not one
    assert doc == expected


def test_short_request_is_served_in_the_next_rounds_not_after_the_document() -> None:
    backend = SlowBackend()
    translator = Translator.from_backend(backend, model="fake")
    with Dispatcher(translator, slice_sentences=12) as dispatcher:
        long = dispatcher.submit(LONG)
        time.sleep(0.3)  # the document is under way
        assert not long.done()
        started = time.monotonic()
        short = dispatcher.translate("Harga beras naik. Pasar ramai.", timeout=30)
        waited = time.monotonic() - started
        assert not long.done()  # served before the document was finished
        assert short.translation == "HARGA BERAS NAIK. PASAR RAMAI."
        long.result(30)
    # Its sentences had a batch of their own: nobody's slice was ahead of it.
    assert ["Harga beras naik.", "Pasar ramai."] in backend.batches
    assert waited < 2.0  # a few rounds of 12 sentences, not the 180-sentence document


def test_progress_comes_in_order_with_every_round(fake_translator: Translator) -> None:
    events = []
    with Dispatcher(fake_translator, slice_sentences=8, first_slice_sentences=2,
                    lanes=1) as dispatcher:
        doc = dispatcher.submit(LONG, on_progress=events.append).result(30)
    assert events[0].done == 0 and events[0].translation == ""
    assert events[-1].done == events[-1].total == len(doc.sentences) == 180
    assert events[-1].translation == doc.translation
    dones = [e.done for e in events]
    assert dones == sorted(dones) and len(set(dones)) > 10  # moves with every round
    assert events[1].done <= 3  # the first slice is small: the first paragraph comes early
    for event in events:
        assert doc.translation.startswith(event.translation)
        assert len(event.paragraphs) <= 60


def test_a_13_sentence_article_reports_progress_several_times(
    fake_translator: Translator, sample_article: str
) -> None:
    events = []
    with Dispatcher(fake_translator, lanes=1) as dispatcher:
        dispatcher.submit(sample_article, on_progress=events.append).result(30)
    assert len({e.done for e in events}) >= 3  # 0, a first slice, ..., all


def test_cancelled_request_stops_using_the_model_within_a_round() -> None:
    backend = SlowBackend()
    translator = Translator.from_backend(backend, model="fake")
    with Dispatcher(translator, slice_sentences=12) as dispatcher:
        future = dispatcher.submit(LONG)
        time.sleep(0.3)
        assert future.cancel()
        calls = len(backend.batches)
        time.sleep(0.8)
        after = len(backend.batches) - calls
        assert after <= 2  # at most the rounds already running (one per lane)
        assert dispatcher.stats.cancelled == 1
        # The next request is served at once.
        assert dispatcher.translate("Berikutnya.", timeout=5).translation == "BERIKUTNYA."
    assert future.cancelled()
