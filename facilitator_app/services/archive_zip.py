"""Reading a zip that someone else made, with bounded work (a hostile archive is only
another file on a USB stick or in a WhatsApp chat).

Before anything is decompressed: the end-of-directory record is read by hand (how many
entries, how large the directory), then every entry is looked at (names unique, total
stated size, compression ratio, data that overlaps another entry's). Members are then read
in chunks, hashed while streaming and never past the size the manifest states.
"""

from __future__ import annotations

import hashlib
import itertools
import struct
from pathlib import Path

from facilitator_app.errors import RejectedFileError
from facilitator_app.i18n import _

MAX_ENTRIES = 10_000
MAX_DIRECTORY = 16 << 20  # bytes of central directory
MAX_TOTAL = 16 << 30  # the sum of every member's stated size
MAX_RATIO = 200  # deflate at its best is about 1,030:1; real files stay far below this
RATIO_FLOOR = 1 << 20  # members smaller than this are never a bomb
MAX_SMALL = 4 << 20  # the manifest and its signature
CHUNK = 1 << 20
_EOCD = b"PK\x05\x06"
_EOCD64_LOCATOR = b"PK\x06\x07"
_EOCD64 = b"PK\x06\x06"


class ArchiveLimitError(RejectedFileError):
    """The zip would take more work than any archive this app makes."""


def open_zip(path: Path, password: str | None):
    """The zip at `path`, opened after its directory passed the limits."""
    import pyzipper

    from facilitator_app.files import readable_file

    readable_file(path)  # missing or unreadable: said as such, not as "not a valid zip"
    _check_directory(path)
    try:
        archive = pyzipper.AESZipFile(path)
    except (OSError, pyzipper.BadZipFile, ValueError, EOFError) as exc:
        raise RejectedFileError(_("{file} is not a CREANDO Desk archive (not a valid zip).")
                                .format(file=path.name), path=path) from exc
    try:
        check_members(archive.infolist(), path)
    except BaseException:
        archive.close()
        raise
    if password:
        archive.setpassword(password.encode())
    return archive


def check_members(infos: list, path: Path) -> None:
    """Unique names, a bounded total, no bomb-like ratio, no entry inside another."""
    names = [info.filename for info in infos]
    if len(set(names)) != len(names):
        twice = sorted({name for name in names if names.count(name) > 1})
        raise ArchiveLimitError(_("{file}: {name} appears twice in the zip.").format(
            file=path.name, name=twice[0]), path=path)
    if sum(info.file_size for info in infos) > MAX_TOTAL:
        raise _too_large(path)
    for info in infos:
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                info.compress_size, 1):
            raise ArchiveLimitError(_("{file}: {name} would expand {ratio}-fold; no archive "
                                      "of CREANDO Desk does that, so it was not opened.").format(
                file=path.name, name=info.filename,
                ratio=info.file_size // max(info.compress_size, 1)), path=path)
    ordered = sorted(infos, key=lambda info: info.header_offset)
    for one, two in itertools.pairwise(ordered):
        if two.header_offset < one.header_offset + one.compress_size:
            raise ArchiveLimitError(_("{file}: {name} overlaps another member of the zip.")
                                    .format(file=path.name, name=two.filename), path=path)


def read_small(archive, name: str) -> bytes:
    """A small member (the manifest, its signature), never more than MAX_SMALL bytes."""
    if archive.getinfo(name).file_size > MAX_SMALL:
        raise ValueError(_("larger than any manifest"))
    with archive.open(name) as member:
        data = member.read(MAX_SMALL + 1)
    if len(data) > MAX_SMALL:
        raise ValueError(_("larger than any manifest"))
    return data


def hash_member(archive, name: str, size: int, out=None) -> tuple[int, str]:
    """(bytes read, SHA-256) of a member, read in chunks and never past `size` + 1 bytes;
    each chunk also goes to `out` when given (extracting while checking)."""
    digest = hashlib.sha256()
    read = 0
    with archive.open(name) as member:
        while read <= size:
            chunk = member.read(min(CHUNK, size + 1 - read))
            if not chunk:
                break
            read += len(chunk)
            digest.update(chunk)
            if out is not None:
                out.write(chunk)
    return read, digest.hexdigest()


def _check_directory(path: Path) -> None:
    """Entry count and directory size from the end record, before any parser reads it."""
    try:
        with open(path, "rb") as handle:
            handle.seek(0, 2)
            end = handle.tell()
            handle.seek(max(0, end - (22 + 65535)))
            tail = handle.read()
            at = tail.rfind(_EOCD)
            if at < 0 or len(tail) - at < 22:
                return  # not a zip: the zip reader says so
            entries, directory = _end_record(handle, tail, at)
    except OSError:
        return  # the zip reader reports it
    if entries > MAX_ENTRIES or directory > MAX_DIRECTORY:
        raise ArchiveLimitError(_("{file} lists {n} files; no archive of CREANDO Desk has that "
                                  "many, so it was not opened.").format(
                                      file=path.name, n=entries), path=path)


def _end_record(handle, tail: bytes, at: int) -> tuple[int, int]:
    _sig, _disk, _cd_disk, _here, entries, directory, offset, _comment = struct.unpack(
        "<4s4H2LH", tail[at:at + 22])
    if entries != 0xFFFF and directory != 0xFFFFFFFF and offset != 0xFFFFFFFF:
        return entries, directory
    locator = at - 20
    if locator < 0 or tail[locator:locator + 4] != _EOCD64_LOCATOR:
        return entries, directory
    _sig, _disk, record_at, _disks = struct.unpack("<4sLQL", tail[locator:locator + 20])
    handle.seek(record_at)
    record = handle.read(56)
    if len(record) < 56 or record[:4] != _EOCD64:
        return entries, directory
    values = struct.unpack("<4sQ2H2L4Q", record)
    return values[7], values[8]


def _too_large(path: Path) -> ArchiveLimitError:
    return ArchiveLimitError(_("{file} would expand to more than {gib} GiB; no archive of "
                               "CREANDO Desk is that large, so it was not opened.").format(
                                   file=path.name, gib=MAX_TOTAL >> 30), path=path)
