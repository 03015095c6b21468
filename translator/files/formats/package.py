"""Zip packages (Office Open XML, OpenDocument, epub): opened bounded, written back exact.

The one place where a document format opens its zip archive and writes it back:

* :func:`open_archive` opens it with :func:`translator.untrusted.open_zip` (bounded: a
  zip bomb is refused by its directory; a password is named), and names a damaged file
  or one that is not a zip archive as not a valid file of its ``kind``;
  :func:`open_package` also requires the ``mimetype`` member of ODF and OCF (epub);
* :func:`write_package` writes it back: every member that was not replaced keeps its
  bytes, and every member its place, name, date, attributes, comment and compression
  method; a ``mimetype`` member comes first and is stored uncompressed (ODF and OCF
  require it, so that a program can recognise the file by its first bytes).
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Mapping

from translator.errors import InvalidInputError, UnsupportedFormatError
from translator.untrusted import open_zip, read_member

#: Characters XML 1.0 cannot hold: never in a source, but a translation is not a source.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def open_archive(data: bytes, *, source: str, kind: str) -> zipfile.ZipFile:
    """Open a zip-based document (bounded).

    Args:
        data: The file's bytes.
        source: The file's name, for messages.
        kind: What the file should be (".docx", "OpenDocument"), for messages.

    Raises:
        UnsupportedFormatError: Damaged, truncated or not a zip archive.
        InvalidInputError: A zip bomb, or a password-protected file.
    """
    try:
        return open_zip(data, name=source)
    except InvalidInputError as exc:
        if not isinstance(exc.__cause__, (zipfile.BadZipFile, OSError, ValueError)):
            raise  # a zip bomb, a password
        raise UnsupportedFormatError(
            f"{source}: not a valid {kind} file (damaged, truncated or not a zip "
            "archive). Fix: open and save it again in the program that made it, or "
            "pass the right --format."
        ) from exc


def open_package(data: bytes, *, source: str, kind: str) -> zipfile.ZipFile:
    """Open a package with a ``mimetype`` member (OpenDocument, epub).

    Raises:
        InvalidInputError: Not a zip archive, a zip bomb, damaged, or no ``mimetype``.
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

    ``mimetype`` (when there is one) is written first and stored; every other member
    keeps its place, name, date, attributes, comment and compression method, and (when
    not replaced) its bytes.
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
            # A copy: writing updates the entry's offsets, which must stay those of the
            # source archive (a rebuild may run again).
            entry = copy.copy(info)
            method = zipfile.ZIP_STORED if name == "mimetype" else info.compress_type
            target.writestr(entry, data, compress_type=method)
    return out.getvalue()
