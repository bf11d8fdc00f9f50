"""What every report layout is read into."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

# Why a person must be checked by someone before being credited (Participant.doubt).
DOUBT_NAME = "name"  # shares a shown name with another person: never matched by name alone
DOUBT_IDENTITY = "identity"  # who it is is uncertain: always reviewed


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
    account: str = ""  # what the e-mail column held when it was not an e-mail
    whole: bool = False  # the row is the person's whole attendance (a report of totals)
    doubt: str = ""


@dataclass
class Participant:
    """One person after their reconnects are merged."""

    name: str
    email: str
    minutes: float
    line: int
    joins: int = 1
    original_name: str = ""
    key: str = ""  # unique in the report: what re-imports recognise the person by
    doubt: str = ""  # DOUBT_NAME | DOUBT_IDENTITY | ""
    flags: list[str] = field(default_factory=list)  # translated, about this person


@dataclass
class Report:
    platform: str  # zoom | teams | meet
    layout: str
    participants: list[Participant] = field(default_factory=list)
    meeting_title: str = ""
    meeting_minutes: float | None = None
    meeting_start: datetime | None = None
    meeting_end: datetime | None = None
    notes: list[str] = field(default_factory=list)  # what was skipped and why, translated

    def length(self) -> float | None:
        """The meeting's minutes, as the file states them or from its start and end."""
        if self.meeting_minutes:
            return self.meeting_minutes
        if self.meeting_start and self.meeting_end and self.meeting_end > self.meeting_start:
            return (self.meeting_end - self.meeting_start).total_seconds() / 60
        return None
