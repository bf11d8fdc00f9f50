"""The demo workshop: realistic fictional data so people can try every page at once."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta

from facilitator_app.clock import iso
from facilitator_app.contact import normalise_phone
from facilitator_app.demo_data import DemoData, load_demo
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


def ensure_demo(store: Store, *, contacts: bool = False) -> tuple[Workshop, bool]:
    """Create the demo workshop unless it exists. Returns it and whether it was created.

    With `contacts` (the first run, `creando demo`), its certificates name a fictional issuer
    and facilitator where this laptop's contact details are blank: kept on the demo workshop
    alone, so no real workshop ever names them."""
    existing = store.workshops.demo()
    if existing:
        return existing, False
    now = store.clock()
    data = load_demo()
    with store.transaction():
        workshop = store.workshops.add(
            data.workshop["title"],
            venue=data.workshop["venue"],
            starts_on=now.astimezone().date().isoformat(),
            ends_on=(now.astimezone().date() + timedelta(days=1)).isoformat(),
            language=data.workshop["language"],
            is_demo=True,
            notes=data.workshop["notes"],
            **{key: data.workshop.get(key, "") for key in ("department", "province",
                                                            "district")},
        )
        sessions = _add_sessions(store, workshop, data, now)
        people = _add_attendees(store, workshop, data)
        partners = _add_partners(store, data)
        _add_checkins(store, workshop, sessions[0], data, people, now)
        _add_introductions(store, workshop, sessions, data, people, partners, now)
        _add_agendas(store, sessions, data, now)
        if contacts:
            _add_contacts(store, workshop, data)
        store.meta.audit("demo_created", "workshop", workshop.id)
    return workshop, True


def _add_contacts(store: Store, workshop: Workshop, data: DemoData) -> None:
    """The demo's fictional issuer and facilitator, each only where the laptop's contact
    details have none (so the demo shows the user's own details when they are set)."""
    from facilitator_app.document_settings import facilitator, organisation

    wording = data.workshop.get("certificate", {})
    chosen = {"issuer": "" if organisation().name else wording.get("issuer", ""),
              "facilitator": "" if facilitator().name else wording.get("facilitator", "")}
    store.workshops.set_certificate_settings(workshop.id, **chosen)


def _add_sessions(store: Store, workshop: Workshop, data: DemoData,
                  now: datetime) -> list[Session]:
    sessions = []
    for spec in data.sessions:
        start = local_datetime(spec["day_offset"], spec["start"], now)
        end = start + timedelta(minutes=spec["minutes"])
        sessions.append(
            store.sessions.add(workshop.id, spec["title"], starts_at=iso(start), ends_at=iso(end))
        )
    return sessions


def _add_attendees(store: Store, workshop: Workshop, data: DemoData) -> dict[str, Attendee]:
    """The demo's people, by their key in `attendees.csv`."""
    people = {}
    for spec in data.people:
        person = store.attendees.add(
            Attendee(
                id=AttendeeId(""),
                given_names=spec.given_names,
                family_names=spec.family_names,
                phone=normalise_phone(spec.phone) or "",
                email=spec.email,
                nationality=spec.nationality,
                gender=spec.gender,
                business=spec.business,
                sector=spec.sector,
                district=spec.district,
                offers=spec.offers,
                needs=spec.needs,
                birth_year=spec.birth_year,
                birth_year_source="birth_year" if spec.birth_year else "",
                population_type=spec.population_type,
            )
        )
        store.registrations.add(workshop.id, person.id, source="demo")
        for purpose in ConsentPurpose:
            store.consents.record(person.id, purpose, spec.consent[purpose.value], "form")
        people[spec.key] = person
    return people


def _add_partners(store: Store, data: DemoData) -> dict[str, Partner]:
    """The demo's partners (reused when they already exist), by their key."""
    partners = {}
    for spec in data.partners:
        fields = {name: value for name, value in spec.items() if name != "key"}
        partners[spec["key"]] = store.partners.by_name(spec["name"]) or store.partners.add(
            Partner(id=PartnerId(""), **{**fields, "type": PartnerType(spec["type"])}))
    return partners


def _add_checkins(store: Store, workshop: Workshop, session: Session, data: DemoData,
                  people: dict[str, Attendee], now: datetime) -> None:
    """Most people came in person this morning; some joined online (a few of them walked in
    later as well); a few left early; the rest have not come yet."""
    earliest = start_of_local_day(now)

    def event(person: Attendee, at: datetime, **fields) -> None:
        store.checkins.record(CheckinEvent(
            id=EventId(""), workshop_id=workshop.id, session_id=session.id,
            attendee_id=person.id, at=iso(at), desk=store.meta.desk_id(), **fields))

    for index, spec in enumerate(data.people):
        person = people[spec.key]
        at = max(earliest, now - timedelta(minutes=50 - index * 0.5))
        if spec.attendance in ("online", "both"):
            event(person, at, kind=CheckinKind.ADMITTED, method=CheckinMethod.ONLINE_REPORT,
                  mode=AttendanceMode.ONLINE, online_minutes=spec.online_minutes)
        if spec.attendance in ("in_room", "both"):
            event(person, at, kind=CheckinKind.ADMITTED, method=CheckinMethod.SCANNER,
                  mode=AttendanceMode.IN_ROOM)
        if spec.left_early:
            event(person, max(at, now - timedelta(minutes=5)), kind=CheckinKind.CHECKED_OUT,
                  method=CheckinMethod.SEARCH, mode=AttendanceMode.IN_ROOM)


def _add_agendas(store: Store, sessions: list[Session], data: DemoData, now: datetime) -> None:
    """Agendas from the Spanish sample deck; the first session's first modules delivered."""
    from facilitator_app.decks.library import find_deck
    from facilitator_app.services.agenda import AgendaItem

    deck = find_deck("creando-es")
    if deck is None:
        return
    for session, spec in zip(sessions, data.sessions, strict=True):
        items = [AgendaItem.pause(10) if m == "break" else AgendaItem.of_module(
            deck.id, deck.module(m)) for m in spec["agenda"] if m == "break" or deck.module(m)]
        store.agendas.replace_items(session.id, [asdict(item) for item in items])
        started = now - timedelta(minutes=45)
        delivered = spec.get("delivered", [])
        for item, done in zip(store.agendas.items(session.id), delivered, strict=False):
            ended = started + timedelta(minutes=done["minutes"])
            store.agendas.record_delivery(session.id, item, iso(started), iso(ended),
                                          done["useful_yes"], done["useful_no"])
            started = ended


def _add_introductions(store: Store, workshop: Workshop, sessions: list[Session],
                       data: DemoData, people: dict[str, Attendee],
                       partners: dict[str, Partner], now: datetime) -> None:
    for number, spec in enumerate(data.introductions):
        to_person, to_partner = spec.get("to"), spec.get("partner")
        intro = store.introductions.add(
            Introduction(
                id=IntroductionId(""),
                workshop_id=workshop.id,
                session_id=sessions[number % 2].id,
                from_attendee_id=people[spec["from"]].id,
                to_attendee_id=people[to_person].id if to_person else None,
                to_partner_id=partners[to_partner].id if to_partner else None,
                purpose=spec["purpose"],
                made_at=iso(now - timedelta(minutes=30 - number)),
                made_by="demo",
            )
        )
        due = (now.astimezone().date() + timedelta(days=spec["followup_days"])).isoformat()
        store.introductions.add_followup(intro.id, due, FollowupStatus(spec["status"]))
