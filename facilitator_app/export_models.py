"""Plain data the exports are written from. Services fill these; exports/ never sees the
store. Texts are already in the chosen language; dates are real dates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class HandoutModule:
    title: str
    minutes: int
    takeaway: str
    key_points: tuple[str, ...] = ()
    resources: tuple[Link, ...] = ()


@dataclass(frozen=True)
class ContactCard:
    """A partner (or a person) and how to reach them; empty fields are left out."""

    name: str
    detail: str = ""  # what they offer, or their business
    contact_name: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class HandoutData:
    language: str
    workshop_title: str
    session_title: str
    when: str  # already formatted for people, e.g. "27/11/2026 09:30"
    venue: str
    modules: tuple[HandoutModule, ...]
    partners: tuple[ContactCard, ...] = ()
    delivered: bool = False  # True: what was delivered; False: the plan
    skipped: tuple[str, ...] = ()  # modules passed over before their minimum time


@dataclass(frozen=True)
class CertificateData:
    name: str
    workshop_title: str
    dates: str
    venue: str
    sessions_attended: int
    sessions_held: int
    mode: str  # "in_room" | "online" | "both"
    verification_code: str
    issued_on: date


@dataclass(frozen=True)
class SigninSheetData:
    workshop_title: str
    session_title: str
    when: str
    names: tuple[str, ...]
    blank_rows: int = 8  # for walk-ins, when the laptop is not at hand


@dataclass(frozen=True)
class MetCard:
    """One participant's "people you met" card."""

    name: str
    workshop_title: str
    met: tuple[tuple[str, ContactCard], ...]  # (purpose, the other side)


@dataclass(frozen=True)
class AttendanceLine:
    """One person across the workshop's sessions (one row of the report: compact enough
    for 20,000 people x 10 sessions)."""

    name: str
    modes: tuple[str, ...]  # per session: in_room | online | both | none
    online_minutes: tuple[float | None, ...]  # per session

    @property
    def attended(self) -> int:
        return sum(1 for mode in self.modes if mode != "none")


@dataclass(frozen=True)
class SessionLine:
    title: str
    starts: datetime | None
    ends: datetime | None
    registered: int
    in_room: int
    online: int
    both: int


@dataclass(frozen=True)
class DeliveryLine:
    session: str
    module: str
    planned_minutes: int
    started: datetime | None
    ended: datetime | None
    actual_minutes: float | None
    useful_yes: int | None
    useful_no: int | None


@dataclass(frozen=True)
class IntroductionLine:
    made: datetime
    from_name: str
    to_name: str
    to_partner: bool
    purpose: str
    followup_due: date | None
    status: str
    rating: int | None
    comment: str


@dataclass
class WorkshopReportData:
    language: str
    title: str
    venue: str
    dates: str
    generated_at: datetime
    generated_by: str
    privacy_note: str
    sessions: list[SessionLine] = field(default_factory=list)
    attendance: Iterable[AttendanceLine] = ()  # may be a generator: written as it comes
    deliveries: list[DeliveryLine] = field(default_factory=list)
    introductions: list[IntroductionLine] = field(default_factory=list)


@dataclass(frozen=True)
class CountTable:
    """One aggregate table of a partner report: label -> count (before suppression)."""

    title: str
    counts: dict[str, int]


@dataclass
class PartnerReportData:
    language: str
    workshop_title: str
    partner_name: str  # "" for the aggregate-only report
    generated_at: datetime
    registered: int
    tables: list[CountTable] = field(default_factory=list)
    people: list[ContactCard] = field(default_factory=list)  # consented to share with it


@dataclass(frozen=True)
class SubjectAccessData:
    """Everything held about one person (their right of access)."""

    name: str
    generated_at: str
    sections: list[tuple[str, list[tuple[str, str]]]]
