"""One programme person per entrepreneur across workshops and desks.

A desk's attendee joins the person who has the same phone or e-mail (normalised, compared
as keyed hashes), at once. When only the folded name matches, or the phone and the e-mail
point at two different people, the pair is proposed for review and nobody is merged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection

from facilitator_app.clock import iso
from facilitator_app.ids import uuid7
from facilitator_app.programme import schema
from facilitator_app.programme.hub import Programme
from facilitator_app.programme.rows import existing, matching

SAME_NAME, CONTACT_CONFLICT = "same_name", "contact_conflict"
_PERSONAL = ("given_names", "family_names", "name_key", "phone", "email")


@dataclass
class Linked:
    attendees: list[dict] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    keys: list[dict] = field(default_factory=list)
    proposals: list[dict] = field(default_factory=list)
    joined: int = 0  # attendees linked to someone the programme already knew
    held: set[str] = field(default_factory=set)  # already in the programme
    skipped: set[str] = field(default_factory=set)  # already here, or erased


def contact_keys(programme: Programme, attendee: dict) -> list[tuple[str, str]]:
    """(kind, keyed hash) of the attendee's phone and e-mail, strongest first."""
    return [(kind, programme.key(kind, attendee[kind])) for kind in ("phone", "email")
            if attendee[kind]]


def link_attendees(conn: Connection, programme: Programme, attendees: list[dict]) -> Linked:
    """Decide the person of every attendee the programme does not hold yet."""
    linked = Linked()
    linked.held = existing(conn, schema.attendees.c.id, (a["id"] for a in attendees))
    linked.skipped = linked.held | existing(conn, schema.erased.c.attendee_id,
                                            (a["id"] for a in attendees))
    fresh = [a for a in attendees if a["id"] not in linked.skipped]
    keyed = {a["id"]: contact_keys(programme, a) for a in fresh}
    all_keys = [key for pairs in keyed.values() for _kind, key in pairs]
    erased = existing(conn, schema.erased_keys.c.key, all_keys)
    owners = _owners(conn, all_keys)
    names = _name_owners(conn, [a["name_key"] for a in fresh]) if not programme.aggregate_only \
        else {}
    now = iso(programme.clock())
    for attendee in fresh:
        pairs = keyed[attendee["id"]]
        if any(key in erased for _kind, key in pairs):
            linked.skipped.add(attendee["id"])
            continue
        person, how = _person_for(linked, attendee, pairs, owners, now)
        for _kind, key in pairs:
            if key not in owners:
                owners[key] = person
                linked.keys.append({"key": key, "person_id": person})
        _propose_same_name(linked, names, attendee["name_key"], person, now)
        linked.attendees.append(_attendee_row(programme, attendee, person, how))
    return linked


def _person_for(linked: Linked, attendee: dict, pairs: list[tuple[str, str]],
                owners: dict[str, str], now: str) -> tuple[str, str]:
    matches = [(kind, owners[key]) for kind, key in pairs if key in owners]
    if matches:
        kind, person = matches[0]
        for _other_kind, other in matches[1:]:
            if other != person:
                linked.proposals.append(proposal(person, other, CONTACT_CONFLICT, now))
        linked.joined += 1
        return person, kind
    person = uuid7()
    key = pairs[0][1] if pairs else uuid7().replace("-", "")
    linked.people.append({"id": person, "key": key, "created_at": now,
                          **attributes([attendee])})
    return person, "new"


def _propose_same_name(linked: Linked, names: dict[str, set[str]], name: str, person: str,
                       now: str) -> None:
    if not name:
        return
    others = names.setdefault(name, set())
    linked.proposals.extend(proposal(person, other, SAME_NAME, now)
                            for other in sorted(others) if other != person)
    others.add(person)


def proposal(one: str, other: str, reason: str, now: str) -> dict:
    """A pair to review, the same pair whichever way it was found."""
    first, second = sorted((one, other))
    return {"id": uuid7(), "person_a": first, "person_b": second, "reason": reason,
            "status": "pending", "created_at": now}


def _attendee_row(programme: Programme, attendee: dict, person: str, how: str) -> dict:
    row = {"id": attendee["id"], "person_id": person, "linked_by": how,
           **{name: attendee[name] for name in _PERSONAL}, **attributes([attendee])}
    if programme.aggregate_only:
        row.update(dict.fromkeys(_PERSONAL, ""))
    return row


def attributes(attendees: list[dict]) -> dict:
    """A person's reporting attributes: from their newest registration (ids are
    time-ordered) that answered each one."""
    if len(attendees) == 1:  # nearly always: one registration
        only = attendees[0]
        return {"gender": only.get("gender") or "", "birth_year": only.get("birth_year"),
                "nationality": only.get("nationality") or "",
                "population_type": only.get("population_type") or ""}
    newest_first = sorted(attendees, key=lambda a: a["id"], reverse=True)
    found: dict = {"gender": "", "birth_year": None, "nationality": "", "population_type": ""}
    for name in found:
        found[name] = next((a[name] for a in newest_first if a.get(name) not in (None, "")),
                           found[name])
    return found


def _owners(conn: Connection, keys: list[str]) -> dict[str, str]:
    table = schema.contact_keys
    return dict(matching(conn, table.c.key, keys, table.c.key, table.c.person_id))


def _name_owners(conn: Connection, names: list[str]) -> dict[str, set[str]]:
    owners: dict[str, set[str]] = {}
    table = schema.attendees
    for name, person in matching(conn, table.c.name_key, [n for n in names if n],
                                 table.c.name_key, table.c.person_id):
        owners.setdefault(name, set()).add(person)
    return owners
