"""A damaged database gives a clear KnownError with the restore path, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from facilitator_app.db import WrongFileError, list_backups, open_database, restore_backup
from facilitator_app.dbfile import FileKind
from facilitator_app.errors import CorruptDatabaseError
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store


def make_demo_db(path: Path) -> None:
    store = Store(open_database(path), path=path)
    ensure_demo(store)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    open_database(path).close()  # a second open takes a backup that holds the demo


def damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for offset in range(4096, len(data), 4096):  # scribble over every page but the header
        data[offset + 100: offset + 400] = b"\xde\xad" * 150
    path.write_bytes(bytes(data))


def test_damage_names_the_file_and_the_newest_good_backup(db_file: Path) -> None:
    make_demo_db(db_file)
    newest = list_backups(db_file)[0].path
    damage(db_file)
    with pytest.raises(CorruptDatabaseError) as raised:
        open_database(db_file)
    assert str(db_file) in raised.value.message
    assert raised.value.newest_backup == newest
    assert str(newest) in raised.value.message


def test_restoring_brings_the_data_back_and_keeps_the_damaged_file(db_file: Path) -> None:
    make_demo_db(db_file)
    damage(db_file)
    damaged_bytes = db_file.read_bytes()
    backup = list_backups(db_file)[0].path
    aside = restore_backup(backup, db_file)
    assert aside is not None and aside.read_bytes() == damaged_bytes
    store = Store(open_database(db_file), path=db_file)
    assert store.workshops.demo() is not None
    store.close()


def test_a_damaged_database_with_no_backup_says_so(db_file: Path) -> None:
    make_demo_db(db_file)
    damage(db_file)
    for backup in list_backups(db_file):
        backup.path.unlink()
    damaged_bytes = db_file.read_bytes()
    with pytest.raises(CorruptDatabaseError) as raised:
        open_database(db_file)
    assert raised.value.newest_backup is None
    assert "damaged" in raised.value.message and "No good backup" in raised.value.message
    assert db_file.read_bytes() == damaged_bytes, "the file is never recreated"


def test_a_database_whose_first_page_was_wiped_is_damaged_not_foreign(db_file: Path) -> None:
    make_demo_db(db_file)
    newest = list_backups(db_file)[0].path
    data = bytearray(db_file.read_bytes())
    data[:4096] = bytes(4096)  # the header is gone: no longer recognisably SQLite
    db_file.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError) as raised:
        open_database(db_file)
    assert raised.value.newest_backup == newest


def test_a_text_file_with_no_backup_is_not_ours_and_not_damaged(db_file: Path) -> None:
    db_file.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(WrongFileError) as raised:
        open_database(db_file)
    assert not isinstance(raised.value, CorruptDatabaseError)
    assert raised.value.kind is FileKind.NOT_SQLITE
    assert "not a CREANDO Desk database" in raised.value.message
    assert "damaged" not in raised.value.message
    assert db_file.read_bytes() == b"this is not a database at all" * 100


def test_a_photo_named_like_a_database_with_backups_is_never_offered_a_restore(
        db_file: Path) -> None:
    make_demo_db(db_file)  # workshop.db and its backups in workshop-backups/
    photo = db_file.with_suffix(".png")  # the same stem: the same backups folder
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(8 * 1024 - 8))  # whole pages, zeros
    with pytest.raises(WrongFileError) as raised:
        open_database(photo)
    assert raised.value.kind is FileKind.NOT_SQLITE
    with pytest.raises(WrongFileError):
        restore_backup(list_backups(db_file)[0].path, photo)
    assert photo.read_bytes().startswith(b"\x89PNG") and photo.stat().st_size == 8 * 1024
    assert not list(photo.parent.glob("workshop-replaced-*")), "nothing was moved aside"


def test_an_emptied_file_with_backups_is_not_silently_recreated(db_file: Path) -> None:
    make_demo_db(db_file)
    db_file.write_bytes(b"")
    for side in ("-wal", "-shm"):
        db_file.with_name(db_file.name + side).unlink(missing_ok=True)
    with pytest.raises(CorruptDatabaseError):
        open_database(db_file)


def test_the_cli_prints_the_message_and_exits_3_without_a_traceback(db_file: Path) -> None:
    make_demo_db(db_file)
    damage(db_file)
    result = subprocess.run(
        [sys.executable, "-m", "facilitator_app", "--lang", "en", "--db", str(db_file),
         "workshops", "list"], capture_output=True, text=True)
    assert result.returncode == 3
    assert "damaged" in result.stderr and "backup" in result.stderr
    assert "Traceback" not in result.stderr
