from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database

from facilitator_app.db import open_database
from facilitator_app.errors import KnownError
from facilitator_app.migrations import migrations
from facilitator_app.schema import migrate
from facilitator_app.schema_version import MIGRATION_NAMES

TABLES = {
    "workshops", "sessions", "attendees", "registrations", "consents", "checkin_events",
    "partners", "introductions", "introduction_followups", "module_deliveries", "audit_log",
    "app_meta",
}


def test_a_fresh_database_gets_every_table_and_pragma(db_file: Path) -> None:
    db = open_database(db_file)
    assert set(db.table_names()) >= TABLES
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    db.close()


def test_applying_twice_changes_nothing(db_file: Path) -> None:
    db = open_database(db_file, backup_on_open=False)
    schema = db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall()
    assert migrate(db.conn) == []
    assert db.execute("SELECT sql FROM sqlite_master ORDER BY name").fetchall() == schema
    assert db.execute("SELECT COUNT(*) FROM _sqlite_migrations").fetchone()[0] == len(
        MIGRATION_NAMES)
    db.close()


def test_a_database_made_by_the_first_migration_is_upgraded_with_its_data(
    db_file: Path,
) -> None:
    old = Database(db_file)
    migrations.apply(old, stop_before=MIGRATION_NAMES[1])
    old.execute(
        "INSERT INTO workshops (id, title, token_secret, created_at) "
        "VALUES ('w1', 'Taller antiguo', 'x', '2025-01-01T00:00:00+00:00')"
    )
    old.conn.commit()
    assert "app_meta" not in old.table_names()
    old.close()

    db = open_database(db_file)
    assert db.execute("SELECT title FROM workshops").fetchall() == [("Taller antiguo",)]
    assert db.execute("SELECT value FROM app_meta WHERE key='desk_id'").fetchone()[0]
    db.close()


def test_a_database_from_a_newer_app_is_refused_by_name(db_file: Path) -> None:
    db = open_database(db_file, backup_on_open=False)
    db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
               "VALUES ('creando', '9999_future', '2030')")
    db.close()
    with pytest.raises(KnownError) as raised:
        open_database(db_file, backup_on_open=False)
    assert "newer version" in raised.value.message
    assert str(db_file) in raised.value.message


def test_foreign_keys_are_enforced(store) -> None:
    import sqlite3

    with pytest.raises(sqlite3.IntegrityError), store.db.atomic():
        store.db.execute(
            "INSERT INTO sessions (id, workshop_id, title, created_at) "
            "VALUES ('s', 'no-such-workshop', 't', 'now')"
        )


def test_the_registered_migrations_are_the_ones_the_schema_module_names() -> None:
    fresh = Database(memory=True)
    assert tuple(m.name for m in migrations.pending(fresh)) == MIGRATION_NAMES


def test_an_up_to_date_file_opens_without_loading_sqlite_utils(db_file: Path) -> None:
    import subprocess
    import sys

    open_database(db_file, backup_on_open=False).close()
    code = ("import sys; from pathlib import Path; from facilitator_app.db import open_database;"
            f"open_database(Path({str(db_file)!r}), backup_on_open=False).close();"
            "print('sqlite_utils' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "False"
