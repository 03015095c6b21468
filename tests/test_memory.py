import multiprocessing
import random
import threading

import pytest

from translator.errors import InvalidInputError
from translator.exchange import Pair, XliffUnit, load_pairs, write_xliff
from translator.memory import TranslationMemory, as_memory
from translator.memory import store as store_module
from translator.results import Suggestion

EXACT = {
    "Presiden  meresmikan jembatan baru di Surabaya pada hari Senin.":
        "The president opened a new bridge in Surabaya on Monday.",
    "Harga beras naik lima persen bulan ini.": "  Rice prices rose 5% this month (BPS) ",
    "Hujan deras menyebabkan banjir di Jakarta.": "Heavy rain caused floods in Jakarta & Bekasi.",
}


def _toolkit_tmx(tmp_path, pairs, name="tk.tmx"):
    from translate.storage import tmx

    store = tmx.tmxfile(sourcelanguage="id", targetlanguage="en")
    for source, target in pairs.items():
        unit = store.addsourceunit(source)
        unit.target = target
    path = tmp_path / name
    path.write_bytes(bytes(store))
    return path


def test_translate_toolkit_tmx_gives_exact_targets_verbatim_and_near_ones_as_suggestions(
    tmp_path,
):
    memory = TranslationMemory.load(_toolkit_tmx(tmp_path, EXACT))
    assert len(memory) == 3
    for source, target in EXACT.items():
        query = "  " + " \n".join(source.split()) + "\t"
        entry = memory.exact(query)
        assert entry is not None and entry.target == target and entry.origin == "tk.tmx"
        assert memory.suggest(query) == []  # the exact match is no suggestion
    near = "Presiden meresmikan jembatan baru di Surabaya pada hari Selasa."
    assert memory.exact(near) is None
    (suggestion,) = memory.suggest(near)
    assert suggestion.target == "The president opened a new bridge in Surabaya on Monday."
    assert 0.75 <= suggestion.score < 1 and suggestion.origin == "tk.tmx"
    assert memory.suggest("Harga beras turun.") == []  # too different
    assert memory.suggest(near, threshold=0.99) == []


def test_later_files_win_and_origins_are_file_names(tmp_path):
    first = _toolkit_tmx(tmp_path, {"Satu dua tiga.": "One two three."}, "a.tmx")
    second = tmp_path / "b.tsv"
    second.write_text("source\ttarget\nSatu  dua tiga.\tOne, two, three.\nEmpat.\tFour.\n")
    xlf = tmp_path / "c.docx.xlf"
    xlf.write_bytes(write_xliff([[XliffUnit("Lima.", "Five."), XliffUnit("Enam.", None)]],
                                skeleton=b"x", original="c.docx", format="docx"))
    memory = as_memory([first, second, xlf])
    assert memory.exact("Satu dua tiga.").target == "One, two, three."
    assert memory.exact("Lima.").origin == "c.docx.xlf" and memory.exact("Enam.") is None
    stats = memory.stats()
    assert stats.entries == 3 and dict(stats.origins) == {"b.tsv": 2, "c.docx.xlf": 1}
    assert stats.paths == tuple(str(p) for p in (first, second, xlf))


def test_as_memory_normalises_the_argument(tmp_path):
    path = _toolkit_tmx(tmp_path, EXACT)
    assert as_memory(None) is None and as_memory([]) is None
    memory = TranslationMemory()
    assert as_memory(memory) is memory
    assert len(as_memory(str(path))) == 3 and len(as_memory(path)) == 3
    with pytest.raises(InvalidInputError, match="not a memory"):
        as_memory(42)
    with pytest.raises(FileNotFoundError, match="not found"):
        as_memory(tmp_path / "missing.tmx")


def test_digest_follows_contents_not_order_or_origin():
    a = TranslationMemory([Pair("Satu.", "One.", "x"), Pair("Dua.", "Two.", "x")])
    b = TranslationMemory([Pair("Dua.", "Two.", "y"), Pair("Satu.", "One.", "z")])
    assert a.digest == b.digest
    b.add([("Dua.", "Two!")])
    assert a.digest != b.digest and b.exact("Dua.").target == "Two!"


def test_newer_dates_win_over_older_ones():
    memory = TranslationMemory([Pair("Satu.", "New.", "a", "20260101T000000Z"),
                                Pair("Satu.", "Old.", "b", "20240101T000000Z")])
    assert memory.exact("Satu.").target == "New."


