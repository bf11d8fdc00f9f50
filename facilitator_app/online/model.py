"""What every report layout is read into."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class Join:
    """One row of a report: a person's join (or their total, when that is all there is)."""

    line: int
    name: str
    email: str = ""
    start: datetime | None = None
    end: datetime | None = None
    minutes: float | None = None
    is_host: bool = False
    original_name: str = ""


@dataclass
class Participant:
    """One person after their reconnects are merged."""

    name: str
    email: str
    minutes: float
    line: int
    joins: int = 1
    original_name: str = ""


@dataclass
class Report:
    platform: str  # zoom | teams | meet
    layout: str
    participants: list[Participant] = field(default_factory=list)
    meeting_title: str = ""
    meeting_minutes: float | None = None
    notes: list[str] = field(default_factory=list)  # what was skipped and why, translated
