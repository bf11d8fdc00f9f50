"""Turn each table row into a validated registrant, or a reject naming row, column and reason."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial
from types import MappingProxyType

from facilitator_app.categories import categorise
from facilitator_app.contact import normalise_email, normalise_phone
from facilitator_app.i18n import N_
from facilitator_app.importing.headers import Field
from facilitator_app.importing.reading import Table
from facilitator_app.importing.reporting import birth_year, population_type
from facilitator_app.models import ConsentPurpose
from facilitator_app.text import fold

MAX_NAME = 150
MAX_TEXT = 500
FORMULA_START = ("=", "+", "-", "@")
_YES = {"si", "s", "yes", "y", "true", "verdadero", "1", "x", "acepto", "autorizo",
        "de acuerdo", "ok", "claro", "si acepto", "si autorizo", "i agree", "agree"}
_NO = {"no", "n", "false", "falso", "0", "no acepto", "no autorizo", "i do not agree"}
_LIST_SPLIT = re.compile(r"\s*[;,|]\s*")

CONSENT_FIELDS = {
    Field.CONSENT_PROCESSING: ConsentPurpose.PROCESSING,
    Field.CONSENT_SHARE_PARTICIPANTS: ConsentPurpose.SHARE_PARTICIPANTS,
    Field.CONSENT_SHARE_PARTNERS: ConsentPurpose.SHARE_PARTNERS,
    Field.CONSENT_PHOTOS: ConsentPurpose.PHOTOS,
}

# Reasons are stored untranslated (N_) and translated where they are shown.
MISSING_NAME = N_("missing name")
FORMULA_NAME = N_("looks like a spreadsheet formula, not a name")
NAME_TOO_LONG = N_("name is too long")
BAD_EMAIL = N_("not a valid email address")
BAD_PHONE = N_("phone number not understood (write it with the country code, e.g. +51)")
BAD_CONSENT = N_("consent answer not understood (use yes or no)")


@dataclass(frozen=True, slots=True)  # slots: a 200,000-row list holds 200,000 of these
class Registrant:
    """One validated row, ready to store."""

    row: int
    given_names: str
    family_names: str = ""
    phone: str = ""
    email: str = ""
    nationality: str = ""
    gender: str = ""
    business: str = ""
    sector: str = ""
    district: str = ""
    offers: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    consents: Mapping[ConsentPurpose, bool] = field(default_factory=dict)  # read-only
    birth_year: int | None = None
    birth_year_source: str = ""  # age | birth_date | birth_year (the column it came from)
    population_type: str = ""  # only what the row states

    @property
    def name(self) -> str:
        return f"{self.given_names} {self.family_names}".strip()


@dataclass(frozen=True, slots=True)
class Reject:
    row: int
    column: str
    reason: str


@lru_cache(maxsize=4096)  # answers repeat from row to row: fold each once
def parse_consent(value: str) -> bool | None:
    """True/False for a clear answer; None when it is not understood."""
    folded = fold(value)
    if folded in _YES or folded.startswith(("si ", "yes ")):
        return True
    if folded in _NO or folded.startswith(("no ", "no,")):
        return False
    return None


def parse_rows(
    table: Table,
    mapping: dict[int, Field],
    progress: Callable[[int, int], None] | None = None,
    remembered: Mapping[tuple[str, str], str] | None = None,
    today: date | None = None,
) -> tuple[list[Registrant], list[Reject]]:
    """Validate every row; blank rows are skipped, every other row is kept or rejected.

    A rejected row gets one Reject for each of its problems (a bad phone and a bad e-mail
    are two), in the order of the row's columns. Sector, gender and nationality become
    codes (categories.py, then the facilitator's `remembered` choices); an unknown answer
    stays as typed, for the preview to ask about. An age counts back from `today` (the
    day of registration), and no birth date may lie after it."""
    registered_on = today or date.today()
    category = lru_cache(maxsize=8192)(partial(categorise, remembered=remembered or {}))
    columns = {f: i for i, f in mapping.items() if f is not Field.IGNORE}
    accepted: list[Registrant] = []
    rejected: list[Reject] = []
    total = len(table.rows)
    for position, (number, cells) in enumerate(zip(table.row_numbers, table.rows, strict=True)):
        if progress and position % 500 == 0:
            progress(position, total)
        values = {f: cells[i] for f, i in columns.items()}
        if not any(values.values()):
            continue
        outcome = _parse_row(number, values, table.headers, columns, category, registered_on)
        if isinstance(outcome, Registrant):
            accepted.append(outcome)
        else:
            rejected.extend(outcome)
    if progress:
        progress(total, total)
    return accepted, rejected


def _parse_row(number: int, values: dict[Field, str], headers: tuple[str, ...],
               columns: dict[Field, int],
               category: Callable[[str, str], str],
               today: date) -> Registrant | list[Reject]:
    given, family, name_field = _names(values)
    problems = [(name_field, reason) for reason in _name_problems(given, family)]
    email = normalise_email(values.get(Field.EMAIL, ""))
    phone = normalise_phone(values.get(Field.PHONE, ""))
    problems += [(field_, reason) for field_, reason, bad in (
        (Field.EMAIL, BAD_EMAIL, email is None), (Field.PHONE, BAD_PHONE, phone is None)) if bad]
    consents, unclear = _consents(values)
    problems += [(field_, BAD_CONSENT) for field_ in unclear]
    born, born_from, unclear_birth = birth_year(values, today)
    stated, unclear_type = population_type(values)
    problems += unclear_birth + unclear_type
    if problems:
        return _rejects(number, problems, headers, columns)
    return Registrant(
        row=number, given_names=given, family_names=family, phone=phone or "",
        email=email or "",
        nationality=category("nationality", values.get(Field.NATIONALITY, "")),
        gender=category("gender", values.get(Field.GENDER, "")),
        business=values.get(Field.BUSINESS, "")[:MAX_TEXT],
        sector=category("sector", values.get(Field.SECTOR, "")),
        district=values.get(Field.DISTRICT, "")[:MAX_TEXT],
        offers=_tags(values.get(Field.OFFERS, "")),
        needs=_tags(values.get(Field.NEEDS, "")),
        consents=consents,
        birth_year=born, birth_year_source=born_from, population_type=stated,
    )


def _consents(values: dict[Field, str]) -> tuple[Mapping[ConsentPurpose, bool], list[Field]]:
    """The consents answered clearly, and the consent columns whose answer is unclear."""
    answered: list[tuple[ConsentPurpose, bool]] = []
    unclear: list[Field] = []
    for consent_field, purpose in CONSENT_FIELDS.items():
        answer = values.get(consent_field, "")
        parsed = parse_consent(answer) if answer else None
        if answer and parsed is None:
            unclear.append(consent_field)
        elif parsed is not None:
            answered.append((purpose, parsed))
    return _answers(tuple(answered)), unclear


@lru_cache(maxsize=256)
def _answers(answered: tuple[tuple[ConsentPurpose, bool], ...]) -> Mapping[ConsentPurpose, bool]:
    """One read-only mapping per combination of answers, shared by every row that gave it."""
    return MappingProxyType(dict(answered))


def _rejects(number: int, problems: list[tuple[Field, str]], headers: tuple[str, ...],
             columns: dict[Field, int]) -> list[Reject]:
    """One Reject per problem, in the order of the row's columns."""
    ordered = sorted(problems, key=lambda problem: columns.get(problem[0], -1))
    return [Reject(number, headers[columns[field_]] if field_ in columns else "", reason)
            for field_, reason in ordered]


def _name_problems(given: str, family: str) -> list[str]:
    if not given and not family:
        return [MISSING_NAME]
    problems = []
    if any(part.startswith(FORMULA_START) for part in (given, family) if part):
        problems.append(FORMULA_NAME)
    if len(given) + len(family) > MAX_NAME:
        problems.append(NAME_TOO_LONG)
    return problems


def _names(values: dict[Field, str]) -> tuple[str, str, Field]:
    """(given, family, the column to blame) — separate columns win over a full name."""
    given = _squeezed(values.get(Field.GIVEN_NAMES, ""))
    family = _squeezed(values.get(Field.FAMILY_NAMES, ""))
    if given or family or Field.FULL_NAME not in values:
        blame = Field.GIVEN_NAMES if Field.GIVEN_NAMES in values else Field.FAMILY_NAMES
        return given, family, blame
    return _squeezed(values[Field.FULL_NAME]), "", Field.FULL_NAME


_RUNS_OF_SPACE = re.compile(r"\s{2,}|[^\S ]")


def _squeezed(text: str) -> str:
    """Single spaces between words; the same string when it already has them (a list
    of 200,000 names keeps one copy of each)."""
    return " ".join(text.split()) if _RUNS_OF_SPACE.search(text) else text


def _tags(text: str) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(part[:60] for part in _LIST_SPLIT.split(text.strip()) if part)[:20]
