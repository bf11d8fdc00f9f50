"""Creating and describing workshops."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from facilitator_app.clock import iso
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
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
) -> WorkshopSummary:
    """Create a workshop and its sessions in one transaction."""
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
        workshop = store.workshops.add(title, venue=venue, starts_on=starts_on)
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


def workshop_counts(store: Store, workshop: Workshop) -> WorkshopCounts:
    """The overview's live numbers. "In the room now" looks at today's events only."""
    since = iso(start_of_local_day(store.clock()))
    return WorkshopCounts(
        registered=store.registrations.count(workshop.id),
        in_room_now=store.checkins.in_room_since(workshop.id, since),
        online=store.checkins.online_people(workshop.id),
        introductions=store.introductions.count(workshop.id),
        sessions=len(store.sessions.for_workshop(workshop.id)),
    )


def local_datetime(day_offset: int, hhmm: str, today: datetime) -> datetime:
    """Today (plus `day_offset` days) at `hhmm` local time."""
    hours, minutes = (int(part) for part in hhmm.split(":"))
    base = start_of_local_day(today) + timedelta(days=day_offset)
    return base.replace(hour=hours, minute=minutes)
