"""Cold start to a shown window, and the cost of a durable check-in commit."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import ROOT, Row, goal, median_of, time_until_line

BARE_WINDOW = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""


def cold_start(repeat: int) -> Row:
    # A new process each time, as a user starts it: with the bytecode cache Python writes
    # on first run (some shells set PYTHONDONTWRITEBYTECODE, which users do not have).
    env = {key: value for key, value in os.environ.items()
           if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", CREANDO_EXIT_WHEN_SHOWN="1")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        subprocess.run([sys.executable, "-m", "facilitator_app", "--db", str(db), "demo"],
                       check=True, capture_output=True, env=env, cwd=ROOT)
        app = [sys.executable, "-m", "ui", "--db", str(db)]
        bare = [sys.executable, "-c", BARE_WINDOW]
        for warm_up in (app, bare):
            time_until_line(warm_up, env)
        figure = median_of(repeat, lambda: time_until_line(app, env))
        baseline = median_of(repeat, lambda: time_until_line(bare, env))
    return Row("cold start to shown main window (demo)", figure,
               "bare QApplication + QMainWindow", baseline, "s",
               goal(figure <= 1.5 and figure <= 2 * baseline, "<= 1.5 s and <= 2x"))


def cold_start_sizes(repeat: int) -> list[Row]:
    """Cold start to the shown window on a door database of 1,000, 20,000 and 100,000
    people (6 check-in events each), beside the bare window measured in the same run."""
    from benchmarks.bench_door import SIZES, fresh_copy

    env = {key: value for key, value in os.environ.items()
           if key != "PYTHONDONTWRITEBYTECODE"}
    env.update(QT_QPA_PLATFORM="offscreen", CREANDO_EXIT_WHEN_SHOWN="1")
    bare = [sys.executable, "-c", BARE_WINDOW]
    time_until_line(bare, env)
    baseline = median_of(repeat, lambda: time_until_line(bare, env))
    rows = []
    for people in SIZES:
        db = fresh_copy(people)
        app = [sys.executable, "-m", "ui", "--db", str(db)]
        time_until_line(app, env)  # the first open may write the -wal and -shm files
        figure = median_of(repeat, lambda app=app: time_until_line(app, env))
        rows.append(Row(f"cold start to the window, {people:,} people", figure,
                        "bare QApplication + QMainWindow", baseline, "s",
                        goal(figure <= 1.5, "<= 1.5 s") if people >= 100_000 else ""))
    return rows


def checkin_commits(repeat: int, commits: int = 500) -> Row:
    """One transaction per scan with synchronous=FULL, against synchronous=OFF."""
    from facilitator_app.clock import iso
    from facilitator_app.db import open_database
    from facilitator_app.models import CheckinEvent, CheckinKind, CheckinMethod, EventId
    from facilitator_app.services.demo import ensure_demo
    from facilitator_app.store import Store

    def run(synchronous: str) -> float:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "bench.db"
            store = Store(open_database(path, backup_on_open=False), path=path)
            workshop, _ = ensure_demo(store)
            person = store.attendees.for_workshop(workshop.id)[0]
            store.db.execute(f"PRAGMA synchronous={synchronous}")
            started = time.perf_counter()
            for _ in range(commits):
                with store.transaction():
                    store.checkins.record(CheckinEvent(
                        id=EventId(""), workshop_id=workshop.id, attendee_id=person.id,
                        kind=CheckinKind.ADMITTED, at=iso(store.clock()),
                        method=CheckinMethod.SCANNER))
            elapsed = (time.perf_counter() - started) / commits * 1000
            store.close()
            return elapsed

    figure = median_of(repeat, lambda: run("FULL"))
    baseline = median_of(repeat, lambda: run("OFF"))
    return Row("check-in commit, WAL + synchronous=FULL", figure,
               "same with synchronous=OFF (no durability)", baseline, "ms")
