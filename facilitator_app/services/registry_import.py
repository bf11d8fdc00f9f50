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
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from facilitator_app.categories import FIELDS as CATEGORY_FIELDS
from facilitator_app.categories import choice_value, is_stored_code
from facilitator_app.errors import KnownError, RejectedFileError
from facilitator_app.i18n import N_, _
from facilitator_app.importing.headerless import infer_columns, personal_looking
from facilitator_app.importing.headers import Field, guess_mapping, has_name
from facilitator_app.importing.reading import Table, read_table
from facilitator_app.importing.rows import Registrant, Reject, parse_rows
from facilitator_app.labels import CATEGORIES
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
    # field -> answer as typed -> rows: answers no synonym or remembered choice knows
    unmapped: dict[str, dict[str, int]] = field(default_factory=dict)
    # (field, folded answer) -> code chosen in the preview; remembered when applied
    choices: dict[tuple[str, str], str] = field(default_factory=dict)
    # field -> answer -> people: answers already stored without a code (from older lists or
    # the 0011 migration), not in this file; a choice for one corrects them too
    stored_unmapped: dict[str, dict[str, int]] = field(default_factory=dict)

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
    accepted, rejected = parse_rows(proposal.table, chosen, progress,
                                    store.attendees.category_mappings(),
                                    today=store.clock().astimezone().date())
    plan = ImportPlan(proposal.table, chosen, accepted, rejected, digest=proposal.digest,
                      described=proposal.described, unmapped=unmapped_answers(accepted))
    plan.duplicates = find_duplicates(store, accepted)
    plan.stored_unmapped = _stored_unmapped(store, plan.unmapped)
    return plan


def _stored_unmapped(store: Store, in_file: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """The registry's answers without a code that this file does not also hold."""
    found = {}
    for name in CATEGORY_FIELDS:
        listed = {fold(answer) for answer in in_file.get(name, {})}
        stored: Counter[str] = Counter()
        written: dict[str, str] = {}  # "Minería" and "MINERIA" are one answer
        for answer, count in store.attendees.unreviewed_categories(name).items():
            if fold(answer) not in listed:
                stored[written.setdefault(fold(answer), answer)] += count
        if stored:
            found[name] = dict(stored.most_common())
    return found


def unmapped_answers(rows: list[Registrant]) -> dict[str, dict[str, int]]:
    """Per category field, the answers that are no code yet and how many rows gave each
    (most frequent first; "Minería" and "mineria" are one answer, shown as first written);
    fields without any are left out."""
    found: dict[str, Counter[str]] = {name: Counter() for name in CATEGORY_FIELDS}
    written: dict[tuple[str, str], str] = {}
    for row in rows:
        for name in CATEGORY_FIELDS:
            value = getattr(row, name)
            if not is_stored_code(name, value):
                found[name][written.setdefault((name, fold(value)), value)] += 1
    return {name: dict(counts.most_common()) for name, counts in found.items() if counts}


def choose_category(plan: ImportPlan, field_name: str, answer: str, choice: str) -> str:
    """Say what an unmapped answer means: a code of the field, or "other" to keep it as
    written. Applied and remembered with the import; returns the value to store."""
    if field_name not in CATEGORY_FIELDS:
        raise KnownError(_("\u201c{field}\u201d is not a category; use sector, gender or "
                           "nationality.").format(field=field_name))
    try:
        value = choice_value(field_name, answer, choice)
    except ValueError:
        codes = ", ".join(CATEGORIES[field_name])
        raise KnownError(_("\u201c{code}\u201d is not a {field} code. Use one of: {codes}; "
                           "or other to keep \u201c{answer}\u201d as written.").format(
            code=choice, field=field_name, codes=codes, answer=answer)) from None
    plan.choices[(field_name, fold(answer))] = value
    return value


def _chosen(plan: ImportPlan, row: Registrant) -> Registrant:
    """The row with the preview's choices applied to its category answers."""
    changes = {name: plan.choices[(name, fold(getattr(row, name)))] for name in CATEGORY_FIELDS
               if (name, fold(getattr(row, name))) in plan.choices}
    return replace(row, **changes) if changes else row


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
        _remember_choices(store, plan)
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


def _remember_choices(store: Store, plan: ImportPlan) -> None:
    """Apply the preview's choices to the rows (and to people already stored with those
    answers), and remember them for the next list."""
    if not plan.choices:
        return
    for (name, answer), code in plan.choices.items():
        store.attendees.remember_category(name, answer, code)
    plan.accepted = [_chosen(plan, row) for row in plan.accepted]
    plan.unmapped = unmapped_answers(plan.accepted)
    plan.stored_unmapped = _stored_unmapped(store, plan.unmapped)


def _attendee(row: Registrant) -> Attendee:
    return Attendee(
        id=AttendeeId(""), given_names=row.given_names, family_names=row.family_names,
        phone=row.phone, email=row.email, nationality=row.nationality, gender=row.gender,
        business=row.business, sector=row.sector, district=row.district, offers=row.offers,
        needs=row.needs, birth_year=row.birth_year, birth_year_source=row.birth_year_source,
        population_type=row.population_type)


def _fill_blanks(store: Store, person_id: AttendeeId, row: Registrant) -> None:
    """A known person keeps what we have; empty fields are filled from the new row."""
    person = store.attendees.get(person_id)
    incoming = _attendee(row)
    changes = {name: getattr(incoming, name) for name in
               ("phone", "email", "nationality", "gender", "business", "sector", "district",
                "offers", "needs", "population_type")
               if not getattr(person, name) and getattr(incoming, name)}
    if person.birth_year is None and incoming.birth_year is not None:
        changes.update(birth_year=incoming.birth_year,
                       birth_year_source=incoming.birth_year_source)
    if changes:
        store.attendees.update(replace(person, **changes))
