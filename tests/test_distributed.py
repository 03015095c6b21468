"""Ray Data on a local 2-CPU Ray: the actor pool translates every row once, in order."""

from __future__ import annotations

import importlib.util
import os

import pytest

from tests.conftest import REPO
from tests.ray_helpers import FakeActorTranslator
from translator.integrations import distributed
from translator.integrations.distributed import translate_dataset

# Ray is imported by the fixture, not here: every pytest worker collects this module.
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not all(importlib.util.find_spec(n) for n in ("ray", "pyarrow")),
                       reason="needs ray[data] and pyarrow (pip install -e '.[dev]')"),
]

TEXTS = [
    "Harga beras naik lima persen.", "Kami akan datang besok pagi.", "Apa kabar?",
    "Dia membaca buku di perpustakaan.", "Banjir merendam ratusan rumah.",
]


@pytest.fixture(scope="module")
def local_ray():
    import ray
    import ray.data

    # The actors find the session's converted models (tests/conftest.py) there too.
    env = {"PYTHONPATH": str(REPO), "INDO_TRANSLATOR_MODELS": os.environ["INDO_TRANSLATOR_MODELS"]}
    ray.init(address="local", num_cpus=2, include_dashboard=False, log_to_driver=False,
             runtime_env={"env_vars": env})
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    yield ray
    ray.shutdown()


def _rows(n: int) -> list[dict]:
    return [
        {"id": i, "text": None if i % 7 == 3 else TEXTS[i % len(TEXTS)] + f" Nomor {i}.",
         "meta": {"tags": [str(i)], "score": i / 2}, "views": i * 10}
        for i in range(n)
    ]


def _translate(ds, tiny_model_dir, actors=2, **options):
    options = {"backend": "transformers", **options}
    return translate_dataset(ds, fields=["text"], model=tiny_model_dir, device="cpu",
                             actors=actors, batch_rows=8, **options)


def test_every_row_once_in_order_equal_to_translate(local_ray, tiny_ct2_model_dir) -> None:
    from translator import Translator

    rows = _rows(60)
    ds = local_ray.data.from_items(rows, override_num_blocks=6)
    # The default actor loading the tiny model (converted for CTranslate2 before: its worker
    # needs no torch); one actor, as two keep the order in the test below.
    options = {"backend": "ctranslate2", "checks": False}
    out = _translate(ds, tiny_ct2_model_dir, actors=1, **options).take_all()
    assert [r["id"] for r in out] == list(range(60))
    for row, got in zip(rows, out):
        assert {k: got[k] for k in row} == row  # other columns untouched
    texts = [r["text"] for r in rows if r["text"] is not None]
    here = Translator(tiny_ct2_model_dir, device="cpu", **options)
    expected = iter(here.translate(texts))
    assert [r["text_en"] for r in out] == [
        None if r["text"] is None else next(expected) for r in rows]
    reference = here.translate_documents(texts)
    flags = iter([[f"text:{f}" for f in doc.flags] for doc in reference])
    assert [r["translation_flags"] for r in out] == [
        [] if r["text"] is None else next(flags) for r in rows]
    assert any(r["translation_flags"] for r in out)  # the tiny model truncates some


def test_killed_actor_is_restarted_and_its_batch_retried(local_ray, tiny_model_dir,
                                                         fake_translator, tmp_path) -> None:
    from tests.ray_helpers import CRASH_ONCE, CrashOnceTranslator

    marker = tmp_path / "crashed"
    rows = _rows(24)
    rows[13]["text"] = CRASH_ONCE + str(marker)
    ds = local_ray.data.from_items(rows, override_num_blocks=3)
    out = _translate(ds, tiny_model_dir, actor=CrashOnceTranslator).take_all()
    assert marker.exists()  # an actor did die
    assert [r["id"] for r in out] == list(range(24))
    assert out[13]["text_en"] == fake_translator.translate(rows[13]["text"])
    assert all(r["text_en"] is not None for r in out if r["text"] is not None)


def test_missing_ray_names_the_extra(monkeypatch) -> None:
    import builtins

    from translator.errors import MissingDependencyError

    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError("No module named 'ray'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    with pytest.raises(MissingDependencyError, match=r"indo-translator\[distributed\]"):
        distributed.import_ray()


def test_cli_on_ray_skips_finished_files_and_redoes_partial_ones(local_ray, tiny_model_dir,
                                                                  tmp_path, capsys,
                                                                  monkeypatch) -> None:
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    from translator.cli import main
    from translator.integrations.distributed import STARTED, SUCCESS

    src = tmp_path / "in"
    src.mkdir()
    rows = _rows(12)
    pq.write_table(pa.Table.from_pylist(rows), src / "a.parquet")
    (src / "b.jsonl").write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n"
                                         for r in rows))
    out = tmp_path / "out"
    a, b = out / "a.parquet", out / "b.jsonl"  # a tree is mirrored, names kept
    b.mkdir(parents=True)  # as if a run was killed while writing b
    (b / STARTED).write_text("{}")
    (b / "stale-part.json").write_text("{}")
    monkeypatch.setattr(distributed, "ActorTranslator", FakeActorTranslator)  # no torch in actors
    argv = ["translate", str(src), "-o", str(out), "--field", "text", "--ray",
            "--model", str(tiny_model_dir), "--backend", "transformers", "--actors", "1",
            "--no-cache", "-q"]
    assert main(argv) == 0
    assert "2 translated" in capsys.readouterr().err  # the partial one is redone
    assert (a / SUCCESS).exists() and (b / SUCCESS).exists()
    assert not (a / STARTED).exists() and not (b / STARTED).exists()
    assert not (b / "stale-part.json").exists()
    table = pq.read_table(a)  # parquet in and out through Ray: the schema is kept
    assert sorted(table.column("id").to_pylist()) == list(range(12))
    assert table.schema.names == ["id", "text", "text_en", "meta", "views", "translation_flags"]
    assert table.schema.field("meta").type == pa.Table.from_pylist(rows).schema.field("meta").type
    before = (a / SUCCESS).stat().st_mtime_ns
    assert main(argv) == 0  # finished ones are skipped
    assert "0 translated, 2 skipped" in capsys.readouterr().err
    assert (a / SUCCESS).stat().st_mtime_ns == before
    (tmp_path / "mine.en.parquet").mkdir()  # a folder the translator did not write
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "mine.parquet")
    assert main(argv[:1] + [str(tmp_path / "mine.parquet")] + argv[4:]) == 1
    assert "--force" in capsys.readouterr().err
