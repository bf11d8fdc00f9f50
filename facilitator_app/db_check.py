"""May CREANDO Desk open this path? A folder or another program's file is refused as
what it is (WrongFileError), a damaged database names its newest good backup
(CorruptDatabaseError), and so does a database whose log would lose committed changes
when SQLite replays it (DamagedLogError: a copy of the log is kept first). None of them is
touched."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from facilitator_app.backups import list_backups, newest_good_backup
from facilitator_app.dbfile import FileKind, could_be_a_damaged_database, inspect_file
from facilitator_app.errors import CorruptDatabaseError, KnownError
from facilitator_app.i18n import _, ngettext
from facilitator_app.wal_check import LogCheck, check_log, wal_of

RECHECKS = 3  # a log that changes between two looks is being written by a live process
RECHECK_PAUSE_S = 0.05


class WrongFileError(KnownError):
    """The path holds something other than a CREANDO Desk database; it is left as it is."""

    def __init__(self, message: str, *, path: Path, kind: FileKind) -> None:
        super().__init__(message, path=path)
        self.kind = kind


def check_database_file(db_path: Path) -> FileKind:
    """What `db_path` holds, if CREANDO Desk may open it (nothing yet, an empty file, a
    blank or a CREANDO Desk database); otherwise the error to show, file untouched."""
    kind = inspect_file(db_path)
    if kind in (FileKind.MISSING, FileKind.BLANK, FileKind.CREANDO):
        return kind
    if kind is FileKind.EMPTY and not list_backups(db_path):
        return kind
    if kind in (FileKind.EMPTY, FileKind.DAMAGED) or (
            kind is FileKind.NOT_SQLITE and could_be_a_damaged_database(db_path)
            and list_backups(db_path)):
        raise _damaged(db_path)
    raise WrongFileError(_wrong_kind_message(kind, db_path), path=db_path, kind=kind)


def _damaged(db_path: Path) -> CorruptDatabaseError:
    backup = newest_good_backup(db_path)
    message = _("The database {path} is damaged and cannot be opened.").format(path=db_path)
    if backup:
        message += " " + _("The newest good backup is {backup}.").format(backup=backup)
    else:
        message += " " + _("No good backup was found.")
    return CorruptDatabaseError(message, path=db_path, newest_backup=backup)


def _wrong_kind_message(kind: FileKind, path: Path) -> str:
    if kind is FileKind.FOLDER:
        return _("{path} is a folder, not a database file. Give the path of a database "
                 "file, for example {example}.").format(path=path, example=path / "creando.db")
    if kind is FileKind.FOREIGN:
        return _("{path} is an SQLite database of another program; CREANDO Desk does not "
                 "change it. Choose a CREANDO Desk database, or a new file name to start "
                 "one.").format(path=path)
    return _("{path} is not a CREANDO Desk database (it is not an SQLite database file); "
             "CREANDO Desk does not change it. Check that you chose the right file.").format(
                 path=path)




class DamagedLogError(CorruptDatabaseError):
    """Replaying the database's log would drop committed changes; nothing was opened."""

    def __init__(self, message: str, *, path: Path, newest_backup: Path | None,
                 kept: Path, check: LogCheck) -> None:
        super().__init__(message, path=path, newest_backup=newest_backup)
        self.kept = kept
        self.check = check


def refuse_damaged_log(db_path: Path, *, accept: bool = False) -> LogCheck | None:
    """Before any SQLite connection: raise DamagedLogError when replaying `db_path`'s log
    would drop committed changes (a copy of the log is kept aside first, always). With
    `accept`, the copy is kept and the check returned, for an open that takes what can be
    read."""
    found = _settled_check(db_path)
    if found is None or not found.damaged:
        return found
    kept = keep_log_aside(db_path, found)
    if accept:
        return found
    backup = newest_good_backup(db_path)
    message = ngettext(
        "The log of the database {path} is damaged: {n} committed change after the damage "
        "cannot be read, and opening the database would lose it.",
        "The log of the database {path} is damaged: {n} committed changes after the damage "
        "cannot be read, and opening the database would lose them.",
        found.lost_commits).format(path=db_path, n=found.lost_commits)
    message += " " + _("Nothing was changed; a copy of the log was kept at {copy}.").format(
        copy=kept)
    message += " " + (_("The newest good backup is {backup}.").format(backup=backup) if backup
                      else _("No good backup was found."))
    message += " " + _("To open the database with what can be read instead, run "
                       "`creando recover-log`.")
    raise DamagedLogError(message, path=db_path, newest_backup=backup, kept=kept, check=found)


def damaged_log_copies(db_path: Path) -> list[Path]:
    """The copies of damaged logs kept beside `db_path` (they hold personal data too)."""
    return sorted(db_path.parent.glob(f"{db_path.stem}-damaged-log-*"))


def keep_log_aside(db_path: Path, found: LogCheck) -> Path:
    """A synced copy of the log (and its index) beside the database, named after its
    contents so the same damage is kept once."""
    kept = db_path.with_name(f"{db_path.stem}-damaged-log-{found.digest}.wal")
    for source, target in ((wal_of(db_path), kept),
                           (db_path.with_name(db_path.name + "-shm"), kept.with_suffix(".shm"))):
        if target.exists() or not source.exists():
            continue
        partial = target.with_name(target.name + ".copying")
        shutil.copyfile(source, partial)
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    return kept


def _settled_check(db_path: Path) -> LogCheck | None:
    """The log's check, looked at again when it seems damaged: a live writer appending to
    it changes it between looks (then it is not ours to judge, and None is returned)."""
    found = check_log(db_path)
    for _attempt in range(RECHECKS):
        if found is None or not found.damaged:
            return found
        time.sleep(RECHECK_PAUSE_S)
        again = check_log(db_path)
        if again is not None and again.digest == found.digest:
            return again
        found = again
    return None
