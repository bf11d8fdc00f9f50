"""Small desks for the programme tests: a desk database on a file, workshops with their
place and sessions, people, check-ins, introductions, and the signed archive of a workshop
(fictional people only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from facilitator_app.db import open_database
from facilitator_app.models import (
    AttendanceMode,
    Attendee,
    CheckinEvent,
    CheckinKind,
    CheckinMethod,
    FollowupStatus,
    Introduction,
    Partner,
    PartnerType,
)
from facilitator_app.services import desks
from facilitator_app.services.archive import create_archive
from facilitator_app.store import Store
from tests.conftest import FixedClock


@dataclass
class Desk:
    """One facilitator's laptop."""

    store: Store
    folder: Path
    made: list[Path] = field(default_factory=list)

    @classmethod
    def on(cls, folder: Path, clock: FixedClock | None = None) -> Desk:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "desk.db"
        return cls(Store(open_database(path), clock=clock or FixedClock(), path=path), folder)

    @property
    def fingerprint(self) -> str:
        return desks.this_desk(self.store).fingerprint

    def workshop(self, title: str, starts_on: str, *, department: str = "15",
                 province: str = "Lima", district: str = "", partner: str = "") -> str:
        workshop = self.store.workshops.add(title, starts_on=starts_on, ends_on=starts_on)
        self.store.workshops.set_place(workshop.id, department, province, district)
        if partner:
            self.store.workshops.set_certificate_settings(workshop.id, partner=partner)
        return workshop.id

    def session(self, workshop_id: str, title: str, starts_at: str, ends_at: str) -> str:
        return self.store.sessions.add(workshop_id, title, starts_at=starts_at,
                                       ends_at=ends_at).id

    def person(self, workshop_id: str, given: str, family: str, **details) -> str:
        attendee = self.store.attendees.add(Attendee(id="", given_names=given,
                                                     family_names=family, **details))
        self.store.registrations.add(workshop_id, attendee.id, "import")
        return attendee.id

    def admit(self, workshop_id: str, session_id: str | None, attendee_id: str, at: str, *,
              online_minutes: float | None = None) -> str:
        online = online_minutes is not None
        event = self.store.checkins.record(CheckinEvent(
            id="", workshop_id=workshop_id, attendee_id=attendee_id,
            kind=CheckinKind.ADMITTED, at=at, session_id=session_id,
            method=CheckinMethod.ONLINE_REPORT if online else CheckinMethod.SEARCH,
            mode=AttendanceMode.ONLINE if online else AttendanceMode.IN_ROOM,
            online_minutes=online_minutes))
        return event.id

    def undo(self, workshop_id: str, event_id: str, attendee_id: str, at: str) -> None:
        self.store.checkins.record(CheckinEvent(
            id="", workshop_id=workshop_id, attendee_id=attendee_id, kind=CheckinKind.UNDONE,
            at=at, method=CheckinMethod.SEARCH, undoes_id=event_id))

    def partner(self, name: str) -> str:
        return self.store.partners.add(Partner(id="", name=name,
                                               type=PartnerType.PRIVATE_SECTOR)).id

    def introduce(self, workshop_id: str, attendee_id: str, partner_id: str, made_at: str,
                  status: str = "pending") -> str:
        intro = self.store.introductions.add(Introduction(
            id="", workshop_id=workshop_id, from_attendee_id=attendee_id, purpose="crédito",
            made_at=made_at, to_partner_id=partner_id))
        self.store.introductions.add_followup(intro.id, made_at[:10], FollowupStatus(status))
        return intro.id

    def archive(self, workshop_id: str, name: str) -> Path:
        target = self.folder / name
        create_archive(self.store, workshop_id, target)
        self.made.append(target)
        return target

    def close(self) -> None:
        self.store.close()


