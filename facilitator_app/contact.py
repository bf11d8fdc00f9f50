"""Normalising what people write in forms: phones, emails, nationality, gender (the
category answers through categories.py, the one synonym table)."""

from __future__ import annotations

import re
from functools import lru_cache

from facilitator_app.categories import canonical

# Where CREANDO's participants live or come from, tried in this order for local numbers.
PHONE_REGIONS = ("PE", "VE", "CO", "EC", "BO", "CL", "AR", "HT", "CU", "US", "ES")
_PERU_MOBILE = re.compile(r"^(?:\+51|0051)?(9\d{8})$")  # Peruvian mobiles: 9 and 8 digits
_PHONE_PUNCTUATION = re.compile(r"[\s().-]")
_EMAIL = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\".]{2,}$")



def normalise_phone(raw: str) -> str | None:
    """E.164 (`+51987654321`) for a number valid in one of PHONE_REGIONS; None if not."""
    text = raw.strip()
    if not text:
        return ""
    peruvian_mobile = _PERU_MOBILE.match(_PHONE_PUNCTUATION.sub("", text))
    if peruvian_mobile:  # most numbers in a list are these: skip the general parser
        return "+51" + peruvian_mobile.group(1)
    import phonenumbers  # loaded on first use (registration import, walk-ins)

    if text.startswith("00"):
        text = "+" + text[2:]
    for region in PHONE_REGIONS:
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            return None
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if text.startswith("+"):
            return None
    return None


@lru_cache(maxsize=65536)
def display_phone(e164: str) -> str:
    """`+51 987 654 321` for showing and printing."""
    if not e164:
        return ""
    import phonenumbers

    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def normalise_email(raw: str) -> str | None:
    """Lower-cased address, "" for blank, None when it cannot be an address."""
    text = raw.strip().lower()
    if text.startswith("mailto:"):
        text = text[7:]
    if not text:
        return ""
    return text if _EMAIL.match(text) else None


def normalise_nationality(raw: str) -> str:
    """ISO code for the known answers ("venezolana" → "VE", categories.py), else the text
    as written (for the import's review)."""
    code = canonical("nationality", raw)
    return raw.strip()[:60] if code is None else code


def normalise_gender(raw: str) -> str:
    """F, M or X for the known answers (categories.py); "" for blank, "prefer not to
    say" or an answer no table knows."""
    return canonical("gender", raw) or ""
