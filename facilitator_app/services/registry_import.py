"""Import a registration list into a workshop: preview first, then one all-or-nothing commit.

`read_list` reads the file and proposes a mapping (from the headers, or for a list without
a header row from the values); `plan_import` validates it against a mapping without writing;
`apply_import` stores it in one transaction. Duplicates by phone or email (in the file or
already in the registry) are linked to the person already known and reported;
same-name-only matches are imported and flagged for a merge review, because two people can
share a name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from facilitator_app.errors import KnownError, RejectedFileError
from facilitator_app.i18n import N_, _
from facilitator_app.importing.headerless import infer_columns, personal_looking
from facilitator_app.importing.headers import Field, guess_mapping, has_name
from facilitator_app.importing.reading import Table, read_table
from facilitator_app.importing.rows import Registrant, Reject, parse_rows
from facilitator_app.models import Attendee, AttendeeId, WorkshopId
from facilitator_app.store import Store
from facilitator_app.store.batch import RegistryBatch
from facilitator_app.text import fold

Progress = Callable[[int, int], None]

# Words stored in Duplicate.by / .action, marked here so they are translated where shown.
MATCH_WORDS = (N_("phone"), N_("email"), N_("name"), N_("merged"), N_("linked"),
               N_("flagged"))


@dataclass(frozen=True, slots=True)
class Duplicate:
    """Row `row` is the same person as an earlier row or a known attendee."""

    row: int
    by: str  # phone | email | name
    action: str  # merged (into an earlier row) | linked (to a known person) | flagged
    matches_row: int | None = None
    matches_attendee_id: str | None = None
    matches_name: str = ""


@dataclass(frozen=True)
class Proposal:
    """A list as read, and the mapping proposed for it (nothing checked yet)."""

    table: Table
    mapping: dict[int, Field]
    # Without a header row: what each column looked like (a headerless.DESCRIPTIONS key).
    described: dict[int, str] = field(default_factory=dict)
    digest: str = ""


@dataclass
class ImportPlan:
    table: Table
    mapping: dict[int, Field]
    accepted: list[Registrant] = field(default_factory=list)
    rejected: list[Reject] = field(default_factory=list)  # one per problem, several a row
    duplicates: list[Duplicate] = field(default_factory=list)
    digest: str = ""
    described: dict[int, str] = field(default_factory=dict)

    @property
    def rejected_rows(self) -> int:
        """How many rows were rejected (a row may have several problems)."""
        return len({reject.row for reject in self.rejected})

    @property
    def skipped(self) -> int:
        """Rows with nothing in any mapped column (blank lines, metadata-only rows)."""
        return len(self.table.rows) - len(self.accepted) - self.rejected_rows


@dataclass(frozen=True)
class ImportResult:
    created: int
    linked: int
    merged: int
    registered: int


def read_list(path: Path, *, sheet: str | None = None, header: bool | None = None) -> Proposal:
    """Read `path` and propose a mapping: from its header row, or, when the first row
    already holds data (or `header` is False), from what the values look like."""
    table = read_table(path, sheet, header)
    with path.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    if table.header:
        return Proposal(table, guess_mapping(table.headers), digest=digest)
    inferred = infer_columns(table.rows, len(table.headers))
    return Proposal(table, inferred.mapping, inferred.described, digest)


def plan_import(store: Store, proposal: Proposal, mapping: dict[int, Field] | None = None,
                progress: Progress | None = None) -> ImportPlan:
    """Validate every row against `mapping` (the proposed one by default), writing nothing."""
    chosen = proposal.mapping if mapping is None else mapping
    width = len(proposal.table.headers)
    if any(column >= width for column in chosen):
        raise KnownError(_("{count} columns were named, but {file} has only {width}.").format(
            count=max(chosen) + 1, file=proposal.table.source, width=width))
    if not has_name(chosen):
        raise no_name(proposal.table, proposed=mapping is None)
    accepted, rejected = parse_rows(proposal.table, chosen, progress)
    plan = ImportPlan(proposal.table, chosen, accepted, rejected, digest=proposal.digest,
                      described=proposal.described)
    plan.duplicates = find_duplicates(store, accepted)
    return plan


def prepare_import(
    store: Store,
    path: Path,
    *,
    sheet: str | None = None,
    mapping: dict[int, Field] | None = None,
    header: bool | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read, map and validate `path` without writing anything."""
    return plan_import(store, read_list(path, sheet=sheet, header=header), mapping, progress)


