from __future__ import annotations

import os
import shutil
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from facilitator_app import backups, fingerprint, restore
from facilitator_app.db import (
    WrongFileError,
    backup_if_changed,
    list_backups,
    make_backup,
    open_database,
    quick_check,
    restore_backup,
)
from facilitator_app.errors import KnownError
from facilitator_app.fingerprint import Fingerprint, take_fingerprint
from facilitator_app.paths import backups_dir
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.workshops import create_workshop
from facilitator_app.store import Store


def test_rolling_backups_keep_the_newest_ten(db_file: Path) -> None:
    open_database(db_file, backup_on_open=False).close()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    made = [make_backup(db_file, now=start + timedelta(minutes=n)) for n in range(13)]
    kept = list_backups(db_file)
    assert [b.path for b in kept] == list(reversed(made[-10:]))
    assert not any(path.exists() for path in made[:3])


def test_a_backup_is_a_consistent_copy_of_committed_data(db_file: Path) -> None:
    store = Store(open_database(db_file, backup_on_open=False), path=db_file)
    ensure_demo(store)
    backup = make_backup(db_file)  # taken while the store's connection is still open
    store.close()
    assert quick_check(backup)
    conn = sqlite3.connect(backup)
    assert conn.execute("SELECT COUNT(*) FROM attendees").fetchone()[0] == 60
    conn.close()


def test_open_makes_a_backup(db_file: Path) -> None:
    open_database(db_file).close()
    assert len(list_backups(db_file)) == 1


def add_workshop(db_file: Path, title: str) -> None:
    store = Store(open_database(db_file, backup_on_open=False), path=db_file)
    create_workshop(store, title)
    store.close()


def test_read_only_opens_keep_every_earlier_backup_and_a_write_makes_one(db_file: Path) -> None:
    open_database(db_file).close()
    add_workshop(db_file, "Finanzas para emprendedores")
    open_database(db_file).close()  # the write is backed up on the next open
    kept = [b.path for b in list_backups(db_file)]
    assert len(kept) == 2
    for _ in range(10):
        store = Store(open_database(db_file), path=db_file)
        assert store.workshops.list()  # a read, as `workshops list` does
        store.close()
    assert [b.path for b in list_backups(db_file)] == kept
    add_workshop(db_file, "Marketing digital")
    open_database(db_file).close()
    after = [b.path for b in list_backups(db_file)]
    assert len(after) == 3 and after[1:] == kept
    conn = sqlite3.connect(after[0])
    assert conn.execute("SELECT COUNT(*) FROM workshops").fetchone()[0] == 2
    conn.close()


def test_a_write_while_another_connection_stays_open_is_backed_up(db_file: Path) -> None:
    app = Store(open_database(db_file), path=db_file)  # the app keeps its connection
    assert backup_if_changed(db_file) is None
    create_workshop(app, "Taller en Trujillo")  # lands in the -wal, not yet checkpointed
    made = backup_if_changed(db_file)
    assert made is not None
    conn = sqlite3.connect(made)
    assert conn.execute("SELECT title FROM workshops").fetchall() == [("Taller en Trujillo",)]
    conn.close()
    assert backup_if_changed(db_file) is None
    app.close()


def test_an_unchanged_database_is_not_even_copied(db_file: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fingerprint, "RACY_NS", 0)  # as if the last write were long ago
    open_database(db_file).close()
    open_database(db_file).close()  # settles the record after the first open's writes
    before = list_backups(db_file)

    def no_copy(*_args: object) -> None:
        raise AssertionError("an unchanged database was copied")

    monkeypatch.setattr(backups, "copy_database", no_copy)
    for _ in range(3):
        open_database(db_file).close()
    assert list_backups(db_file) == before


