"""May CREANDO Desk open this path? A folder or another program's file is refused as
what it is (WrongFileError) and a damaged database names its newest good backup
(CorruptDatabaseError); neither is touched."""

from __future__ import annotations

from pathlib import Path

from facilitator_app.backups import list_backups, newest_good_backup
from facilitator_app.dbfile import FileKind, could_be_a_damaged_database, inspect_file
from facilitator_app.errors import CorruptDatabaseError, KnownError
from facilitator_app.i18n import _


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


