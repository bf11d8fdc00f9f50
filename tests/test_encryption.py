"""Encryption at rest, the core: the key file, unlocking, conversion both ways, every copy
encrypted, a wrong passphrase told apart from damage."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from facilitator_app import dbconnect, encryption, keyfile
from facilitator_app.db import (
    LockedDatabaseError,
    list_backups,
    make_backup,
    open_database,
    restore_backup,
)
from facilitator_app.dbfile import FileKind, inspect_file
from facilitator_app.errors import CorruptDatabaseError, KnownError
from tests.encryption_support import (
    PASSPHRASE,
    fresh_keys,  # noqa: F401 - autouse fixture
    import_people,
    leaks,
    plain_rows,
    stored_secrets,
)

COUNTS = ("SELECT (SELECT count(*) FROM attendees), (SELECT count(*) FROM registrations), "
          "(SELECT count(*) FROM workshops), (SELECT count(*) FROM audit_log)")


def _counts(db: Path) -> tuple:
    conn = dbconnect.connect(db)
    try:
        return conn.execute(COUNTS).fetchone()
    finally:
        conn.close()


@pytest.fixture
def people_db(db_file: Path) -> Path:
    import_people(db_file)
    make_backup(db_file)  # a plain backup that holds them
    return db_file


def test_enable_encrypts_the_database_and_every_backup_and_keeps_every_row(
        people_db: Path) -> None:
    secrets = stored_secrets(people_db)
    before = _counts(people_db)
    assert leaks(people_db, secrets), "the plain file shows them (the test can fail)"
    assert leaks(list_backups(people_db)[0].path, secrets)
    recovery = encryption.enable(people_db, PASSPHRASE)
    assert len(recovery.split("-")) == 8
    assert encryption.is_encrypted(people_db)
    assert _counts(people_db) == before
    copies = [b.path for b in list_backups(people_db)]
    assert copies
    for path in (people_db, *copies):
        assert not leaks(path, secrets), path
        assert not path.read_bytes().startswith(b"SQLite format 3")
    assert (people_db.parent / "workshop-backups" / "workshop.db.keys").is_file()


def test_the_wal_of_an_open_encrypted_database_shows_nothing(people_db: Path) -> None:
    encryption.enable(people_db, PASSPHRASE)
    db = open_database(people_db)
    try:
        db.execute("UPDATE attendees SET email = 'zoraida.nueva@example.org'")
        wal = people_db.with_name(people_db.name + "-wal")
        assert wal.stat().st_size > 0
        secrets = ["zoraida.nueva@example.org", *stored_secrets(people_db)]
        assert not leaks(wal, secrets)
    finally:
        db.close()


def test_a_plain_wal_does_show_them(people_db: Path) -> None:
    """The control of the test above: the check finds what a plain log holds."""
    db = open_database(people_db)
    try:
        db.execute("UPDATE attendees SET email = 'zoraida.nueva@example.org'")
        assert leaks(people_db.with_name(people_db.name + "-wal"),
                     ["zoraida.nueva@example.org"])
    finally:
        db.close()


def test_a_locked_database_says_so_and_a_wrong_passphrase_is_not_damage(
        people_db: Path) -> None:
    encryption.enable(people_db, PASSPHRASE)
    encryption.lock(people_db)
    assert inspect_file(people_db) is FileKind.ENCRYPTED
    with pytest.raises(LockedDatabaseError) as locked:
        open_database(people_db)
    assert not isinstance(locked.value, CorruptDatabaseError)
    with pytest.raises(encryption.WrongPassphrase) as wrong:
        encryption.unlock(people_db, "not the passphrase at all")
    assert "Wrong passphrase" in wrong.value.message
    assert "damaged" not in wrong.value.message
    assert not isinstance(wrong.value, CorruptDatabaseError)
    assert not encryption.is_unlocked(people_db)
    encryption.unlock(people_db, PASSPHRASE)
    assert inspect_file(people_db) is FileKind.CREANDO
    open_database(people_db).close()


def test_disable_puts_back_a_plain_database_and_plain_backups(people_db: Path) -> None:
    before = _counts(people_db)
    encryption.enable(people_db, PASSPHRASE)
    encryption.disable(people_db, PASSPHRASE)
    assert not encryption.is_encrypted(people_db)
    assert not keyfile.sidecar_of(people_db).exists()
    assert plain_rows(people_db, COUNTS)[0] == before
    for backup in list_backups(people_db):
        assert backup.path.read_bytes().startswith(b"SQLite format 3"), backup.path
    dbconnect.forget(people_db)
    open_database(people_db).close()


def test_change_passphrase_rewraps_without_rewriting_the_database(people_db: Path) -> None:
    encryption.enable(people_db, PASSPHRASE)
    raw = people_db.read_bytes()
    encryption.change_passphrase(people_db, PASSPHRASE, "another long passphrase")
    assert people_db.read_bytes() == raw
    encryption.lock(people_db)
    with pytest.raises(encryption.WrongPassphrase):
        encryption.unlock(people_db, PASSPHRASE)
    encryption.unlock(people_db, "another long passphrase")
    with pytest.raises(encryption.WrongPassphrase):
        encryption.change_passphrase(people_db, PASSPHRASE, "a third long passphrase")


def test_the_recovery_key_sets_a_new_passphrase(people_db: Path) -> None:
    recovery = encryption.enable(people_db, PASSPHRASE)
    encryption.lock(people_db)
    typo = recovery[:-1] + ("A" if recovery[-1] != "A" else "B")
    with pytest.raises(encryption.WrongPassphrase, match="typo"):
        encryption.unlock_with_recovery_key(people_db, typo, "a brand new passphrase")
    other = keyfile.format_recovery_key(keyfile.new_keys().recovery)
    with pytest.raises(encryption.WrongPassphrase, match="not the recovery key"):
        encryption.unlock_with_recovery_key(people_db, other, "a brand new passphrase")
    encryption.unlock_with_recovery_key(people_db, recovery.lower().replace("-", " "),
                                        "a brand new passphrase")
    encryption.lock(people_db)
    encryption.unlock(people_db, "a brand new passphrase")
    assert _counts(people_db)[0] == 5


def test_a_restore_keeps_the_replaced_file_encrypted(people_db: Path) -> None:
    secrets = stored_secrets(people_db)
    encryption.enable(people_db, PASSPHRASE)
    backup = make_backup(people_db)
    db = open_database(people_db, backup_on_open=False)
    db.execute("DELETE FROM registrations")
    db.close()
    aside = restore_backup(backup, people_db)
    assert aside is not None and aside.exists()
    assert not leaks(aside, secrets)
    assert inspect_file(aside) is FileKind.CREANDO  # it opens with the same key
    assert _counts(aside)[1] == 0
    assert _counts(people_db)[:2] == (5, 5)


def test_weak_passphrases_are_refused_with_a_reason(db_file: Path) -> None:
    assert encryption.passphrase_problem("short")
    assert encryption.passphrase_problem("aaaaaaaaaaaaaa")
    assert encryption.passphrase_problem(PASSPHRASE) is None
    with pytest.raises(KnownError):
        encryption.enable(db_file, "short")
    assert not keyfile.sidecar_of(db_file).exists()


def test_a_new_database_is_created_encrypted(db_file: Path) -> None:
    encryption.enable(db_file, PASSPHRASE)
    open_database(db_file).close()
    assert encryption.is_encrypted(db_file)
    with pytest.raises(sqlite3.DatabaseError):
        plain_rows(db_file, "SELECT count(*) FROM sqlite_master")


def test_a_failed_verification_leaves_the_plain_file_as_it_was(
        people_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from facilitator_app import encryption_convert

    raw = people_db.read_bytes()
    monkeypatch.setattr(encryption_convert, "_counts", _counting_wrong())
    with pytest.raises(KnownError, match="did not check out"):
        encryption.enable(people_db, PASSPHRASE)
    after = people_db.read_bytes()  # only the header changed (the journal mode, set to WAL
    assert after[100:] == raw[100:]  # again by the next open, and the change counter)
    assert not encryption.is_encrypted(people_db)
    dbconnect.forget(people_db)
    assert plain_rows(people_db, "SELECT count(*) FROM attendees") == [(5,)]


def _counting_wrong():
    calls: list[int] = []

    def counts(conn) -> dict[str, int]:
        calls.append(1)
        return {"attendees": len(calls)}  # the copy never matches the source

    return counts


def test_plain_backups_left_by_an_interrupted_enable_are_encrypted_on_the_next_open(
        people_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from facilitator_app import encryption_convert

    secrets = stored_secrets(people_db)
    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr(encryption_convert, "convert_copies", _interrupted)
        encryption.enable(people_db, PASSPHRASE)
    assert encryption.is_encrypted(people_db)
    assert any(leaks(b.path, secrets) for b in list_backups(people_db))
    open_database(people_db).close()
    for backup in list_backups(people_db):
        assert not leaks(backup.path, secrets), backup.path


def _interrupted(*_args, **_kwargs):
    raise KeyboardInterrupt


def test_erasure_scrubs_the_encrypted_copies_too(people_db: Path) -> None:
    """secure_delete and the scrub of backups and kept-aside files work on SQLCipher: read
    through the key, no copy still holds the erased person."""
    from facilitator_app.services.privacy import erase_attendee
    from facilitator_app.store import Store

    encryption.enable(people_db, PASSPHRASE)
    make_backup(people_db)
    restore_backup(list_backups(people_db)[0].path, people_db)  # a file kept aside too
    store = Store(open_database(people_db, backup_on_open=False), path=people_db)
    person = store.db.execute("SELECT id, email FROM attendees WHERE email != '' "
                              "ORDER BY id LIMIT 1").fetchone()
    erase_attendee(store, person[0])
    store.close()
    from facilitator_app.restore import replaced_files

    copies = [people_db, *(b.path for b in list_backups(people_db)),
              *replaced_files(people_db)]
    assert len(copies) >= 3
    for copy in copies:
        assert not copy.read_bytes().startswith(b"SQLite format 3"), copy
        conn = dbconnect.connect(copy)
        try:
            left = conn.execute("SELECT count(*) FROM attendees WHERE email = ? OR id = ?",
                                list(person[::-1])).fetchone()[0]
            others = conn.execute("SELECT count(*) FROM attendees").fetchone()[0]
        finally:
            conn.close()
        assert left == 0 and others >= 4, copy


def test_a_database_open_elsewhere_is_not_converted(people_db: Path) -> None:
    """Its writes would go to the file being replaced: refused, the file left plain."""
    import subprocess
    import sys

    holder = subprocess.Popen(
        [sys.executable, "-c", "import sqlite3, sys, time\n"
         "c = sqlite3.connect(sys.argv[1]); c.execute('SELECT count(*) FROM attendees')\n"
         "print('open', flush=True); time.sleep(60)", str(people_db)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        with pytest.raises(KnownError, match=r"otra ventana|another window"):
            encryption.enable(people_db, PASSPHRASE)
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert not encryption.is_encrypted(people_db)
    assert plain_rows(people_db, "SELECT count(*) FROM attendees") == [(5,)]


def test_a_database_open_in_this_process_is_not_converted(people_db: Path) -> None:
    """SQLite's locks do not see a connection of the same process: the app's own store
    must be closed first, or nothing is converted."""
    other = open_database(people_db, backup_on_open=False)
    try:
        with pytest.raises(KnownError, match=r"otra ventana|another window"):
            encryption.enable(people_db, PASSPHRASE)
    finally:
        other.close()
    assert not encryption.is_encrypted(people_db)
    encryption.enable(people_db, PASSPHRASE)  # once closed, it is
    assert encryption.is_encrypted(people_db)


def test_a_lost_key_file_is_replaced_by_its_copy_beside_the_backups(people_db: Path) -> None:
    encryption.enable(people_db, PASSPHRASE)
    encryption.lock(people_db)
    keyfile.sidecar_of(people_db).unlink()
    assert encryption.is_encrypted(people_db)
    with pytest.raises(LockedDatabaseError):
        open_database(people_db)
    encryption.unlock(people_db, PASSPHRASE)
    assert _counts(people_db)[0] == 5


def test_an_interrupted_disable_is_finished_by_the_next_one(
        people_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Killed after the database became plain, before its backups did: the database opens
    plain, and `disable` again decrypts the copies and removes the key file."""
    from facilitator_app import encryption_convert

    encryption.enable(people_db, PASSPHRASE)
    with monkeypatch.context() as patched, pytest.raises(KeyboardInterrupt):
        patched.setattr(encryption_convert, "convert_copies", _interrupted)
        encryption.disable(people_db, PASSPHRASE)
    assert not encryption.is_encrypted(people_db)
    assert plain_rows(people_db, "SELECT count(*) FROM attendees") == [(5,)]
    assert any(not b.path.read_bytes().startswith(b"SQLite") for b in list_backups(people_db))
    dbconnect.forget(people_db)
    encryption.disable(people_db, PASSPHRASE)
    assert not keyfile.sidecar_of(people_db).exists()
    for backup in list_backups(people_db):
        assert backup.path.read_bytes().startswith(b"SQLite format 3"), backup.path
