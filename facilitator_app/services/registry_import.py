"""Import a registration list into a workshop: preview first, then one all-or-nothing commit.

Duplicates by phone or email (in the file or already in the registry) are linked to the
person already known and reported; same-name-only matches are imported and flagged for a
merge review, because two people can share a name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from facilitator_app.errors import RejectedFileError
from facilitator_app.i18n import N_, _
from facilitator_app.importing.headers import Field, guess_mapping, has_name
from facilitator_app.importing.reading import Table, read_table
from facilitator_app.importing.rows import Registrant, Reject, parse_rows
from facilitator_app.models import Attendee, AttendeeId, WorkshopId
from facilitator_app.store import Store
from facilitator_app.text import name_key

Progress = Callable[[int, int], None]

# Words stored in Duplicate.by / .action, marked here so they are translated where shown.
MATCH_WORDS = (N_("phone"), N_("email"), N_("name"), N_("merged"), N_("linked"),
               N_("flagged"))


@dataclass(frozen=True)
class Duplicate:
    """Row `row` is the same person as an earlier row or a known attendee."""

    row: int
    by: str  # phone | email | name
    action: str  # merged (into an earlier row) | linked (to a known person) | flagged
    matches_row: int | None = None
    matches_attendee_id: str | None = None
    matches_name: str = ""


@dataclass
class ImportPlan:
    table: Table
    mapping: dict[int, Field]
    accepted: list[Registrant] = field(default_factory=list)
    rejected: list[Reject] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    digest: str = ""

    @property
    def skipped(self) -> int:
        """Rows with nothing in any mapped column (blank lines, metadata-only rows)."""
        return len(self.table.rows) - len(self.accepted) - len(self.rejected)


@dataclass(frozen=True)
class ImportResult:
    created: int
    linked: int
    merged: int
    registered: int


def prepare_import(
    store: Store,
    path: Path,
    *,
    sheet: str | None = None,
    mapping: dict[int, Field] | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read, map and validate `path` without writing anything."""
    table = read_table(path, sheet)
    chosen = guess_mapping(table.headers) if mapping is None else mapping
    if not has_name(chosen):
        raise RejectedFileError(_("No column of {file} looks like a name, so there is nothing to "
                           "import. Its columns: {columns}").format(
            file=table.source, columns=", ".join(h for h in table.headers if h)[:400]))
    accepted, rejected = parse_rows(table, chosen, progress)
    plan = ImportPlan(table, chosen, accepted, rejected,
                      digest=hashlib.sha256(path.read_bytes()).hexdigest())
    plan.duplicates = find_duplicates(store, accepted)
    return plan


def find_duplicates(store: Store, rows: list[Registrant]) -> list[Duplicate]:
    """Same phone, email or folded name: within the file first, then in the registry."""
    known = _registry_keys(store)
    seen: dict[tuple[str, str], int] = {}
    found: list[Duplicate] = []
    for row in rows:
        keys = _keys(row.phone, row.email, row.name)
        earlier = next(((by, seen[(by, k)]) for by, k in keys if (by, k) in seen), None)
        match = next(((by, known[(by, k)]) for by, k in keys if (by, k) in known), None)
        if earlier and earlier[0] != "name":
            found.append(Duplicate(row.row, earlier[0], "merged", matches_row=earlier[1]))
        elif match:
            by, person = match
            found.append(Duplicate(row.row, by, "flagged" if by == "name" else "linked",
                                   matches_attendee_id=person.id, matches_name=person.name))
        elif earlier:
            found.append(Duplicate(row.row, "name", "flagged", matches_row=earlier[1]))
        for key in keys:
            seen.setdefault(key, row.row)
    return found


def _keys(phone: str, email: str, name: str) -> list[tuple[str, str]]:
    keys = [("phone", phone), ("email", email), ("name", name_key(name))]
    return [(by, value) for by, value in keys if value]


def _registry_keys(store: Store) -> dict[tuple[str, str], Attendee]:
    keys: dict[tuple[str, str], Attendee] = {}
    for person in store.attendees.all():
        for key in _keys(person.phone, person.email, person.name):
            keys.setdefault(key, person)
    return keys


def apply_import(store: Store, plan: ImportPlan, workshop_id: WorkshopId,
                 progress: Progress | None = None) -> ImportResult:
    """Store every accepted row in one transaction: all of them, or none."""
    by_row = {d.row: d for d in plan.duplicates}
    row_people: dict[int, AttendeeId] = {}
    created = linked = merged = 0
    method = f"import:{plan.table.source}"
    with store.transaction():
        for position, row in enumerate(plan.accepted):
            if progress and position % 500 == 0:
                progress(position, len(plan.accepted))
            duplicate = by_row.get(row.row)
            if duplicate and duplicate.action == "merged":
                person_id = row_people[duplicate.matches_row]
                merged += 1
            elif duplicate and duplicate.action == "linked":
                person_id = AttendeeId(duplicate.matches_attendee_id)
                linked += 1
            else:
                person_id = store.attendees.add(_attendee(row)).id
                created += 1
            if duplicate and duplicate.action in ("merged", "linked"):
                _fill_blanks(store, person_id, row)
            row_people[row.row] = person_id
            store.registrations.add(workshop_id, person_id, source=method)
            for purpose, granted in row.consents.items():
                store.consents.record(person_id, purpose, granted, method)
        registered = store.registrations.count(workshop_id)
        store.meta.audit("registration_import", "workshop", workshop_id, file_sha256=plan.digest,
                         created=created, linked=linked, merged=merged,
                         rejected=len(plan.rejected))
    if progress:
        progress(len(plan.accepted), len(plan.accepted))
    return ImportResult(created, linked, merged, registered)


def _attendee(row: Registrant) -> Attendee:
    return Attendee(
        id=AttendeeId(""), given_names=row.given_names, family_names=row.family_names,
        phone=row.phone, email=row.email, nationality=row.nationality, gender=row.gender,
        business=row.business, sector=row.sector, district=row.district, offers=row.offers,
        needs=row.needs)


def _fill_blanks(store: Store, person_id: AttendeeId, row: Registrant) -> None:
    """A known person keeps what we have; empty fields are filled from the new row."""
    person = store.attendees.get(person_id)
    incoming = _attendee(row)
    changes = {name: getattr(incoming, name) for name in
               ("phone", "email", "nationality", "gender", "business", "sector", "district",
                "offers", "needs")
               if not getattr(person, name) and getattr(incoming, name)}
    if changes:
        store.attendees.update(replace(person, **changes))
