from __future__ import annotations

import uuid

from facilitator_app.ids import uuid7, uuid7_time_ms


def test_uuid7_has_version_7_and_the_rfc_variant() -> None:
    value = uuid.UUID(uuid7())
    assert value.version == 7
    assert value.variant == uuid.RFC_4122


def test_ids_sort_in_creation_order_even_within_one_millisecond() -> None:
    ids = [uuid7(now_ms=1_700_000_000_000) for _ in range(5000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)


def test_the_time_can_be_read_back() -> None:
    assert uuid7_time_ms(uuid7(now_ms=1_800_000_000_123)) >= 1_800_000_000_123


def test_a_clock_going_backwards_does_not_break_the_order() -> None:
    first = uuid7(now_ms=1_900_000_000_000)
    second = uuid7(now_ms=1_899_999_999_000)
    assert second > first
