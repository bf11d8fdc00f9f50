"""Helper process for the erasure tests: starts a piece of work and SIGKILLs itself at the
worst moment, like a laptop losing power.

  erase DB ATTENDEE      right after the erasure's transaction commits, before any scrub
  archive DB WORKSHOP    right after the archive's snapshot was written, mid-archive
  export TARGET TEXT     while the export's partial file holds TEXT (UTF-16)
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path


def die(*_args: object, **_kwargs: object) -> None:
    print("dying", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)


def erase(db: str, attendee: str) -> None:
    from facilitator_app.db import open_database
    from facilitator_app.services import privacy
    from facilitator_app.store import Store

    store = Store(open_database(Path(db), backup_on_open=False), path=Path(db))
    privacy.finish_pending = die  # the commit has happened when this is called
    privacy.erase_attendee(store, attendee)


def archive(db: str, workshop: str) -> None:
    from facilitator_app.db import open_database
    from facilitator_app.services import archive as archives
    from facilitator_app.store import Store

    store = Store(open_database(Path(db), backup_on_open=False), path=Path(db))
    archives._reports = die  # called once the snapshot is on the disk
    archives.create_archive(store, workshop, Path(db).parent / "never.zip")


def export(target: str, text: str) -> None:
    from exports.atomic import atomic_path

    with atomic_path(Path(target)) as partial:
        partial.write_bytes(text.encode("utf-16"))
        die()


if __name__ == "__main__":
    {"erase": erase, "archive": archive, "export": export}[sys.argv[1]](*sys.argv[2:])
