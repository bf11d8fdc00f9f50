"""`creando programme import`: workshop archives from any desk into the programme, each in
one transaction, idempotently by ids, with what was new.

An archive is taken only once it verified and this desk authenticated who signed it (the
same rule as restoring it: services.merge.authenticated_snapshot). People erased on a desk
are erased from the programme too, with every other registration of the same person.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, and_, case, delete, func, select

from facilitator_app.clock import iso
from facilitator_app.errors import KnownError, RejectedFileError
from facilitator_app.files import sha256_of
from facilitator_app.i18n import _
from facilitator_app.ids import uuid7
from facilitator_app.programme import schema
from facilitator_app.programme.erasure import erase_attendees
from facilitator_app.programme.hub import Programme
from facilitator_app.programme.linking import link_attendees
from facilitator_app.programme.people import refresh_people
from facilitator_app.programme.rows import IN_CHUNK, chunks, dialect_insert, insert_new, matching
from facilitator_app.programme.snapshot_rows import WorkshopRows, read_snapshot
from facilitator_app.scratch import work_folder
from facilitator_app.services import desks
from facilitator_app.store import Store

Progress = Callable[[int, int, str], None]  # done, total, file name


@dataclass
class ImportOutcome:
    file: str
    workshop_title: str = ""
    added: dict[str, int] = field(default_factory=dict)
    refused: str = ""  # why it was not imported, in words

    @property
    def is_new(self) -> bool:
        return any(self.added.values())


def archives_in(paths: Iterable[Path]) -> list[Path]:
    """The archives named, a folder standing for every .zip inside it (sorted)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p.resolve() for p in path.rglob("*.zip") if p.is_file()))
        else:
            found.append(path.resolve())
    if not found:
        raise KnownError(_("No archives (.zip) to import there."))
    return list(dict.fromkeys(found))


def import_archives(programme: Programme, store: Store, paths: Iterable[Path], *,
                    password: str | None = None, trust_signers: Iterable[str] = (),
                    accept_unsigned: bool = False,
                    progress: Progress | None = None) -> list[ImportOutcome]:
    """Import every archive; one that is refused is named with its reason, and the others
    go on."""
    archives = archives_in(paths)
    outcomes = []
    for done, path in enumerate(archives):
        if progress:
            progress(done, len(archives), path.name)
        try:
            outcomes.append(import_archive(programme, store, path, password=password,
                                           trust_signers=trust_signers,
                                           accept_unsigned=accept_unsigned))
        except RejectedFileError as exc:
            outcomes.append(ImportOutcome(path.name, refused=exc.message))
    programme.checkpoint()
    if progress:
        progress(len(archives), len(archives), "")
    return outcomes


def import_archive(programme: Programme, store: Store, path: Path, *,
                   password: str | None = None, trust_signers: Iterable[str] = (),
                   accept_unsigned: bool = False) -> ImportOutcome:
    from facilitator_app.services.merge import authenticated_snapshot

    with work_folder(store.path, "programme") as folder:
        snapshot, signer, checked = authenticated_snapshot(
            store, path, password, folder, trust_signers=tuple(trust_signers),
            accept_unsigned=accept_unsigned)
        rows = read_snapshot(snapshot)
    outcome = ImportOutcome(path.name, rows.workshop["title"])
    with programme.begin() as conn:
        outcome.added = _write(conn, programme, rows)
        conn.execute(schema.imports.insert().values(
            id=uuid7(), file_name=path.name, sha256=sha256_of(path),
            workshop_id=rows.workshop_id, imported_at=iso(programme.clock()),
            signer=checked.signer.fingerprint if checked.signer else "",
            added=json.dumps(outcome.added)))
    if signer is not None:
        with store.transaction():
            desks.pin(store, signer)
            store.meta.saw_desk(signer.fingerprint)
    return outcome


