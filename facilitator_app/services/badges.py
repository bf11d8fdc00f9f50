"""Issuing badge tokens and gathering what a badge sheet prints."""

from __future__ import annotations

from facilitator_app import tokens
from facilitator_app.models import Attendee, AttendeeId, WorkshopId
from facilitator_app.store import Store


def badge_token(store: Store, workshop_id: WorkshopId, attendee_id: AttendeeId,
                *, reissue: bool = False) -> str:
    """The person's current token, minted if they have none. `reissue` revokes the old one
    (a lost or reprinted badge) and mints a new one."""
    registration = store.registrations.registration_id(workshop_id, attendee_id)
    if registration is None:
        raise ValueError("not registered for this workshop")
    current = store.badges.current(registration)
    if current and not reissue:
        return current
    with store.transaction():
        store.badges.revoke_for_registration(registration)
        token = tokens.mint(store.workshops.secret(workshop_id), workshop_id)
        store.badges.issue(token, registration, workshop_id, attendee_id)
    return token


def badges_for(store: Store, workshop_id: WorkshopId, attendee_ids: list[AttendeeId] | None = None,
               *, reissue: bool = False) -> list[tuple[Attendee, str]]:
    """(person, token) for everyone registered (or the chosen people), sorted by name."""
    people = store.attendees.for_workshop(workshop_id)
    if attendee_ids is not None:
        chosen = set(attendee_ids)
        people = [person for person in people if person.id in chosen]
    with store.transaction():
        return [(person, badge_token(store, workshop_id, person.id, reissue=reissue))
                for person in people]
