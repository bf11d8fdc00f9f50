"""`creando encryption …` and every other command on an encrypted database: the passphrase
from CREANDO_DB_PASSPHRASE (never an argument), exit 3 for a wrong one with no restore
offered, the recovery sheet, archives that never leave plain, and the kill -9 check-in."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from facilitator_app import dbconnect, encryption
from facilitator_app.encryption import PASSPHRASE_ENV
from tests.cli_support import run_main
from tests.encryption_support import (
    PASSPHRASE,
    fresh_keys,  # noqa: F401 - autouse fixture
    import_people,
    leaks,
    stored_secrets,
)
from tests.killing import assert_commits_kept, commit_then_kill

HELPER = Path(__file__).with_name("killed_encrypted_writer.py")


@pytest.fixture
def encrypted_db(db_file: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:
    workshop = import_people(db_file)
    capsys.readouterr()
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    code, out, _err = run_main(capsys, "--db", str(db_file), "--json", "encryption", "enable")
    assert code == 0
    assert json.loads(out)["recovery_key"].count("-") == 7
    dbconnect.forget(db_file)  # as a new process would find it
    db_file.with_name("workshop-id").write_text(workshop)
    return db_file


def test_commands_unlock_from_the_environment(encrypted_db: Path, capsys) -> None:
    code, out, _err = run_main(capsys, "--db", str(encrypted_db), "--json", "workshops",
                               "list")
    assert code == 0
    assert json.loads(out)[0]["title"] == "Taller"


def test_a_wrong_passphrase_is_exit_3_and_offers_no_restore(
        encrypted_db: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv(PASSPHRASE_ENV, "not the passphrase at all")
    code, _out, err = run_main(capsys, "--lang", "en", "--db", str(encrypted_db),
                               "workshops", "list")
    assert code == 3
    assert "Wrong passphrase" in err
    assert "damaged" not in err and "backup" not in err.lower()


def test_without_a_passphrase_nor_a_terminal_it_says_what_to_do(
        encrypted_db: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.delenv(PASSPHRASE_ENV)
    code, _out, err = run_main(capsys, "--lang", "en", "--db", str(encrypted_db),
                               "workshops", "list")
    assert code == 3
    assert PASSPHRASE_ENV in err


def test_no_command_takes_a_passphrase_argument(capsys) -> None:
    for action in ("enable", "disable", "change-passphrase", "recover"):
        code, out, _err = run_main(capsys, "--lang", "en", "encryption", action, "--help")
        assert code == 0 and "usage" in out
        assert "passphrase" not in out.split("options:", 1)[-1].lower().replace(
            "change-passphrase", ""), action


def test_status_disable_and_change_passphrase(encrypted_db: Path, monkeypatch, capsys) -> None:
    db = str(encrypted_db)
    code, out, _err = run_main(capsys, "--db", db, "--json", "encryption", "status")
    assert code == 0 and json.loads(out)["encrypted"] is True
    monkeypatch.setenv("CREANDO_DB_NEW_PASSPHRASE", "the second long passphrase")
    assert run_main(capsys, "--db", db, "encryption", "change-passphrase")[0] == 0
    assert run_main(capsys, "--db", db, "workshops", "list")[0] == 3  # the old one fails
    dbconnect.forget(encrypted_db)
    monkeypatch.setenv(PASSPHRASE_ENV, "the second long passphrase")
    assert run_main(capsys, "--db", db, "encryption", "disable")[0] == 0
    code, out, _err = run_main(capsys, "--db", db, "--json", "encryption", "status")
    assert json.loads(out)["encrypted"] is False
    monkeypatch.delenv(PASSPHRASE_ENV)
    assert run_main(capsys, "--db", db, "workshops", "list")[0] == 0


def test_recover_with_the_recovery_key(db_file: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    code, out, _err = run_main(capsys, "--db", str(db_file), "--json", "encryption", "enable")
    assert code == 0
    recovery = json.loads(out)["recovery_key"]
    dbconnect.forget(db_file)
    monkeypatch.setenv("CREANDO_RECOVERY_KEY", recovery)
    monkeypatch.setenv("CREANDO_DB_NEW_PASSPHRASE", "recovered long passphrase")
    assert run_main(capsys, "--db", str(db_file), "encryption", "recover")[0] == 0
    dbconnect.forget(db_file)
    encryption.unlock(db_file, "recovered long passphrase")


def test_enable_writes_the_recovery_sheet(db_file: Path, tmp_path: Path, monkeypatch,
                                          capsys) -> None:
    from pypdf import PdfReader

    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    sheet = tmp_path / "recovery.pdf"
    code, out, _err = run_main(capsys, "--db", str(db_file), "--json", "--lang", "en",
                               "encryption", "enable", "--recovery-pdf", str(sheet))
    assert code == 0
    reader = PdfReader(sheet)
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    key = json.loads(out)["recovery_key"]
    assert "-".join(key.split("-")[:4]) in text and "-".join(key.split("-")[4:]) in text
    assert "apart from the laptop" in text
    assert db_file.name in "".join(text.split())  # a long path is wrapped


def test_an_encrypted_databases_archive_needs_a_password_and_shows_nothing(
        encrypted_db: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    db, workshop = str(encrypted_db), encrypted_db.with_name("workshop-id").read_text()
    target = tmp_path / "out.zip"
    code, _out, err = run_main(capsys, "--lang", "en", "--db", db, "archive", "create",
                               "--workshop", workshop, "-o", str(target))
    assert code == 3 and "password" in err and not target.exists()
    monkeypatch.setenv("CREANDO_ARCHIVE_PASSWORD", "archive password 1")
    assert run_main(capsys, "--db", db, "archive", "create", "--workshop", workshop,
                    "-o", str(target), "--encrypt")[0] == 0
    assert not leaks(target, stored_secrets(encrypted_db))
    other = tmp_path / "other.db"
    monkeypatch.delenv(PASSPHRASE_ENV)
    code, _out, err = run_main(capsys, "--db", str(other), "archive", "restore", str(target),
                               "--encrypt")
    fingerprint = err.split("--trust-signer ")[1].split()[0].rstrip(".")
    assert run_main(capsys, "--db", str(other), "archive", "restore", str(target),
                    "--encrypt", "--trust-signer", fingerprint)[0] == 0
    code, out, _err = run_main(capsys, "--db", str(other), "--json", "attendees", "list",
                               "--workshop", workshop)
    assert code == 0 and len(json.loads(out)) == 5


def test_another_desks_archive_merges_into_an_encrypted_desk(
        encrypted_db: Path, tmp_path: Path, capsys) -> None:
    """The archive's snapshot is a plain file: attached to a keyed connection it must be
    attached without this desk's key (a bare ATTACH assumed it, and the merge crashed)."""
    plain = tmp_path / "plain.db"
    code, out, _err = run_main(capsys, "--db", str(plain), "--json", "demo")
    workshop = json.loads(out)["id"]
    target = tmp_path / "plain.zip"
    assert run_main(capsys, "--db", str(plain), "archive", "create", "--workshop", workshop,
                    "-o", str(target))[0] == 0
    code, _out, err = run_main(capsys, "--lang", "en", "--db", str(encrypted_db), "archive",
                               "restore", str(target))
    assert code == 1  # an unknown signer first
    fingerprint = err.split("--trust-signer ")[1].split()[0].rstrip(".")
    code, _out, err = run_main(capsys, "--db", str(encrypted_db), "archive", "restore",
                               str(target), "--trust-signer", fingerprint)
    assert code == 0, err
    code, out, _err = run_main(capsys, "--db", str(encrypted_db), "--json", "attendees",
                               "list", "--workshop", workshop)
    assert code == 0 and len(json.loads(out)) == 60
    assert dbconnect.looks_encrypted(encrypted_db)  # still encrypted after the merge
    assert not leaks(encrypted_db, stored_secrets(plain))


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
def test_sigkill_during_checkin_commits_on_an_encrypted_database_loses_nothing(
        db_file: Path) -> None:
    encryption.enable(db_file, PASSPHRASE)
    committed = commit_then_kill(HELPER, db_file, 100, 200, {PASSPHRASE_ENV: PASSPHRASE})
    wal = db_file.with_name(db_file.name + "-wal")
    assert wal.stat().st_size > 0
    log = wal.read_bytes()
    conn = dbconnect.connect(db_file)
    try:
        names = [row[0] for row in conn.execute(
            "SELECT given_names || ' ' || family_names FROM attendees")]
        assert names and not [name for name in names if name.encode() in log]
        assert_commits_kept(conn, committed, 200)
    finally:
        conn.close()
    from facilitator_app.db import open_database

    open_database(db_file).close()  # the log check and the open accept what it left
