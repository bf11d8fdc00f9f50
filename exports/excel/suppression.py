"""Small counts in partner reports are hidden so no person can be singled out.

Counts from 1 to 4 become "<5". When exactly one count of a table is hidden that way,
the next smallest is hidden too (shown as "x"), or it could be worked out from the total.
"""

from __future__ import annotations

THRESHOLD = 5
SMALL = "<5"
COMPLEMENT = "x"


def suppress(counts: dict[str, int]) -> dict[str, int | str]:
    """The counts of one table as they may be shown."""
    shown: dict[str, int | str] = dict(counts)
    small = [key for key, count in counts.items() if 0 < count < THRESHOLD]
    for key in small:
        shown[key] = SMALL
    if len(small) == 1:
        others = sorted((count, key) for key, count in counts.items()
                        if key not in small and count > 0)
        if others:
            shown[others[0][1]] = COMPLEMENT
    return shown


def suppress_total(total: int) -> int | str:
    return SMALL if 0 < total < THRESHOLD else total
