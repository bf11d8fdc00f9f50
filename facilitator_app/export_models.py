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
class NextSession:
    """The session after this one, as the handout announces it."""

    title: str
    when: str  # formatted for people, like HandoutData.when; "" when not set yet
    venue: str = ""
    link: str = ""  # where to join online, when known


@dataclass(frozen=True)
class HandoutData:
    language: str  # the content's language: the handout's own words follow it
    workshop_title: str
    session_title: str
    when: str  # already formatted for people, e.g. "27/11/2026 09:30"
    venue: str
    modules: tuple[HandoutModule, ...]
    partners: tuple[ContactCard, ...] = ()
    delivered: bool = False  # True: what was delivered; False: the plan
    skipped: tuple[str, ...] = ()  # modules passed over before their minimum time
    next_session: NextSession | None = None
    facilitator: ContactCard | None = None  # who participants can write to afterwards


@dataclass(frozen=True)
class CertificateData:
    """One person's certificate. Sessions held are those with attendance recorded; when
    fewer than planned, the certificate says it was issued before the workshop ended."""

    name: str
    workshop_title: str
    dates: str
    venue: str
    sessions_attended: int
    sessions_held: int
    mode: str  # "in_room" | "online" | "both"
    verification_code: str
    issued_on: date
    sessions_planned: int = 0  # 0: as many as were held
    minutes_in_room: int | None = None  # None: a session attended had no times
    minutes_online: int = 0  # sessions followed online only (as the platform reported)
    issuer: str = ""
    partner: str = ""
    facilitator: str = ""
    issuer_logo: str = ""  # a PNG or JPEG path, checked before it gets here
    partner_logo: str = ""

    @property
    def planned(self) -> int:
        return max(self.sessions_planned, self.sessions_held)


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
    held: bool = True  # False: no attendance recorded (`past`: none recorded, else not held yet)
    online_minimum: int | None = None  # online minutes that count as attending
    past: bool = True  # its start time has passed

    @property
    def attended(self) -> int:
        return self.in_room + self.online + self.both


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
    registered: int = 0
    reached: CountTable | None = None  # people who attended: in the room / online / both
    followups: CountTable | None = None  # introductions by follow-up status (in words)
    min_online_percent: int = 60
    name_width: int = 0  # characters of the longest name (attendance may be a generator)

    @property
    def held(self) -> list[SessionLine]:
        return [s for s in self.sessions if s.held]


@dataclass(frozen=True)
class CountTable:
    """One aggregate table of a partner report: label -> count (before suppression)."""

    title: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class PartnerReportData:
    language: str
    workshop_title: str
    partner_name: str  # "" for the aggregate-only report
    generated_at: datetime
    registered: int
    tables: list[CountTable] = field(default_factory=list)  # breakdowns of `attended`
    people: list[ContactCard] = field(default_factory=list)  # consented to share with it
    partner_type: str = ""  # in words
    period: str = ""  # "02/12/2026 – 03/12/2026"
    venue: str = ""
    generated_by: str = ""
    attended: int = 0  # people who attended at least one held session: every breakdown's total
    reached: CountTable | None = None  # the attended by in the room / online / both
    sessions: list[SessionLine] = field(default_factory=list)
    deliveries: list[DeliveryLine] = field(default_factory=list)
    introductions: CountTable | None = None  # to this partner (or to any), by follow-up status
    min_online_percent: int = 60


@dataclass(frozen=True)
class SubjectAccessData:
    """Everything held about one person (their right of access), in their language: tables
    of (label, value) lines, then headed paragraphs (who is responsible, their rights)."""

    language: str
    name: str
    generated_at: str  # local time, formatted for people
    sections: list[tuple[str, list[tuple[str, str]]]]
    notes: list[tuple[str, list[str]]] = field(default_factory=list)  # "• " starts a bullet
