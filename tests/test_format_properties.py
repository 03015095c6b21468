"""Property-based round trips of every format, with hostile alphabets.

Properties: no exception but a clear ``InvalidInputError``; the identity translation gives
the file back byte for byte (markdown: up to its documented joining of hard-wrapped lines);
a marker translation changes only the text that is translated; untouched fields and
markup are byte-identical.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.checks import examples
from translator.errors import InvalidInputError
from translator.files.formats import FormatOptions, get_format
from translator.files.formats.html import scan

PROFILE = settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow]
)

#: Characters and sequences that break naive text handling.
HOSTILE = [
    "\x00", "\x01", "\x08", "\x1b", "\x7f", "\x85", "\x9f", "\r", "\n", "\r\n", "\t", "\x0b",
    "\x0c", "\x1c", "\x1e", "\u2028", "\u2029", "\u200b", "\u200c", "\u200d", "\u2060",
    "\ufeff", "\u202e", "\u200f", "שלום", "مرحبا", "\U0001f468\u200d\U0001f469\u200d\U0001f467",
    "\U0001f1ee\U0001f1e9", "e\u0301", "\u0301\u0302", "\ufffd", "\U0010ffff", " ", "  ",
    ".", "!", "Harga", "beras naik.", "Rp 1.500", "x" * 300,
]
SURROGATES = ["\ud800", "\udfff", "\udbff\udc00"]


def hostile_text(extra: list[str] = (), *, surrogates: bool = False, max_size: int = 24):  # noqa: ANN201
    pieces = HOSTILE + list(extra) + (SURROGATES if surrogates else [])
    return st.lists(
        st.one_of(st.sampled_from(pieces), st.text(max_size=4)), max_size=max_size
    ).map("".join)


def utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def extract(fmt: str, data: bytes):  # noqa: ANN201
    return get_format(fmt).extract(data, source=f"x.{fmt}", options=FormatOptions())


def marker(units: list[str]) -> list[str]:
    return [f"\u27e6{u.upper()}\u27e7" for u in units]


def has_surrogate(text: str) -> bool:
    return bool(re.search("[\ud800-\udfff]", text))


# -- any bytes at all --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["txt", "md", "html", "srt"])
@PROFILE
@given(data=st.one_of(st.binary(max_size=300), hostile_text(surrogates=True).map(utf8)))
def test_any_bytes_give_a_result_or_a_clear_error(fmt: str, data: bytes) -> None:
    try:
        extracted = extract(fmt, data)
    except InvalidInputError as exc:
        assert "Fix:" in str(exc)
        return
    extracted.rebuild(list(extracted.units))
    extracted.rebuild(marker(extracted.units))


# -- txt ---------------------------------------------------------------------------------------


@PROFILE
@given(text=hostile_text(max_size=40), bom=st.booleans())
def test_txt_identity_is_byte_identical(text: str, bom: bool) -> None:
    assume(not has_surrogate(text) and "\x00" not in text)
    data = (b"\xef\xbb\xbf" if bom else b"") + text.encode()
    extracted = extract("txt", data)
    assert extracted.rebuild(list(extracted.units)) == data


# -- html --------------------------------------------------------------------------------------

HTML_SYNTAX = [
    "<", ">", "&", "&amp;", "&nbsp;", "&#8220;", "&#xd800;", "&bogus;", "<p>", "</p>", "<P>",
    "<br>", "<br/>", "<br />", "<!--", "-->", "--!>", "<!-->", "<script>", "</script>",
    "<style>", "</style >", "<a href='x>y'>", '<a title="a > b">', "</div>", "</a >", '"',
    "'", "=", "<![CDATA[", "]]>", "<?php", "?>", "<!DOCTYPE html>", "<textarea>",
    "</textarea>", "<svg/>", "<svg>", "</svg>", "<code>", "</code>", '<p translate="no">',
    '<span translate="yes">', "<p class=notranslate>", "<title>", "</title>", "</>", "</ x>",
    "<plaintext>", "<li>", "<table>", "<td>", "<a b=c/>", "<x y='", '<x y="',
]


def html_pieces(text: str) -> list[tuple[str, str]]:
    return [(node.kind, text[node.start : node.end]) for node in scan(text)]


@PROFILE
@given(text=hostile_text(HTML_SYNTAX, max_size=40))
def test_html_identity_is_byte_identical_and_markers_touch_only_text(text: str) -> None:
    assume(not has_surrogate(text) and "\x00" not in text)
    data = text.encode()
    extracted = extract("html", data)
    assert extracted.rebuild(list(extracted.units)) == data
    out = extracted.rebuild(marker(extracted.units)).decode()
    before, after = html_pieces(text), html_pieces(out)
    assert len(before) == len(after)
    changed = 0
    for (kind, old), (new_kind, new) in zip(before, after):
        assert kind == new_kind
        if kind != "text":
            assert old == new
        elif old != new:
            changed += 1
            assert "<" not in new
    # One unit per stretch of text and inline tags: each unit's marker once.
    assert changed >= len(extracted.units)
    assert out.count("\u27e6") == len(extracted.units)
    assert "".join(p for _, p in before) == text  # the pieces cover the source exactly


# -- srt ---------------------------------------------------------------------------------------

SRT_SYNTAX = ["<i>", "</i>", "<font color=red>", "{\\an8}", "{\\", "<", "-->", "1", "00:00:01,000"]


@st.composite
def srt_files(draw) -> str:  # noqa: ANN001
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    cues = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        lines = draw(st.lists(hostile_text(SRT_SYNTAX, max_size=8), min_size=1, max_size=3))
        lines = [re.sub(r"[\r\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85]", " ", line).strip()
                 or "teks" for line in lines]
        timing = f"00:00:0{number},000 --> 00:00:0{number},900"
        cues.append(newline.join([str(number), timing, *lines]))
    return (newline * 2).join(cues) + newline


@PROFILE
@given(text=srt_files())
def test_srt_identity_is_byte_identical_and_timings_kept(text: str) -> None:
    assume(not has_surrogate(text) and "\x00" not in text)
    data = text.encode()
    extracted = extract("srt", data)
    assert extracted.rebuild(list(extracted.units)) == data
    out = extracted.rebuild(marker(extracted.units)).decode()
    timing = re.compile(r"00:00:0\d,000 --> 00:00:0\d,900")
    assert [x for x in out.splitlines() if timing.fullmatch(x)] == [
        x for x in text.splitlines() if timing.fullmatch(x)
    ]


# -- markdown ----------------------------------------------------------------------------------

MD_SYNTAX = ["`", "``", "*", "**", "_", "[", "]", "(", ")", "](x)", "#", "> ", "- ", "1. ",
             "|", "<b>", "</b>", "<!--", "-->", "\\", "http://x.id/a_b", "{#id}", "~~", "!["]


@st.composite
def markdown_files(draw) -> tuple[str, str]:  # noqa: ANN001
    """A markdown file, and the content of its fenced code block (never translated)."""
    code = draw(hostile_text(max_size=10)).replace("`", "'").replace("~", "-")
    code = re.sub(r"[\r\n\u2028\u2029\x0b\x0c\x1c-\x1e\x85]", " ", code) + " KODEX"
    blocks = draw(st.lists(hostile_text(MD_SYNTAX, max_size=12), max_size=6))
    blocks.insert(draw(st.integers(0, len(blocks))), f"```\n{code}\n```")
    return draw(st.sampled_from(["\n\n", "\n", "\r\n\r\n"])).join(blocks) + "\n", code


@PROFILE
@given(case=markdown_files())
def test_markdown_keeps_code_and_every_visible_character(case: tuple[str, str]) -> None:
    text, code = case
    assume(not has_surrogate(text) and "\x00" not in text)
    extracted = extract("md", text.encode())
    same = extracted.rebuild(list(extracted.units)).decode()
    # Documented normalisation: hard-wrapped paragraph lines are joined with a space.
    assert "".join(same.split()) == "".join(text.split())
    again = extract("md", same.encode())
    assert again.rebuild(list(again.units)).decode() == same
    assert not any("KODEX" in unit for unit in extracted.units)
    assert f"\n{code}\n" in extracted.rebuild(marker(extracted.units)).decode()


# -- jsonl -------------------------------------------------------------------------------------

NUMBERS = ["0", "-0", "1.10", "1e400", "-1E-400", "12345678901234567890123456789", "2.50",
           "NaN", "Infinity", "-Infinity", "true", "false", "null", "1" * 5000]
KEYS = ["id", "text", "title", "meta", "text_x", "", "\u00e9", "a\"b"]


def json_values(strings):  # noqa: ANN001, ANN201
    leaf = st.one_of(st.sampled_from(NUMBERS), strings.map(
        lambda s: json.dumps(s, ensure_ascii=False)), strings.map(json.dumps))
    return st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
            st.lists(st.tuples(st.sampled_from(KEYS), inner), max_size=3).map(
                lambda kv: "{" + ",".join(f"{json.dumps(k)}:{v}" for k, v in kv) + "}"
            ),
        ),
        max_leaves=6,
    )


@st.composite
def jsonl_records(draw) -> str:  # noqa: ANN001
    strings = hostile_text(surrogates=True, max_size=8)
    members = draw(st.lists(st.tuples(st.sampled_from(KEYS), json_values(strings)), max_size=6))
    ws = st.sampled_from(["", " ", "\t", "  ", "\r"])
    body = (draw(ws) + ",").join(
        f"{draw(ws)}{json.dumps(k)}{draw(ws)}:{draw(ws)}{v}" for k, v in members
    )
    return f"{draw(ws)}{{{body}{draw(ws)}}}{draw(ws)}"


def pairs(text: str):  # noqa: ANN201
    """A JSON text as nested pairs, keeping number spelling and duplicate keys."""
    return json.loads(text, object_pairs_hook=list, parse_float=str, parse_int=str,
                      parse_constant=str)


def read_rows(fmt: str, text: str, fields: tuple[str, ...]) -> tuple[str, list[str]]:
    """Run a row format with a marker translation; returns (header, rendered records)."""
    handle = io.StringIO(text, newline=get_format(fmt).newline)
    reader = get_format(fmt).start(handle, source=f"x.{fmt}",
                                   options=FormatOptions(fields=fields))
    out = []
    for record in reader.records:
        out.append(reader.render(record, marker(reader.units(record))))
    return reader.header, out


@PROFILE
@given(line=jsonl_records(), ending=st.sampled_from(["\n", "\r\n", ""]))
def test_jsonl_splices_translations_and_keeps_every_other_byte(line: str, ending: str) -> None:
    _, (out,) = read_rows("jsonl", line + ending, ("text",))
    typed = json.loads(line, object_pairs_hook=list, parse_int=float)
    keys = [k for k, _ in typed]
    where = [i for i, k in enumerate(keys) if k == "text"]
    if not where or not isinstance(typed[where[-1]][1], str):
        assert out == line + ending
        return
    # The promise for surrogates (translator/files/formats/jsonl.py): a value reads back as
    # JSON can carry it. A raw high+low surrogate pair in a str is written as the escape
    # pair, which every JSON reader takes for the one character it encodes.
    expected = as_json_reads(marker([typed[where[-1]][1]])[0])
    assert out.endswith(ending)
    got = json.loads(out, object_pairs_hook=list, parse_int=float)
    if "text_en" in keys:  # replaced where it stands
        assert [k for k, _ in got] == keys
        assert all(v == expected for k, v in got if k == "text_en")
        return
    # One stretch inserted right after the last "text" member; every other byte kept.
    assert [k for k, _ in got] == keys[: where[-1] + 1] + ["text_en"] + keys[where[-1] + 1 :]
    assert got[where[-1] + 1][1] == expected
    prefix = len(_common_prefix(out, line))
    suffix = len(_common_prefix(out[::-1], (line + ending)[::-1]))
    assert prefix + suffix >= len(line + ending)


def as_json_reads(text: str) -> str:
    """``text`` as a JSON reader reads it back once written (surrogate pairs joined)."""
    return json.loads(json.dumps(text))


def test_jsonl_surrogates_read_back_as_json_carries_them() -> None:
    # Raw surrogates in the str (only surrogatepass decoding makes them) vs an escape pair.
    for value, expected in [
        ("\udbff\udc00", "\U0010fc00"),  # a raw pair is the character it encodes
        ("\ud800", "\ud800"),  # a lone surrogate stays itself, written escaped
        ("\udc00\udbff", "\udc00\udbff"),  # low before high: no pair, two escapes
    ]:
        line = json.dumps({"text": value}, ensure_ascii=False)
        _, (out,) = read_rows("jsonl", line, ("text",))
        assert json.loads(out)["text_en"] == f"\u27e6{expected.upper()}\u27e7"
        out[len(line) - 1 :].encode("utf-8")  # the spliced member holds no raw surrogate
    escaped = '{"text": "\\ud83d\\ude00"}'  # a JSON escape pair is one emoji already
    _, (out,) = read_rows("jsonl", escaped, ("text",))
    assert json.loads(out)["text_en"] == "\u27e6\U0001f600\u27e7"


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


# -- csv ---------------------------------------------------------------------------------------


@st.composite
def csv_files(draw) -> tuple[str, list[list[str]], str, tuple[str, ...]]:  # noqa: ANN001
    """A CSV file, its rows, its delimiter and the columns to translate."""
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    quoting = draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL]))
    header = draw(st.permutations(["id", "text", "lang"]))
    if draw(st.booleans()):  # a translation column already there
        header.insert(draw(st.integers(0, 3)), "text_en")
    fields = draw(st.sampled_from([("text",), ("text", "lang"), ("lang", "text")]))
    cells = hostile_text(["\"", ",", ";", "|", '""', "\r", "\n"], max_size=8)
    rows = draw(st.lists(st.lists(cells.filter(lambda c: "\x00" not in c), max_size=6),
                         max_size=5))
    rows = [r for r in rows if r != [""]]  # a lone empty cell is written as a blank line
    lines, ending = [], "\n"
    for row in [header, *rows]:  # "\r\n" so that a bare "\r" in a cell is quoted too
        buffer = io.StringIO(newline="")
        csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n",
                   quoting=quoting).writerow(row)
        if row:  # (an empty row keeps the last ending: "\r" then "\n" would be one ending)
            ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
        lines.append(buffer.getvalue()[:-2] + ending)
    bom = "\ufeff" if draw(st.booleans()) else ""
    return bom + "".join(lines), [list(header), *rows], delimiter, fields


def expected_row(row: list[str], header: list[str], fields, translate) -> list[str]:  # noqa: ANN001
    """A row as the CSV format promises it: translations replace an existing column's
    cells, or go in a new column right after their source; nothing else changes."""
    out = list(row)
    inserts = []
    for field in fields:
        src = header.index(field)
        if src >= len(row):
            continue
        if field + "_en" in header:
            tgt = header.index(field + "_en")
            out += [""] * (tgt + 1 - len(out))
            out[tgt] = translate(field, row[src])
        else:
            inserts.append((src, translate(field, row[src])))
    for src, text in sorted(inserts, reverse=True):
        out.insert(src + 1, text)
    return out


@PROFILE
@given(case=csv_files())
def test_csv_keeps_every_cell_and_adds_the_translation(case) -> None:  # noqa: ANN001
    text, rows, delimiter, fields = case
    assume(not has_surrogate(text))
    header, out = read_rows("csv", text, fields)
    assert header.startswith("\ufeff") == text.startswith("\ufeff")
    written = list(csv.reader(io.StringIO(header.lstrip("\ufeff") + "".join(out), newline=""),
                              delimiter=delimiter))
    names = rows[0]
    assert written[0] == expected_row(names, names, fields, lambda f, cell: f + "_en")
    for source, result in zip(rows[1:], written[1:], strict=True):
        assert result == expected_row(source, names, fields, lambda f, cell: marker([cell])[0])
    if "text_en" in names or fields != ("text",):
        return
    # Byte for byte: the output is the input with one cell inserted per long enough row.
    col = names.index("text")
    inserted = [delimiter + "text_en"] + [
        delimiter + _csv_quote(marker([row[col]])[0], delimiter)
        for row in rows[1:] if len(row) > col
    ]
    output, pieces, pos = header + "".join(out), [], 0
    for piece in inserted:
        found = output.index(piece, pos)
        pieces.append(output[pos:found])
        pos = found + len(piece)
    assert "".join(pieces) + output[pos:] == text


@PROFILE
@given(body=hostile_text(['"', '""', ",", "\r", "\n", "\r\n", 'a"b', '"x"y'], max_size=30))
def test_csv_with_any_quoting_keeps_what_the_csv_module_reads(body: str) -> None:
    text = "id,text\n" + body
    assume(not has_surrogate(text) and "\x00" not in text)
    try:
        header, out = read_rows("csv", text, ("text",))
    except InvalidInputError:
        return
    source = list(csv.reader(io.StringIO(text, newline="")))
    written = list(csv.reader(io.StringIO(header + "".join(out), newline="")))
    assert len(written) == len(source)
    for before, after in zip(source[1:], written[1:]):
        if len(before) > 1:
            assert after[2] == marker([before[1]])[0]
            del after[2]
        assert after == before


def _csv_quote(cell: str, delimiter: str) -> str:
    if delimiter in cell or any(c in cell for c in '"\r\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


# -- docx --------------------------------------------------------------------------------------

XML_SAFE = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(runs=st.lists(st.tuples(hostile_text(["\t", "\n"], max_size=8), st.booleans()),
                     min_size=1, max_size=4))
def test_docx_keeps_tabs_breaks_and_run_formatting(runs) -> None:  # noqa: ANN001
    docx = pytest.importorskip("docx")
    document = docx.Document()
    paragraph = document.add_paragraph()
    for text, bold in runs:
        paragraph.add_run(XML_SAFE.sub("", text)).bold = bold
    buffer = io.BytesIO()
    document.save(buffer)
    extracted = extract("docx", buffer.getvalue())

    def shape(data: bytes) -> tuple[str, list[list[str]], list[bool]]:
        para = docx.Document(io.BytesIO(data)).paragraphs[0]
        tags = [[c.tag.rsplit("}", 1)[1] for c in r._r if not c.tag.endswith("}t")]
                for r in para.runs]
        return para.text, tags, [bool(r.bold) for r in para.runs]

    text, tags, bold = shape(buffer.getvalue())
    assert shape(extracted.rebuild(list(extracted.units))) == (text, tags, bold)
    out_text, out_tags, out_bold = shape(extracted.rebuild(marker(extracted.units)))
    assert (out_tags, out_bold) == (tags, bold)
    assert out_text.count("\t") == text.count("\t")
    assert out_text.count("\n") == text.count("\n")


# -- the engine's entrance ---------------------------------------------------------------------


@settings(PROFILE, suppress_health_check=[HealthCheck.too_slow,
                                         HealthCheck.function_scoped_fixture])
@given(text=hostile_text(surrogates=True, max_size=30))
def test_engine_takes_any_text(fake_translator, text: str) -> None:
    doc = fake_translator.translate_document(text)
    doc.to_json().encode("utf-8")
    assert not has_surrogate(doc.translation)
    if has_surrogate(text):
        assert "sanitized" in doc.flags


def test_csv_unclosed_quote_at_the_end_is_refused_by_record_not_spliced() -> None:
    # Found by the nightly profile: ',"' once had the new cell written inside the open quote.
    with pytest.raises(InvalidInputError, match=r"record 2: not valid CSV.*never closed.*Fix"):
        read_rows("csv", 'id,text\n,"', ("text",))