def _write(conn: Connection, programme: Programme, rows: WorkshopRows) -> dict[str, int]:
    added = {"erased": erase_attendees(conn, programme, rows.erased)}
    added["workshops"] = insert_new(conn, schema.workshops, [rows.workshop])
    added["sessions"] = insert_new(conn, schema.sessions, rows.sessions)
    linked = link_attendees(conn, programme, rows.attendees)
    for table, made in ((schema.people, linked.people), (schema.contact_keys, linked.keys),
                        (schema.attendees, linked.attendees),
                        (schema.proposals, linked.proposals)):
        insert_new(conn, table, made)
    added.update(people_new=len(linked.people), people_known=linked.joined,
                 proposals=len(linked.proposals))
    here = linked.held | {a["id"] for a in linked.attendees}  # the archive's people here
    added["registrations"] = _insert_pairs(conn, rows.registrations, here)
    added["admissions"] = insert_new(conn, schema.admissions,
                                     [a for a in rows.admissions if a["attendee_id"] in here])
    added["undone"] = insert_new(conn, schema.undone, rows.undone)
    added["partners"] = insert_new(conn, schema.partners, rows.partners)
    added["introductions"] = insert_new(conn, schema.introductions,
                                        [_anonymous_unless_here(i, here)
                                         for i in rows.introductions])
    added["followups"] = _upsert_followups(conn, rows.followups)
    added["module_deliveries"] = insert_new(conn, schema.deliveries, rows.deliveries)
    _drop_unused(conn, [p["id"] for p in linked.people])
    derive_attendance(conn, rows.workshop_id)
    # a person made by this import from one registration has that registration's answers
    refresh_people(conn, {a["person_id"] for a in linked.attendees if a["linked_by"] != "new"})
    return added


def _drop_unused(conn: Connection, person_ids: list[str]) -> None:
    """People made by this import whose registrations another import (on another laptop, at
    the same moment) took first: they hold nothing."""
    p, a = schema.people, schema.attendees
    for part in chunks(person_ids, IN_CHUNK):
        conn.execute(delete(p).where(p.c.id.in_(part), ~select(a.c.id).where(
            a.c.person_id == p.c.id).exists()))


def _insert_pairs(conn: Connection, registrations: list[dict], here: set[str]) -> int:
    return insert_new(conn, schema.registrations,
                      [r for r in registrations if r["attendee_id"] in here])


def _anonymous_unless_here(introduction: dict, here: set[str]) -> dict:
    """An introduction whose person is not in the programme (erased) keeps no trace of
    them."""
    row = dict(introduction)
    for side in ("from_attendee_id", "to_attendee_id"):
        if row[side] not in here:
            row[side] = None
    return row


def _upsert_followups(conn: Connection, followups: list[dict]) -> int:
    """A follow-up is updated on the desks (done, rated): the newest state wins."""
    if not followups:
        return 0
    table = schema.followups
    statement = dialect_insert(conn, table)
    statement = statement.on_conflict_do_update(
        index_elements=[table.c.id],
        set_={name: statement.excluded[name] for name in ("status", "rating", "updated_at")},
        where=table.c.updated_at < statement.excluded.updated_at)
    before = _followup_state(conn, [f["id"] for f in followups])
    conn.execute(statement, followups)
    return sum(1 for f in followups if before.get(f["id"], "") < f["updated_at"])


def _followup_state(conn: Connection, ids: list[str]) -> dict[str, str]:
    table = schema.followups
    return dict(matching(conn, table.c.id, ids, table.c.id, table.c.updated_at))


def derive_attendance(conn: Connection, workshop_id: str) -> None:
    """Who was in each session of the workshop, from every admission any desk recorded
    that no desk undid."""
    a, u, att = schema.admissions, schema.undone, schema.attendance
    conn.execute(delete(att).where(att.c.workshop_id == workshop_id))
    in_room = func.max(case((a.c.mode == "in_room", 1), else_=0)) == 1
    online = func.max(case((a.c.mode == "online", a.c.online_minutes)))
    effective = select(
        a.c.session_id, a.c.attendee_id, a.c.workshop_id, in_room.label("in_room"),
        online.label("online_minutes"),
    ).where(and_(a.c.workshop_id == workshop_id,
                 ~select(u.c.id).where(u.c.undoes_id == a.c.id).exists()),
            ).group_by(a.c.session_id, a.c.attendee_id, a.c.workshop_id)
    conn.execute(att.insert().from_select(
        ["session_id", "attendee_id", "workshop_id", "in_room", "online_minutes"], effective))
