"""Any byte mutation of any attendance-report fixture ends in a full report or a clear
refusal (RejectedFileError or another KnownError), never another exception; and importing
it through the service stores all of it or nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facilitator_app.db import open_database
from facilitator_app.errors import KnownError
from facilitator_app.online.reports import read_report
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.online_attendance import import_report
from facilitator_app.store import Store
from tests.conftest import FIXTURES

REPORTS = sorted(path for folder in ("teams", "zoom", "meet")
                 for path in (FIXTURES / folder).iterdir() if path.is_file())


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    """A fixture with one byte flipped, bytes inserted, a range deleted, or cut short."""
    path = draw(st.sampled_from(REPORTS))
    data = path.read_bytes()
    kind = draw(st.sampled_from(["flip", "insert", "delete", "truncate"]))
    at = draw(st.integers(0, len(data) - 1))
    if kind == "flip":
        data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
    elif kind == "insert":
        data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
    elif kind == "delete":
        data = data[:at] + data[at + draw(st.integers(1, 16)):]
    else:
        data = data[:at]
    return path.name, data


def read_or_refuse(name: str, data: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            return read_report(path)
        except KnownError as refused:
            assert refused.message and "Traceback" not in refused.message
            return None


def test_the_fixtures_are_all_here() -> None:
    assert len(REPORTS) >= 30
    assert {path.suffix for path in REPORTS} == {".csv", ".xlsx"}


@settings(max_examples=400, deadline=None)
@given(mutated())
def test_every_mutation_reads_fully_or_is_refused(case) -> None:
    report = read_or_refuse(*case)
    if report is not None:
        assert report.platform in ("zoom", "teams", "meet") and report.participants
        assert all(p.name and p.minutes >= 0 for p in report.participants)
        assert len({p.key for p in report.participants}) == len(report.participants)


def counts(store: Store, session_id: str) -> tuple[int, ...]:
    def one(sql: str, *args) -> int:
        return store.db.execute(sql, args).fetchone()[0]

    return (one("SELECT count(*) FROM checkin_events"),
            one("SELECT count(*) FROM online_review"), one("SELECT count(*) FROM audit_log"),
            store.online.session_minimum(session_id) or 0)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutated())
def test_an_import_stores_everyone_or_nothing(case) -> None:
    name, data = case
    store = Store(open_database(":memory:"))
    workshop, _ = ensure_demo(store)
    session = store.sessions.for_workshop(workshop.id)[0]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        before = counts(store, session.id)
        try:
            result = import_report(store, session.id, path, min_minutes=15)
        except KnownError:
            assert counts(store, session.id) == before
            store.close()
            return
    events, reviews, audits, minimum = counts(store, session.id)
    stored = sum(1 for p in result.people if p.new)
    assert (events - before[0]) + (reviews - before[1]) == stored
    assert (audits - before[2], minimum) == (1, 15)
    assert stored == sum(1 for p in result.people if p.match.status != "ignored")
    store.close()
