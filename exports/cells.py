"""Every text that goes into a spreadsheet cell passes through here.

Spreadsheet programs run a cell that starts with = + - @ (or Tab / CR, which some strip
first) as a formula. Such text gets a leading apostrophe, the usual escape; control
characters that would break the file are removed. The one exception is a phone number
that is only `+`, digits and spaces: it is written as text with Excel's quote-prefix flag
(what typing an apostrophe does), so it shows as `+51 987 654 321` and no program reads it
as a formula; it could not call anything even if one did.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_CELL = 32_000  # Excel's limit is 32,767 characters


def safe_text(value: str) -> str:
    """Text safe to put in a cell: no control characters, never read as a formula."""
    cleaned = _CONTROL.sub("", value)[:MAX_CELL]
    if cleaned.startswith(FORMULA_START):
        return "'" + cleaned
    return cleaned


def safe(value: object) -> object:
    """Numbers, dates and None pass as they are; text is made safe."""
    return safe_text(value) if isinstance(value, str) else value


_PHONE = re.compile(r"\+?[0-9][0-9 ]{3,24}")


def phone_text(value: str) -> tuple[str, bool]:
    """A phone number for a text cell: (text, needs the quote-prefix style). A number of
    only digits and spaces after its `+` is kept as written, the cell marked as typed text
    (Excel's own quote prefix: no apostrophe shows, editing keeps it text); anything else
    is made safe like every other text."""
    cleaned = _CONTROL.sub("", value).strip()
    if _PHONE.fullmatch(cleaned):
        return cleaned, cleaned.startswith("+")
    return safe_text(value), False
