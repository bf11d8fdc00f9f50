"""The demo workshop: realistic fictional data so people can try every page at once."""

from __future__ import annotations

import random
from dataclasses import asdict
from datetime import datetime, timedelta

from facilitator_app import demo_data
from facilitator_app.clock import iso
from facilitator_app.contact import normalise_phone
from facilitator_app.models import (
    AttendanceMode,
    Attendee,
    AttendeeId,
    CheckinEvent,
    CheckinKind,
    CheckinMethod,
    ConsentPurpose,
    EventId,
    FollowupStatus,
    Introduction,
    IntroductionId,
    Partner,
    PartnerId,
    PartnerType,
    Session,
    Workshop,
)
from facilitator_app.services.workshops import local_datetime, start_of_local_day
from facilitator_app.store import Store

DEMO_SEED = 2026


def ensure_demo(store: Store) -> tuple[Workshop, bool]:
    """Create the demo workshop unless it exists. Returns it and whether it was created."""
    existing = store.workshops.demo()
    if existing:
        return existing, False
    now = store.clock()
    with store.transaction():
        workshop = store.workshops.add(
            demo_data.DEMO_WORKSHOP["title"],
            venue=demo_data.DEMO_WORKSHOP["venue"],
            starts_on=now.astimezone().date().isoformat(),
            ends_on=(now.astimezone().date() + timedelta(days=1)).isoformat(),
            language=demo_data.DEMO_WORKSHOP["language"],
            is_demo=True,
            notes=demo_data.DEMO_WORKSHOP["notes"],
        )
        sessions = _add_sessions(store, workshop, now)
        people = _add_attendees(store, workshop)
        partners = _add_partners(store)
        _add_checkins(store, workshop, sessions[0], people, now)
        _add_introductions(store, workshop, sessions, people, partners, now)
        _add_agendas(store, sessions, now)
        store.meta.audit("demo_created", "workshop", workshop.id)
    return workshop, True


def _add_sessions(store: Store, workshop: Workshop, now: datetime) -> list[Session]:
    sessions = []
    for spec in demo_data.DEMO_SESSIONS:
        start = local_datetime(spec["day_offset"], spec["start"], now)
        end = start + timedelta(minutes=spec["minutes"])
        sessions.append(
            store.sessions.add(workshop.id, spec["title"], starts_at=iso(start), ends_at=iso(end))
        )
    return sessions


def _add_attendees(store: Store, workshop: Workshop) -> list[Attendee]:
    people = []
    for spec in demo_data.DEMO_ATTENDEES:
        person = store.attendees.add(
            Attendee(
                id=AttendeeId(""),
                given_names=spec["given_names"],
                family_names=spec["family_names"],
                phone=normalise_phone(spec["phone"]) or "",
                email=spec["email"] or "",
                nationality=spec["nationality"],
                gender=spec["gender"] or "",
                business=spec["business"],
                sector=spec["sector"],
                district=spec["district"],
                offers=tuple(spec["offers"]),
                needs=tuple(spec["needs"]),
            )
        )
        store.registrations.add(workshop.id, person.id, source="demo")
        for purpose in ConsentPurpose:
            store.consents.record(person.id, purpose, spec["consent"][purpose.value], "form")
        people.append(person)
    return people


def _add_partners(store: Store) -> list[Partner]:
    partners = []
    for spec in demo_data.DEMO_PARTNERS:
        found = store.partners.by_name(spec["name"])
        partners.append(
            found
            or store.partners.add(
                Partner(id=PartnerId(""), **{**spec, "type": PartnerType(spec["type"])})
            )
        )
    return partners


def _add_checkins(
    store: Store, workshop: Workshop, session: Session, people: list[Attendee], now: datetime
) -> None:
    """Most people came in person this morning; some joined online (two of them walked in
    later as well); a few left early."""
    rng = random.Random(DEMO_SEED)
    earliest = start_of_local_day(now)
    came_later = set(sorted(demo_data.DEMO_ONLINE)[:2])

    def event(person: Attendee, at: datetime, **fields) -> None:
        store.checkins.record(CheckinEvent(
            id=EventId(""), workshop_id=workshop.id, session_id=session.id,
            attendee_id=person.id, at=iso(at), desk=store.meta.desk_id(), **fields))

    for index, person in enumerate(people):
        if index in demo_data.DEMO_NO_SHOW:
            continue
        at = max(earliest, now - timedelta(minutes=50 - index * 0.5))
        if index in demo_data.DEMO_ONLINE:
            minutes = 75.0 if index in came_later else float(rng.randint(40, 90))
            event(person, at, kind=CheckinKind.ADMITTED, method=CheckinMethod.ONLINE_REPORT,
                  mode=AttendanceMode.ONLINE, online_minutes=minutes)
        if index not in demo_data.DEMO_ONLINE or index in came_later:
            event(person, at, kind=CheckinKind.ADMITTED, method=CheckinMethod.SCANNER,
                  mode=AttendanceMode.IN_ROOM)
        if index not in demo_data.DEMO_ONLINE and index % 9 == 4:
            event(person, max(at, now - timedelta(minutes=5)), kind=CheckinKind.CHECKED_OUT,
                  method=CheckinMethod.SEARCH, mode=AttendanceMode.IN_ROOM)


DEMO_AGENDAS = (("pitch-60", "costos-precio", None, "whatsapp-business"),
                ("billeteras-digitales", "registro-caja", None, "fotos-redes"),
                ("alianzas-networking", "preparar-credito"))


def _add_agendas(store: Store, sessions: list[Session], now: datetime) -> None:
    """Agendas from the Spanish sample deck; the first session's first modules delivered."""
    from facilitator_app.decks.library import find_deck
    from facilitator_app.services.agenda import AgendaItem

    deck = find_deck("creando-es")
    if deck is None:
        return
    for session, plan in zip(sessions, DEMO_AGENDAS, strict=False):
        items = [AgendaItem.of_module(deck.id, deck.module(m)) if m else AgendaItem.pause(10)
                 for m in plan if m is None or deck.module(m)]
        store.agendas.replace_items(session.id, [asdict(item) for item in items])
    started = now - timedelta(minutes=45)
    for item, minutes, useful in zip(store.agendas.items(sessions[0].id)[:2], (17, 21),
                                     ((28, 3), (25, 6)), strict=True):
        ended = started + timedelta(minutes=minutes)
        store.agendas.record_delivery(sessions[0].id, item, iso(started), iso(ended), *useful)
        started = ended


def _add_introductions(
    store: Store,
    workshop: Workshop,
    sessions: list[Session],
    people: list[Attendee],
    partners: list[Partner],
    now: datetime,
) -> None:
    for number, spec in enumerate(demo_data.DEMO_INTRODUCTIONS):
        intro = store.introductions.add(
            Introduction(
                id=IntroductionId(""),
                workshop_id=workshop.id,
                session_id=sessions[number % 2].id,
                from_attendee_id=people[spec["from_index"]].id,
                to_attendee_id=(
                    people[spec["to_index"]].id if spec["to_index"] is not None else None
                ),
                to_partner_id=(
                    partners[spec["to_partner"]].id if spec["to_partner"] is not None else None
                ),
                purpose=spec["purpose"],
                made_at=iso(now - timedelta(minutes=30 - number)),
                made_by="demo",
            )
        )
        due = (now.astimezone().date() + timedelta(days=spec["followup_days"])).isoformat()
        store.introductions.add_followup(intro.id, due, FollowupStatus(spec["status"]))
