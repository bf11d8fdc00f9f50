"""Gather what each export needs from the store, as plain data (export_models)."""

from __future__ import annotations

import base64
import hmac
import math
from datetime import date, datetime
from hashlib import sha256

from facilitator_app.clock import parse_iso
from facilitator_app.decks.library import load_library
from facilitator_app.export_models import (
    CertificateData,
    ContactCard,
    HandoutData,
    HandoutModule,
    Link,
    MetCard,
    SigninSheetData,
)
from facilitator_app.i18n import current_language
from facilitator_app.models import Session, WorkshopId
from facilitator_app.services.agenda import MODULE, load_agenda
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
    return HandoutData(current_language(), workshop.title, session.title, when(session),
                       workshop.venue, tuple(modules), partners, delivered=bool(ran),
                       skipped=skipped)


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


def certificate_code(store: Store, workshop_id: str, attendee_id: str) -> str:
    """A code to check a certificate against this desk's records (not a secret itself)."""
    digest = hmac.new(bytes.fromhex(store.workshops.secret(workshop_id)),
                      f"certificate|{workshop_id}|{attendee_id}".encode(), sha256).digest()
    text = base64.b32encode(digest[:7]).decode().rstrip("=")[:10]
    return f"{text[:4]}-{text[4:8]}-{text[8:]}"


def verify_certificate(store: Store, workshop_id: str, code: str) -> str | None:
    """The name on the certificate with this code, or None if this workshop issued none."""
    wanted = code.strip().upper().replace(" ", "")
    for person in store.attendees.for_workshop(store.workshops.get(workshop_id).id):
        if hmac.compare_digest(certificate_code(store, workshop_id, person.id), wanted):
            return person.name
    return None


def certificates(store: Store, workshop_id: str, today: date) -> list[CertificateData]:
    """Everyone who attended at least half of the sessions held (in the room, online or
    both). A session is held once anyone's attendance was recorded for it."""
    workshop = store.workshops.get(workshop_id)
    sessions = store.sessions.for_workshop(workshop.id)
    modes = session_modes(store, workshop.id, sessions)
    held = [s for s in sessions if modes[s.id]]
    needed = max(1, math.ceil(len(held) / 2))
    dates = " – ".join(dict.fromkeys(d for d in (workshop.starts_on, workshop.ends_on) if d))
    result = []
    for person in sorted(store.attendees.for_workshop(workshop.id), key=lambda p: fold(p.name)):
        attended = [modes[s.id][person.id] for s in held if person.id in modes[s.id]]
        if len(attended) < needed:
            continue
        kinds = set(attended)
        mode = "both" if "both" in kinds or kinds == {"in_room", "online"} else kinds.pop()
        result.append(CertificateData(person.name, workshop.title, dates, workshop.venue,
                                      len(attended), len(held), mode,
                                      certificate_code(store, workshop.id, person.id), today))
    return result


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
