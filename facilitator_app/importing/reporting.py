"""The two optional reporting fields of a registration row: the birth year (from an age, a
birth date or a year) and the population type the person said. Nothing is guessed: an
answer that is not clearly one of them rejects the row, naming its column."""

from __future__ import annotations

import re
from datetime import date

from facilitator_app.categories import population_type_code
from facilitator_app.i18n import N_
from facilitator_app.importing.headers import Field

MAX_AGE = 110
BAD_AGE = N_("age not understood (write it in whole years, e.g. 34)")
AGE_OUT_OF_RANGE = N_("age must be between 0 and 110")
BAD_BIRTH_DATE = N_("birth date not understood (write it as dd/mm/yyyy or yyyy-mm-dd)")
BAD_BIRTH_YEAR = N_("birth year not understood (write its four digits, e.g. 1990)")
BIRTH_IN_FUTURE = N_("the birth date or year is in the future")
BIRTH_TOO_EARLY = N_("the birth date or year is more than 110 years ago")
BAD_POPULATION_TYPE = N_("population type not understood (use: in destination, in transit, "
                         "host community, pendular or returnee)")

_AGE = re.compile(r"^\+?(-?\d{1,4})(?:[.,]0+)?(?:\s*(?:años|anos|año|ano|years?|yrs?))?\.?$")
_YEAR = re.compile(r"^(-?\d{1,5})(?:[.,]0+)?$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")

Problems = list[tuple[Field, str]]


def birth_year(values: dict[Field, str], today: date) -> tuple[int | None, str, Problems]:
    """(birth year, where it came from, problems) from a row's age, birth date and birth
    year answers; the most precise one given wins (a date, then a year, then an age), and
    every one given must make sense."""
    found: list[tuple[int, str]] = []
    problems: Problems = []
    for field, read in ((Field.BIRTH_DATE, _from_date), (Field.BIRTH_YEAR, _from_year),
                        (Field.AGE, _from_age)):
        text = values.get(field, "").strip()
        if not text:
            continue
        year, reason = read(text, today)
        if reason:
            problems.append((field, reason))
        else:
            found.append((year, field.value))
    if problems or not found:
        return None, "", problems
    return found[0][0], found[0][1], []


def _from_age(text: str, today: date) -> tuple[int, str]:
    match = _AGE.match(text.lower())
    if not match:
        return 0, BAD_AGE
    age = int(match.group(1))
    return (today.year - age, "") if 0 <= age <= MAX_AGE else (0, AGE_OUT_OF_RANGE)


def _from_year(text: str, today: date) -> tuple[int, str]:
    match = _YEAR.match(text)
    if not match or len(match.group(1).lstrip("-")) != 4:
        return 0, BAD_BIRTH_YEAR
    return _in_range(int(match.group(1)), today)


def _from_date(text: str, today: date) -> tuple[int, str]:
    iso, dmy = _ISO.match(text), _DMY.match(text)
    parts = (iso.group(1), iso.group(2), iso.group(3)) if iso else (
        (dmy.group(3), dmy.group(2), dmy.group(1)) if dmy else None)
    if parts is None:
        return 0, BAD_BIRTH_DATE
    try:
        born = date(*(int(part) for part in parts))
    except ValueError:
        return 0, BAD_BIRTH_DATE
    if born > today:
        return 0, BIRTH_IN_FUTURE
    return _in_range(born.year, today)


def _in_range(year: int, today: date) -> tuple[int, str]:
    if year > today.year:
        return 0, BIRTH_IN_FUTURE
    if year < today.year - MAX_AGE:
        return 0, BIRTH_TOO_EARLY
    return year, ""


def population_type(values: dict[Field, str]) -> tuple[str, Problems]:
    """The population type code the row states ("" when none), or the problem."""
    answer = values.get(Field.POPULATION_TYPE, "")
    code = population_type_code(answer)
    return ("", [(Field.POPULATION_TYPE, BAD_POPULATION_TYPE)]) if code is None else (code, [])