SYLLABLES = "ba be bi da di ka ke ku la li ma me mu na ni pa pe ra ri sa se ta te tu ya".split()


def _sentences(count, seed, vocabulary=3000):
    rng = random.Random(seed)
    words = ["".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 4)))
             for _ in range(vocabulary)]
    return [" ".join(rng.choice(words) for _ in range(rng.randint(4, 16))).capitalize() + "."
            for _ in range(count)]


def _edit(sentence, rng):
    """A near copy: a word replaced, dropped or misspelt, as a reviewer's memory holds."""
    words = sentence.split()
    i = rng.randrange(len(words))
    what = rng.choice(("replace", "drop", "typo"))
    if what == "replace":
        words[i] = rng.choice(SYLLABLES) + rng.choice(SYLLABLES)
    elif what == "drop" and len(words) > 4:
        del words[i]
    else:
        words[i] = words[i][:-1] + "x"
    return " ".join(words)


def test_index_finds_what_a_full_scan_finds():
    from rapidfuzz import fuzz, process

    rng = random.Random(5)
    sources = _sentences(3000, 1)
    memory = TranslationMemory(Pair(s, s.upper(), "m") for s in sources)
    found = 0
    for query in [_edit(rng.choice(sources), rng) for _ in range(200)] + _sentences(50, 2):
        got = memory.suggest(query, limit=2)
        full = [r for r in process.extract(query, sources, scorer=fuzz.ratio, limit=3,
                                            score_cutoff=75) if r[0] != query][:2]
        assert [round(s.score * 100, 6) for s in got] == [round(r[1], 6) for r in full]
        found += bool(full)
    assert found >= 190  # the edited copies, not the unrelated sentences


def test_entries_added_after_the_index_are_suggested(monkeypatch):
    monkeypatch.setattr(store_module, "MAX_UNINDEXED", 2)
    memory = TranslationMemory([Pair(s, s, "m") for s in _sentences(50, 3, vocabulary=30)])
    memory.build_index()
    memory.add([("Pasar besar di kota baru.", "A big market in the new town.")], "edit")
    assert memory.suggest("Pasar besar di kota lama.")[0] == Suggestion(
        "Pasar besar di kota baru.", "A big market in the new town.",
        pytest.approx(0.88, abs=0.01), "edit")
    memory.add([(f"Kalimat nomor {i}.", "x") for i in range(5)], "more")  # index rebuilt
    assert memory.suggest("Kalimat nomor 1!")[0].source == "Kalimat nomor 1."


def test_add_save_to_writes_only_the_new_pairs(tmp_path):
    path = tmp_path / "tm.tmx"
    memory = TranslationMemory([Pair("Lama.", "Old.", "glossary.tsv")])
    memory.add([("Baru.", "New.")], "app", save_to=path)
    assert [(p.source, p.target) for p in load_pairs(path)] == [("Baru.", "New.")]
    memory.save(path)
    assert {p.source for p in load_pairs(path)} == {"Baru.", "Lama."}


def _save_many(path, worker):
    for i in range(10):
        TranslationMemory([Pair(f"Proses {worker} kalimat {i}.", f"P{worker} {i}.")]).save(path)


@pytest.mark.slow
def test_concurrent_saves_from_threads_and_processes_lose_nothing(tmp_path):
    path = str(tmp_path / "tm.tmx")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_save_many, args=(path, w)) for w in ("a", "b")]
    threads = [threading.Thread(target=_save_many, args=(path, w)) for w in ("c", "d")]
    for worker in (*procs, *threads):
        worker.start()
    for worker in (*procs, *threads):
        worker.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    assert len(TranslationMemory.load(path)) == 40


def test_adding_while_other_threads_look_up(monkeypatch):
    monkeypatch.setattr(store_module, "MAX_UNINDEXED", 50)
    memory = TranslationMemory(Pair(s, s, "m") for s in _sentences(500, 7))
    errors = []

    def look():
        try:
            for query in _sentences(200, 8):
                memory.exact(query)
                memory.suggest(query)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=look) for _ in range(3)]
    for thread in threads:
        thread.start()
    for i in range(300):
        memory.add([(f"Tambahan nomor {i} di sini.", f"Added {i}.")], "app")
    for thread in threads:
        thread.join(60)
    assert errors == [] and len(memory) == 800
    assert memory.suggest("Tambahan nomor 7 di sana.")[0].target == "Added 7."
