"""Gather the workshop report and the partner report as plain data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date

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
from facilitator_app.i18n import N_, _, current_language
from facilitator_app.labels import sector_label
from facilitator_app.models import Attendee, ConsentPurpose, Session
from facilitator_app.services.export_data import local_time, session_modes, session_presences
from facilitator_app.services.networking import introductions
from facilitator_app.store import Store
from facilitator_app.text import fold

GENDERS = {"F": N_("female"), "M": N_("male"), "X": N_("other")}
NOT_RECORDED = N_("not recorded")


def workshop_report_data(store: Store, workshop_id: str, generated_by: str) -> WorkshopReportData:
    workshop = store.workshops.get(workshop_id)
    sessions = store.sessions.for_workshop(workshop.id)
    people = sorted(store.attendees.for_workshop(workshop.id), key=lambda p: fold(p.name))
    presences = session_presences(store, workshop.id, sessions)
    modes = session_modes(store, workshop.id, sessions, presences)
    data = WorkshopReportData(
        language=current_language(), title=workshop.title, venue=workshop.venue,
        dates=" – ".join(dict.fromkeys(d for d in (workshop.starts_on, workshop.ends_on) if d)),
        generated_at=store.clock().astimezone().replace(tzinfo=None),
        generated_by=generated_by,
        privacy_note=_("Holds the names of participants: for the organising team only. Send "
                       "partners the partner report instead."))
    for session in sessions:
        counts = Counter(modes[session.id].values())
        data.sessions.append(SessionLine(session.title, local_time(session.starts_at),
                                         local_time(session.ends_at), len(people),
                                         counts["in_room"], counts["online"], counts["both"]))
    data.attendance = _attendance(sessions, people, modes, presences)
    data.deliveries = [_delivery(session, row) for session in sessions
                       for row in store.agendas.deliveries(session.id)]
    data.introductions = [IntroductionLine(
        local_time(i.made_at), i.from_name, i.to_name, i.to_is_partner, i.purpose,
        date.fromisoformat(i.due_on) if i.due_on else None, i.status, i.rating, i.comment)
        for i in introductions(store, workshop.id)]
    return data


def _attendance(sessions: list[Session], people: list[Attendee], modes: dict,
                presences: dict) -> Iterator[AttendanceLine]:
    """One line per person across the sessions, produced as the report is written."""
    presence = [presences[s.id] for s in sessions]
    for person in people:
        yield AttendanceLine(
            person.name, tuple(modes[s.id].get(person.id, "none") for s in sessions),
            tuple(seen.get(person.id, {}).get("online_minutes") for seen in presence))


def _delivery(session: Session, row: dict) -> DeliveryLine:
    started, ended = local_time(row["started_at"]), local_time(row["ended_at"])
    actual = (ended - started).total_seconds() / 60 if started and ended else None
    return DeliveryLine(session.title, row["title"], row["planned_minutes"], started, ended,
                        actual, row["useful_yes"], row["useful_no"])


def partner_report_data(store: Store, workshop_id: str,
                        partner_id: str | None) -> PartnerReportData:
    """Counts only; with a partner, also the people who met it and agreed to share."""
    workshop = store.workshops.get(workshop_id)
    partner = store.partners.get(partner_id) if partner_id else None
    people = store.attendees.for_workshop(workshop.id)
    sessions = store.sessions.for_workshop(workshop.id)
    modes = session_modes(store, workshop.id, sessions)
    came = {pid for session_modes in modes.values() for pid in session_modes}
    attended = [p for p in people if p.id in came]
    data = PartnerReportData(current_language(), workshop.title,
                             partner.name if partner else "",
                             store.clock().astimezone().replace(tzinfo=None), len(people))
    for session in sessions:
        counts = Counter(modes[session.id].values())
        data.tables.append(CountTable(session.title, {
            _("in the room"): counts["in_room"], _("online"): counts["online"],
            _("both"): counts["both"]}))
    data.tables.append(_count(_("Sector"), (sector_label(p.sector) or _("not recorded")
                                            for p in attended)))
    data.tables.append(_count(_("Nationality"), (p.nationality or _("not recorded")
                                                 for p in attended)))
    data.tables.append(_count(_("Gender"), (_(GENDERS.get(p.gender, NOT_RECORDED))
                                            for p in attended)))
    if partner:
        data.people = _consented(store, workshop.id, partner.id)
    return data


def _count(title: str, values) -> CountTable:
    return CountTable(title, dict(sorted(Counter(values).items())))


def _consented(store: Store, workshop_id: str, partner_id: str) -> list[ContactCard]:
    """People introduced to this partner who agreed to share their contact with partners."""
    found = []
    for intro in store.introductions.to_partner(workshop_id, partner_id):
        person = store.attendees.by_id(intro["from_attendee_id"] or "")
        if person and store.consents.current(person.id)[ConsentPurpose.SHARE_PARTNERS]:
            found.append(ContactCard(person.name, person.business, "", person.phone,
                                     person.email))
    return found
