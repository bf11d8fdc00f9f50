"""Small counts in partner reports are hidden so no person can be singled out.

A count from 1 to 4 is shown as "<5". When the table's total is shown, that alone may
not hide it (total minus the shown counts gives it back), so the fewest other counts
needed are hidden too ("x"), choosing the smallest: every hidden count must still have
at least two possible values for a reader who knows the total, that "<5" is 1 to 4 and
that "x" is 5 or more. Zeros are shown (nobody is singled out by a zero) and a count of
5 or more is hidden only as such a complement. When no choice keeps every hidden count
open (two groups of 1 and 5, say), every non-zero count of the table is shown as "x".
When even that leaves them exact (every group a single person: five groups of 1 add up
to the total of 5), the breakdown is withheld: no group and no count is shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import combinations

THRESHOLD = 5
SMALL = "<5"
COMPLEMENT = "x"
WITHHELD = "withheld"  # the whole breakdown: no group named, no count
MAX_COMPLEMENTS = 3  # beyond this, hide the whole table (it never happened in practice)
_NO_LIMIT = 10**9


def is_small(count: int) -> bool:
    return 0 < count < THRESHOLD


def suppress_total(total: int) -> int | str:
    return SMALL if is_small(total) else total


def suppress(counts: Mapping[str, int]) -> dict[str, int | str]:
    """The counts of one table, whose total is shown, as they may be shown."""
    shown: dict[str, int | str] = dict(counts)
    small = [key for key, count in counts.items() if is_small(count)]
    for key in small:
        shown[key] = SMALL
    if not small or is_small(sum(counts.values())):
        return shown  # nothing to protect, or the total is hidden as well
    extra = complements(counts, small)
    if extra is None:
        if sum(counts.values()) <= sum(1 for count in counts.values() if count):
            return {key: WITHHELD for key in counts}  # every group is one person
        return {key: COMPLEMENT if count else 0 for key, count in counts.items()}
    for key in extra:
        shown[key] = COMPLEMENT
    return shown


def complements(counts: Mapping[str, int], small: list[str]) -> tuple[str, ...] | None:
    """The fewest counts of 5 or more to hide besides `small` (the smallest sum first) so
    that no hidden count can be worked out; None when no choice is enough."""
    candidates = sorted((key for key, count in counts.items() if count >= THRESHOLD),
                        key=lambda key: counts[key])
    for size in range(min(len(candidates), MAX_COMPLEMENTS) + 1):
        choices = sorted(combinations(candidates, size),
                         key=lambda keys: sum(counts[key] for key in keys))
        for keys in choices:
            if is_protected({key: counts[key] for key in (*small, *keys)}, set(small)):
                return keys
    return None


def is_withheld(shown: Mapping[str, int | str]) -> bool:
    return bool(shown) and all(value == WITHHELD for value in shown.values())


def bounds(small: bool) -> tuple[int, int]:
    """What a reader knows of a hidden count from its mark alone."""
    return (1, THRESHOLD - 1) if small else (THRESHOLD, _NO_LIMIT)


def is_protected(hidden: Mapping[str, int], small: Iterable[str]) -> bool:
    """True when, knowing only the sum of the hidden counts and each one's bounds, no
    hidden count has a single possible value (one equation and a box: exact intervals)."""
    small = set(small)
    total = sum(hidden.values())
    limits = {key: bounds(key in small) for key in hidden}
    lowest = sum(low for low, _high in limits.values())
    highest = sum(high for _low, high in limits.values())
    for low, high in limits.values():
        least = max(low, total - (highest - high))
        most = min(high, total - (lowest - low))
        if least >= most:
            return False
    return True


def suppress_rows(rows: Mapping[str, Mapping[str, int]]) -> dict[str, dict[str, int | str]]:
    """A table with a total per row (and no column totals): each row on its own."""
    return {name: suppress(row) for name, row in rows.items()}
