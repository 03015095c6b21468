"""Output naming: where the translation of a file or directory goes.

The one naming rule of the package: the English translation of ``x.txt`` is ``x.en.txt``
(a language tag ``.id`` before the extension is replaced: ``berita.id.md`` ->
``berita.en.md``), of a directory ``dir`` it is ``dir.en``, and a sentence-aligned JSON
output adds ``.json``.
"""

from __future__ import annotations

from pathlib import Path


def output_name(name: str) -> str:
    """The translated file's name: ``berita.txt`` -> ``berita.en.txt``.

    A language tag ``.id`` before the extension is replaced: ``berita.id.md`` ->
    ``berita.en.md``; a path keeps only its file name.
    """
    path = Path(Path(name).name)
    stem = path.stem
    if stem.lower().endswith(".id"):
        stem = stem[:-3]
    return f"{stem or 'translation'}.en{path.suffix}"


def default_output(path: Path) -> Path:
    """Where a file or directory goes when no output is given: ``x.en.txt``, ``dir.en``."""
    if path.is_dir():
        return path.with_name(path.name + ".en")
    return path.with_name(output_name(path.name))


def json_output(dst: Path) -> Path:
    """The sentence-aligned JSON output that replaces ``dst``: ``x.en.txt.json``."""
    return dst.with_name(dst.name + ".json")
