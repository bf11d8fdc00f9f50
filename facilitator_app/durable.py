"""Publish a file so that it survives a power cut: fsync it, rename it into place, fsync
the folder (the rename itself lives in the folder's entry; Windows cannot sync a folder).

A reader sees either the old file or the whole new one, and after `replace_durably`
returns the new one is on the disk, not only in the operating system's cache.
"""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

# A folder that cannot be opened or synced (some network and FUSE file systems) is not an
# error: the file itself was synced, which is all such a file system offers.
_FOLDER_SYNC_UNSUPPORTED = {errno.EINVAL, errno.ENOTSUP, errno.EBADF, errno.EACCES,
                            errno.EPERM, errno.EISDIR}


def fsync_file(path: Path) -> None:
    """Flush `path`'s data to the disk."""
    with open(path, "r+b") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Flush `folder`'s entries (new names, renames) to the disk, where the OS allows it."""
    if os.name == "nt":
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError as exc:
        if exc.errno in _FOLDER_SYNC_UNSUPPORTED:
            return
        raise
    try:
        os.fsync(handle)
    except OSError as exc:
        if exc.errno not in _FOLDER_SYNC_UNSUPPORTED:
            raise
    finally:
        os.close(handle)


def replace_durably(source: Path, target: Path, *, synced: bool = False) -> None:
    """Put `source` in place of `target`: fsync `source` (unless the caller just did,
    `synced`), rename it, fsync the folder. Both must be in the same folder."""
    if not synced:
        fsync_file(source)
    os.replace(source, target)
    fsync_folder(target.parent)


def write_bytes_durably(target: Path, data: bytes) -> None:
    """Write `data` to `target` through a temporary file beside it, published durably."""
    _write_through_temporary(target, data, sync=True)


def write_bytes_atomically(target: Path, data: bytes) -> None:
    """The same without syncing: for a hint that may be lost in a power cut (a reader then
    finds the old file, or none), never torn."""
    _write_through_temporary(target, data, sync=False)


def _write_through_temporary(target: Path, data: bytes, *, sync: bool) -> None:
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                    dir=target.parent)
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if sync:
                stream.flush()
                os.fsync(stream.fileno())
        if sync:
            replace_durably(temporary, target, synced=True)
        else:
            os.replace(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
