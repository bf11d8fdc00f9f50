from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from facilitator_app.db import list_backups, make_backup, open_database, quick_check
from facilitator_app.services.demo import ensure_demo
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
