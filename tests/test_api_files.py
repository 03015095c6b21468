"""``/translate_file`` for every document format, and asynchronous file jobs, in process."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from tests.fakes import FakeBackend, hold_batches  # noqa: E402
from tests.office_helpers import extract  # noqa: E402
from translator import Translator  # noqa: E402
from translator.api.config import ApiConfig  # noqa: E402
from translator.api.filejobs import DONE, FileJobs  # noqa: E402
from translator.api.protection import ApiError  # noqa: E402
from translator.api.routes import create_app  # noqa: E402
from translator.serving.dispatch import Dispatcher  # noqa: E402

FIELDS = {"source": "id", "target": "en"}


def builders() -> dict[str, Callable[[], bytes]]:
    pytest.importorskip("pptx")
    pytest.importorskip("openpyxl")
    pytest.importorskip("odf")
    from tests.test_odf_epub import make_epub, make_odp, make_ods, make_odt
    from tests.test_office_formats import make_pptx, make_xlsx

    return {"laporan.pptx": make_pptx, "harga.xlsx": make_xlsx, "berita.odt": make_odt,
            "buku.epub": make_epub, "slide.odp": make_odp, "tabel.ods": make_ods}


@contextmanager
def served(translator: Translator, config: ApiConfig | None = None,
           **dispatch: Any) -> Iterator[TestClient]:
    with Dispatcher(translator, **dispatch) as dispatcher:
        app = create_app(dispatcher, config)
        try:
            with TestClient(app) as client:  # one event loop for the whole test (jobs)
                yield client
        finally:
            app.state.service.close()


def test_translate_file_takes_every_document_format(fake_translator: Translator) -> None:
    with served(fake_translator) as client:
        offered = client.get("/frontend/settings").json()["supportedFilesFormat"]
        assert {".pptx", ".xlsx", ".odt", ".odp", ".ods", ".epub", ".pdf", ".docx",
                ".srt"} <= set(offered)
        for name, make in builders().items():
            data = make()
            source = extract(name, data)
            answer = client.post("/translate_file", data=FIELDS,
                                 files={"file": (name, data, "application/octet-stream")})
            assert answer.status_code == 200, (name, answer.text)
            body = answer.json()
            # The extra field names what the format left as it was (charts, images...).
            assert body["untranslated"] == source.untranslated
            assert body["untranslated"] or name.endswith((".odp", ".ods"))
            download = client.get(body["translatedFileUrl"])
            assert download.status_code == 200, name
            stem, ext = name.rsplit(".", 1)
            assert f'filename="{stem}.en.{ext}"' in download.headers["content-disposition"]
            again = extract(name, download.content)  # the same format, translated
            assert again.units == [u.upper() for u in source.units], name


def test_translate_file_pdf(fake_translator: Translator) -> None:
    pytest.importorskip("pypdf")
    pytest.importorskip("reportlab")
    from tests.test_pdf import make_pdf

    with served(fake_translator) as client:
        answer = client.post("/translate_file", data=FIELDS,
                             files={"file": ("laporan.pdf", make_pdf(scanned_page=True))})
        assert answer.status_code == 200, answer.text
        assert answer.json()["untranslated"]  # the page without a text layer is named
        download = client.get(answer.json()["translatedFileUrl"])
        assert download.content.startswith(b"%PDF")
        assert 'filename="laporan.en.pdf"' in download.headers["content-disposition"]


def test_async_job_reports_progress_and_finishes(fake_backend: FakeBackend) -> None:
    gate = hold_batches(fake_backend)
    second = threading.Event()
    held = fake_backend.translate_batch
    calls = []

    def one_round_then_wait(texts, options, *, limits=None):  # noqa: ANN001, ANN202
        calls.append(len(texts))
        if len(calls) == 1:
            second.wait(10)
            return FakeBackend.translate_batch(fake_backend, texts, options, limits=limits)
        return held(texts, options, limits=limits)

    fake_backend.translate_batch = one_round_then_wait  # type: ignore[method-assign]
    translator = Translator.from_backend(fake_backend, model="fake", checks=False)
    data = builders()["laporan.pptx"]()
    units = len(extract("laporan.pptx", data).units)
    with served(translator, max_wait=0.0, lanes=1, round_sentences=2) as client:
        started = time.monotonic()
        queued = client.post("/translate_file", data={**FIELDS, "async": "true"},
                             files={"file": ("laporan.pptx", data)})
        assert queued.status_code == 202 and time.monotonic() - started < 5
        job_id = queued.json()["job"]
        assert list(queued.json()) == ["job"]
        seen = []
        for _ in range(200):
            status = client.get(f"/jobs/{job_id}").json()
            seen.append(status)
            if status["status"] == "running" and status["total"]:
                break
            time.sleep(0.02)
        assert status == {"status": "running", "done": 0, "total": units}  # held by the gate
        second.set()  # one round through, then held again
        for _ in range(300):
            status = client.get(f"/jobs/{job_id}").json()
            if status["done"]:
                break
            time.sleep(0.02)
        assert status["status"] == "running" and 0 < status["done"] < units, status
        gate.set()
        for _ in range(500):
            status = client.get(f"/jobs/{job_id}").json()
            seen.append(status)
            if status["status"] in ("done", "failed"):
                break
            time.sleep(0.02)
        assert status["status"] == "done", status
        assert (status["done"], status["total"]) == (units, units)
        assert status["untranslated"] == ["chart", "image"]
        counts = [s["done"] for s in seen]
        assert counts == sorted(counts) and seen[0]["status"] in ("queued", "running")
        download = client.get(status["translatedFileUrl"])
        assert extract("laporan.pptx", download.content).units[0] == "HARGA PANGAN BULAN INI"

        unknown = client.get("/jobs/" + "0" * 32)
        assert unknown.status_code == 404 and "Unknown job" in unknown.json()["error"]
        # Without async the call stays LibreTranslate's: 200 with the URL.
        plain = client.post("/translate_file", data=FIELDS,
                            files={"file": ("laporan.pptx", data)})
        assert plain.status_code == 200 and "translatedFileUrl" in plain.json()


def test_async_job_failures(fake_translator: Translator) -> None:
    with served(fake_translator, ApiConfig(char_limit=20)) as client:
        wrong = client.post("/translate_file", data={**FIELDS, "async": "true"},
                            files={"file": ("a.pages", b"PK")})
        assert wrong.status_code == 400  # told at once, no job
        for name, data, words in (("rusak.docx", b"PK\x03\x04 not a zip", "rusak.docx"),
                                  ("besar.txt", b"kata " * 10, "exceeds text limit")):
            job = client.post("/translate_file", data={**FIELDS, "async": "1"},
                              files={"file": (name, data)})
            assert job.status_code == 202
            for _ in range(300):
                status = client.get(f"/jobs/{job.json()['job']}").json()
                if status["status"] == "failed":
                    break
                time.sleep(0.02)
            assert status["status"] == "failed" and words in status["error"], status
            assert "translatedFileUrl" not in status


def test_jobs_are_bounded_by_count_and_age() -> None:
    now = [0.0]
    jobs = FileJobs(max_jobs=2, ttl=60, clock=lambda: now[0])
    first, second = jobs.add("a.txt"), jobs.add("b.txt")
    with pytest.raises(ApiError) as full:
        jobs.add("c.txt")  # both still under way
    assert full.value.status == 429 and "GET /jobs/ID" in full.value.message
    jobs.finish(first, DONE)
    third = jobs.add("c.txt")  # the oldest finished job makes room
    assert jobs.get(first.id) is None and jobs.get(third.id) is third
    jobs.finish(second, DONE)
    now[0] = 59.0
    assert jobs.get(second.id) is second
    now[0] = 60.5
    assert jobs.get(second.id) is None and len(jobs) == 1  # forgotten after ttl
    jobs.close()
    assert len(jobs) == 0
    few = FileJobs(max_jobs=10, max_unfinished=1)  # each unfinished job holds its upload
    running = few.add("a.txt")
    with pytest.raises(ApiError, match="1 are still under way"):
        few.add("b.txt")
    few.finish(running, DONE)
    assert few.add("b.txt").status == "queued"
