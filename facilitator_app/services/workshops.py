"""Creating and describing workshops."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from facilitator_app.clock import iso
from facilitator_app.errors import KnownError
from facilitator_app.i18n import N_, _
from facilitator_app.models import Session, Workshop, WorkshopCounts
from facilitator_app.store import Store


@dataclass(frozen=True)
class WorkshopSummary:
    workshop: Workshop
    sessions: list[Session]


def create_workshop(
    store: Store,
    title: str,
    *,
    venue: str = "",
    starts_on: str = "",
    session_titles: list[str] | None = None,
    department: str = "",
    province: str = "",
    district: str = "",
) -> WorkshopSummary:
    """Create a workshop and its sessions in one transaction; `department` is a region's
    name or UBIGEO code (places.py)."""
    from facilitator_app.services.registration_fields import checked_department

    code = checked_department(department)
    if not title.strip():
        raise KnownError(_("A workshop needs a title."))
    if starts_on:
        try:
            datetime.strptime(starts_on, "%Y-%m-%d")
        except ValueError as exc:
            raise KnownError(
                _("The date {date} is not valid; write it as YYYY-MM-DD.").format(date=starts_on)
            ) from exc
    with store.transaction():
        workshop = store.workshops.add(title, venue=venue, starts_on=starts_on,
                                       department=code, province=province, district=district)
        sessions = [
            store.sessions.add(workshop.id, name)
            for name in (session_titles or [])
            if name.strip()
        ]
    return WorkshopSummary(workshop, sessions)


def list_workshops(store: Store) -> list[WorkshopSummary]:
    return [
        WorkshopSummary(w, store.sessions.for_workshop(w.id)) for w in store.workshops.list()
    ]


def start_of_local_day(moment: datetime) -> datetime:
    """Local midnight of the day `moment` falls on (the desk's own time zone)."""
    local = moment.astimezone()
    return datetime.combine(local.date(), time(0), tzinfo=local.tzinfo)


ONLINE_DEFINITION = N_(
    "Someone attended online if the online attendance reports show them connected for at "
    "least the minimum minutes of at least one session: the session's own minimum, or "
    "else the workshop's share of its length (60% unless changed).")


def online_attendees(store: Store, workshop: Workshop) -> AbstractSet[str]:
    """THE definition of "attended online" (ONLINE_DEFINITION), for the overview and the
    CLI: who reached the online-minutes threshold (online_attendance.minimum_minutes) of at
    least one session, which is then held. The same rule as export_data.session_modes,
    which the reports count per session (tests/test_online_definition.py keeps them equal).
    Read-only: the store keeps this set between calls."""
    from facilitator_app.services.online_attendance import minimum_minutes

    sessions = store.sessions.for_workshop(workshop.id)
    return store.checkins.online_reached(
        workshop.id, {s.id: minimum_minutes(store, s) for s in sessions})


def workshop_counts(store: Store, workshop: Workshop) -> WorkshopCounts:
    """The overview's live numbers. "In the room now" looks at today's events only;
    "online" follows ONLINE_DEFINITION."""
    since = iso(start_of_local_day(store.clock()))
    return WorkshopCounts(
        registered=store.registrations.count(workshop.id),
        in_room_now=store.checkins.in_room_since(workshop.id, since),
        online=len(online_attendees(store, workshop)),
        introductions=store.introductions.count(workshop.id),
        sessions=len(store.sessions.for_workshop(workshop.id)),
    )


def local_datetime(day_offset: int, hhmm: str, today: datetime) -> datetime:
    """Today (plus `day_offset` days) at `hhmm` local time."""
    hours, minutes = (int(part) for part in hhmm.split(":"))
    base = start_of_local_day(today) + timedelta(days=day_offset)
    return base.replace(hour=hours, minute=minutes)
