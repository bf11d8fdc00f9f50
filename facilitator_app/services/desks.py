"""This desk's identity (the Ed25519 key that signs its archives) and the desks it trusts.

Trust is pinning: the first archive from another desk is merged only when the person has
compared that desk's fingerprint with the one its screen shows, and said so; from then on
its archives are taken, until it is forgotten here (a stolen laptop, say).
"""

from __future__ import annotations

from dataclasses import dataclass

from facilitator_app import keys
from facilitator_app.errors import KnownError, NotFoundError
from facilitator_app.i18n import _
from facilitator_app.store import Store

THIS_DESK, PINNED, UNKNOWN, UNSIGNED = "this_desk", "pinned", "unknown", "unsigned"


@dataclass(frozen=True)
class Signer:
    public_key: bytes
    desk_id: str = ""
    desk_name: str = ""

    @property
    def fingerprint(self) -> str:
        return keys.fingerprint(self.public_key)

    def as_manifest(self) -> dict:
        return {"public_key": keys.encode(self.public_key), "fingerprint": self.fingerprint,
                "desk_id": self.desk_id, "desk_name": self.desk_name}

    def label(self) -> str:
        """`Mesa 2 (ABCD-EFGH-IJKL-MNOP)`, or the fingerprint alone."""
        return f"{self.desk_name} ({self.fingerprint})" if self.desk_name else self.fingerprint


def signer_from_manifest(entry: object) -> Signer | None:
    """The signer a manifest names (its fingerprint recomputed, never taken as written)."""
    if not isinstance(entry, dict):
        return None
    public_key = keys.decode(entry.get("public_key"), 32)
    if public_key is None:
        return None
    return Signer(public_key, str(entry.get("desk_id", ""))[:64],
                  str(entry.get("desk_name", ""))[:80])


def desk_key(store: Store) -> bytes:
    """This desk's private signing key, made on first use (inside its own transaction)."""
    private_key = store.meta.local_key("desk")
    if private_key is None:
        with store.transaction():
            private_key = store.meta.local_key("desk")
            if private_key is None:
                private_key = keys.new_private_key()
                store.meta.add_local_key("desk", "", private_key)
    return private_key


def this_desk(store: Store) -> Signer:
    return Signer(keys.public_key_of(desk_key(store)), store.meta.desk_id(),
                  store.meta.desk_name())


def rename_desk(store: Store, name: str) -> Signer:
    """Name this desk ("Mesa 2"): the name archives carry, for people to recognise it."""
    name = " ".join(name.split())[:80]
    if not name:
        raise KnownError(_("Give the desk a name, for example “Mesa 2”."))
    with store.transaction():
        store.meta.set("desk_name", name)
    return this_desk(store)


def trust_of(store: Store | None, signer: Signer | None) -> str:
    """this_desk | pinned | unknown | unsigned."""
    if signer is None:
        return UNSIGNED
    if store is None:
        return UNKNOWN
    if store.meta.local_key("desk") is not None and signer.public_key == this_desk(
            store).public_key:
        return THIS_DESK
    pinned = store.meta.trusted_desk(signer.fingerprint)
    return PINNED if pinned and bytes(pinned["public_key"]) == signer.public_key else UNKNOWN


def pin(store: Store, signer: Signer) -> None:
    """Trust `signer`'s archives from now on (inside the caller's transaction)."""
    store.meta.pin_desk(signer.fingerprint, signer.public_key, signer.desk_id, signer.desk_name)


def trusted(store: Store) -> list[Signer]:
    return [Signer(bytes(row["public_key"]), row["desk_id"], row["desk_name"])
            for row in store.meta.trusted_desks()]


def forget(store: Store, fingerprint: str) -> Signer:
    """Stop trusting a desk (its later archives are refused until it is paired again)."""
    wanted = keys.as_fingerprint(fingerprint)
    found = next((s for s in trusted(store) if s.fingerprint == wanted), None)
    if found is None:
        raise NotFoundError(_("No trusted desk has the fingerprint {fingerprint}.").format(
            fingerprint=fingerprint))
    with store.transaction():
        store.meta.forget_desk(found.fingerprint)
    return found
