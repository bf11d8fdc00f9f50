"""The cost of encryption at rest: the check-in commit (WAL, synchronous=FULL) and the
workshop report, on an encrypted database against the same plain one, in the same run,
at two sizes (2,000 and 20,000 registered people, 10 sessions)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.common import Row, median_of

SIZES = (2_000, 20_000)
SESSIONS = 10
COMMITS = 300
PASSPHRASE = "benchmark passphrase"


def _workshop(path: Path, people: int, *, encrypted: bool):
    """A database of `people` registered in 10 sessions, about half of them in each;
    encrypted (and unlocked) when asked. Returns the open store and the workshop."""
    from benchmarks.data import report_workshop
    from facilitator_app import encryption
    from facilitator_app.db import open_database
    from facilitator_app.store import Store

    store, workshop = report_workshop(path, people, SESSIONS)
    store.close()
    if encrypted:
        encryption.enable(path, PASSPHRASE)
    return Store(open_database(path, backup_on_open=False), path=path), workshop


def _commit_ms(store, workshop_id: str) -> float:
    from facilitator_app.clock import iso
    from facilitator_app.models import CheckinEvent, CheckinKind, CheckinMethod, EventId

    person = store.attendees.for_workshop(workshop_id)[0]
    started = time.perf_counter()
    for _ in range(COMMITS):
        with store.transaction():
            store.checkins.record(CheckinEvent(
                id=EventId(""), workshop_id=workshop_id, attendee_id=person.id,
                kind=CheckinKind.ADMITTED, at=iso(store.clock()),
                method=CheckinMethod.SCANNER))
    return (time.perf_counter() - started) / COMMITS * 1000


def _report_s(store, workshop_id: str, target: Path) -> float:
    from exports.excel.workshop_report import write_workshop_report
    from facilitator_app.services.report_data import workshop_report_data

    started = time.perf_counter()
    write_workshop_report(workshop_report_data(store, workshop_id, "bench"), target)
    return time.perf_counter() - started


def _measure(repeat: int, people: int) -> dict[str, tuple[float, float]]:
    """{"commit"|"report": (encrypted, plain)} for one size."""
    encrypted, plain = _measure_one(repeat, people, True), _measure_one(repeat, people, False)
    return {"commit": (encrypted[0], plain[0]), "report": (encrypted[1], plain[1])}


def _measure_one(repeat: int, people: int, encrypted: bool) -> tuple[float, float]:
    """(commit ms, report s) on one database."""
    with tempfile.TemporaryDirectory() as folder:
        store, workshop = _workshop(Path(folder) / "bench.db", people, encrypted=encrypted)
        try:
            commit = median_of(repeat, lambda: _commit_ms(store, workshop.id))
            report = median_of(repeat, lambda: _report_s(store, workshop.id,
                                                         Path(folder) / "r.xlsx"))
        finally:
            store.close()
    return commit, report


def encryption_cost(repeat: int) -> list[Row]:
    """Encrypted against plain, both measured here, at each size."""
    rows = []
    for people in SIZES:
        figures = _measure(max(1, min(repeat, 3)), people)
        commit, report = figures["commit"], figures["report"]
        rows.append(Row(f"check-in commit, encrypted, {people:,} people", commit[0],
                        "same database plain", commit[1], "ms"))
        rows.append(Row(f"report {people:,} x {SESSIONS}, encrypted", report[0],
                        "same database plain", report[1], "s"))
    return rows
