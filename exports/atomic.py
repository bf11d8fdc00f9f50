"""Write export files atomically: a temporary file beside the target, synced to disk, then
a rename (and the folder synced), so a power cut leaves the old file or the whole new one.

The temporary (`.<name>.<random>.part`) is announced in the data folder while it exists, so
one left by a killed process is found and removed on the next open, or by an erasure."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from facilitator_app.durable import replace_durably
from facilitator_app.scratch import announce, withdraw


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces `target`, on failure it goes.

    A reader never sees a half-written file, and a failed export leaves the old one intact.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                    dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    marker = announce(temporary)
    try:
        yield temporary
        replace_durably(temporary, target)
    finally:
        temporary.unlink(missing_ok=True)
        withdraw(marker)


def write_atomically(target: Path, write: Callable[[Path], None]) -> Path:
    with atomic_path(target) as temporary:
        write(temporary)
    return target
