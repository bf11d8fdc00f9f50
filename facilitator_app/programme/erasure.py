"""People erased on a desk leave the programme: the whole programme person (every
registration of theirs from any desk), their attendance and their side of introductions.
Their ids and contact keys are remembered (keys, never contacts) so that no later archive
brings them back."""

from __future__ import annotations

from sqlalchemy import Connection, delete, or_, update

from facilitator_app.programme import schema
from facilitator_app.programme.hub import Programme
from facilitator_app.programme.rows import IN_CHUNK, chunks, insert_new, matching


def erase_attendees(conn: Connection, programme: Programme, erased: list[dict]) -> int:
    """Erase the people of these desk erasures; returns how many registrations went."""
    if not erased:
        return 0
    insert_new(conn, schema.erased, erased)
    a = schema.attendees
    people = {row[0] for row in matching(conn, a.c.id, [e["attendee_id"] for e in erased],
                                         a.c.person_id)}
    if not people:
        return 0
    return erase_people(conn, sorted(people), programme.clock)


def erase_people(conn: Connection, person_ids: list[str], clock) -> int:
    """Everything the programme holds about these people goes, in this transaction."""
    from facilitator_app.clock import iso

    a, k = schema.attendees, schema.contact_keys
    attendee_ids = [row[0] for row in matching(conn, a.c.person_id, person_ids, a.c.id)]
    keys = [row[0] for row in matching(conn, k.c.person_id, person_ids, k.c.key)]
    now = iso(clock())
    insert_new(conn, schema.erased, [{"attendee_id": i, "erased_at": now}
                                     for i in attendee_ids])
    insert_new(conn, schema.erased_keys, [{"key": key} for key in keys])
    for part in chunks(attendee_ids, IN_CHUNK):
        _forget(conn, list(part))
    for part in chunks(person_ids, IN_CHUNK):
        conn.execute(delete(k).where(k.c.person_id.in_(part)))
        pr = schema.proposals
        conn.execute(delete(pr).where(or_(pr.c.person_a.in_(part), pr.c.person_b.in_(part))))
        conn.execute(delete(schema.merges).where(or_(schema.merges.c.kept_id.in_(part),
                                                     schema.merges.c.merged_id.in_(part))))
        conn.execute(delete(schema.people).where(schema.people.c.merged_into.in_(part)))
        conn.execute(delete(schema.people).where(schema.people.c.id.in_(part)))
    return len(attendee_ids)


def _forget(conn: Connection, ids: list[str]) -> None:
    for table in (schema.registrations, schema.admissions, schema.attendance):
        conn.execute(delete(table).where(table.c.attendee_id.in_(ids)))
    i = schema.introductions
    for side in (i.c.from_attendee_id, i.c.to_attendee_id):
        conn.execute(update(i).where(side.in_(ids)).values({side.name: None}))
    conn.execute(delete(schema.attendees).where(schema.attendees.c.id.in_(ids)))