def test_a_racy_fingerprint_is_never_trusted_alone(db_file: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # The worst case: a write that leaves sizes and times equal (same clock tick).
    blind = Fingerprint(("always the same",), racy=True)
    monkeypatch.setattr(backups, "take_fingerprint", lambda _path: blind)
    open_database(db_file).close()
    first = list_backups(db_file)
    open_database(db_file).close()
    assert list_backups(db_file) == first, "same content: the fresh copy is dropped"
    add_workshop(db_file, "Contabilidad básica")
    open_database(db_file).close()
    assert len(list_backups(db_file)) == len(first) + 1, "new content is kept"


def test_the_fingerprint_changes_with_every_commit_and_not_with_reads(db_file: Path) -> None:
    store = Store(open_database(db_file, backup_on_open=False), path=db_file)
    seen = {take_fingerprint(db_file).parts}
    for n in range(5):  # commits in quick succession, same clock tick or not
        create_workshop(store, f"Taller {n}")
        seen.add(take_fingerprint(db_file).parts)
    assert len(seen) == 6
    store.close()
    settled = take_fingerprint(db_file).parts
    reader = Store(open_database(db_file, backup_on_open=False), path=db_file)
    assert len(reader.workshops.list()) == 5
    reader.close()
    assert take_fingerprint(db_file).parts == settled


def test_a_backup_is_published_only_once_synced_and_named_uniquely(db_file: Path) -> None:
    open_database(db_file, backup_on_open=False).close()
    same_time = datetime(2026, 1, 1, tzinfo=UTC)
    first = make_backup(db_file, now=same_time)
    second = make_backup(db_file, now=same_time)
    assert first != second and first.exists() and second.exists()
    assert [b.created for b in list_backups(db_file)] == [same_time, same_time]
    assert not list(first.parent.glob("*.partial"))


def test_stale_leftovers_of_killed_backups_are_swept(db_file: Path) -> None:
    open_database(db_file, backup_on_open=False).close()
    folder = backups_dir(db_file)
    folder.mkdir()
    long_ago = time.time() - 3600
    stale = [folder / "workshop-20250101T000000000000Z.partial",
             folder / "workshop-20250101T000000000000Z-abcdef.partial-journal",
             folder / "workshop-20250101T000000000000Z-abcdef.json",  # its backup is gone
             folder / ".workshop-20250101T000000000000Z-abcdef.json.x1y2.tmp"]
    for path in stale:
        path.write_bytes(b"x")
        os.utime(path, (long_ago, long_ago))
    in_progress = folder / "workshop-20260101T000000000000Z-123456.partial"
    in_progress.write_bytes(b"being written by a live process")
    other_database = folder.parent / "notes.txt"
    other_database.write_text("not ours")
    made = make_backup(db_file)
    assert not any(path.exists() for path in stale)
    assert in_progress.exists() and other_database.exists()
    assert made.exists() and made.with_suffix(".json").exists()


def test_backups_of_older_versions_are_listed_and_pruned(db_file: Path) -> None:
    open_database(db_file, backup_on_open=False).close()
    folder = backups_dir(db_file)
    folder.mkdir()
    legacy = folder / "workshop-20250101T000000000000Z.db"  # no random part, no record
    shutil.copyfile(db_file, legacy)
    assert [b.path for b in list_backups(db_file)] == [legacy]
    made = backup_if_changed(db_file)  # no record to compare with: a copy is kept
    assert made is not None and [b.path for b in list_backups(db_file)] == [made, legacy]
    make_backup(db_file, keep=1)
    assert not legacy.exists()


def test_a_backup_that_cannot_be_written_is_a_clear_error(db_file: Path) -> None:
    open_database(db_file, backup_on_open=False).close()
    backups_dir(db_file).write_text("a file where the backups folder should be")
    with pytest.raises(KnownError) as raised:
        make_backup(db_file)
    assert str(backups_dir(db_file)) in raised.value.message


def test_two_restores_in_the_same_second_keep_both_replaced_files(db_file: Path) -> None:
    open_database(db_file, backup_on_open=False).close()
    backup = make_backup(db_file)
    add_workshop(db_file, "Primera versión")
    first_state = db_file.read_bytes()
    same_second = datetime(2026, 3, 14, 15, 30, 5, tzinfo=UTC)
    first_aside = restore_backup(backup, db_file, now=same_second)
    add_workshop(db_file, "Segunda versión")
    second_state = db_file.read_bytes()
    second_aside = restore_backup(backup, db_file, now=same_second)
    assert first_aside is not None and second_aside is not None
    assert first_aside != second_aside
    assert first_aside.name == "workshop-replaced-20260314T153005.db"
    assert first_aside.read_bytes() == first_state
    assert second_aside.read_bytes() == second_state
    store = Store(open_database(db_file), path=db_file)
    assert store.workshops.list() == []  # the backup's state, before either workshop
    store.close()


def test_a_restore_never_replays_a_stray_wal_into_the_restored_file(db_file: Path) -> None:
    open_database(db_file, backup_on_open=False).close()
    backup = make_backup(db_file)
    db_file.unlink()
    stray = db_file.with_name(db_file.name + "-wal")
    stray.write_bytes(b"left over from another file")
    assert restore_backup(backup, db_file) is None
    assert not stray.exists()
    assert quick_check(db_file)
    assert [p.name[-4:] for p in db_file.parent.glob("workshop-replaced-*")] == ["-wal"]


def test_a_restore_that_fails_midway_leaves_the_database_where_it_was(
        db_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_database(db_file, backup_on_open=False).close()
    backup = make_backup(db_file)
    add_workshop(db_file, "Lo que se hizo después")
    before = db_file.read_bytes()

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(restore, "replace_durably", disk_full)
    with pytest.raises(KnownError) as raised:
        restore_backup(backup, db_file)
    assert str(db_file) in raised.value.message
    assert db_file.read_bytes() == before
    assert sorted(p.name for p in db_file.parent.iterdir() if p.is_file()) == [db_file.name]


def test_a_backup_is_not_restored_over_a_folder_or_from_a_foreign_file(db_file: Path) -> None:
    open_database(db_file, backup_on_open=False).close()
    backup = make_backup(db_file)
    folder = db_file.with_name("a folder")
    folder.mkdir()
    with pytest.raises(WrongFileError):
        restore_backup(backup, folder)
    assert folder.is_dir() and not list(folder.parent.glob("a folder-replaced-*"))
    foreign = db_file.with_name("other.db")
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.close()
    before = db_file.read_bytes()
    with pytest.raises(KnownError) as raised:
        restore_backup(foreign, db_file)
    assert "not a CREANDO Desk backup" in raised.value.message
    assert db_file.read_bytes() == before
