"""Zip packages with a ``mimetype`` member (OpenDocument, epub): read, and write back.

A package is opened with :func:`translator.untrusted.open_zip` (bounded: a zip bomb is
refused by its directory). Writing it back, the ``mimetype`` member comes first and is
stored uncompressed (ODF and OCF require it, so that a program can recognise the file by
its first bytes), the members that were not translated keep their bytes, names, dates and
compression, and the others are replaced.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping

from translator.errors import InvalidInputError
from translator.untrusted import open_zip, read_member

#: Characters XML 1.0 cannot hold: never in a source, but a translation is not a source.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def open_package(data: bytes, *, source: str, kind: str) -> zipfile.ZipFile:
    """Open a package, checking that it is one (a zip archive with a ``mimetype``).

    Args:
        data: The file's bytes.
        source: The file's name, for messages.
        kind: What the file should be ("OpenDocument", "epub"), for messages.

    Raises:
        InvalidInputError: Not a zip archive, a zip bomb, or damaged.
    """
    archive = open_zip(data, name=source)
    if "mimetype" not in archive.namelist():
        raise InvalidInputError(
            f"{source}: not a valid {kind} file (it has no 'mimetype' part). Fix: open it "
            "in the program that made it and save it again."
        )
    return archive


def write_package(
    archive: zipfile.ZipFile, replaced: Mapping[str, bytes], *, source: str
) -> bytes:
    """The package again, with the members in ``replaced`` given new bytes.

    ``mimetype`` is written first and stored; every other member keeps its place, name,
    date, attributes and compression method, and (when not replaced) its bytes.
    """
    out = io.BytesIO()
    infos = archive.infolist()
    infos.sort(key=lambda info: info.filename != "mimetype")  # stable: only mimetype moves
    with zipfile.ZipFile(out, "w") as target:
        for info in infos:
            name = info.filename
            data = replaced.get(name)
            if data is None:
                data = read_member(archive, name, name=source)
            copy = zipfile.ZipInfo(name, date_time=info.date_time)
            copy.compress_type = zipfile.ZIP_STORED if name == "mimetype" else info.compress_type
            copy.external_attr = info.external_attr
            copy.create_system = info.create_system
            copy.comment = info.comment
            target.writestr(copy, data)
    return out.getvalue()
