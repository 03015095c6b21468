"""The post-editing loop (issue 18): XLIFF out, edits merged back, edits become memory.

translate-toolkit (GPL, tests only) is the independent CAT tool: it opens our XLIFF, its
targets are changed there, and ``translator merge`` puts every edit into the layout.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from translator.cli import main
from translator.exchange import read_xliff
from translator.exchange.xliff import NEEDS_REVIEW, TRANSLATED
from translator.files import BatchOptions
from translator.files.formats import get_format
from translator.files.xliff import merge_xliff
from translator.memory import TranslationMemory
from translator.results import MEMORY, Document, Paragraph, Sentence, Suggestion

sys.path.insert(0, str(Path(__file__).parent))
from test_formats import HTML, MARKDOWN, SRT, docx_shape, make_docx  # noqa: E402

TEXT = "Judul berita\n\nHalo dunia. Apa kabar?\n  - butir satu\n    lanjut di sini\n\nhttps://x.id\n"


@pytest.fixture
def cli(monkeypatch, fake_backend):
    """``translator ...`` in process, translating with the fake backend."""
    from translator import Translator
    from translator.cli import translate as command

    monkeypatch.setattr(command, "_make_translator", lambda args: Translator.from_backend(
        fake_backend, model="fake", checks=False, cache=False))

    def run(*args: str, stdin: str | None = None) -> int:
        if stdin is not None:
            monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        return main([str(a) for a in args])

    return run


def _source(name: str, tmp_path: Path) -> Path:
    src = tmp_path / name
    if name.endswith(".docx"):
        make_docx(src)
    else:
        data = {"berita.txt": TEXT, "berita.md": MARKDOWN, "berita.html": HTML,
                "berita.srt": SRT}[name]
        src.write_bytes(data.encode("utf-8"))
    return src


def _toolkit_edit(xlf: bytes) -> tuple[bytes, dict[str, str]]:
    """Open in translate-toolkit, give every unit with text a new target, save."""
    from translate.storage import factory

    store = factory.getobject(io.BytesIO(xlf))
    edits = {}
    for i, unit in enumerate(u for u in store.units if not u.isheader()):
        if unit.source.strip() and not unit.source.startswith("http"):
            edits[unit.target] = unit.target = f"Edited {i} by hand"
    return bytes(store), edits


FORMATS = ["berita.txt", "berita.md", "berita.html", "berita.docx", "berita.srt"]


@pytest.mark.parametrize("name", FORMATS)
def test_xliff_round_trip_through_translate_toolkit(name, fake_translator, cli, tmp_path):
    src = _source(name, tmp_path)
    dst = tmp_path / "out" / name.replace("berita.", "berita.en.")
    result = fake_translator.translate_file(src, dst, options=BatchOptions(xliff=True))
    xlf = dst.parent / f"{name}.xlf"
    translation = dst.read_bytes()
    f = read_xliff(xlf.read_bytes(), str(xlf))
    assert (f.original, f.format, f.skeleton) == (name, get_format(name[7:]).name,
                                                  src.read_bytes())
    # one unit per sentence, in translate-toolkit too
    from translate.storage import factory

    store = factory.getobject(io.BytesIO(xlf.read_bytes()))
    units = [u for u in store.units if not u.isheader()]
    assert len(units) == len(f.units) == result.sentences == sum(f.layout) >= 3
    assert {u.getid().split("\x04")[-1] for u in units} == {u.id for u in f.units}
    # untouched: the translation byte for byte
    assert merge_xliff(f).data == translation
    # edited in translate-toolkit, merged on the command line
    edited, edits = _toolkit_edit(xlf.read_bytes())
    xlf.write_bytes(edited)
    assert cli("merge", xlf) == 0  # over the translator's own output: allowed
    merged = dst.read_bytes()
    fmt = get_format(name[7:])
    texts = fmt.extract(merged, source=name, options=fmt_options()).units
    for new in edits.values():  # inline code or translate="no" text stays where it was
        assert any(_in_order(new.split(), t.split()) for t in texts), new
    if name.endswith((".txt", ".srt")):  # the layout: only the sentences changed (md moves
        # its inline markup with the words: checked by the word order above)
        expected = translation.decode("utf-8")
        for old, new in sorted(edits.items(), key=lambda kv: -len(kv[0])):
            expected = expected.replace(old, new)
        assert merged.decode("utf-8") == expected
    if name.endswith(".docx"):
        assert docx_shape(merged)[:2] == docx_shape(translation)[:2]


def _in_order(words: list[str], text: list[str]) -> bool:
    """``words`` appear in ``text`` in this order (other words, such as code, between)."""
    found = iter(text)
    return all(any(w == t for t in found) for w in words)


def fmt_options():
    from translator.files.formats import FormatOptions

    return FormatOptions()


def test_cli_translate_xliff_names_and_merge_default_output(cli, tmp_path):
    src = _source("berita.txt", tmp_path)
    assert cli("translate", src, "--xliff", "-q") == 0
    out, xlf = tmp_path / "berita.en.txt", tmp_path / "berita.txt.xlf"
    translation = out.read_bytes()
    out.unlink()
    assert cli("merge", xlf) == 0
    assert out.read_bytes() == translation
    other = tmp_path / "o" / "x.txt"
    assert cli("merge", xlf, "-o", other) == 0 and other.read_bytes() == translation


def test_stdin_xliff_and_merge_to_stdout(cli, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli("translate", "-", "--xliff", "-q", stdin=TEXT) == 0
    translation = capsys.readouterr().out
    f = read_xliff((tmp_path / "stdin.xlf").read_bytes(), "stdin.xlf")
    assert f.format == "text" and f.skeleton == TEXT.encode()
    assert cli("merge", "stdin.xlf") == 0
    assert capsys.readouterr().out == translation
    assert cli("translate", "-", "--xliff", "-q", stdin=TEXT) == 2  # stdin.xlf exists
    assert "--force" in capsys.readouterr().err


def test_document_to_xliff_states_notes_alternatives(fake_translator):
    doc = fake_translator.translate_document(TEXT)
    s = doc.paragraphs[1].sentences
    hit = Sentence(s[0].source, "Hello world.", origin=MEMORY,
                   suggestions=(Suggestion("Halo dunia!", "Hi world!", 0.8, "tm.tmx"),))
    flagged = Sentence(s[1].source, "APA", flags=("length", "x"), alternatives=("What",),
                       reasons=("length: the translation is short",))
    rest = doc.paragraphs[1].sentences[2:]
    para = Paragraph(doc.paragraphs[1].source, "", (hit, flagged, *rest))
    doc = Document(doc.source, doc.translation, (doc.paragraphs[0], para, *doc.paragraphs[2:]))
    f = read_xliff(doc.to_xliff(original="berita"), "b.xlf")
    assert f.original == "berita" and f.layout == (len(doc.sentences),)
    by_source = {u.source: u for u in f.units}
    assert by_source[s[0].source].state == TRANSLATED
    assert by_source[s[1].source].state == NEEDS_REVIEW
    assert by_source[s[1].source].notes == ("length: the translation is short", "x")
    assert [(a.target, a.source, a.score, a.origin)
            for a in by_source[s[0].source].alternatives] == [
        ("Hi world!", "Halo dunia!", 0.8, "tm.tmx")]
    assert [(a.target, a.origin) for a in by_source[s[1].source].alternatives] == [
        ("What", "model")]
    merged = merge_xliff(f).data.decode()
    assert "Hello world. APA" in merged and merged.startswith("JUDUL BERITA\n\n")


def test_unit_without_target_keeps_source_and_is_named(cli, fake_translator, tmp_path, capsys):
    src = _source("berita.txt", tmp_path)
    fake_translator.translate_file(src, tmp_path / "berita.en.txt",
                                   options=BatchOptions(xliff=True))
    xlf = tmp_path / "berita.txt.xlf"
    data = xlf.read_bytes()
    gone = read_xliff(data, "x").units[2]
    data = re.sub(rb'(id="' + gone.id.encode() + rb'".*?)<target[^>]*>.*?</target>\n', rb"\1",
                  data, flags=re.S)
    xlf.write_bytes(data)
    assert cli("merge", xlf) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("warning:") and gone.id in err[0]
    assert gone.source in (tmp_path / "berita.en.txt").read_text()


def _hostile(xlf: bytes) -> dict[str, bytes]:
    f = read_xliff(xlf, "x")
    uid = f.units[0].id
    return {
        "entities": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xliff version="1.2">'
                    b"<file><body>&b;</body></file></xliff>",
        "external": b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">'
                    b']><xliff version="1.2"><file><body>&e;</body></file></xliff>',
        "truncated": xlf[: len(xlf) // 2],
        "binary": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "foreign unit": xlf.replace(uid.encode(), uid.replace("-s0-", "-s99-").encode()),
        "no skeleton": re.sub(rb"<skl>.*?</skl>", b"", xlf, flags=re.S),
        "bad skeleton": re.sub(rb'form="base64">[A-Za-z0-9]', b'form="base64">!', xlf),
        "not xliff": b"<tmx version='1.4'><body/></tmx>",
        "empty": b"",
    }


def test_hostile_or_damaged_xliff_is_one_line_exit_2_nothing_written(
    cli, fake_translator, tmp_path, capsys
):
    src = _source("berita.md", tmp_path)
    fake_translator.translate_file(src, tmp_path / "t" / "berita.en.md",
                                   options=BatchOptions(xliff=True))
    good = (tmp_path / "t" / "berita.md.xlf").read_bytes()
    for what, data in _hostile(good).items():
        bad = tmp_path / f"{what.replace(' ', '_')}.xlf"
        bad.write_bytes(data)
        out = tmp_path / "merged" / f"{what}.md"
        tm = tmp_path / "tm.tmx"
        assert cli("merge", bad, "-o", out, "--memory", tm) == 2, what
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and str(bad) in err[0] and "Fix:" in err[0], (what, err)
        assert "Traceback" not in err[0]
        assert not out.exists() and not tm.exists(), what
    assert cli("merge", tmp_path / "nope.xlf") == 2
    assert "nope.xlf: not found" in capsys.readouterr().err


def test_merge_does_not_overwrite_a_file_it_did_not_write(cli, fake_translator, tmp_path, capsys):
    src = _source("berita.txt", tmp_path)
    fake_translator.translate_file(src, tmp_path / "berita.en.txt",
                                   options=BatchOptions(xliff=True))
    mine = tmp_path / "mine.txt"
    mine.write_text("my own work")
    assert cli("merge", tmp_path / "berita.txt.xlf", "-o", mine) == 2
    assert mine.read_text() == "my own work" and "--force" in capsys.readouterr().err
    assert cli("merge", tmp_path / "berita.txt.xlf", "-o", mine, "--force") == 0
    assert mine.read_text() != "my own work"


def test_merge_with_memory_and_memory_add_reproduce_the_edits(
    cli, fake_translator, tmp_path, capsys
):
    src = _source("berita.txt", tmp_path)
    fake_translator.translate_file(src, tmp_path / "berita.en.txt",
                                   options=BatchOptions(xliff=True))
    xlf = tmp_path / "berita.txt.xlf"
    edited, edits = _toolkit_edit(xlf.read_bytes())
    xlf.write_bytes(edited)
    tm = tmp_path / "tm.tmx"
    assert cli("merge", xlf, "--memory", tm) == 0
    f = read_xliff(edited, str(xlf))
    memory = TranslationMemory.load(tm)
    assert len(memory) == len(edits)  # only what the reviewer changed (or approved)
    for unit in f.units:
        if unit.edited:
            assert memory.exact(unit.source).target == unit.target
    # memory add: XLIFF + TSV into a new TMX; duplicates replaced by the newest
    tsv = tmp_path / "extra.tsv"
    tsv.write_text(f"{f.units[0].source}\tNewest title\nSatu dua.\tOne two.\n")
    tm2 = tmp_path / "new" / "tm2.tmx"
    assert cli("memory", "add", xlf, tsv, "--to", tm2) == 0
    memory = TranslationMemory.load(tm2)
    assert memory.exact(f.units[0].source).target == "Newest title"
    assert memory.exact(f.units[1].source).target == f.units[1].target
    assert memory.exact("Satu dua.").target == "One two."
    capsys.readouterr()
    assert cli("memory", "stats", tm2, "--json") == 0
    assert '"entries": ' in capsys.readouterr().out
    assert cli("memory", "stats", tm2) == 0
    assert "digest:" in capsys.readouterr().out


def test_the_next_run_with_the_memory_gives_the_edits(fake_backend, cli, tmp_path):
    from translator import Translator

    src = _source("berita.txt", tmp_path)
    assert cli("translate", src, "--xliff", "-q") == 0
    xlf = tmp_path / "berita.txt.xlf"
    edited, edits = _toolkit_edit(xlf.read_bytes())
    xlf.write_bytes(edited)
    tm = tmp_path / "tm.tmx"
    assert cli("memory", "add", xlf, "--to", tm) == 0
    again = Translator.from_backend(fake_backend, model="fake", checks=False, memory=tm)
    translation = again.translate(TEXT)
    for new in edits.values():
        assert new in translation


def test_memory_add_bad_files_are_one_line_naming_the_file(cli, tmp_path, capsys):
    bad = tmp_path / "bad.tmx"
    bad.write_bytes(b"<tmx><body><tu>")
    tm = tmp_path / "tm.tmx"
    assert cli("memory", "add", bad, "--to", tm) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "bad.tmx" in err[0] and not tm.exists()
    assert cli("memory", "add", tmp_path / "missing.tsv", "--to", tm) == 2
    assert "missing.tsv" in capsys.readouterr().err
    assert cli("memory", "stats", bad) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1


def test_xliff_is_refused_for_row_files(fake_translator, tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text('{"text": "Halo."}\n')
    from translator.errors import InvalidInputError

    with pytest.raises(InvalidInputError, match="XLIFF"):
        fake_translator.translate_file(src, tmp_path / "a.en.jsonl",
                                       options=BatchOptions(xliff=True, fields=("text",)))


def _other_formats():
    from test_odf_epub import make_epub, make_odp, make_ods, make_odt
    from test_office_formats import make_pptx, make_xlsx
    from test_pdf import make_pdf

    return {"pptx": make_pptx, "xlsx": make_xlsx, "odt": make_odt, "odp": make_odp,
            "ods": make_ods, "epub": make_epub, "pdf": make_pdf}


@pytest.mark.parametrize("ext", ["pptx", "xlsx", "odt", "odp", "ods", "epub", "pdf"])
def test_every_other_document_format_merges_back_byte_for_byte(ext, fake_translator, tmp_path):
    src = tmp_path / f"berita.{ext}"
    src.write_bytes(_other_formats()[ext]())
    dst = tmp_path / f"berita.en.{ext}"
    fake_translator.translate_file(src, dst, options=BatchOptions(xliff=True))
    f = read_xliff((tmp_path / f"berita.{ext}.xlf").read_bytes(), "x.xlf")
    assert f.format == ext and len(f.units) > 0
    assert merge_xliff(f).data == dst.read_bytes()


def test_a_paragraph_the_memory_gave_whole_merges_verbatim(fake_translator):
    # the engine's memory wiring gives a paragraph found whole in the memory as one
    # sentence whose source is the paragraph (translator/engine/render.py memory_paragraph)
    doc = fake_translator.translate_document(TEXT)
    block = doc.paragraphs[1]
    hit = Paragraph(block.source, "Hello world. How are you?\n  - item one, continued",
                    (Sentence(block.source, "Hello world. How are you?\n  - item one, "
                              "continued", origin=MEMORY),))
    paragraphs = (doc.paragraphs[0], hit, *doc.paragraphs[2:])
    translation = "\n\n".join(p.translation for p in paragraphs) + "\n"
    doc = Document(doc.source, translation, paragraphs)
    f = read_xliff(doc.to_xliff(), "b.xlf")
    assert [u.state for u in f.units][1] == TRANSLATED
    assert merge_xliff(f).data.decode() == translation


def test_merge_into_the_xliff_itself_or_stdout_of_a_file_is_refused(
    cli, fake_translator, tmp_path, capsys
):
    src = _source("berita.txt", tmp_path)
    fake_translator.translate_file(src, tmp_path / "berita.en.txt",
                                   options=BatchOptions(xliff=True))
    xlf = tmp_path / "berita.txt.xlf"
    before = xlf.read_bytes()
    assert cli("merge", xlf, "-o", xlf, "--force") == 2
    assert xlf.read_bytes() == before and "overwrite the XLIFF" in capsys.readouterr().err
    assert cli("merge", xlf, "-o", "-") == 2
    assert "Fix:" in capsys.readouterr().err
