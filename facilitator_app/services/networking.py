"""Introductions between participants and with partner organisations, suggestions, and
follow-ups. Contact details cross only where the person consented to share them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from facilitator_app.clock import iso
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.models import (
    Attendee,
    AttendeeId,
    ConsentPurpose,
    FollowupStatus,
    Introduction,
    IntroductionId,
    Partner,
    WorkshopId,
)
from facilitator_app.store import Store

DEFAULT_FOLLOWUP_DAYS = 7


@dataclass(frozen=True)
class IntroductionView:
    id: str
    from_name: str
    to_name: str
    to_is_partner: bool
    purpose: str
    made_at: str
    due_on: str
    status: str
    rating: int | None
    comment: str
    followup_id: str


def save_partner(store: Store, partner: Partner) -> Partner:
    """Add `partner` (or update it, when it has an id). A name is required, and a name that
    matches another partner's once accents, case and spaces are folded is refused."""
    from facilitator_app.text import fold

    if not fold(partner.name):
        raise KnownError(_("Give the partner's name."))
    same = [p for p in store.partners.list()
            if fold(p.name) == fold(partner.name) and p.id != partner.id]
    if same:
        raise KnownError(_("There is already a partner called {name} ({id}).").format(
            name=same[0].name, id=same[0].id))
    with store.transaction():
        return store.partners.update(partner) if partner.id else store.partners.add(partner)


def add_introduction(store: Store, workshop_id: WorkshopId, from_id: str, *,
                     to_attendee: str | None = None, to_partner: str | None = None,
                     purpose: str = "", note: str = "", made_by: str = "",
                     session_id: str | None = None,
                     followup_days: int = DEFAULT_FOLLOWUP_DAYS) -> IntroductionId:
    """Record an introduction and its follow-up (pending, due in `followup_days`)."""
    if (to_attendee is None) == (to_partner is None):
        raise KnownError(_("Choose one person or one partner to introduce them to."))
    first = store.attendees.get(from_id)
    other = store.attendees.get(to_attendee) if to_attendee else None
    partner = store.partners.get(to_partner) if to_partner else None
    _check_pair(store, workshop_id, first, other, partner)
    now = store.clock()
    with store.transaction():
        intro = store.introductions.add(Introduction(
            id=IntroductionId(""), workshop_id=workshop_id, from_attendee_id=first.id,
            to_attendee_id=other.id if other else None,
            to_partner_id=partner.id if partner else None, purpose=purpose.strip(),
            note=note.strip(), made_by=made_by, made_at=iso(now), session_id=session_id))
        due = (now.astimezone().date() + timedelta(days=followup_days)).isoformat()
        store.introductions.add_followup(intro.id, due, FollowupStatus.PENDING)
    return intro.id


def _check_pair(store: Store, workshop_id: WorkshopId, first: Attendee,
                other: Attendee | None, partner: Partner | None) -> None:
    for person in (first, other):
        if person and not store.registrations.is_registered(workshop_id, person.id):
            raise KnownError(_("{name} is not registered for this workshop.").format(
                name=person.name))
    if other and other.id == first.id:
        raise KnownError(_("A person cannot be introduced to themselves."))
    if store.introductions.exists(workshop_id, first.id, other.id if other else None,
                                  partner.id if partner else None):
        raise KnownError(_("{a} and {b} were already introduced in this workshop.").format(
            a=first.name, b=(other or partner).name))


def introductions(store: Store, workshop_id: WorkshopId) -> list[IntroductionView]:
    return [IntroductionView(
        id=row["id"], from_name=row["from_name"] or _("(erased person)"),
        to_name=row["to_name"] or row["partner_name"] or _("(erased person)"),
        to_is_partner=row["partner_name"] is not None, purpose=row["purpose"],
        made_at=row["made_at"], due_on=row["due_on"] or "", status=row["status"] or "",
        rating=row["rating"], comment=row["comment"] or "", followup_id=row["followup_id"] or "")
        for row in store.introductions.listing(workshop_id)]


def update_followup(store: Store, followup_id: str, status: FollowupStatus,
                    rating: int | None = None, comment: str = "",
                    due_on: str | None = None) -> None:
    if rating is not None and not 1 <= rating <= 5:
        raise KnownError(_("The rating goes from 1 to 5."))
    with store.transaction():
        store.introductions.update_followup(followup_id, status.value, rating,
                                            comment.strip(), due_on)


def followups_due(store: Store, workshop_id: WorkshopId,
                  today: date) -> tuple[list[IntroductionView], list[IntroductionView]]:
    """Pending follow-ups: (overdue, due within the next seven days), earliest first."""
    pending = sorted((i for i in introductions(store, workshop_id)
                      if i.status == FollowupStatus.PENDING and i.due_on),
                     key=lambda i: i.due_on)
    week_end = (today + timedelta(days=7)).isoformat()
    overdue = [i for i in pending if i.due_on < today.isoformat()]
    this_week = [i for i in pending if today.isoformat() <= i.due_on <= week_end]
    return overdue, this_week


@dataclass(frozen=True)
class SharedContact:
    name: str
    business: str
    phone: str  # "" when the person did not consent to share it
    email: str


def shared_contact(store: Store, person: Attendee, with_partner: bool) -> SharedContact:
    """What of `person` may be passed on: contact details only with their consent for that
    side (other participants, or partners)."""
    purpose = (ConsentPurpose.SHARE_PARTNERS if with_partner
               else ConsentPurpose.SHARE_PARTICIPANTS)
    allowed = store.consents.current(person.id)[purpose]
    return SharedContact(person.name, person.business, person.phone if allowed else "",
                         person.email if allowed else "")


@dataclass(frozen=True)
class Met:
    """Someone a participant met, for their "people you met" card."""

    name: str
    business: str
    purpose: str
    phone: str
    email: str
    is_partner: bool


def people_met(store: Store, workshop_id: WorkshopId, attendee_id: AttendeeId) -> list[Met]:
    """The other side of each of the person's introductions, with contacts only where
    that other side consented."""
    met = []
    for row in store.introductions.for_person(workshop_id, attendee_id):
        if row["to_partner_id"]:
            partner = store.partners.get(row["to_partner_id"])
            met.append(Met(partner.name, partner.offers, row["purpose"], partner.contact_phone,
                           partner.contact_email, True))
            continue
        other_id = (row["to_attendee_id"] if row["from_attendee_id"] == attendee_id
                    else row["from_attendee_id"])
        if other_id is None:
            continue  # the other person was erased
        contact = shared_contact(store, store.attendees.get(other_id), with_partner=False)
        met.append(Met(contact.name, contact.business, row["purpose"], contact.phone,
                       contact.email, False))
    return met

