"""Online reports merged with in-room check-ins: matching, review, aliases, idempotence."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator_app.models import CheckinMethod
from facilitator_app.online.matching import MATCHED, REVIEW, UNMATCHED, clean_name
from facilitator_app.services.checkin import Desk, admit
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.online_attendance import (
    import_report,
    minimum_minutes,
    resolve_review,
    session_attendance,
)

HEADER = ("Nombre (nombre original),Correo electrónico,Hora de entrada,Hora de salida,"
          "Duración (minutos),Invitado\n")


def zoom_file(path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    lines = [f"{name},{email},05/10/2024 {start} a. m.,05/10/2024 {end} a. m.,0,Sí"
             for name, email, start, end in rows]
    path.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


@pytest.fixture
def demo(store):
    workshop, _ = ensure_demo(store)
    people = {p.name: p for p in store.attendees.for_workshop(workshop.id)}
    second = store.sessions.for_workshop(workshop.id)[1]
    return workshop, people, second


def with_email(people):
    return next(p for p in people.values() if p.email)


@pytest.mark.parametrize(("shown", "words"), [
    ("Celular de Luis Ángel", "luis angel"), ("iPhone de María José", "maria jose"),
    ("Galaxy A12 de Ana", "ana"), ("Juan's iPhone", "juan"), ("015_Loki", "loki"),
    ("JANSSENS JAN (EXT)", "janssens jan")])
def test_device_and_numbering_are_stripped_from_names(shown, words) -> None:
    assert clean_name(shown) == words


def test_email_first_then_exact_name_then_review(store, demo, tmp_path) -> None:
    _workshop, people, session = demo
    by_email = with_email(people)
    named = people["Rosa Elena Chávez Núñez"]
    report = zoom_file(tmp_path / "z.csv", [
        ("Otro Nombre", by_email.email, "10:00:00", "11:30:00"),
        ("NUÑEZ chavez rosa elena", "", "10:00:00", "11:00:00"),
        ("Celular de Daniela", "", "10:05:00", "11:20:00"),
        ("Persona Desconocida Xyz", "", "10:00:00", "10:10:00"),
    ])
    result = import_report(store, session.id, report)
    assert [(p.match.status, p.match.attendee_id, p.match.by) for p in result.people] == [
        (MATCHED, by_email.id, "email"), (MATCHED, named.id, "name"),
        (REVIEW, None, "name"), (UNMATCHED, None, "")]
    daniela = result.people[2].match.suggestions
    assert len(daniela) == 2 and all("Daniela" in store.attendees.get(i).name for i in daniela)
    assert len(store.online.pending(session.id)) == 2


def test_importing_the_same_file_twice_changes_nothing(store, demo, tmp_path) -> None:
    workshop, people, session = demo
    report = zoom_file(tmp_path / "z.csv", [
        (with_email(people).name, with_email(people).email, "10:00:00", "11:30:00"),
        ("Celular de Daniela", "", "10:05:00", "11:20:00")])
    import_report(store, session.id, report)
    events = store.checkins.count(workshop.id)
    again = import_report(store, session.id, report)
    assert not any(p.new for p in again.people)
    assert store.checkins.count(workshop.id) == events
    assert len(store.online.pending(session.id)) == 1


def test_a_resolved_name_is_remembered_for_the_next_report(store, demo, tmp_path) -> None:
    workshop, people, session = demo
    daniela = people["Daniela Herrera Quintero"]
    first = zoom_file(tmp_path / "a.csv", [("Celular de Daniela", "", "10:05:00", "11:20:00"),
                                            ("Facilitadora CREANDO", "", "09:58:00", "11:31:00")])
    import_report(store, session.id, first)
    pending = {row["name"]: row for row in store.online.pending(session.id)}
    resolve_review(store, pending["Celular de Daniela"]["id"], daniela.id)
    resolve_review(store, pending["Facilitadora CREANDO"]["id"], None)  # ignore the host
    assert store.online.pending(session.id) == []

    third = store.sessions.for_workshop(workshop.id)[2]
    later = zoom_file(tmp_path / "b.csv", [("Celular de Daniela", "", "10:00:00", "11:00:00"),
                                            ("Facilitadora CREANDO", "", "09:58:00", "11:00:00")])
    result = import_report(store, third.id, later)
    assert [(p.match.status, p.match.by) for p in result.people] == [
        (MATCHED, "alias"), ("ignored", "alias")]
    line = next(a for a in session_attendance(store, third.id) if a.attendee.id == daniela.id)
    assert line.online_minutes == 60


def test_in_room_and_online_merge_into_one_attendance(store, demo, tmp_path) -> None:
    workshop, people, session = demo
    both, online_only, too_short = list(people.values())[:3]
    admit(store, Desk(workshop.id, session.id), both.id, CheckinMethod.SEARCH)
    threshold = minimum_minutes(store, session)
    assert threshold == round(120 * 0.6)  # 60% of the two-hour session
    report = zoom_file(tmp_path / "z.csv", [
        (both.name, both.email, "10:00:00", "11:30:00"),
        (online_only.name, online_only.email, "10:00:00", "11:20:00"),
        (too_short.name, too_short.email, "10:00:00", "10:30:00")])
    import_report(store, session.id, report)
    modes = {line.attendee.id: line.mode for line in session_attendance(store, session.id)}
    assert (modes[both.id], modes[online_only.id], modes[too_short.id]) == (
        "both", "online", "none")


def test_a_minimum_given_on_import_is_kept_for_the_session(store, demo, tmp_path) -> None:
    _workshop, people, session = demo
    person = with_email(people)
    report = zoom_file(tmp_path / "z.csv", [(person.name, person.email, "10:00:00",
                                             "10:30:00")])
    result = import_report(store, session.id, report, min_minutes=25)
    assert result.min_minutes == 25
    line = next(a for a in session_attendance(store, session.id) if a.attendee.id == person.id)
    assert line.attended_online and line.online_minutes == 30


def test_a_person_in_doubt_is_never_matched_silently(store, demo, tmp_path) -> None:
    """Two "Ana" rows with different e-mails: the registered e-mail matches; the other
    Ana is not matched by the shared name. Identical rows of a report of totals are
    each queued, never credited to one registrant several times."""
    _workshop, people, session = demo
    known = with_email(people)
    path = tmp_path / "z.csv"
    path.write_text(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        f"{known.name},{known.email},05/10/2024 10:00:00 AM,05/10/2024 11:00:00 AM,60\n"
        f"{known.name},otra.persona@example.org,05/10/2024 10:00:00 AM,"
        "05/10/2024 10:40:00 AM,40\n", encoding="utf-8")
    result = import_report(store, session.id, path)
    assert [(p.match.status, p.match.by, p.match.suggestions) for p in result.people] == [
        (MATCHED, "email", []), (REVIEW, "name", [known.id])]
    totals = tmp_path / "t.csv"
    totals.write_text("Name (Original Name),User Email,Total Duration (Minutes)\n"
                      + f"{known.name},{known.email},30\n" * 3, encoding="utf-8")
    queued = import_report(store, session.id, totals)
    assert [(p.match.status, p.match.suggestions) for p in queued.people] == [
        (REVIEW, [known.id])] * 3
    assert sorted(row["minutes"] for row in store.online.pending(session.id)) == [30] * 3 + [40]


def test_the_fixtures_people_are_stored_once_each(store, demo) -> None:
    _workshop, _people, session = demo
    from tests.conftest import FIXTURES

    path = FIXTURES / "zoom" / "zoom_host_account_other_name.csv"
    result = import_report(store, session.id, path)
    assert [(p.participant.name, p.participant.minutes, p.match.status, p.new)
            for p in result.people] == [("Keila Marcano", 85, UNMATCHED, True),
                                        ("Rosa Villanueva", 90, UNMATCHED, True),
                                        ("Paul Quintero", 45, UNMATCHED, True)]
    assert sorted(row["name"] for row in store.online.pending(session.id)) == [
        "Keila Marcano", "Paul Quintero", "Rosa Villanueva"]  # none lost into the host
    again = import_report(store, session.id, path)
    assert not any(p.new for p in again.people)


def test_an_import_that_fails_half_way_stores_nothing(store, demo, monkeypatch) -> None:
    workshop, _people, session = demo
    from tests.conftest import FIXTURES

    events, audits = store.checkins.count(workshop.id), _audits(store)
    calls = []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise OSError("disk unplugged")
        return original(*args, **kwargs)

    original = store.online.add_review
    monkeypatch.setattr(store.online, "add_review", failing)
    with pytest.raises(OSError):
        import_report(store, session.id, FIXTURES / "teams" / "teams_summary_2022_utf16le_crlf.csv",
                      min_minutes=10)
    assert len(calls) == 2
    assert store.online.pending(session.id) == []
    assert store.online.session_minimum(session.id) is None
    assert (store.checkins.count(workshop.id), _audits(store)) == (events, audits)


def _audits(store) -> int:
    return store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
