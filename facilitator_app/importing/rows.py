"""Turn each table row into a validated registrant, or a reject naming row, column and reason."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from facilitator_app.contact import (
    normalise_email,
    normalise_gender,
    normalise_nationality,
    normalise_phone,
)
from facilitator_app.i18n import N_
from facilitator_app.importing.headers import Field
from facilitator_app.importing.reading import Table
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


@dataclass(frozen=True)
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
    consents: dict[ConsentPurpose, bool] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return f"{self.given_names} {self.family_names}".strip()


@dataclass(frozen=True)
class Reject:
    row: int
    column: str
    reason: str


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
) -> tuple[list[Registrant], list[Reject]]:
    """Validate every row; blank rows are skipped, every other row is kept or rejected."""
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
        outcome = _parse_row(number, values, table.headers, columns)
        (accepted if isinstance(outcome, Registrant) else rejected).append(outcome)
    if progress:
        progress(total, total)
    return accepted, rejected


def _parse_row(number: int, values: dict[Field, str], headers: tuple[str, ...],
               columns: dict[Field, int]) -> Registrant | Reject:
    def reject(field_: Field, reason: str) -> Reject:
        index = columns.get(field_)
        return Reject(number, headers[index] if index is not None else "", reason)

    given, family, name_field = _names(values)
    if not given and not family:
        return reject(name_field, MISSING_NAME)
    if any(part.startswith(FORMULA_START) for part in (given, family) if part):
        return reject(name_field, FORMULA_NAME)
    if len(given) + len(family) > MAX_NAME:
        return reject(name_field, NAME_TOO_LONG)
    email = normalise_email(values.get(Field.EMAIL, ""))
    if email is None:
        return reject(Field.EMAIL, BAD_EMAIL)
    phone = normalise_phone(values.get(Field.PHONE, ""))
    if phone is None:
        return reject(Field.PHONE, BAD_PHONE)
    consents: dict[ConsentPurpose, bool] = {}
    for consent_field, purpose in CONSENT_FIELDS.items():
        answer = values.get(consent_field, "")
        if answer:
            parsed = parse_consent(answer)
            if parsed is None:
                return reject(consent_field, BAD_CONSENT)
            consents[purpose] = parsed
    return Registrant(
        row=number, given_names=given, family_names=family, phone=phone, email=email,
        nationality=normalise_nationality(values.get(Field.NATIONALITY, "")),
        gender=normalise_gender(values.get(Field.GENDER, "")),
        business=values.get(Field.BUSINESS, "")[:MAX_TEXT],
        sector=values.get(Field.SECTOR, "")[:MAX_TEXT],
        district=values.get(Field.DISTRICT, "")[:MAX_TEXT],
        offers=_tags(values.get(Field.OFFERS, "")),
        needs=_tags(values.get(Field.NEEDS, "")),
        consents=consents,
    )


def _names(values: dict[Field, str]) -> tuple[str, str, Field]:
    """(given, family, the column to blame) — separate columns win over a full name."""
    given = " ".join(values.get(Field.GIVEN_NAMES, "").split())
    family = " ".join(values.get(Field.FAMILY_NAMES, "").split())
    if given or family or Field.FULL_NAME not in values:
        blame = Field.GIVEN_NAMES if Field.GIVEN_NAMES in values else Field.FAMILY_NAMES
        return given, family, blame
    return " ".join(values[Field.FULL_NAME].split()), "", Field.FULL_NAME


def _tags(text: str) -> tuple[str, ...]:
    return tuple(part[:60] for part in _LIST_SPLIT.split(text.strip()) if part)[:20]
