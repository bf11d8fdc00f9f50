"""Put a backup in place of the database: a synced copy renamed into place, the file it
replaces kept aside under a new `-replaced-` name, everything put back if it fails."""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from facilitator_app.backups import copy_database
from facilitator_app.db_check import check_database_file
from facilitator_app.dbfile import FileKind, inspect_file
from facilitator_app.durable import fsync_file, replace_durably
from facilitator_app.errors import CorruptDatabaseError, KnownError, mapped_sqlite_errors
from facilitator_app.i18n import _

_SIDE_FILES = ("-wal", "-shm")
RESTORING = ".restoring"


def restore_backup(backup: Path, db_path: Path, *, now: datetime | None = None) -> Path | None:
    """Put `backup` in place of `db_path`. The current file is kept aside, never deleted,
    as `<stem>-replaced-<time>.db` (a new name each time).

    Returns where the replaced file was moved (None when there was none). A `db_path`
    that holds another kind of file is refused, not replaced.
    """
    with contextlib.suppress(CorruptDatabaseError):  # a damaged one is what restoring is for
        check_database_file(db_path)
    _refuse_unusable_backup(backup)
    try:
        partial = _copy_beside(backup, db_path)
        try:
            aside = _swap_in(partial, db_path, now or datetime.now(UTC))
        finally:
            partial.unlink(missing_ok=True)
    except OSError as exc:
        raise KnownError(_("{path} could not be restored ({error}).").format(
            path=db_path, error=exc.strerror or exc), details=str(exc), path=db_path) from exc
    return aside


def _swap_in(partial: Path, db_path: Path, now: datetime) -> Path | None:
    """Move the current files aside and `partial` into place; on failure, put them back."""
    moved = _move_aside(db_path, now)
    try:
        replace_durably(partial, db_path, synced=True)
    except OSError:
        for origin, aside in reversed(moved):
            os.replace(aside, origin)
        raise
    kept = dict(moved).get(db_path)
    if kept is None and moved:  # only stray side files: drop the empty name holder
        _aside_name_of(moved[0][1]).unlink(missing_ok=True)
    return kept


def _refuse_unusable_backup(backup: Path) -> None:
    kind = inspect_file(backup)
    if kind is FileKind.CREANDO:
        return
    messages = {FileKind.DAMAGED: _("The backup {path} is damaged too."),
                FileKind.MISSING: _("Backup not found: {path}")}
    message = messages.get(kind, _("{path} is not a CREANDO Desk backup."))
    raise KnownError(message.format(path=backup), path=backup)


def _copy_beside(backup: Path, db_path: Path) -> Path:
    """A synced copy of `backup` in `db_path`'s folder, ready to be renamed into place."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{db_path.name}.{os.getpid()}-",
                                    suffix=RESTORING, dir=db_path.parent)
    os.close(handle)
    partial = Path(name)
    try:
        with mapped_sqlite_errors(backup):
            copy_database(backup, partial)
        fsync_file(partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return partial


def _move_aside(db_path: Path, now: datetime) -> list[tuple[Path, Path]]:
    """Move the database and its `-wal`/`-shm` to a new `-replaced-` name (a stray side
    file too, so it is never replayed into the restored copy); returns (from, to) pairs."""
    present = [db_path.with_name(db_path.name + suffix) for suffix in ("", *_SIDE_FILES)
               if db_path.with_name(db_path.name + suffix).exists()]
    if not present:
        return []
    aside = _claim_aside_name(db_path, now)
    moved = []
    for origin in present:
        target = aside.with_name(aside.name + origin.name[len(db_path.name):])
        os.replace(origin, target)
        moved.append((origin, target))
    return moved


def _aside_name_of(side: Path) -> Path:
    """The claimed `-replaced-` name a moved file (or its `-wal`/`-shm`) belongs to."""
    for suffix in _SIDE_FILES:
        if side.name.endswith(suffix):
            return side.with_name(side.name[:-len(suffix)])
    return side


def _claim_aside_name(db_path: Path, now: datetime) -> Path:
    """A `-replaced-<time>` name nobody has: created empty (exclusively) to hold it."""
    base = f"{db_path.stem}-replaced-{now.strftime('%Y%m%dT%H%M%S')}"
    names = (base if n == 1 else f"{base}-{n}" for n in itertools.count(1))
    for name in names:
        aside = db_path.with_name(name + db_path.suffix)
        if any(aside.with_name(aside.name + side).exists() for side in _SIDE_FILES):
            continue
        with contextlib.suppress(FileExistsError):
            os.close(os.open(aside, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            return aside
    raise AssertionError("itertools.count never ends")


def replaced_files(db_path: Path) -> list[Path]:
    """The files kept aside by earlier restores (`<stem>-replaced-<time>[-n]<suffix>`)."""
    pattern = f"{glob.escape(db_path.stem)}-replaced-*{glob.escape(db_path.suffix)}"
    return sorted(path for path in db_path.parent.glob(pattern) if path.is_file())


def stale_restoring_copies(db_path: Path) -> list[Path]:
    """Copies a killed restore left beside the database (their process is gone)."""
    from facilitator_app.scratch import process_alive

    found = []
    for path in db_path.parent.glob(f".{glob.escape(db_path.name)}.*{RESTORING}"):
        owner = path.name[len(db_path.name) + 2:].split("-", 1)[0]
        if not (owner.isdigit() and process_alive(int(owner))):
            found.append(path)
    return found
