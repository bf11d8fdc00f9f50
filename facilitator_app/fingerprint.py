"""A cheap fingerprint of a database's files: did anything change since the last backup?

In WAL mode every commit appends frames to the `-wal` file (it grows) or starts it over
(new random salts in its header), and a checkpoint rewrites the main file; so the sizes,
times and headers below change whenever the data do. SQLite's change counter in the main
header is not bumped in WAL mode, so it is only one part among others. An empty `-wal`
(every open creates one) holds nothing and is left out.

A time within `RACY_NS` of the moment the fingerprint is taken is "racy": a later write
in the same clock tick could leave it equal (git's "racily clean" files). A racy
fingerprint proves nothing by itself; the caller then compares contents.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

RACY_NS = 2_000_000_000  # FAT's 2-second resolution is the coarsest a USB drive has
_MAIN_HEAD = 100  # the database header
_WAL_HEAD = 32  # the WAL header: checkpoint sequence and salts


@dataclass(frozen=True)
class Fingerprint:
    parts: tuple[int | str, ...]
    racy: bool

    def proves_unchanged(self, current: Fingerprint) -> bool:
        """True when this (earlier) fingerprint equals `current` and was not racy."""
        return not self.racy and self.parts == current.parts


def take_fingerprint(db_path: Path) -> Fingerprint:
    """Sizes, times, inode and header digest of the main file and of a non-empty `-wal`."""
    now = time.time_ns()
    parts: list[int | str] = []
    newest = 0
    for path, head in ((db_path, _MAIN_HEAD), (wal_path(db_path), _WAL_HEAD)):
        try:
            info = os.stat(path)
            digest = _head_digest(path, head) if info.st_size else ""
        except FileNotFoundError:
            parts.append(0)
            continue
        if not info.st_size:
            parts.append(0)
            continue
        parts.extend((info.st_size, info.st_mtime_ns, info.st_ino, digest))
        newest = max(newest, info.st_mtime_ns, _status_change_ns(info))
    return Fingerprint(tuple(parts), racy=newest > now - RACY_NS)


def wal_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + "-wal")


def _head_digest(path: Path, size: int) -> str:
    with open(path, "rb") as handle:
        return hashlib.blake2b(handle.read(size), digest_size=8).hexdigest()


def _status_change_ns(info: os.stat_result) -> int:
    """When the inode last changed (POSIX); Windows' st_ctime is the creation time."""
    return 0 if os.name == "nt" else info.st_ctime_ns
