"""Who stands behind the documents: the organisation running the workshops (the controller
of the participants' data) and the facilitator people can write to.

Kept in the per-install settings (settings.json) as two small objects, for example
`"organisation": {"name": "…", "email": "…", "phone": "…", "address": "…"}` and
`"facilitator": {"name": "…", "email": "…", "phone": "…"}`; a missing or odd value is empty.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from facilitator_app.contact import normalise_email, normalise_phone
from facilitator_app.errors import KnownError
from facilitator_app.i18n import N_, _
from facilitator_app.settings import load_settings, save_setting

ORGANISATION = "organisation"
FACILITATOR = "facilitator"
FIELDS = ("name", "email", "phone", "address")
KEYS = {ORGANISATION: FIELDS, FACILITATOR: ("name", "email", "phone")}


@dataclass(frozen=True)
class ContactSetting:
    name: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""

    def __bool__(self) -> bool:
        return any((self.name, self.email, self.phone, self.address))


def _read(key: str, path: Path | None) -> ContactSetting:
    value: Any = load_settings(path).get(key)
    if not isinstance(value, dict):
        return ContactSetting()
    return ContactSetting(**{f: str(value.get(f) or "").strip()[:200] for f in FIELDS})


def organisation(path: Path | None = None) -> ContactSetting:
    """The organisation that runs the workshops and answers for the data held here."""
    return _read(ORGANISATION, path)


def facilitator(path: Path | None = None) -> ContactSetting:
    """The facilitator participants can contact after a session."""
    return _read(FACILITATOR, path)


def save_contact(key: str, contact: ContactSetting, path: Path | None = None) -> None:
    """Store the organisation (`ORGANISATION`) or the facilitator (`FACILITATOR`)."""
    if key not in (ORGANISATION, FACILITATOR):
        raise ValueError(f"unknown contact setting {key}")
    save_setting(key, {f: getattr(contact, f) for f in FIELDS}, path)


def update_contact(key: str, path: Path | None = None, **changes: str | None) -> ContactSetting:
    """Change some fields of the organisation or the facilitator (None keeps a field, ""
    clears it): the e-mail and phone are checked and normalised like an attendee's (E.164),
    and a KnownError naming the field refuses the whole change. Returns what is stored."""
    current = _read(key, path)
    values = {field: getattr(current, field) for field in KEYS[key]}
    for field, value in changes.items():
        if value is not None:
            values[field] = checked(key, field, value)
    stored = ContactSetting(**values)
    save_contact(key, stored, path)
    return stored


PROBLEMS = {
    (ORGANISATION, "email"): N_("The organisation's e-mail {value} is not an e-mail address; "
                                "write it like name@example.org."),
    (FACILITATOR, "email"): N_("The facilitator's e-mail {value} is not an e-mail address; "
                               "write it like name@example.org."),
    (ORGANISATION, "phone"): N_("The organisation's phone {value} is not understood; write it "
                                "with the country code, e.g. +51 1 614 7000."),
    (FACILITATOR, "phone"): N_("The facilitator's phone {value} is not understood; write it "
                               "with the country code, e.g. +51 987 654 321."),
}


def checked(key: str, field: str, value: str) -> str:
    """One field as stored: trimmed, the e-mail lower case, the phone as +51987654321; a
    KnownError naming the field when the e-mail or phone cannot be one."""
    text = value.strip()[:200]
    normalise = {"email": normalise_email, "phone": normalise_phone}.get(field)
    if normalise is None:
        return text
    found = normalise(text)
    if found is None:
        raise KnownError(_(PROBLEMS[key, field]).format(value=text))
    return found
