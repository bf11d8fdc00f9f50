"""Finishing an erasure (or a retention run) in every copy of the database this app made.

The erasure commits together with a "scrub pending" row; this then rewrites the live file
without the freed pages, replaces the rolling backups by one fresh backup, rewrites the
files kept aside by `backups restore` without the erased people (or removes one that is
too damaged to rewrite), and removes the leftovers that cannot be rewritten: partial
backups started before the erasure, copies of damaged logs, partial restores, work
folders and partial exports of processes that are gone. When all of that is done the
pending row goes; if anything fails (a file in use, a busy database) it stays, and the
next open tries again. Every file touched is listed.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from facilitator_app import dbconnect
from facilitator_app.backups import list_backups, make_backup, partial_backups
from facilitator_app.clock import iso
from facilitator_app.db_check import damaged_log_copies
from facilitator_app.dbfile import FileKind, inspect_file
from facilitator_app.errors import KnownError
from facilitator_app.restore import replaced_files, stale_restoring_copies
from facilitator_app.scratch import sweep_partial_exports, sweep_work_folders
from facilitator_app.sql import Connection
from facilitator_app.store.erasure import (
    erase_people,
    erased_ids,
    pseudonymise_people,
    pseudonymised_ids,
)
from facilitator_app.store.meta import MetaRepository

REWRITTEN, SCRUBBED, REMOVED, WRITTEN = "rewritten", "scrubbed", "removed", "written"
_SIDE = ("-wal", "-shm", "-journal")


class ScrubIncomplete(Exception):
    """A step could not be finished now (another program holds the database)."""


@dataclass(frozen=True)
class Touched:
    path: Path
    action: str  # rewritten | scrubbed | removed | written


def finish_pending(db: Connection, db_path: Path | None) -> list[Touched] | None:
    """Finish every pending scrub; the files touched, or None when nothing was pending or
    it must be tried again later (the attempt is recorded)."""
    meta = MetaRepository(db, lambda: datetime.now(UTC))
    pending = meta.pending_scrubs()
    if not pending:
        return None
    try:
        touched = scrub_copies(db, db_path, since_ns=min(p["requested_ns"] for p in pending))
    except (OSError, sqlite3.Error, KnownError, ScrubIncomplete) as exc:
        db.execute("UPDATE scrub_pending SET attempts = attempts + 1, last_error = ?",
                   [type(exc).__name__])
        return None
    with db.atomic():
        for row in pending:
            db.execute("DELETE FROM scrub_pending WHERE id = ?", [row["id"]])
        meta.audit("scrub_finished", "install", "", files=[str(t.path) for t in touched])
    return touched


def scrub_copies(db: Connection, db_path: Path | None, *, since_ns: int) -> list[Touched]:
    """Every step, in order; raises when one cannot be finished now."""
    touched = _rewrite_live(db, db_path)
    if db_path is not None:
        touched += _replace_backups(db_path, since_ns)
        ids, pseudonyms = erased_ids(db.conn), pseudonymised_ids(db.conn)
        for aside in replaced_files(db_path):
            touched += _scrub_copy(aside, ids, pseudonyms)
        for copy in damaged_log_copies(db_path):
            touched += _remove(copy)
        for copy in stale_restoring_copies(db_path):
            touched += _remove(copy)
    touched += [Touched(path, REMOVED) for path in sweep_work_folders(db_path)]
    touched += [Touched(path, REMOVED) for path in sweep_partial_exports()]
    return touched


def _rewrite_live(db: Connection, db_path: Path | None) -> list[Touched]:
    """Checkpoint (so older log frames go), rewrite the file (so freed pages go), and
    checkpoint again with the log truncated."""
    _checkpoint(db)
    db.execute("PRAGMA temp_store=MEMORY")  # VACUUM's own copy stays out of /tmp
    db.execute("VACUUM")
    _checkpoint(db)
    return [Touched(db_path, REWRITTEN)] if db_path is not None else []


def _checkpoint(db: Connection) -> None:
    busy, _log, _done = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    if busy:
        raise ScrubIncomplete("another connection is reading the database")


def _replace_backups(db_path: Path, since_ns: int) -> list[Touched]:
    """One fresh backup of the rewritten file; every older one, and partial copies begun
    before the erasure, removed."""
    fresh = make_backup(db_path)
    touched = [Touched(fresh, WRITTEN)]
    for backup in list_backups(db_path):
        if backup.path != fresh:
            touched += _remove(backup.path)
            backup.path.with_suffix(".json").unlink(missing_ok=True)
    since = datetime.fromtimestamp(since_ns / 1e9, UTC)
    for partial, started in partial_backups(db_path):
        if started is None or started <= since:
            touched += _remove(partial)
    return touched


def _scrub_copy(path: Path, ids: list[str], pseudonyms: list[str]) -> list[Touched]:
    """Rewrite a kept-aside database without the erased people; remove it when it cannot
    be rewritten (damaged, or not a database at all)."""
    try:
        healthy = inspect_file(path) is FileKind.CREANDO
    except KnownError:
        healthy = False
    sides = [Path(f"{path}{side}") for side in _SIDE]
    if not healthy:
        return [item for one in (path, *sides) for item in _remove(one)]
    present = [side for side in sides if side.exists()]
    conn = dbconnect.connect(path, isolation_level=None)
    try:
        for pragma in ("foreign_keys=ON", "secure_delete=ON", "temp_store=MEMORY"):
            conn.execute(f"PRAGMA {pragma}")
        conn.execute("BEGIN IMMEDIATE")
        erase_people(conn, ids)
        pseudonymise_people(conn, pseudonyms, iso(datetime.now(UTC)))
        conn.execute("COMMIT")
        conn.execute("VACUUM")
        conn.execute("PRAGMA journal_mode=DELETE")  # folds and removes its -wal
    finally:
        conn.close()
    for side in present:
        side.unlink(missing_ok=True)  # whatever the rewrite did not fold in and remove
    return [Touched(path, SCRUBBED), *(Touched(side, REMOVED) for side in present)]


def _remove(path: Path) -> list[Touched]:
    if not path.exists():
        return []
    path.unlink()  # an OSError (a file in use) leaves the scrub pending
    return [Touched(path, REMOVED)]


def sweep_on_open(db_path: Path) -> None:
    """What killed processes left behind that nobody will finish: removed quietly."""
    from facilitator_app.backups import sweep_leftovers

    with contextlib.suppress(OSError):
        sweep_leftovers(db_path)
        sweep_work_folders(db_path)
        sweep_partial_exports()
        for copy in stale_restoring_copies(db_path):
            copy.unlink(missing_ok=True)

