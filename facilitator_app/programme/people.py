"""Programme people: their attributes, the pairs proposed for review, merges and their undo.

Nobody is merged without a person deciding; a merge records who moved so it can be undone
exactly, and a pair kept apart stays apart on later imports.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select, update

from facilitator_app.clock import iso
from facilitator_app.errors import KnownError, NotFoundError
from facilitator_app.i18n import _
from facilitator_app.ids import uuid7
from facilitator_app.programme import schema
from facilitator_app.programme.hub import Programme
from facilitator_app.programme.linking import attributes
from facilitator_app.programme.rows import IN_CHUNK, chunks, matching

PENDING, MERGED, SEPARATE = "pending", "merged", "separate"
_ATTRIBUTES = ("gender", "birth_year", "nationality", "population_type")


def refresh_people(conn: Connection, person_ids: Iterable[str]) -> None:
    """Recompute each person's attributes from the registrations that are theirs now."""
    a = schema.attendees
    names = ("id", "person_id", *_ATTRIBUTES)
    grouped: dict[str, list[dict]] = {}
    for row in matching(conn, a.c.person_id, sorted(set(person_ids)),
                        *(a.c[n] for n in names)):
        grouped.setdefault(row[1], []).append(dict(zip(names, row, strict=True)))
    updates = [{"pid": pid, **attributes(rows)} for pid, rows in grouped.items()]
    if updates:
        p = schema.people
        conn.execute(update(p).where(p.c.id == bindparam("pid"))
                     .values({n: bindparam(n) for n in _ATTRIBUTES}), updates)


@dataclass(frozen=True)
class Proposal:
    id: str
    reason: str  # same_name | contact_conflict
    status: str
    first: PersonSummary
    second: PersonSummary


@dataclass(frozen=True)
class PersonSummary:
    id: str
    name: str  # "" in an aggregate-only programme
    workshops: tuple[str, ...]  # titles


def proposals(programme: Programme, status: str = PENDING) -> list[Proposal]:
    """The pairs to review (or those decided), oldest first."""
    table = schema.proposals
    with programme.read() as conn:
        rows = conn.execute(select(table).where(table.c.status == status)
                            .order_by(table.c.created_at, table.c.id)).mappings().all()
        return [Proposal(r["id"], r["reason"], r["status"], _summary(conn, r["person_a"]),
                         _summary(conn, r["person_b"])) for r in rows]


def _summary(conn: Connection, person_id: str) -> PersonSummary:
    a, r, w = schema.attendees, schema.registrations, schema.workshops
    names = conn.execute(select(a.c.given_names, a.c.family_names)
                         .where(a.c.person_id == person_id).order_by(a.c.id.desc())).first()
    titles = conn.scalars(select(w.c.title).distinct().join(r, r.c.workshop_id == w.c.id)
                          .join(a, a.c.id == r.c.attendee_id)
                          .where(a.c.person_id == person_id).order_by(w.c.title)).all()
    name = " ".join(filter(None, names)) if names else ""
    return PersonSummary(person_id, name, tuple(titles))


def decide(programme: Programme, proposal_id: str, merge: bool) -> str | None:
    """Merge the pair (returns the merge's id, to undo it) or keep them apart."""
    table = schema.proposals
    with programme.begin() as conn:
        row = conn.execute(select(table).where(table.c.id.startswith(proposal_id))).mappings()
        found = row.all()
        if len(found) != 1:
            raise NotFoundError(_("No proposal {id} to decide.").format(id=proposal_id))
        chosen = found[0]
        if chosen["status"] != PENDING:
            raise KnownError(_("This pair was already decided."))
        now = iso(programme.clock())
        merge_id = merge_people(conn, chosen["person_a"], chosen["person_b"], now) \
            if merge else None
        conn.execute(update(table).where(table.c.id == chosen["id"])
                     .values(status=MERGED if merge else SEPARATE, decided_at=now))
        return merge_id


def merge_people(conn: Connection, kept: str, merged: str, now: str) -> str:
    """`merged`'s registrations and contact keys become `kept`'s; recorded for undo."""
    a, k, p = schema.attendees, schema.contact_keys, schema.people
    moved = conn.scalars(select(a.c.id).where(a.c.person_id == merged)).all()
    keys = conn.scalars(select(k.c.key).where(k.c.person_id == merged)).all()
    conn.execute(update(a).where(a.c.person_id == merged).values(person_id=kept))
    conn.execute(update(k).where(k.c.person_id == merged).values(person_id=kept))
    conn.execute(update(p).where(p.c.id == merged).values(merged_into=kept))
    merge_id = uuid7()
    conn.execute(schema.merges.insert().values(
        id=merge_id, kept_id=kept, merged_id=merged, attendee_ids=json.dumps(moved),
        contact_keys=json.dumps(keys), at=now))
    refresh_people(conn, [kept])
    return merge_id


def undo_merge(programme: Programme, merge_id: str) -> None:
    """Put back exactly who moved in that merge; the pair is pending again."""
    m = schema.merges
    with programme.begin() as conn:
        found = conn.execute(select(m).where(m.c.id.startswith(merge_id))).mappings().all()
        if len(found) != 1 or found[0]["undone_at"]:
            raise NotFoundError(_("No merge {id} to undo.").format(id=merge_id))
        row = found[0]
        a, k, p = schema.attendees, schema.contact_keys, schema.people
        moved, keys = json.loads(row["attendee_ids"]), json.loads(row["contact_keys"])
        for part in chunks(moved, IN_CHUNK):
            conn.execute(update(a).where(a.c.id.in_(part)).values(person_id=row["merged_id"]))
        for part in chunks(keys, IN_CHUNK):
            conn.execute(update(k).where(k.c.key.in_(part)).values(person_id=row["merged_id"]))
        conn.execute(update(p).where(p.c.id == row["merged_id"]).values(merged_into=None))
        now = iso(programme.clock())
        conn.execute(update(m).where(m.c.id == row["id"]).values(undone_at=now))
        pr = schema.proposals
        first, second = sorted((row["kept_id"], row["merged_id"]))
        conn.execute(update(pr).where(pr.c.person_a == first, pr.c.person_b == second)
                     .values(status=PENDING, decided_at=None))
        refresh_people(conn, [row["kept_id"], row["merged_id"]])


def merges(programme: Programme) -> list[dict]:
    m = schema.merges
    with programme.read() as conn:
        return [dict(r) for r in conn.execute(select(m).where(m.c.undone_at.is_(None))
                                              .order_by(m.c.at)).mappings()]
