"""The clock is passed in, never read from a global, so services and tests agree on time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, as an aware UTC datetime."""
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """ISO 8601 text for storage (UTC, seconds precision, with offset)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def parse_iso(text: str) -> datetime:
    """Read a timestamp written by `iso`."""
    return datetime.fromisoformat(text)
