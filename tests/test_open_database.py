"""What `--db` may point at: a new or empty file, or a CREANDO Desk database. A folder or
another program's file is refused with a message saying what it is, and never changed."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from facilitator_app.db import WrongFileError, list_backups, open_database
from facilitator_app.dbfile import FileKind, inspect_file
from facilitator_app.errors import CorruptDatabaseError
from facilitator_app.paths import backups_dir

ROOT = Path(__file__).resolve().parent.parent


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "facilitator_app", "--lang", "en", "--db", str(db), *args],
        capture_output=True, text=True, cwd=ROOT)


def other_programs_database(path: Path, journal_mode: str = "DELETE") -> bytes:
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA journal_mode={journal_mode}")
    conn.execute("CREATE TABLE invoices (number INTEGER PRIMARY KEY, total REAL)")
    conn.execute("INSERT INTO invoices VALUES (1, 99.5)")
    conn.commit()
    conn.close()
    return path.read_bytes()


def test_a_folder_is_refused_as_a_folder(tmp_path: Path) -> None:
    with pytest.raises(WrongFileError) as raised:
        open_database(tmp_path)
    assert raised.value.kind is FileKind.FOLDER
    assert "is a folder, not a database file" in raised.value.message
    assert not isinstance(raised.value, CorruptDatabaseError)
    assert not backups_dir(tmp_path).exists()


def test_the_cli_says_a_folder_is_a_folder_and_exits_3(tmp_path: Path) -> None:
    result = cli(tmp_path, "workshops", "list")
    assert result.returncode == 3
    assert "is a folder, not a database file" in result.stderr
    assert "damaged" not in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("journal_mode", ["DELETE", "WAL"])
def test_another_programs_sqlite_database_is_refused_unchanged(
        db_file: Path, journal_mode: str) -> None:
    before = other_programs_database(db_file, journal_mode)
    with pytest.raises(WrongFileError) as raised:
        open_database(db_file)
    assert raised.value.kind is FileKind.FOREIGN
    assert "an SQLite database of another program" in raised.value.message
    assert "does not change it" in raised.value.message
    assert db_file.read_bytes() == before
    assert sorted(p.name for p in db_file.parent.iterdir()) == [db_file.name]
    assert list_backups(db_file) == []


def test_the_cli_refuses_another_programs_database_and_leaves_it_alone(db_file: Path) -> None:
    before = other_programs_database(db_file)
    result = cli(db_file, "workshops", "list")
    assert result.returncode == 3
    assert "an SQLite database of another program" in result.stderr
    assert "Traceback" not in result.stderr
    assert db_file.read_bytes() == before


def test_a_missing_file_becomes_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "new folder" / "taller.db"
    open_database(path).close()
    assert inspect_file(path) is FileKind.CREANDO


def test_an_empty_file_with_no_backups_becomes_a_new_database(db_file: Path) -> None:
    db_file.write_bytes(b"")
    open_database(db_file).close()
    assert inspect_file(db_file) is FileKind.CREANDO


def test_a_blank_sqlite_file_becomes_a_new_database(db_file: Path) -> None:
    conn = sqlite3.connect(db_file)
    conn.execute("VACUUM")  # writes the header page, no table
    conn.close()
    assert inspect_file(db_file) is FileKind.BLANK
    open_database(db_file).close()
    assert inspect_file(db_file) is FileKind.CREANDO


def test_a_database_with_a_hash_or_spaces_in_its_path_reopens(tmp_path: Path) -> None:
    path = tmp_path / "Taller #3 (100% Lima)" / "creando?.db"
    if sys.platform == "win32":
        path = path.with_name("creando.db")  # `?` cannot be in a Windows file name
    open_database(path).close()
    open_database(path).close()  # the read-only check must find the same file
    assert inspect_file(path) is FileKind.CREANDO


def test_the_cli_opens_a_new_database_and_then_reopens_it(db_file: Path) -> None:
    assert cli(db_file, "workshops", "list").returncode == 0
    assert cli(db_file, "workshops", "list").returncode == 0
    assert inspect_file(db_file) is FileKind.CREANDO


def test_cli_reads_add_no_backup_and_a_cli_write_is_backed_up_next_time(db_file: Path) -> None:
    assert cli(db_file, "workshops", "create", "--title", "Taller de costos").returncode == 0
    assert cli(db_file, "workshops", "list").returncode == 0  # backs up the new workshop
    kept = [b.path for b in list_backups(db_file)]
    assert len(kept) == 2
    for _ in range(3):
        assert cli(db_file, "--json", "workshops", "list").returncode == 0
    assert [b.path for b in list_backups(db_file)] == kept
