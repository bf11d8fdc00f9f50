"""Every text that goes into a spreadsheet cell passes through here.

Spreadsheet programs run a cell that starts with = + - @ (or Tab / CR, which some strip
first) as a formula. Such text gets a leading apostrophe, the usual escape; control
characters that would break the file are removed.
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
