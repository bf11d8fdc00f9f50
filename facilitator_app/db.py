"""Open the SQLite database safely: its log checked before SQLite replays it, what the
path holds, pragmas, integrity check, migrations, unfinished work finished (an erasure's
scrub of every copy) and leftovers of killed processes swept, and a rolling backup when
something changed since the newest one.

A path that does not hold a CREANDO Desk database (a folder, another program's SQLite
database, a photo) is refused and left exactly as it is; a damaged one, or one whose log
would lose committed changes, is refused with the newest good backup named; neither is
ever silently recreated. The backup and restore functions the faces use are re-exported
here.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from facilitator_app import dbconnect
from facilitator_app.backups import (
    KEEP_BACKUPS,
    BackupInfo,
    backup_if_changed,
    list_backups,
    make_backup,
    newest_good_backup,
)
from facilitator_app.db_check import (
    DamagedLogError,
    WrongFileError,
    check_database_file,
    refuse_damaged_log,
)
from facilitator_app.dbfile import quick_check
from facilitator_app.errors import KnownError, mapped_sqlite_errors
from facilitator_app.i18n import _
from facilitator_app.restore import restore_backup
from facilitator_app.schema import migrate
from facilitator_app.sql import Connection

__all__ = ["KEEP_BACKUPS", "BackupInfo", "DamagedLogError", "WrongFileError",
           "backup_if_changed",
           "check_database_file", "list_backups", "make_backup", "newest_good_backup",
           "open_database", "quick_check", "restore_backup"]

BUSY_TIMEOUT_MS = 5000
MEMORY = ":memory:"


def open_database(path: Path | str, *, backup_on_open: bool = True, maintain: bool = True,
                  accept_damaged_log: bool = False) -> Connection:
    """Open (or create) the database at `path`, checked, migrated, maintained (unless
    `maintain` is False: a scratch copy) and, when it changed since the newest backup,
    backed up.

    A damaged file raises CorruptDatabaseError naming the newest good backup, and a log
    whose replay would drop committed changes DamagedLogError (unless
    `accept_damaged_log`: then a copy of it is kept and SQLite keeps what it can read); a
    folder or a file of another kind raises WrongFileError. None of them is touched.
    """
    if str(path) == MEMORY:
        return _prepare(dbconnect.connect(MEMORY), None)
    db_path = Path(path)
    refuse_locked(db_path)
    refuse_damaged_log(db_path, accept=accept_damaged_log)  # before any SQLite connection
    check_database_file(db_path)
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KnownError(_("The folder for {path} cannot be created ({error}).").format(
            path=db_path, error=exc.strerror or exc), path=db_path) from exc
    with mapped_sqlite_errors(db_path):
        db = _prepare(dbconnect.connect(db_path, timeout=BUSY_TIMEOUT_MS / 1000), db_path)
    if maintain:
        _maintain(db, db_path)
    if backup_on_open:
        try:
            backup_if_changed(db_path)
        except BaseException:
            db.close()
            raise
    return db


class LockedDatabaseError(KnownError):
    """The database is encrypted and its passphrase was not given yet (nothing is wrong)."""


def refuse_locked(db_path: Path) -> None:
    """An encrypted database opens only once unlocked; never taken for a damaged one."""
    from facilitator_app.encryption import is_encrypted

    if dbconnect.registered_key(db_path) is None and is_encrypted(db_path):
        raise LockedDatabaseError(_("{path} is encrypted: give its passphrase to open it.")
                                  .format(path=db_path), path=db_path)


def _prepare(conn: sqlite3.Connection, db_path: Path | None) -> Connection:
    db = Connection(conn)
    with mapped_sqlite_errors(db_path):
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        try:
            migrate(conn)
        except KnownError as exc:
            conn.close()
            exc.message = exc.message.format(path=db_path or MEMORY)
            exc.path = db_path
            raise
    return db


def _maintain(db: Connection, db_path: Path) -> None:
    """Finish an erasure a killed process left half done, and sweep its leftovers."""
    from facilitator_app import scrub

    if db.execute("SELECT 1 FROM scrub_pending LIMIT 1").fetchone():
        scrub.finish_pending(db, db_path)
    scrub.sweep_on_open(db_path)
    _finish_encrypting_copies(db_path)


def _finish_encrypting_copies(db_path: Path) -> None:
    """Copies an interrupted `encryption enable` left plain beside an encrypted database."""
    key = dbconnect.registered_key(db_path)
    if key is None or not dbconnect.looks_encrypted(db_path):
        return
    from facilitator_app.encryption_convert import convert_copies, plain_copies

    if plain_copies(db_path):
        convert_copies(db_path, key, encrypt=True)