def no_name(table: Table, proposed: bool = True) -> RejectedFileError:
    """The refusal for a mapping without a name; a person's data is never quoted back."""
    if not table.header and proposed:
        return RejectedFileError(_(
            "{file}: the first row looks like data: add a header row (for example: Nombre, "
            "Celular, Correo) and import it again, or say what each column holds.").format(
                file=table.source))
    shown = [header for header in table.headers if header and not personal_looking(header)]
    return RejectedFileError(_("No column of {file} looks like a name, so there is nothing to "
                               "import. Its columns: {columns}").format(
        file=table.source, columns=", ".join(shown)[:400]))


def find_duplicates(store: Store, rows: list[Registrant]) -> list[Duplicate]:
    """Same phone, email or folded name: within the file first, then in the registry."""
    known = _registry_keys(store)
    seen: dict[str, dict[str, int]] = {"phone": {}, "email": {}, "name": {}}
    found: list[Duplicate] = []
    for row in rows:
        keys = _keys(row.phone, row.email, row.name)
        earlier = next(((by, seen[by][k]) for by, k in keys if k in seen[by]), None)
        match = None if earlier and earlier[0] != "name" else next(
            ((by, known[by][k]) for by, k in keys if k in known[by]), None)
        if earlier and earlier[0] != "name":
            found.append(Duplicate(row.row, earlier[0], "merged", matches_row=earlier[1]))
        elif match:
            by, person = match
            found.append(Duplicate(row.row, by, "flagged" if by == "name" else "linked",
                                   matches_attendee_id=person.id, matches_name=person.name))
        elif earlier:
            found.append(Duplicate(row.row, "name", "flagged", matches_row=earlier[1]))
        for by, key in keys:
            seen[by].setdefault(key, row.row)
    return found


def _keys(phone: str, email: str, name: str) -> list[tuple[str, str]]:
    keys = [("phone", phone), ("email", email), ("name", _name_key(name))]
    return [(by, value) for by, value in keys if value]


_fold_word = lru_cache(maxsize=65_536)(fold)  # given names and surnames repeat down a list


def _name_key(name: str) -> str:
    """`text.name_key`, folding each word once however many rows share it."""
    return " ".join(sorted(part for word in name.split() for part in _fold_word(word).split()))


def _registry_keys(store: Store) -> dict[str, dict[str, Attendee]]:
    keys: dict[str, dict[str, Attendee]] = {"phone": {}, "email": {}, "name": {}}
    for person in store.attendees.all():
        for by, key in _keys(person.phone, person.email, person.name):
            keys[by].setdefault(key, person)
    return keys


def apply_import(store: Store, plan: ImportPlan, workshop_id: WorkshopId,
                 progress: Progress | None = None) -> ImportResult:
    """Store every accepted row in one transaction: all of them, or none."""
    by_row = {d.row: d for d in plan.duplicates}
    method = f"import:{plan.table.source}"
    batch = RegistryBatch(store.db, store.clock)
    total = len(plan.accepted)
    with store.transaction():
        if progress:
            progress(0, total)
        new = [row for row in plan.accepted
               if row.row not in by_row or by_row[row.row].action == "flagged"]
        row_people = dict(zip((row.row for row in new),
                              batch.add_people(_attendee(row) for row in new), strict=True))
        linked = merged = 0
        for row in plan.accepted:  # file order: a row is merged into an earlier one
            duplicate = by_row.get(row.row)
            if duplicate is None or duplicate.action == "flagged":
                continue
            if duplicate.action == "merged":
                person_id, merged = row_people[duplicate.matches_row], merged + 1
            else:
                person_id, linked = AttendeeId(duplicate.matches_attendee_id), linked + 1
            _fill_blanks(store, person_id, row)
            row_people[row.row] = person_id
        batch.register(workshop_id, [row_people[row.row] for row in plan.accepted], method)
        batch.record_consents(((row_people[row.row], purpose, granted) for row in plan.accepted
                               for purpose, granted in row.consents.items()), method)
        registered = store.registrations.count(workshop_id)
        store.meta.audit("registration_import", "workshop", workshop_id, file_sha256=plan.digest,
                         created=len(new), linked=linked, merged=merged,
                         rejected=plan.rejected_rows)
    if progress:
        progress(total, total)
    return ImportResult(len(new), linked, merged, registered)


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
