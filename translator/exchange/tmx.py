"""TMX 1.4 translation memories: read what CAT tools write, write and update our own.

Reading accepts what OmegaT, Trados, memoQ and translate-toolkit write: ``tu`` elements
with one ``tuv`` per language, the language in ``xml:lang`` (TMX 1.4) or ``lang``
(TMX 1.1), the text in ``seg`` with inline markup resolved
as :func:`~translator.exchange.xmltext.inline_text` does. The source ``tuv`` is the Indonesian
one (``id``, ``id-ID``, or the withdrawn ``in``), the target the English one. Untrusted:
streamed through :func:`translator.untrusted.feed_xml` (bounded, no entities).

Writing (:func:`write_tmx`) gives one ``tu`` per pair with its ``changedate``.
:func:`add_to_tmx` updates a file on disk: under the file's lock it reads what is there,
replaces duplicates (same whitespace-normalised source) by the newest pair, and replaces
the file atomically, so two writers at once lose nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from translator._version import __version__
from translator.errors import InvalidInputError
from translator.exchange.pairs import Pair, now_stamp
from translator.exchange.xmltext import (
    CODE_ELEMENTS,
    escape,
    lang_matches,
    normalize,
)
from translator.untrusted import MAX_XML_BYTES, feed_xml

_LANG = "xml:lang"


class _TmxReader:
    """An ElementTree parser target collecting pairs while the file streams by (no tree)."""

    def __init__(self, name: str, source_lang: str, target_lang: str) -> None:
        self.name = name
        self.origin = name.replace("\\", "/").rsplit("/", 1)[-1]
        self.source_lang, self.target_lang = source_lang, target_lang
        self.pairs: list[Pair] = []
        self.units = 0
        self.languages: set[str] = set()
        self.root: str | None = None
        self.default_date = ""
        self.changed = ""
        self.lang: str | None = None
        self.segs: dict[str, str] = {}
        self.text: list[str] | None = None  # inside <seg>
        self.nested: list[bool] = []  # inline elements inside <seg>: True when code

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if ":" in tag:
            tag = tag.rpartition(":")[2]
        if self.root is None:
            self.root = tag
            if tag != "tmx":
                raise InvalidInputError(
                    f"{self.name}: not a TMX file (its root element is <{tag}>). Fix: give "
                    "a TMX translation memory (exported from your CAT tool)."
                )
        if self.text is not None:
            code = tag in CODE_ELEMENTS or bool(self.nested and self.nested[-1])
            self.nested.append(code)
        elif tag == "seg":
            self.text = []
        elif tag == "tuv":
            self.lang = attrib.get(_LANG) or attrib.get("lang")
            self.languages.add(str(self.lang))
        elif tag == "tu":
            self.units += 1
            self.segs = {}
            self.changed = attrib.get("changedate") or attrib.get("creationdate") or ""
        elif tag == "header":
            self.default_date = attrib.get("creationdate", "")

    def end(self, tag: str) -> None:
        if self.text is not None and self.nested:
            self.nested.pop()
            return
        if ":" in tag:
            tag = tag.rpartition(":")[2]
        if tag == "seg" and self.text is not None:
            text, self.text = "".join(self.text), None
            if lang_matches(self.lang, self.source_lang):
                self.segs.setdefault("source", text)
            elif lang_matches(self.lang, self.target_lang):
                self.segs.setdefault("target", text)
        elif tag == "tu":
            source, target = self.segs.get("source"), self.segs.get("target")
            if source and target and source.strip() and target.strip():
                changed = self.changed or self.default_date
                self.pairs.append(Pair(source, target, self.origin, changed))

    def data(self, text: str) -> None:
        if self.text is not None and not (self.nested and self.nested[-1]):
            self.text.append(text)

    def close(self) -> list[Pair]:
        return self.pairs


def read_tmx(
    data: bytes,
    *,
    name: str,
    source_lang: str = "id",
    target_lang: str = "en",
    max_bytes: int = MAX_XML_BYTES,
) -> list[Pair]:
    """The source/target pairs of a TMX document, in file order.

    Streams the file (:func:`translator.untrusted.feed_xml`): no element tree is built, so
    a 100,000-unit memory reads in about a second.

    Args:
        data: The file's bytes.
        name: Its name, for messages and for each pair's ``origin``.
        source_lang: Primary language subtag of the source ``tuv``.
        target_lang: Primary language subtag of the target ``tuv``.
        max_bytes: Larger files are refused.

    Raises:
        InvalidInputError: Not TMX, damaged, hostile, too large, or translation units that
            hold no ``source_lang``->``target_lang`` pair.
    """
    reader = _TmxReader(name, source_lang, target_lang)
    pairs = feed_xml(data, reader, name=name, max_bytes=max_bytes)
    if reader.units and not pairs:
        raise InvalidInputError(
            f"{name}: none of its {reader.units:,} translation units has both a "
            f"{source_lang!r} and a {target_lang!r} segment (languages found: "
            f"{', '.join(sorted(reader.languages)) or 'none'}). Fix: give a "
            f"{source_lang}->{target_lang} translation memory."
        )
    return pairs


def write_tmx(
    pairs: Iterable[Pair], *, source_lang: str = "id", target_lang: str = "en"
) -> bytes:
    """A TMX 1.4 document of ``pairs`` (UTF-8), one ``tu`` each, in the order given."""
    stamp = now_stamp()
    version = escape(__version__, attribute=True)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        f'  <header creationtool="indo-translator" creationtoolversion="{version}"'
        f' segtype="sentence" o-tmf="indo-translator" adminlang="en"'
        f' srclang="{source_lang}" datatype="plaintext" creationdate="{stamp}"/>\n  <body>\n'
    ]
    for pair in pairs:
        date = escape(pair.changed or stamp, attribute=True)
        out.append(
            f'    <tu changedate="{date}">\n'
            f'      <tuv xml:lang="{source_lang}"><seg>{escape(pair.source)}</seg></tuv>\n'
            f'      <tuv xml:lang="{target_lang}"><seg>{escape(pair.target)}</seg></tuv>\n'
            "    </tu>\n"
        )
    out.append("  </body>\n</tmx>\n")
    return "".join(out).encode("utf-8")


def merge_pairs(old: Iterable[Pair], new: Iterable[Pair]) -> list[Pair]:
    """``old`` and ``new`` with one pair per normalised source: the newest.

    Newest is the later ``changed`` date; on a tie (or no dates) the later pair in
    ``old`` + ``new`` order. Order: first appearance of each source.
    """
    chosen: dict[str, Pair] = {}
    for pair in [*old, *new]:
        key = normalize(pair.source)
        kept = chosen.get(key)
        if kept is None or (pair.changed or "") >= (kept.changed or ""):
            chosen[key] = pair
    return list(chosen.values())


def add_to_tmx(path: str | Path, pairs: Iterable[Pair], *, max_bytes: int = MAX_XML_BYTES) -> int:
    """Add ``pairs`` to the TMX file ``path`` (created when missing), safely.

    Under the file's lock (:func:`translator.fileio.output_lock`), the file is read
    again, duplicates are replaced by the newest pair (:func:`merge_pairs`; a pair without
    a date counts as made now), and the result replaces the file atomically: a reader never
    sees half a file, and a second writer waits and then adds to what the first wrote.

    Returns:
        The number of pairs in the file afterwards.

    Raises:
        InvalidInputError: The existing file is not a readable TMX.
        OSError: It cannot be written.
    """
    # Lazy: the files layer owns the lock and the atomic write (see the report: move them
    # below the engine so this import points down).
    from translator.fileio import atomic_write, output_lock

    path = Path(path)
    stamp = now_stamp()
    fresh = [p if p.changed else Pair(p.source, p.target, p.origin, stamp) for p in pairs]
    with output_lock(path, wait=True):
        old: list[Pair] = []
        if path.exists():
            data = path.read_bytes()
            if data.strip():
                old = read_tmx(data, name=str(path), max_bytes=max_bytes)
        merged = merge_pairs(old, fresh)
        atomic_write(path, write_tmx(merged))
    return len(merged)
