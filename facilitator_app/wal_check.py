"""Is the database's log (`<db>-wal`) whole? Checked before SQLite replays it on open.

SQLite replays a WAL only up to the first frame whose checksum chain breaks, and then
forgets the rest: committed changes after a damaged frame would silently be lost. This
reads the WAL's header and frames (and the `-shm` index, when there is one) the way
SQLite's recovery does, without any SQLite connection, and says when committed frames
would be dropped:
- a commit frame with the WAL's salts after the frame where the chain breaks;
- the shared-memory index says frames were committed beyond the last whole commit;
- the WAL's header is unreadable although frames follow it.
Frames with other salts are leftovers of an earlier cycle of the log, and frames after
the last commit belong to a transaction that never committed: both are fine to drop.

Only a `-wal` with frames costs anything (one read of it: a clean close leaves none).
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from pathlib import Path

WAL_MAGIC = 0x377F0682
WAL_VERSION = 3007000
WAL_HEADER = 32
FRAME_HEADER = 24
SHM_HEADER = 48  # one copy of the wal-index header (there are two)
_MASK = 0xFFFFFFFF


@dataclass(frozen=True)
class LogCheck:
    frames: int  # complete frames in the file
    kept_frames: int  # what SQLite's recovery keeps (up to the last whole commit)
    lost_commits: int  # committed transactions that would be dropped
    reason: str  # "" when nothing committed would be lost; else header|chain|index
    digest: str  # of the whole log, to name a copy of it

    @property
    def damaged(self) -> bool:
        return bool(self.reason)


def wal_of(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + "-wal")


def check_log(db_path: Path) -> LogCheck | None:
    """The state of `db_path`'s WAL, or None when there is no WAL with frames."""
    wal = wal_of(db_path)
    index = _read_index(db_path.with_name(db_path.name + "-shm"))  # before the log: see above
    try:
        data = wal.read_bytes()
    except (FileNotFoundError, IsADirectoryError):
        return None
    if len(data) <= WAL_HEADER:
        return None
    digest = hashlib.blake2b(data, digest_size=8).hexdigest()
    header = _header(data)
    if header is None:
        page_size = _db_page_size(db_path)
        frames = (len(data) - WAL_HEADER) // (FRAME_HEADER + page_size) if page_size else 0
        return LogCheck(frames, 0, int(frames > 0), "header" if frames else "", digest)
    return _scan(data, header, index, digest)


def _scan(data: bytes, header: tuple, index: tuple | None, digest: str) -> LogCheck:
    big_endian, page_size, salts, chain = header
    size = FRAME_HEADER + page_size
    frames = (len(data) - WAL_HEADER) // size
    kept = lost = 0
    broken = False
    for number in range(1, frames + 1):
        start = WAL_HEADER + (number - 1) * size
        _page, commit, salt1, salt2, sum1, sum2 = struct.unpack_from(">6I", data, start)
        if (salt1, salt2) != salts:
            broken = True  # SQLite's recovery stops here (an older cycle, or damage)
            continue
        if not broken:
            chain = _frame_checksum(data, start, page_size, chain, big_endian)
            if chain == (sum1, sum2):
                kept = number if commit else kept
                continue
            broken = True
        lost += bool(commit)
    if index is not None and index[1] == salts and index[0] > kept:
        return LogCheck(frames, kept, max(lost, 1), "index", digest)
    return LogCheck(frames, kept, lost, "chain" if lost else "", digest)


def _header(data: bytes) -> tuple | None:
    """(big-endian checksums?, page size, salts, checksum) of a valid header, else None."""
    magic, version, page_size, _seq, salt1, salt2, sum1, sum2 = struct.unpack_from(">8I", data)
    if magic & ~1 != WAL_MAGIC or version != WAL_VERSION:
        return None
    if page_size < 512 or page_size > 65536 or page_size & (page_size - 1):
        return None
    big_endian = bool(magic & 1)
    start = _words_checksum(data[:24], (0, 0), big_endian)
    if start != (sum1, sum2):
        return None
    return big_endian, page_size, (salt1, salt2), start


def _frame_checksum(data: bytes, start: int, page_size: int, chain: tuple[int, int],
                    big_endian: bool) -> tuple[int, int]:
    chain = _words_checksum(data[start:start + 8], chain, big_endian)
    body = start + FRAME_HEADER
    return _words_checksum(data[body:body + page_size], chain, big_endian)


_HOST_BIG_ENDIAN = struct.pack("=I", 1) == struct.pack(">I", 1)


def _words_checksum(block: bytes, chain: tuple[int, int], big_endian: bool) -> tuple[int, int]:
    """SQLite's WAL checksum (walChecksumBytes) over `block`, continuing `chain`."""
    first, second = chain
    view = memoryview(block).cast("I")
    odd, even = view[0::2], view[1::2]
    if big_endian != _HOST_BIG_ENDIAN:
        odd, even = map(_swap, odd), map(_swap, even)
    for one, two in zip(odd, even, strict=True):
        first = (first + one + second) & _MASK
        second = (second + two + first) & _MASK
    return first, second


def _swap(word: int) -> int:
    return int.from_bytes(word.to_bytes(4, "little"), "big")


def _read_index(shm: Path) -> tuple[int, tuple[int, int]] | None:
    """(frames committed, salts) from a `-shm` whose header is whole, else None."""
    try:
        with open(shm, "rb") as handle:
            head = handle.read(2 * SHM_HEADER)
    except OSError:
        return None
    if len(head) < 2 * SHM_HEADER or head[:SHM_HEADER] != head[SHM_HEADER:]:
        return None
    version, _unused, _change, is_init, _big, _page, frames = struct.unpack_from("=3IBBHI", head)
    if version != WAL_VERSION or not is_init:
        return None
    return frames, struct.unpack_from(">2I", head, 32)  # aSalt: the header's own 8 bytes


def _db_page_size(db_path: Path) -> int:
    try:
        with open(db_path, "rb") as handle:
            head = handle.read(18)
    except OSError:
        return 0
    if len(head) < 18:
        return 0
    size = int.from_bytes(head[16:18], "big")
    return 65536 if size == 1 else size
