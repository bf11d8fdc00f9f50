"""Gather what each export needs from the store, as plain data (export_models)."""

from __future__ import annotations

from datetime import datetime

from facilitator_app.clock import parse_iso
from facilitator_app.decks.library import load_library
from facilitator_app.export_models import (
    ContactCard,
    HandoutData,
    HandoutModule,
    Link,
    MetCard,
    SigninSheetData,
)
from facilitator_app.models import Session, WorkshopId
from facilitator_app.services.agenda import MODULE, load_agenda
from facilitator_app.services.handout_extras import (
    content_language,
    facilitator_card,
    next_session,
)
from facilitator_app.services.networking import people_met
from facilitator_app.services.online_attendance import (
    attendance_mode,
    attended_online,
    minimum_minutes,
)
from facilitator_app.store import Store
from facilitator_app.text import fold


def when(session: Session) -> str:
    return parse_iso(session.starts_at).astimezone().strftime("%d/%m/%Y %H:%M") \
        if session.starts_at else ""


def local_time(text: str | None) -> datetime | None:
    """A stored UTC time as local wall-clock time (what spreadsheets show)."""
    return parse_iso(text).astimezone().replace(tzinfo=None) if text else None


def handout_data(store: Store, session_id: str) -> HandoutData:
    """The modules delivered in the session (or, before it ran, the planned ones); a module
    passed over before its minimum time is named as skipped, never listed as taught."""
    session = store.sessions.get(session_id)
    workshop = store.workshops.get(session.workshop_id)
    decks = {deck.id: deck for deck in load_library()}
    ran = store.agendas.delivery_log(session.id)
    planned = [(i.deck_id, i.module_id, i.title, i.minutes)
               for i in load_agenda(store, session.id) if i.kind == MODULE]
    chosen = [(d["deck_id"], d["module_id"], d["title"], d["planned_minutes"])
              for d in ran if d["status"] == "delivered"] if ran else planned
    taught = {(deck_id, module_id) for deck_id, module_id, _title, _minutes in chosen}
    skipped = tuple(dict.fromkeys(d["title"] for d in ran if d["status"] == "skipped"
                                  and (d["deck_id"], d["module_id"]) not in taught))
    modules = []
    for deck_id, module_id, title, minutes in dict.fromkeys(chosen):
        module = decks[deck_id].module(module_id) if deck_id in decks else None
        modules.append(HandoutModule(
            title, minutes, module.takeaway if module else "",
            module.key_points if module else (),
            tuple(Link(r.title, r.url) for r in module.resources) if module else ()))
    partners = tuple(ContactCard(p.name, p.offers, p.contact_name, p.contact_phone,
                                 p.contact_email) for p in store.partners.list())
    language = content_language((decks[d].language for d, *_rest in chosen if d in decks),
                                workshop)
    return HandoutData(language, workshop.title, session.title, when(session),
                       workshop.venue, tuple(modules), partners, delivered=bool(ran),
                       skipped=skipped, next_session=next_session(store, session, workshop, when),
                       facilitator=facilitator_card(store, workshop.id))


def signin_data(store: Store, session_id: str) -> SigninSheetData:
    session = store.sessions.get(session_id)
    workshop = store.workshops.get(session.workshop_id)
    names = sorted((p.name for p in store.attendees.for_workshop(workshop.id)), key=fold)
    return SigninSheetData(workshop.title, session.title, when(session), tuple(names))


def session_presences(store: Store, workshop_id: WorkshopId,
                      sessions: list[Session]) -> dict[str, dict[str, dict]]:
    """session id -> attendee id -> what was recorded (read once, used by every table)."""
    return {s.id: store.checkins.session_presence(workshop_id, s.id) for s in sessions}


def session_modes(store: Store, workshop_id: WorkshopId, sessions: list[Session],
                  presences: dict[str, dict[str, dict]] | None = None,
                  ) -> dict[str, dict[str, str]]:
    """session id -> attendee id -> in_room | online | both (absent people left out)."""
    presences = presences or session_presences(store, workshop_id, sessions)
    found: dict[str, dict[str, str]] = {}
    for session in sessions:
        threshold = minimum_minutes(store, session)
        modes = {person: attendance_mode(seen["in_room"],
                                         attended_online(seen["online_minutes"], threshold))
                 for person, seen in presences[session.id].items()}
        found[session.id] = {person: mode for person, mode in modes.items() if mode != "none"}
    return found


def met_cards(store: Store, workshop_id: WorkshopId) -> list[MetCard]:
    workshop = store.workshops.get(workshop_id)
    cards = []
    for person in sorted(store.attendees.for_workshop(workshop_id), key=lambda p: fold(p.name)):
        met = people_met(store, workshop_id, person.id)
        if met:
            cards.append(MetCard(person.name, workshop.title, tuple(
                (m.purpose, ContactCard(m.name, m.business, "", m.phone, m.email))
                for m in met)))
    return cards

