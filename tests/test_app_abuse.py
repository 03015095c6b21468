"""The real app under abuse (issue 9, "Show it"): `python app.py` with the tiny model.

- Thirty bad requests in a row (malformed JSON, wrong types, missing or extra arguments,
  over the size limit, lone surrogates, files outside the app, path traversal, ...) are
  each answered with an error (or a harmless result), and the next normal request is
  answered normally; the server never stops serving.
- The pathological layout input of item 1 (``'1' + spaces + 'a'``, which took minutes and
  froze every endpoint) is answered or refused while another client's request completes.
  The guards below are minutes-to-hours away from the old behaviour, not timings: the
  numbers are measured by ``benchmarks/app_abuse.py``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app_abuse import Answer, bad_requests, call, get, pathological, run_bad
from tests.appserver import Server, app_env

pytestmark = pytest.mark.slow

MAX_CHARS = 30_000
GUARD_S = 90  # the old cubic layout needed hours for the input below


@pytest.fixture(scope="module")
def server(tiny_ct2_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("abuse")
    args = ["--model", str(tiny_ct2_model_dir), "--device", "cpu", "--fixed-output-tokens", "8",
            "--max-chars", str(MAX_CHARS)]
    app = Server(args, app_env(tmp), tmp / "app.log")
    yield app
    app.stop()


def normal_request_works(base: str) -> None:
    text = "Harga beras naik lima persen.\n\nPemerintah menambah stok."
    answer = call(base, "translate", [text], timeout=GUARD_S)
    assert answer.kind == "complete", answer
    assert isinstance(answer.data, list) and isinstance(answer.data[0], str)
    assert answer.data[0].count("\n\n") == 1  # the layout came back


def test_thirty_bad_requests_then_a_normal_one(server: Server) -> None:
    answers: list[tuple[str, Answer]] = []
    for label, spec in bad_requests(MAX_CHARS):
        answers.append((label, run_bad(server.url, label, spec, timeout=GUARD_S)))
    assert len(answers) == 30
    by_label = dict(answers)
    for label in ("text is a number", "text is a list", "text is an object",
                  "text over the limit"):
        assert by_label[label].kind == "error", (label, by_label[label])
        assert "Fix:" in str(by_label[label].data)
    for label in ("path traversal in a file route", "path traversal, encoded",
                  "file outside the app"):
        assert "root:" not in str(by_label[label].data), label  # /etc/passwd never leaks
    for label, answer in answers:  # every one answered, none hung or dropped
        assert answer.kind != "no result", (label, answer)
    normal_request_works(server.url)
    assert get(server.url, "/config").kind == "http 200"
    assert server.proc.poll() is None


@pytest.mark.parametrize("spaces", [2_500, MAX_CHARS - 2])
def test_pathological_text_does_not_block_other_clients(server: Server, spaces: int) -> None:
    results: dict[str, Answer] = {}

    def hostile() -> None:
        results["hostile"] = call(server.url, "translate", [pathological(spaces)],
                                  timeout=GUARD_S)

    thread = threading.Thread(target=hostile)
    thread.start()
    try:
        normal_request_works(server.url)  # another client, while the hostile one is in
        assert get(server.url, "/config", timeout=GUARD_S).kind == "http 200"
    finally:
        thread.join(GUARD_S)
    assert results["hostile"].kind in ("complete", "error"), results
