"""A writer killed mid-way (SIGKILL, like a laptop losing power) loses no committed event."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

HELPER = Path(__file__).with_name("killed_writer.py")
ROOT = HELPER.parent.parent


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")
def test_sigkill_during_200_checkin_commits_loses_nothing_committed(db_file: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, str(HELPER), str(db_file), "200"],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    assert writer.stdout.readline().strip() == "ready"
    committed = [writer.stdout.readline().strip() for _ in range(100)]
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL

    conn = sqlite3.connect(db_file)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {row[0] for row in conn.execute(
            "SELECT id FROM checkin_events WHERE method = 'scanner' AND desk = ''")}
    finally:
        conn.close()
    assert set(committed) <= stored
    assert len(committed) <= len(stored) < 200, "the kill must land during the commits"
