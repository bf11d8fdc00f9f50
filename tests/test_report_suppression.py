"""The partner report's small-count rule, tried the way a reader would attack it: every
value a hidden count could take, given the table's total and what the marks say."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from exports.excel.suppression import (
    COMPLEMENT,
    MAX_COMPLEMENTS,
    SMALL,
    THRESHOLD,
    WITHHELD,
    is_withheld,
    suppress,
    suppress_rows,
)

tables = st.dictionaries(st.sampled_from("abcdefg"), st.integers(0, 40), min_size=1,
                         max_size=6)


def reachable(ranges: list[range]) -> set[int]:
    """Every sum the counts in `ranges` can make together (plain enumeration)."""
    sums = {0}
    for values in ranges:
        sums = {total + value for total in sums for value in values}
    return sums


def possible_values(shown: dict, total: int, fallback: bool) -> dict[str, set[int]]:
    """For each hidden count, every value it can take for a reader who knows the total,
    the shown counts, that "<5" is 1-4 and "x" is 5 or more (any positive number when the
    whole table is hidden)."""
    hidden = [key for key, value in shown.items() if isinstance(value, str)]
    left = total - sum(v for v in shown.values() if isinstance(v, int))

    def span(key: str) -> range:
        if fallback:
            return range(1, left + 1)
        return range(1, THRESHOLD) if shown[key] == SMALL else range(THRESHOLD, left + 1)

    found = {}
    for key in hidden:
        others = reachable([span(k) for k in hidden if k != key])
        found[key] = {v for v in span(key) if left - v in others}
    return found


def protected(counts: dict[str, int], shown: dict, fallback: bool = False) -> bool:
    total = sum(counts.values())
    return all(len(values) >= 2 for values in possible_values(shown, total, fallback).values())


@settings(max_examples=300, deadline=None)
@given(tables)
def test_no_hidden_count_can_be_recovered_from_the_total(counts) -> None:
    shown = suppress(counts)
    total = sum(counts.values())
    if is_withheld(shown):  # only where nothing else can protect: every group one person
        assert total >= THRESHOLD and set(counts.values()) <= {0, 1}, (counts, shown)
        return
    fallback = SMALL not in shown.values() and COMPLEMENT in shown.values()
    for key, count in counts.items():
        if count == 0:
            assert shown[key] == 0, "a zero is never hidden"
        elif count < THRESHOLD:
            assert shown[key] in (SMALL, COMPLEMENT), "every count from 1 to 4 is hidden"
        elif shown[key] != count:
            assert shown[key] == COMPLEMENT, "5 or more is hidden only as a complement"
    if 0 < total < THRESHOLD:
        assert all(shown[k] == SMALL for k, c in counts.items() if c), "all hidden"
        return
    assert protected(counts, shown, fallback), (counts, shown)
    # the truth is among the values a reader is left with
    for key, values in possible_values(shown, total, fallback).items():
        assert counts[key] in values


@settings(max_examples=300, deadline=None)
@given(tables)
def test_the_fewest_complements_are_hidden(counts) -> None:
    shown = suppress(counts)
    if SMALL not in shown.values():
        return  # nothing small, a tiny table, or the whole table hidden (checked below)
    chosen = [key for key, value in shown.items() if value == COMPLEMENT]
    candidates = [key for key, count in counts.items() if count >= THRESHOLD]
    for fewer in combinations(candidates, len(chosen) - 1) if chosen else ():
        trial = {key: SMALL if 0 < count < THRESHOLD else COMPLEMENT if key in fewer
                 else count for key, count in counts.items()}
        assert not protected(counts, trial), f"{fewer} would have been enough"
    if chosen:  # and of the smallest sum among choices of that size
        best = min(sum(counts[k] for k in keys) for keys in combinations(candidates,
                                                                         len(chosen))
                   if protected(counts, {key: SMALL if 0 < count < THRESHOLD else COMPLEMENT
                                         if key in keys else count
                                         for key, count in counts.items()}))
        assert sum(counts[k] for k in chosen) == best


@settings(max_examples=200, deadline=None)
@given(tables)
def test_the_whole_table_is_hidden_only_when_no_choice_protects(counts) -> None:
    shown = suppress(counts)
    if not (SMALL not in shown.values() and COMPLEMENT in shown.values()):
        return
    candidates = [key for key, count in counts.items() if count >= THRESHOLD]
    for size in range(min(len(candidates), MAX_COMPLEMENTS) + 1):
        for keys in combinations(candidates, size):
            trial = {key: SMALL if 0 < count < THRESHOLD else COMPLEMENT if key in keys
                     else count for key, count in counts.items()}
            assert not protected(counts, trial), (counts, keys)


def test_large_counts_stay_visible_when_two_small_ones_protect_each_other() -> None:
    assert suppress({"female": 27, "male": 21, "other": 3, "not recorded": 2}) == {
        "female": 27, "male": 21, "other": SMALL, "not recorded": SMALL}


def test_two_ones_alone_would_give_each_other_away() -> None:
    shown = suppress({"a": 30, "b": 1, "c": 1})  # hidden sum 2: both must be 1
    assert shown == {"a": COMPLEMENT, "b": SMALL, "c": SMALL}


def test_each_row_with_its_own_total_is_protected_on_its_own() -> None:
    rows = suppress_rows({"S1": {"room": 37, "online": 11, "both": 2},
                          "S2": {"room": 20, "online": 8, "both": 0}})
    assert rows == {"S1": {"room": 37, "online": COMPLEMENT, "both": SMALL},
                    "S2": {"room": 20, "online": 8, "both": 0}}


def test_five_groups_of_one_person_are_withheld_whole() -> None:
    """Any mark at all would leave each group exactly 1 (their sum, 5, is shown)."""
    assert suppress({"VE": 1, "PE": 1, "CO": 1, "EC": 1, "BO": 1, "CL": 0}) == {
        key: WITHHELD for key in ("VE", "PE", "CO", "EC", "BO", "CL")}
    assert suppress({"a": 1, "b": 5}) == {"a": COMPLEMENT, "b": COMPLEMENT}  # still open
