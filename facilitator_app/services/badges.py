"""Issuing badge tokens, telling genuine badges from forged ones, and gathering what a badge
sheet prints.

Only the desk that holds a workshop's minting key mints its badges (signed "D" tokens);
every other desk verifies them with the public key that archives carry. Older "C" badges
verify by their HMAC where the workshop's secret is, elsewhere by being listed among the
badges an authenticated archive brought.
"""

from __future__ import annotations

from facilitator_app import keys, tokens
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.models import Attendee, AttendeeId, WorkshopId
from facilitator_app.store import Store

CANNOT_TELL = ""  # an older badge this desk has no secret to check


class CannotMintError(KnownError):
    """This desk verifies the workshop's badges but cannot make new ones."""


def can_mint(store: Store, workshop_id: str) -> bool:
    """Does this desk hold (or may it create) the workshop's minting key?"""
    return store.workshops.minting_key(workshop_id) is not None or (
        store.workshops.badge_key(workshop_id) is None
        and bool(store.workshops.hmac_secret(workshop_id)))


def badge_token(store: Store, workshop_id: WorkshopId, attendee_id: AttendeeId,
                *, reissue: bool = False) -> str:
    """The person's current token, minted if they have none. `reissue` revokes the old one
    (a lost or reprinted badge) and mints a new one. Minting needs the workshop's key:
    elsewhere a CannotMintError says where badges are made."""
    registration = store.registrations.registration_id(workshop_id, attendee_id)
    if registration is None:
        raise ValueError("not registered for this workshop")
    current = store.badges.current(registration)
    if current and not reissue:
        return current
    with store.transaction():
        private_key = _minting_key(store, workshop_id)
        store.badges.revoke_for_registration(registration)
        token = tokens.mint_signed(private_key, workshop_id)
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


def genuine(store: Store, workshop_id: str, token: str) -> bool:
    """Is `token`, listed among this desk's badges of `workshop_id`, a genuine badge?"""
    if tokens.is_signed(token):
        public_key = store.workshops.badge_key(workshop_id)
        return public_key is not None and tokens.verify_signed(public_key, workshop_id, token)
    secret = store.workshops.hmac_secret(workshop_id)
    if secret:
        return tokens.verify(secret, workshop_id, token)
    return tokens.looks_like_token(token)  # listed by an authenticated archive


def minted_for(store: Store, token: str) -> str | None:
    """The workshop that minted a token this desk never listed; CANNOT_TELL for an older
    badge when some workshop's secret is not here; None when no workshop minted it."""
    if tokens.is_signed(token):
        for workshop_id, public_key in store.workshops.badge_keys():
            if tokens.verify_signed(public_key, workshop_id, token):
                return workshop_id
        return None
    for workshop_id, secret in store.workshops.secrets():
        if tokens.verify(secret, workshop_id, token):
            return workshop_id
    held = len(store.workshops.secrets())
    return CANNOT_TELL if held < store.workshops.count_all() else None


def minting_desk_note(store: Store, workshop_id: str) -> str:
    """Where this workshop's badges are made, in words for the Archive page and the CLI."""
    if can_mint(store, workshop_id):
        return _("Badges for this workshop are made on this desk.")
    public_key = store.workshops.badge_key(workshop_id)
    if public_key is None:
        return _("This desk cannot make badges for this workshop: it came from another desk. "
                 "Print badges on the desk that created it.")
    return _("This desk checks this workshop's badges but cannot make them: they are made on "
             "the desk that created the workshop (badge key {key}).").format(
                 key=keys.fingerprint(public_key))


def _minting_key(store: Store, workshop_id: str) -> bytes:
    private_key = store.workshops.minting_key(workshop_id)
    if private_key is not None:
        return private_key
    if can_mint(store, workshop_id):
        # A workshop created here before badges were signed: its key is made on first use.
        private_key = keys.new_private_key()
        store.workshops.add_badge_key(workshop_id, private_key)
        return private_key
    raise CannotMintError(minting_desk_note(store, workshop_id) + " " + _(
        "Badges printed there keep working here; people who have none can be checked in by "
        "name."))
