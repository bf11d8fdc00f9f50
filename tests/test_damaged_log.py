"""A damaged log is never silently discarded: the issue's recipe (commit 50 admissions, kill,
damage `<db>-wal`, open) is refused with exit 3, the log is kept (in place and as a copy),
the newest backup is offered, and `recover-log` opens with what can be read. A log that is
merely left by a kill, or being written by a live process, opens as before."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from facilitator_app.db import DamagedLogError, make_backup, open_database
from facilitator_app.wal_check import check_log
from tests import killing
from tests.test_cli import creando

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")

HELPER = Path(__file__).with_name("killed_writer.py")
ROOT = HELPER.parent.parent
FRAME = 24 + 4096


def commit_then_kill(db: Path, commits: int) -> list[str]:
    """The issue's recipe, first half: `commits` admissions committed, then SIGKILL."""
    return killing.commit_then_kill(HELPER, db, commits, commits + 1000)


def flip(wal: Path, frame: int, offset: int = 300) -> None:
    data = bytearray(wal.read_bytes())
    data[32 + (frame - 1) * FRAME + 24 + offset] ^= 0x5A
    wal.write_bytes(bytes(data))


def admissions(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT COUNT(*) FROM checkin_events WHERE method = 'scanner' "
                            "AND desk = ''").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def killed(db_file: Path) -> tuple[Path, list[str]]:
    open_database(db_file, backup_on_open=False).close()
    make_backup(db_file)
    return db_file, commit_then_kill(db_file, 50)


def test_a_killed_writers_log_opens_with_every_commit(killed) -> None:
    db, committed = killed
    found = check_log(db)
    assert found is not None and found.frames > 50 and not found.damaged
    open_database(db, backup_on_open=False).close()
    assert admissions(db) >= len(committed) == 50


def test_the_issues_recipe_is_refused_with_exit_3_and_the_evidence_kept(killed) -> None:
    db, _committed = killed
    wal = db.with_name(db.name + "-wal")
    frames = (wal.stat().st_size - 32) // FRAME
    flip(wal, frames // 2)
    damaged = wal.read_bytes()
    opened = creando("--db", str(db), "--json", "--lang", "en", "workshops", "list")
    assert opened.returncode == 3, opened.stdout + opened.stderr
    message = json.loads(opened.stdout)["message"]
    assert "log of the database" in message and "committed changes" in message
    assert "newest good backup" in message and "recover-log" in message
    assert wal.read_bytes() == damaged, "the evidence is never deleted or replayed"
    copies = sorted(db.parent.glob(f"{db.stem}-damaged-log-*.wal"))
    assert len(copies) == 1 and copies[0].read_bytes() == damaged and str(copies[0]) in message
    again = creando("--db", str(db), "workshops", "list")
    assert again.returncode == 3 and len(list(db.parent.glob("*-damaged-log-*.wal"))) == 1
    with pytest.raises(DamagedLogError) as raised:
        open_database(db)
    assert raised.value.newest_backup is not None and raised.value.check.lost_commits >= 10


def test_recover_log_opens_with_what_can_be_read_and_says_what_was_lost(killed) -> None:
    db, committed = killed
    wal = db.with_name(db.name + "-wal")
    flip(wal, 20)
    recovered = creando("--db", str(db), "--json", "recover-log")
    assert recovered.returncode == 0, recovered.stderr
    answer = json.loads(recovered.stdout)
    assert answer["damaged"] is True and answer["lost_commits"] >= 20
    assert Path(answer["kept"]).exists()
    assert admissions(db) < len(committed)  # what SQLite could read, no more
    assert creando("--db", str(db), "workshops", "list").returncode == 0
    whole = creando("--db", str(db), "--json", "recover-log")
    assert json.loads(whole.stdout) == {"damaged": False}


def test_a_log_cut_short_after_its_commits_is_refused_by_what_the_index_says(killed) -> None:
    db, _committed = killed
    wal = db.with_name(db.name + "-wal")
    with open(wal, "r+b") as handle:  # the last frames lost, as a bad sector would
        handle.truncate(wal.stat().st_size - 3 * FRAME - 100)
    found = check_log(db)
    assert found.damaged and found.reason == "index"
    assert creando("--db", str(db), "workshops", "list").returncode == 3


def test_a_log_being_written_by_a_live_process_is_not_taken_for_damage(db_file: Path) -> None:
    open_database(db_file, backup_on_open=False).close()
    writer = subprocess.Popen([sys.executable, str(HELPER), str(db_file), "100000"],
                              stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert writer.stdout.readline().strip() == "ready"
        deadline = time.monotonic() + 3
        opened = 0
        while time.monotonic() < deadline:
            open_database(db_file, backup_on_open=False, maintain=False).close()
            opened += 1
    finally:
        os.kill(writer.pid, signal.SIGKILL)
        writer.wait(timeout=30)
        writer.stdout.close()
    assert opened > 5


def test_the_check_costs_nothing_after_a_clean_close_and_little_after_a_kill(killed) -> None:
    db, _committed = killed
    started = time.perf_counter()
    found = check_log(db)
    after_kill = time.perf_counter() - started
    assert found.frames > 50 and after_kill < 0.5
    open_database(db, backup_on_open=False).close()
    assert not db.with_name(db.name + "-wal").exists() or check_log(db) is None


def test_the_app_offers_the_newest_backup_for_a_damaged_log(killed, monkeypatch) -> None:
    """The existing path of the app (a damaged database: restore the newest backup?)."""
    from ui import app

    db, _committed = killed
    wal = db.with_name(db.name + "-wal")
    flip(wal, 10)
    asked = []

    def confirm(exc) -> bool:
        asked.append(exc.message)
        return True

    monkeypatch.setattr(app, "_confirm_restore", confirm)
    store = app.open_store_interactively(db)
    assert store is not None and "log of the database" in asked[0]
    store.close()
    kept = list(db.parent.glob(f"{db.stem}-replaced-*"))
    assert any(path.name.endswith("-wal") for path in kept), "the damaged log is kept aside"
    assert list(db.parent.glob(f"{db.stem}-damaged-log-*.wal"))
