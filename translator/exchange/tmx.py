"""TMX 1.4 translation memories: read what CAT tools write, write and update our own.

Reading accepts what OmegaT, Trados, memoQ and translate-toolkit write: ``tu`` elements
with one ``tuv`` per language, the language in ``xml:lang`` (TMX 1.4) or ``lang``
(TMX 1.1), the text in ``seg`` with inline markup resolved
(:func:`~translator.exchange.xmltext.inline_text`). The source ``tuv`` is the Indonesian
one (``id``, ``id-ID``, or the withdrawn ``in``), the target the English one. Untrusted:
parsed by :func:`translator.untrusted.parse_xml` (bounded, no entities).

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
from translator.exchange.xmltext import XML_NS, escape, inline_text, lang_matches, local, normalize
from translator.untrusted import MAX_XML_BYTES, parse_xml

_LANG = f"{{{XML_NS}}}lang"


def read_tmx(
    data: bytes,
    *,
    name: str,
    source_lang: str = "id",
    target_lang: str = "en",
    max_bytes: int = MAX_XML_BYTES,
) -> list[Pair]:
    """The source/target pairs of a TMX document, in file order.

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
    root = parse_xml(data, name=name, max_bytes=max_bytes)
    if local(root.tag) != "tmx":
        raise InvalidInputError(
            f"{name}: not a TMX file (its root element is <{local(root.tag)}>). Fix: give "
            "a TMX translation memory (exported from your CAT tool)."
        )
    origin = name.replace("\\", "/").rsplit("/", 1)[-1]
    header = next((e for e in root if local(e.tag) == "header"), None)
    default_date = "" if header is None else header.get("creationdate", "")
    pairs: list[Pair] = []
    units = 0
    languages: set[str] = set()
    for tu in root.iter():
        if local(tu.tag) != "tu":
            continue
        units += 1
        source = target = None
        for tuv in tu:
            if local(tuv.tag) != "tuv":
                continue
            lang = tuv.get(_LANG) or tuv.get("lang")
            languages.add(str(lang))
            seg = next((e for e in tuv if local(e.tag) == "seg"), None)
            if seg is None:
                continue
            if source is None and lang_matches(lang, source_lang):
                source = inline_text(seg)
            elif target is None and lang_matches(lang, target_lang):
                target = inline_text(seg)
        if source and target and source.strip() and target.strip():
            changed = tu.get("changedate") or tu.get("creationdate") or default_date
            pairs.append(Pair(source, target, origin, changed))
    if units and not pairs:
        raise InvalidInputError(
            f"{name}: none of its {units:,} translation units has both a {source_lang!r} "
            f"and a {target_lang!r} segment (languages found: "
            f"{', '.join(sorted(languages)) or 'none'}). Fix: give a "
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

    Under the file's lock (:func:`translator.files.locks.output_lock`), the file is read
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
    from translator.files.locks import output_lock
    from translator.files.outputs import atomic_write

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
