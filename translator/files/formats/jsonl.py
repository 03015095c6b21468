r"""JSON Lines: the named fields translated into new fields; every other byte kept.

The translation of field ``text`` goes into a new field ``text_en`` (the suffix is an
option) right after it; when that field exists already its values are replaced where they
stand. Records are read lazily, so files of any size go through in chunks.

Records are never re-serialised: the new members are spliced into the line as it was read,
so everything else (number spelling such as ``1e400`` or ``1.10``, duplicate keys, key
order, escapes, whitespace, the line ending) comes out byte for byte. Fields are matched by
name, whatever their order in the record or among the options. When a key occurs twice,
its last value is the one translated (as JSON parsers read it).

Surrogates: a written value reads back as JSON can carry it. A lone surrogate (only a
``surrogatepass`` decoding puts one in a ``str``) is written as its ``\uXXXX`` escape, since
UTF-8 cannot hold it; a raw high surrogate followed by a low one is written as the escape
pair, which every JSON reader takes for the one character the pair encodes (JSON cannot
spell two separate code points there). A ``\ud83d\ude00`` escape pair in the file is one
character when read, and stays one.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from json.decoder import scanstring
from typing import IO, Any

from translator.errors import InvalidInputError
from translator.files.formats.base import (
    FormatOptions,
    RowFormat,
    RowReader,
    UnitFlags,
    flag_value,
    need_fields,
)

_BOM = "\ufeff"


# Numbers and constants are kept as their source text: no float overflow (1e400), no
# limit on the digits of an integer, nothing rewritten.
_DECODER = json.JSONDecoder(parse_int=str, parse_float=str, parse_constant=str)
_JSON_WS = re.compile(r"[ \t\n\r]*")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class _Member:
    """One ``"key": value`` of a record: offsets in the line, and the value if a string."""

    key: str
    key_start: int
    key_end: int  # after the key's closing quote
    value_start: int
    value_end: int
    value: Any


@dataclass(frozen=True)
class _Line:
    """A line of a JSON Lines file; ``members`` is None when it is no JSON object."""

    text: str
    members: tuple[_Member, ...] | None


def _skip(text: str, pos: int) -> int:
    return _JSON_WS.match(text, pos).end()  # type: ignore[union-attr]


def _members(text: str, start: int) -> tuple[_Member, ...] | None:
    """The top-level members of the JSON object in ``text`` (already known to be valid)."""
    pos = _skip(text, start)
    if not text.startswith("{", pos):
        return None
    members = []
    pos = _skip(text, pos + 1)
    if text.startswith("}", pos):
        return ()
    while True:
        key, key_end = scanstring(text, pos + 1)
        value_start = _skip(text, _skip(text, key_end) + 1)  # past the colon
        value, value_end = _DECODER.raw_decode(text, value_start)
        if not text.startswith('"', value_start):
            value = None  # numbers are parsed as their text: only strings are translated
        members.append(_Member(key, pos, key_end, value_start, value_end, value))
        pos = _skip(text, value_end)
        if text.startswith("}", pos):
            return tuple(members)
        pos = _skip(text, pos + 1)  # past the comma


def _dumps(value: str) -> str:
    # Surrogates cannot be written as UTF-8: escape them the way JSON allows (a high+low
    # pair so escaped is read back as the one character it encodes; see the module doc).
    out = json.dumps(value, ensure_ascii=False)
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


class JsonlFormat(RowFormat):
    """One JSON object per line; blank lines and lines that are no object kept as they are."""

    name = "jsonl"
    extensions = (".jsonl", ".ndjson")
    newline = "\n"  # lines end at "\n" only; "\r" is JSON whitespace and stays

    def start(self, handle: IO[str], *, source: str, options: FormatOptions) -> RowReader:
        """See :class:`RowFormat`."""
        fields = need_fields(options, source, "fields")

        def records() -> Iterator[_Line]:
            for number, line in enumerate(handle, 1):
                start = 1 if number == 1 and line.startswith(_BOM) else 0
                if not line[start:].strip():
                    yield _Line(line, None)
                    continue
                try:
                    _DECODER.decode(line[start:])  # validate the whole line
                    members = _members(line, start)
                except json.JSONDecodeError as exc:
                    raise InvalidInputError(
                        f"{source}, line {number}: not valid JSON ({exc.msg}). "
                        "Fix: make every line one JSON object."
                    ) from exc
                except RecursionError:
                    raise InvalidInputError(
                        f"{source}, line {number}: JSON nested too deeply to read. "
                        "Fix: flatten the record."
                    ) from None
                yield _Line(line, members)

        def sources(record: _Line) -> dict[str, _Member]:
            """Each field to translate -> its last member, when that holds a string."""
            last = {m.key: m for m in record.members or ()}
            return {f: last[f] for f in fields if f in last and isinstance(last[f].value, str)}

        def units(record: _Line) -> list[str]:
            return [m.value for m in sources(record).values()]

        def render(
            record: _Line, translations: Sequence[str], flags: Sequence[UnitFlags] = ()
        ) -> str:
            found = sources(record)
            if not found and not (options.flags_field and record.members is not None):
                return record.text
            members = record.members or ()
            text = record.text
            edits: list[tuple[int, int, str]] = []  # (start, end, replacement)
            for (name, member), translation in zip(found.items(), translations, strict=True):
                target = name + options.suffix
                existing = [m for m in members if m.key == target]
                for m in existing:  # replace the old translation where it stands
                    edits.append((m.value_start, m.value_end, _dumps(translation)))
                if existing:
                    continue
                colon = text[member.key_end : member.value_start]
                if len(members) > 1:
                    comma = text[members[0].value_end : members[1].key_start]
                else:
                    comma = ", " if " " in colon else ","
                new = f"{comma}{_dumps(target)}{colon}{_dumps(translation)}"
                edits.append((member.value_end, member.value_end, new))
            if options.flags_field and record.members is not None:  # last, or where it was
                value = _dumps(flag_value(list(found), flags))
                existing = [m for m in members if m.key == options.flags_field]
                for m in existing:
                    edits.append((m.value_start, m.value_end, value))
                if not existing:
                    close = text.rstrip().rfind("}")
                    sep = ", " if members else ""
                    edits.append((close, close, f"{sep}{_dumps(options.flags_field)}: {value}"))
            out, pos = [], 0
            for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1])):
                out += [text[pos:start], replacement]
                pos = end
            out.append(text[pos:])
            return "".join(out)

        return RowReader("", records(), units, render)
