"""A giant paragraph (no blank lines) is translated in turns, cut at sentence boundaries."""

from __future__ import annotations

import time

from tests.fakes import FakeBackend, hold_batches
from translator import Translator
from translator.serving.dispatch import Dispatcher
from translator.serving.jobs import Job

# One paragraph of 200 sentences: running text, hard-wrapped lines, standalone lines,
# a lone surrogate, a repetition loop and a verbatim piece, so every per-sentence path
# (flags, reasons, layout) is crossed by the cuts.
LINES = []
for i in range(40):
    LINES.append(f"Kalimat nomor {i} di sini. Warga desa {i} senang. Harga naik {i} persen.")
    LINES.append(f"- Butir daftar {i}. Ini LOOP LOOP {i}.")
    LINES.append("https://example.com/berita" if i % 10 == 0 else f"Bagian {i} \ud800 selesai.")
GIANT = "\n".join(LINES)


def _translator(backend: FakeBackend | None = None, *, checks: bool = False) -> Translator:
    return Translator.from_backend(backend or FakeBackend(), model="fake", checks=checks)


def test_the_giant_text_is_one_paragraph_of_many_sentences() -> None:
    from translator.engine.engine import prepare

    layout, _ = prepare(GIANT)
    assert len(layout.blocks) == 1 and len(layout.blocks[0].segments) >= 200


def test_a_giant_paragraph_in_turns_equals_translating_it_at_once() -> None:
    translator = _translator(checks=True)
    for alternatives in (0, 2):
        expected = translator.translate_document(GIANT, alternatives=alternatives)
        with Dispatcher(translator, slice_sentences=12, lanes=1) as dispatcher:
            doc = dispatcher.submit(GIANT, alternatives=alternatives).result(30)
            rounds = dispatcher.stats.rounds
        assert doc == expected
        assert rounds >= 200 // 12  # many turns, not one


def test_progress_moves_within_the_paragraph() -> None:
    events = []
    with Dispatcher(_translator(), slice_sentences=8, first_slice_sentences=2,
                    lanes=1) as dispatcher:
        doc = dispatcher.submit(GIANT, on_progress=events.append).result(30)
    dones = [e.done for e in events]
    assert dones == sorted(dones) and len(set(dones)) > 20
    assert events[1].done <= 2  # the first slice is small even inside one paragraph
    assert all(e.paragraphs == () for e in events[:-1])  # the paragraph comes whole
    assert events[-1].translation == doc.translation and events[-1].done == events[-1].total


def _short_before_giant(lanes: int, giants: int) -> tuple[bool, list[list[str]]]:
    """Whether a short request finished while every giant was still under way."""
    backend = FakeBackend()
    gate = hold_batches(backend)
    giant_done: list[bool] = []
    with Dispatcher(_translator(backend), lanes=lanes, slice_sentences=16) as dispatcher:
        long = [dispatcher.submit(GIANT) for _ in range(giants)]
        time.sleep(0.2)  # the giants' first rounds are held in the model
        short = dispatcher.submit("Harga beras naik. Pasar ramai.")
        short.add_done_callback(lambda _: giant_done.append(any(f.done() for f in long)))
        gate.set()
        assert short.result(30).translation == "HARGA BERAS NAIK. PASAR RAMAI."
        for future in long:
            assert len(future.result(30).sentences) >= 200
    return giant_done == [False], backend.batches


def test_a_short_request_is_served_before_a_giant_paragraph_finishes() -> None:
    served_first, batches = _short_before_giant(lanes=1, giants=1)
    assert served_first
    # One lane takes turns: the giant's first slice, one more, then the short request.
    assert ["Harga beras naik.", "Pasar ramai."] in batches[:4]


def test_two_giants_on_two_lanes_leave_room_for_a_short_request() -> None:
    served_first, _ = _short_before_giant(lanes=2, giants=2)
    assert served_first


def test_pieces_cut_at_sentence_boundaries_and_cover_everything() -> None:
    from translator.engine.engine import prepare

    text = "Pendek sekali.\n\n" + GIANT + "\n\nPenutup. Akhir."
    layout, replaced = prepare(text)
    job = Job(text, layout, replaced, (1, 0), 4, None)
    pieces = []
    while not job.exhausted:
        taken = job.take(16, 20_000, first=True)
        assert taken and sum(stop - start for _, start, stop in taken) <= 16
        pieces += taken
        job.slice = 16
    covered = [(b, k) for b, start, stop in pieces for k in range(start, stop)]
    assert covered == [(b, k) for b, n in enumerate(job.sizes) for k in range(n)]
    assert job.served == job.total
    # A piece that is not the first of its slice is a whole paragraph.
    assert (2, 0, 2) in pieces


def test_an_empty_paragraph_is_handed_out_too() -> None:
    from translator.engine.engine import prepare

    text = "* \n\nSatu. Dua."
    layout, replaced = prepare(text)
    job = Job(text, layout, replaced, (1, 0), 4, None)
    assert job.sizes[0] == 0  # a bare list marker: no sentence
    pieces = job.take(16, 20_000, first=True)
    assert pieces == [(0, 0, 0), (1, 0, 2)]
    with Dispatcher(_translator()) as dispatcher:
        assert dispatcher.translate(text, timeout=10).translation == "* \n\nSATU. DUA."


def test_a_round_never_takes_more_than_max_chars_of_a_giant_paragraph() -> None:
    backend = FakeBackend()
    with Dispatcher(_translator(backend), max_chars=300, slice_sentences=64,
                    round_sentences=64, lanes=1) as dispatcher:
        doc = dispatcher.translate(GIANT, timeout=30)
    assert max(sum(len(t) for t in batch) for batch in backend.batches) <= 300
    assert len(doc.sentences) >= 200


def test_rounds_are_sized_by_work_fewer_sentences_at_more_beams() -> None:
    with Dispatcher(_translator(), slice_sentences=16) as dispatcher:
        assert [dispatcher.slice_for(b) for b in (None, 1, 2, 4, 6, 16)] == [16, 16, 8, 4, 2, 2]
