"""Changing the optional reporting fields by hand: a person's birth year (or age) and
population type, and where a workshop takes place. Always changeable; every change is
checked (never a guess) and audited without personal data."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.importing.reporting import MAX_AGE
from facilitator_app.labels import POPULATION_TYPES
from facilitator_app.models import Attendee
from facilitator_app.places import DEPARTMENTS, department_code
from facilitator_app.store import Store

KEEP = object()  # leave the field as it is


def checked_birth_year(year: int | None, today: date) -> int | None:
    """`year` if a living person can have been born then; KnownError otherwise."""
    if year is not None and not today.year - MAX_AGE <= year <= today.year:
        raise KnownError(_("{year} is not a possible birth year: give one from {first} to "
                           "{last}.").format(year=year, first=today.year - MAX_AGE,
                                             last=today.year))
    return year


def year_from_age(age: int, today: date) -> int:
    """The birth year an age in whole years stands for (this year minus the age)."""
    if not 0 <= age <= MAX_AGE:
        raise KnownError(_("An age must be between 0 and {most}, not {age}.").format(
            most=MAX_AGE, age=age))
    return today.year - age


def checked_population_type(code: str) -> str:
    """A population type code, or "" for none stated; KnownError for anything else."""
    if code and code not in POPULATION_TYPES:
        raise KnownError(_("\u201c{code}\u201d is not a population type. Use one of: "
                           "{codes}; or none.").format(code=code,
                                                       codes=", ".join(POPULATION_TYPES)))
    return code


def edit_reporting_fields(store: Store, attendee_id: str, *, birth_year: object = KEEP,
                          population_type: object = KEEP) -> Attendee:
    """Set a person's birth year (None clears it) and stated population type ("" clears
    it: the reports then derive it from the nationality); returns the person."""
    person = store.attendees.get(attendee_id)
    changes: dict[str, object] = {}
    if birth_year is not KEEP:
        year = checked_birth_year(birth_year if isinstance(birth_year, int) else None,
                                  store.clock().astimezone().date())
        changes.update(birth_year=year, birth_year_source="edited" if year is not None else "")
    if population_type is not KEEP:
        changes["population_type"] = checked_population_type(str(population_type))
    if not changes:
        return person
    edited = replace(person, **changes)
    with store.transaction():
        store.attendees.update(edited)
        store.meta.audit("attendee_reporting_fields", "attendee", person.id,
                         fields=sorted(changes))
    return edited


def checked_department(text: str) -> str:
    """The UBIGEO code of the region `text` names ("" for none); KnownError otherwise."""
    code = department_code(text)
    if code is None:
        raise KnownError(_("\u201c{text}\u201d is not one of Peru\u2019s regions. Give its "
                           "name or code, e.g. 15 or Lima; the codes: {codes}.").format(
            text=text, codes=", ".join(f"{c} {n}" for c, n in DEPARTMENTS.items())))
    return code


def set_workshop_place(store: Store, workshop_id: str, *, department: str, province: str,
                       district: str) -> None:
    """Where a workshop takes place: its region (name or code), province and district."""
    code = checked_department(department)
    with store.transaction():
        store.workshops.set_place(workshop_id, code, province, district)
        store.meta.audit("workshop_place", "workshop", workshop_id, department=code)
