"""Open the SQLite database safely: pragmas, integrity check, migrations, rolling backups."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from facilitator_app.errors import CorruptDatabaseError, KnownError, mapped_sqlite_errors
from facilitator_app.i18n import _
from facilitator_app.paths import backups_dir
from facilitator_app.schema import migrate
from facilitator_app.sql import Connection

BUSY_TIMEOUT_MS = 5000
KEEP_BACKUPS = 10
MEMORY = ":memory:"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    size: int


def open_database(path: Path | str, *, backup_on_open: bool = True) -> Connection:
    """Open (or create) the database at `path`, checked, migrated and backed up.

    A damaged file raises CorruptDatabaseError naming the newest good backup; it is never
    silently recreated.
    """
    if str(path) == MEMORY:
        return _prepare(sqlite3.connect(MEMORY), None)
    db_path = Path(path)
    _refuse_damaged(db_path)
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with mapped_sqlite_errors(db_path):
        conn = sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000)
        db = _prepare(conn, db_path)
    if backup_on_open:
        make_backup(db_path)
    return db


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


def quick_check(db_path: Path) -> bool:
    """True when the file is an SQLite database that passes `PRAGMA quick_check`."""
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=1)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return rows == [("ok",)]


def _refuse_damaged(db_path: Path) -> None:
    if not db_path.exists():
        return
    emptied = db_path.stat().st_size == 0 and bool(list_backups(db_path))
    if emptied or not quick_check(db_path):
        backup = newest_good_backup(db_path)
        message = _("The database {path} is damaged and cannot be opened.").format(path=db_path)
        if backup:
            message += " " + _("The newest good backup is {backup}.").format(backup=backup)
        else:
            message += " " + _("No good backup was found.")
        raise CorruptDatabaseError(message, path=db_path, newest_backup=backup)


def make_backup(db_path: Path, *, keep: int = KEEP_BACKUPS, now: datetime | None = None) -> Path:
    """Copy the live database with SQLite's backup API and keep the newest `keep` copies."""
    folder = backups_dir(db_path)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S%fZ")
    target = folder / f"{db_path.stem}-{stamp}.db"
    partial = target.with_suffix(".partial")
    with mapped_sqlite_errors(db_path):
        _copy_with_backup_api(db_path, partial)
    os.replace(partial, target)
    for old in list_backups(db_path)[keep:]:
        old.path.unlink(missing_ok=True)
    return target


def _copy_with_backup_api(source: Path, target: Path) -> None:
    src = sqlite3.connect(str(source), timeout=BUSY_TIMEOUT_MS / 1000)
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
    finally:
        dst.close()
        src.close()


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The rolling backups of `db_path`, newest first."""
    folder = backups_dir(db_path)
    if not folder.is_dir():
        return []
    found = []
    for item in folder.glob(f"{db_path.stem}-*.db"):
        stamp = item.stem.removeprefix(f"{db_path.stem}-")
        try:
            created = datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
        except ValueError:
            continue
        found.append(BackupInfo(item, created, item.stat().st_size))
    return sorted(found, key=lambda b: b.created, reverse=True)


def newest_good_backup(db_path: Path) -> Path | None:
    for backup in list_backups(db_path):
        if quick_check(backup.path):
            return backup.path
    return None


def restore_backup(backup: Path, db_path: Path) -> Path | None:
    """Put `backup` in place of `db_path`. The current file is kept aside, never deleted.

    Returns where the replaced file was moved (None when there was none).
    """
    if not quick_check(backup):
        raise KnownError(_("The backup {path} is damaged too.").format(path=backup), path=backup)
    aside = None
    if db_path.exists():
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        aside = db_path.with_name(f"{db_path.stem}-replaced-{stamp}{db_path.suffix}")
        os.replace(db_path, aside)
    for suffix in ("-wal", "-shm"):
        side = db_path.with_name(db_path.name + suffix)
        if side.exists():
            os.replace(side, (aside or db_path).with_name((aside or db_path).name + suffix))
    partial = db_path.with_suffix(".restoring")
    _copy_with_backup_api(backup, partial)
    os.replace(partial, db_path)
    return aside
