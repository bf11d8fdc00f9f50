"""Rolling backups of a database file, in a folder beside it, safe with several processes.

Each backup `<stem>-<UTC time>-<random>.db` is a copy made with SQLite's backup API,
synced to disk before it is published by a rename, with a small record beside it
(`.json`: the database's fingerprint when it was taken and the copy's SHA-256), so that a
later open can tell cheaply whether anything changed since. Several processes may back up
and prune at once: a listing skips files another process just removed, names never
collide, and pruning keeps the newest `keep` by time whoever lists them.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from facilitator_app import dbconnect
from facilitator_app.dbfile import FileKind, inspect_file
from facilitator_app.durable import replace_durably, write_bytes_atomically
from facilitator_app.errors import KnownError, mapped_sqlite_errors
from facilitator_app.files import sha256_of
from facilitator_app.fingerprint import Fingerprint, take_fingerprint
from facilitator_app.i18n import _
from facilitator_app.paths import backups_dir

KEEP_BACKUPS = 10
BUSY_TIMEOUT_S = 5.0
STALE_SECONDS = 60  # a leftover `.partial` this old belongs to no live writer
_STAMP = "%Y%m%dT%H%M%S%fZ"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: datetime
    size: int


@dataclass(frozen=True)
class _Record:
    fingerprint: Fingerprint
    sha256: str


def make_backup(db_path: Path, *, keep: int = KEEP_BACKUPS, now: datetime | None = None) -> Path:
    """Copy the live database into a new rolling backup and keep the newest `keep`."""
    state = take_fingerprint(db_path)
    partial, sha256 = _copy(db_path, now)
    target = _publish(partial, _Record(state, sha256))
    prune_backups(db_path, keep=keep)
    return target


def backup_if_changed(db_path: Path, *, keep: int = KEEP_BACKUPS,
                      now: datetime | None = None) -> Path | None:
    """A new backup when the database changed since the newest one; else None.

    Unchanged files (the fingerprint recorded with the newest backup) cost a folder listing
    and a few stat calls; when the fingerprint cannot prove it, a copy is made and kept
    only if its contents differ from the newest backup's.
    """
    state = take_fingerprint(db_path)
    newest = _newest_record(db_path)
    if newest and newest[1].fingerprint.proves_unchanged(state):
        return None
    partial, sha256 = _copy(db_path, now)
    newest = _newest_record(db_path)  # again: another process may have just made it
    if newest and newest[1].sha256 == sha256:
        partial.unlink(missing_ok=True)
        _write_record(newest[0], _Record(state, sha256))  # next time the cheap test holds
        prune_backups(db_path, keep=keep)
        return None
    target = _publish(partial, _Record(state, sha256))
    prune_backups(db_path, keep=keep)
    return target


def list_backups(db_path: Path) -> list[BackupInfo]:
    """The rolling backups of `db_path`, newest first (files vanishing meanwhile skipped)."""
    found = []
    prefix = f"{db_path.stem}-"
    for entry in _entries(db_path):
        created = _created(prefix, entry.name)
        if created is None:
            continue
        try:
            size = entry.stat().st_size
        except FileNotFoundError:
            continue  # pruned by another process while we looked
        found.append(BackupInfo(Path(entry.path), created, size))
    return sorted(found, key=lambda b: (b.created, b.path.name), reverse=True)


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest backup that is a healthy CREANDO Desk database, if any."""
    for backup in list_backups(db_path):
        try:
            if inspect_file(backup.path) is FileKind.CREANDO:
                return backup.path
        except KnownError:
            continue
    return None


def prune_backups(db_path: Path, *, keep: int = KEEP_BACKUPS) -> None:
    """Remove all but the newest `keep` backups, and leftovers of interrupted ones."""
    for old in list_backups(db_path)[keep:]:
        _remove(old.path)
        _remove(old.path.with_suffix(".json"))
    sweep_leftovers(db_path)


