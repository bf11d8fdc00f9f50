"""Gather the workshop report and the partner report as plain data.

One population for every figure: a person attended a session when they were in the room
or online for at least the session's online minimum; a session is held once attendance
was recorded for it. Sessions not held (yet) are marked, never counted as everyone absent.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime

from facilitator_app.clock import parse_iso
from facilitator_app.contact import display_phone
from facilitator_app.export_models import (
    AttendanceLine,
    ContactCard,
    CountTable,
    DeliveryLine,
    IntroductionLine,
    PartnerReportData,
    SessionLine,
    WorkshopReportData,
)
from facilitator_app.i18n import _, current_language
from facilitator_app.labels import FOLLOWUP_STATUSES, PARTNER_TYPES, category_label, label
from facilitator_app.models import Attendee, ConsentPurpose, Session, Workshop
from facilitator_app.services.export_data import local_time, session_modes, session_presences
from facilitator_app.services.networking import IntroductionView, introductions
from facilitator_app.services.online_attendance import minimum_minutes
from facilitator_app.store import Store
from facilitator_app.text import fold

MODES = ("in_room", "online", "both")


def mode_words() -> dict[str, str]:
    return {"in_room": _("in the room"), "online": _("online"), "both": _("both")}


def workshop_report_data(store: Store, workshop_id: str, generated_by: str = "",
                         ) -> WorkshopReportData:
    workshop = store.workshops.get(workshop_id)
    sessions = store.sessions.for_workshop(workshop.id)
    people = sorted(store.attendees.for_workshop(workshop.id), key=lambda p: fold(p.name))
    presences = session_presences(store, workshop.id, sessions)
    modes = session_modes(store, workshop.id, sessions, presences)
    lines = _session_lines(store, sessions, presences, modes, len(people))
    held = [s for s, line in zip(sessions, lines, strict=True) if line.held]
    data = WorkshopReportData(
        language=current_language(), title=workshop.title, venue=workshop.venue,
        dates=workshop_dates(workshop), generated_at=_now(store),
        generated_by=desk_label(store, generated_by),
        privacy_note=_("Holds the names of participants: for the organising team only. Send "
                       "partners the partner report instead."),
        sessions=lines, registered=len(people), min_online_percent=workshop.min_online_percent,
        name_width=max((len(p.name) for p in people), default=0))
    data.reached = _reached(people, held, modes)
    data.attendance = _attendance(held, people, modes, presences)
    data.deliveries = _deliveries(store, sessions)
    views = introductions(store, workshop.id)
    data.introductions = [_introduction(i) for i in views]
    data.followups = _followups(_("Introductions"), views)
    return data


def _now(store: Store) -> datetime:
    return store.clock().astimezone().replace(tzinfo=None)


def workshop_dates(workshop: Workshop) -> str:
    """`02/12/2026 – 03/12/2026` (one date when it is one day)."""
    days = [date.fromisoformat(d).strftime("%d/%m/%Y")
            for d in (workshop.starts_on, workshop.ends_on) if d]
    return " – ".join(dict.fromkeys(days))


def desk_label(store: Store, given: str = "") -> str:
    """Who wrote the file, in words: this desk's name (never a bare id)."""
    name = store.meta.desk_name()
    if given and given != store.meta.desk_id():
        name = given
    return (_("CREANDO Desk · {desk}").format(desk=name) if name
            else _("CREANDO Desk (this desk has no name yet)"))


def _session_lines(store: Store, sessions: list[Session], presences: dict, modes: dict,
                   registered: int) -> list[SessionLine]:
    now = store.clock()
    lines = []
    for session in sessions:
        counts = Counter(modes[session.id].values())
        past = not session.starts_at or parse_iso(session.starts_at) <= now
        lines.append(SessionLine(
            session.title, local_time(session.starts_at), local_time(session.ends_at),
            registered, counts["in_room"], counts["online"], counts["both"],
            held=bool(presences[session.id]), online_minimum=minimum_minutes(store, session),
            past=past))
    return lines


def _reached(people: list[Attendee], held: list[Session], modes: dict) -> CountTable:
    """The people who attended at least one held session, by how they took part."""
    words = mode_words()
    counts = dict.fromkeys(words.values(), 0)
    for person in people:
        ways = {modes[s.id][person.id] for s in held if person.id in modes[s.id]}
        if ways:
            mode = "both" if "both" in ways or ways == {"in_room", "online"} else ways.pop()
            counts[words[mode]] += 1
    return CountTable(_("How they took part"), counts)


