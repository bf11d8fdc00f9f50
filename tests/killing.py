"""Killing a writer in the middle of its commits (SIGKILL, as a dying battery would), and
checking that every commit it reported is in the file."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parent.parent


def commit_then_kill(helper: Path, db: Path, commits: int, total: int,
                     env: dict[str, str] | None = None) -> list[str]:
    """Start `helper` writing `total` admissions into `db`, let `commits` of them be
    reported committed, then SIGKILL it; returns the reported ids."""
    writer = subprocess.Popen([sys.executable, str(helper), str(db), str(total)],
                              stdout=subprocess.PIPE, text=True, cwd=ROOT,
                              env={**os.environ, **(env or {})})
    assert writer.stdout.readline().strip() == "ready"
    done = [writer.stdout.readline().strip() for _ in range(commits)]
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL
    return done


def assert_commits_kept(conn, committed: list[str], total: int) -> None:
    """The file is whole and holds every reported commit; the kill landed among them."""
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    stored = {row[0] for row in conn.execute(
        "SELECT id FROM checkin_events WHERE method = 'scanner' AND desk = ''")}
    assert set(committed) <= stored
    assert len(committed) <= len(stored) < total, "the kill must land during the commits"