def two_desks(root: Path) -> dict:
    """Workshop 1 (April, Lima) on desk A, workshop 2 (May, Arequipa) on desk B.

    Reached in W1: Ana (room), Luis (online 80 of 72 min), María (room and online), José
    (room); Carlos stayed 20 online minutes (not reached), Rosa's admission was undone.
    Reached in W2: Ana again (same phone written otherwise), Luis again (same e-mail in
    capitals), and another "José Pérez" with another phone."""
    a, b = Desk.on(root / "a"), Desk.on(root / "b")
    w1 = a.workshop("Taller Abril", "2026-04-10", partner="Banco Ejemplo")
    s1 = a.session(w1, "Costos", "2026-04-10T15:00:00+00:00", "2026-04-10T17:00:00+00:00")
    s2 = a.session(w1, "Ventas", "2026-04-11T15:00:00+00:00", "2026-04-11T17:00:00+00:00")
    ana = a.person(w1, "Ana", "Quispe", phone="+51987654321", gender="F", nationality="PE",
                   birth_year=1990)
    luis = a.person(w1, "Luis", "Pérez", email="luis@example.org", gender="M",
                    nationality="VE", birth_year=1985)
    maria = a.person(w1, "María", "Rojas", phone="+51912345678", gender="F",
                     nationality="VE", birth_year=2010, population_type="transit")
    carlos = a.person(w1, "Carlos", "Díaz", phone="+51955555555", gender="M",
                      nationality="CO")
    rosa = a.person(w1, "Rosa", "Lima", phone="+51944444444", gender="F", nationality="VE",
                    birth_year=1960)
    jose = a.person(w1, "Jose", "Perez", phone="+51922222222")
    at = "2026-04-10T15:10:00+00:00"
    a.admit(w1, s1, ana, at)
    a.admit(w1, s2, ana, "2026-04-11T15:05:00+00:00")
    a.admit(w1, s1, luis, at, online_minutes=80)
    a.admit(w1, s2, luis, "2026-04-11T15:05:00+00:00", online_minutes=30)
    a.admit(w1, s1, maria, at)
    a.admit(w1, s1, maria, at, online_minutes=100)
    a.admit(w1, s1, carlos, at, online_minutes=20)
    undone = a.admit(w1, s2, rosa, "2026-04-11T15:05:00+00:00")
    a.undo(w1, undone, rosa, "2026-04-11T15:06:00+00:00")
    a.admit(w1, None, jose, "2026-04-10T15:20:00+00:00")  # counts for S1 by its time
    caja = a.partner("Caja Uno")
    a.introduce(w1, ana, caja, "2026-04-10T16:00:00+00:00", "done")
    a.introduce(w1, luis, caja, "2026-04-11T16:00:00+00:00", "pending")

    w2 = b.workshop("Taller Mayo", "2026-05-20", department="04", province="Arequipa")
    s3 = b.session(w2, "Pitch", "2026-05-20T15:00:00+00:00", "2026-05-20T16:00:00+00:00")
    ana2 = b.person(w2, "Ana", "Quispe", phone="987 654 321", gender="F", nationality="PE",
                    birth_year=1990)
    luis2 = b.person(w2, "Luis", "Perez", email="LUIS@Example.org", gender="M",
                     nationality="VE", birth_year=1985)
    jose2 = b.person(w2, "José", "Pérez", phone="+51933333333")
    at2 = "2026-05-20T15:05:00+00:00"
    b.admit(w2, s3, ana2, at2)
    b.admit(w2, s3, luis2, at2, online_minutes=40)
    b.admit(w2, s3, jose2, at2)
    b.introduce(w2, ana2, b.partner("Banco Dos"), "2026-05-20T15:50:00+00:00", "no_answer")
    archives = {"w1": a.archive(w1, "w1.zip"), "w2": b.archive(w2, "w2.zip")}
    return {"a": a, "b": b, "archives": archives, "trust": [a.fingerprint, b.fingerprint],
           "ids": {"w1": w1, "s2": s2, "ana": ana, "maria": maria, "carlos": carlos,
                   "rosa": rosa}, "root": root}


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> dict:
    """two_desks, built once per test module."""
    built = two_desks(tmp_path_factory.mktemp("desks"))
    yield built
    built["a"].close()
    built["b"].close()


@pytest.fixture
def hq(tmp_path: Path) -> Desk:
    """The staff laptop that runs the programme hub."""
    desk = Desk.on(tmp_path / "hq")
    yield desk
    desk.close()