def _attendance(held: list[Session], people: list[Attendee], modes: dict,
                presences: dict) -> Iterator[AttendanceLine]:
    """One line per person across the held sessions, produced as the report is written."""
    presence = [presences[s.id] for s in held]
    for person in people:
        yield AttendanceLine(
            person.name, tuple(modes[s.id].get(person.id, "none") for s in held),
            tuple(seen.get(person.id, {}).get("online_minutes") for seen in presence))


def _deliveries(store: Store, sessions: list[Session]) -> list[DeliveryLine]:
    return [_delivery(session, row) for session in sessions
            for row in store.agendas.deliveries(session.id)]


def _delivery(session: Session, row: dict) -> DeliveryLine:
    started, ended = local_time(row["started_at"]), local_time(row["ended_at"])
    actual = (ended - started).total_seconds() / 60 if started and ended else None
    return DeliveryLine(session.title, row["title"], row["planned_minutes"], started, ended,
                        actual, row["useful_yes"], row["useful_no"])


def _introduction(i: IntroductionView) -> IntroductionLine:
    return IntroductionLine(
        local_time(i.made_at), i.from_name, i.to_name, i.to_is_partner, i.purpose,
        date.fromisoformat(i.due_on) if i.due_on else None,
        label(FOLLOWUP_STATUSES, i.status), i.rating, i.comment)


def _followups(title: str, views: list[IntroductionView]) -> CountTable:
    """Introductions by the outcome of their follow-up, every status named (zeros too)."""
    counts = Counter(i.status for i in views)
    return CountTable(title, {_(word): counts.get(code, 0)
                              for code, word in FOLLOWUP_STATUSES.items()})


def partner_report_data(store: Store, workshop_id: str, partner_id: str | None,
                        generated_by: str = "") -> PartnerReportData:
    """What the workshop achieved, as counts of the people who attended; with a partner,
    also the introductions to it and the people who met it and agreed to share."""
    workshop = store.workshops.get(workshop_id)
    partner = store.partners.get(partner_id) if partner_id else None
    people = store.attendees.for_workshop(workshop.id)
    sessions = store.sessions.for_workshop(workshop.id)
    presences = session_presences(store, workshop.id, sessions)
    modes = session_modes(store, workshop.id, sessions, presences)
    lines = _session_lines(store, sessions, presences, modes, len(people))
    held = [s for s, line in zip(sessions, lines, strict=True) if line.held]
    came = {pid for s in held for pid in modes[s.id]}
    attended = [p for p in people if p.id in came]
    data = PartnerReportData(
        current_language(), workshop.title, partner.name if partner else "", _now(store),
        len(people), partner_type=label(PARTNER_TYPES, partner.type) if partner else "",
        period=workshop_dates(workshop), venue=workshop.venue,
        generated_by=desk_label(store, generated_by), attended=len(attended),
        reached=_reached(people, held, modes), sessions=lines,
        deliveries=_deliveries(store, sessions), min_online_percent=workshop.min_online_percent)
    data.tables = [_count(_("Gender"), "gender", attended),
                   _count(_("Nationality"), "nationality", attended),
                   _count(_("Business sector"), "sector", attended)]
    views = [i for i in introductions(store, workshop.id) if i.to_is_partner]
    if partner:
        mine = {row["id"] for row in store.introductions.to_partner(workshop.id, partner.id)}
        views = [i for i in views if i.id in mine]
        data.people = _consented(store, workshop.id, partner.id)
    data.introductions = _followups(_("Introductions"), views)
    return data


def _count(title: str, field: str, people: list[Attendee]) -> CountTable:
    """People by one category, largest first, "not recorded" last."""
    counts = Counter(category_label(field, getattr(p, field)) for p in people)
    unknown = category_label(field, "")
    ordered = sorted(counts.items(), key=lambda item: (item[0] == unknown, -item[1],
                                                      fold(item[0])))
    return CountTable(title, dict(ordered))


def _consented(store: Store, workshop_id: str, partner_id: str) -> list[ContactCard]:
    """People introduced to this partner who agreed to share their contact with partners."""
    found = []
    for intro in store.introductions.to_partner(workshop_id, partner_id):
        person = store.attendees.by_id(intro["from_attendee_id"] or "")
        if person and store.consents.current(person.id)[ConsentPurpose.SHARE_PARTNERS]:
            found.append(ContactCard(person.name, person.business, "",
                                     display_phone(person.phone), person.email))
    return found