def partial_backups(db_path: Path) -> list[tuple[Path, datetime | None]]:
    """Copies being made (or left by a killed backup), with the time each was begun."""
    prefix = f"{db_path.stem}-"
    found = []
    for entry in _entries(db_path):
        for suffix in (".partial", ".partial-journal"):
            if entry.name.endswith(suffix):
                stem = entry.name[:-len(suffix)] + ".db"
                found.append((Path(entry.path), _created(prefix, stem)))
    return found


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy of `source` (committed data only) in a rollback-journal file,
    encrypted with the same key when `source` is."""
    key = dbconnect.registered_key(source) or (
        dbconnect.key_for(source) if dbconnect.looks_encrypted(source) else None)
    src = dbconnect.connect(source, key, timeout=BUSY_TIMEOUT_S)
    try:
        dst = dbconnect.connect(target, key)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def _copy(db_path: Path, now: datetime | None) -> tuple[Path, str]:
    """Copy into a `.partial` in the backups folder; returns it and its SHA-256 (it is
    synced only if it is kept)."""
    folder = backups_dir(db_path)
    stamp = (now or datetime.now(UTC)).strftime(_STAMP)
    partial = folder / f"{db_path.stem}-{stamp}-{secrets.token_hex(3)}.partial"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with mapped_sqlite_errors(db_path):
            copy_database(db_path, partial)
        return partial, sha256_of(partial)
    except OSError as exc:
        _discard(partial)
        raise _backup_error(folder, exc) from exc
    except BaseException:
        _discard(partial)
        raise


def _publish(partial: Path, record: _Record) -> Path:
    target = partial.with_suffix(".db")
    try:
        _write_record(target, record)
        replace_durably(partial, target)
    except OSError as exc:
        _discard(partial)
        raise _backup_error(partial.parent, exc) from exc
    return target


def _write_record(backup: Path, record: _Record) -> None:
    data = {"fingerprint": list(record.fingerprint.parts), "racy": record.fingerprint.racy,
            "sha256": record.sha256}
    # Not synced: a record lost in a power cut only means the next open compares contents.
    write_bytes_atomically(backup.with_suffix(".json"), json.dumps(data).encode())


def _newest_record(db_path: Path) -> tuple[Path, _Record] | None:
    """The newest backup and its record (None when there is none, or it has no record)."""
    backups = list_backups(db_path)
    if not backups:
        return None
    try:
        data = json.loads(backups[0].path.with_suffix(".json").read_bytes())
        state = Fingerprint(tuple(data["fingerprint"]), racy=bool(data["racy"]))
        return backups[0].path, _Record(state, str(data["sha256"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None  # an older backup, or a record being replaced: compare contents


def _entries(db_path: Path) -> list[os.DirEntry[str]]:
    """The backups folder's entries that belong to `db_path` (hidden temporaries too)."""
    prefix = f"{db_path.stem}-"
    try:
        with os.scandir(backups_dir(db_path)) as entries:
            return [entry for entry in entries
                    if entry.name.startswith(prefix) or entry.name.startswith("." + prefix)]
    except (FileNotFoundError, NotADirectoryError):
        return []


def _created(prefix: str, name: str) -> datetime | None:
    """The time in a backup's name (`<stem>-<stamp>[-<random>].db`), or None."""
    if not name.startswith(prefix) or not name.endswith(".db"):
        return None
    stamp = name[len(prefix):-len(".db")].split("-", 1)[0]
    # Sliced rather than strptime'd: a listing runs on every open, strptime is slow.
    if len(stamp) != 22 or stamp[8] != "T" or stamp[-1] != "Z" or not (
            stamp[:8] + stamp[9:21]).isdigit():
        return None
    try:
        return datetime(int(stamp[0:4]), int(stamp[4:6]), int(stamp[6:8]), int(stamp[9:11]),
                        int(stamp[11:13]), int(stamp[13:15]), int(stamp[15:21]), tzinfo=UTC)
    except ValueError:
        return None


def sweep_leftovers(db_path: Path) -> None:
    """Partial copies of killed backups, and records of removed backups, once stale
    (run on every open, and whenever backups are pruned)."""
    entries = _entries(db_path)
    names = {entry.name for entry in entries}
    cutoff = time.time() - STALE_SECONDS
    for entry in entries:
        name = entry.name
        orphan = name.endswith(".json") and name[:-len(".json")] + ".db" not in names
        if orphan or name.endswith((".partial", ".partial-journal", ".tmp")):
            try:
                if entry.stat().st_mtime < cutoff:
                    _remove(Path(entry.path))
            except FileNotFoundError:
                continue


def _discard(partial: Path) -> None:
    for leftover in (partial, partial.with_name(partial.name + "-journal")):
        _remove(leftover)


def _remove(path: Path) -> None:
    """Best effort: a file open elsewhere (Windows) or already gone is removed next time."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)


def _backup_error(folder: Path, exc: OSError) -> KnownError:
    return KnownError(_("A backup could not be written in {folder} ({error}). Check that "
                        "the disk has space and can be written.").format(
                            folder=folder, error=exc.strerror or exc), path=folder)
