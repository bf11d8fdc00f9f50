"""Domain types: frozen dataclasses and typed ids. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NewType

WorkshopId = NewType("WorkshopId", str)
SessionId = NewType("SessionId", str)
AttendeeId = NewType("AttendeeId", str)
PartnerId = NewType("PartnerId", str)
IntroductionId = NewType("IntroductionId", str)
EventId = NewType("EventId", str)


class ConsentPurpose(StrEnum):
    """What a person may agree to, one by one."""

    PROCESSING = "processing"
    SHARE_PARTICIPANTS = "share_participants"
    SHARE_PARTNERS = "share_partners"
    PHOTOS = "photos"


class CheckinKind(StrEnum):
    """Check-ins are events; attendance is derived from them."""

    ADMITTED = "admitted"
    CHECKED_OUT = "checked_out"
    UNDONE = "undone"


class CheckinMethod(StrEnum):
    CAMERA = "camera"
    SCANNER = "scanner"
    SEARCH = "search"
    WALK_IN = "walk_in"
    ONLINE_REPORT = "online_report"
    IMPORT = "import"


class AttendanceMode(StrEnum):
    IN_ROOM = "in_room"
    ONLINE = "online"


class PartnerType(StrEnum):
    CIVIL_SOCIETY = "civil_society"
    PRIVATE_SECTOR = "private_sector"
    UN = "un"
    GOVERNMENT = "government"
    ACADEMIA = "academia"


class FollowupStatus(StrEnum):
    PENDING = "pending"
    DONE = "done"
    NO_ANSWER = "no_answer"


@dataclass(frozen=True)
class Workshop:
    id: WorkshopId
    title: str
    venue: str = ""
    starts_on: str = ""
    ends_on: str = ""
    language: str = "es"
    min_online_percent: int = 60
    is_demo: bool = False
    notes: str = ""
    department: str = ""  # INEI UBIGEO code of the region (places.DEPARTMENTS), or ""
    province: str = ""
    district: str = ""


@dataclass(frozen=True)
class Session:
    id: SessionId
    workshop_id: WorkshopId
    title: str
    starts_at: str = ""
    ends_at: str = ""
    position: int = 0


@dataclass(frozen=True)
class Attendee:
    id: AttendeeId
    given_names: str
    family_names: str = ""
    phone: str = ""
    email: str = ""
    nationality: str = ""
    gender: str = ""
    business: str = ""
    sector: str = ""
    district: str = ""
    offers: tuple[str, ...] = field(default_factory=tuple)
    needs: tuple[str, ...] = field(default_factory=tuple)
    birth_year: int | None = None  # optional, for age groups in reports
    birth_year_source: str = ""  # "" | age | birth_date | birth_year | edited
    population_type: str = ""  # only what the person said or a facilitator set

    @property
    def name(self) -> str:
        """The name as the person wrote it."""
        return f"{self.given_names} {self.family_names}".strip()


@dataclass(frozen=True)
class Partner:
    id: PartnerId
    name: str
    type: PartnerType
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    offers: str = ""


@dataclass(frozen=True)
class CheckinEvent:
    id: EventId
    workshop_id: WorkshopId
    attendee_id: AttendeeId
    kind: CheckinKind
    at: str
    method: CheckinMethod
    mode: AttendanceMode = AttendanceMode.IN_ROOM
    session_id: SessionId | None = None
    desk: str = ""
    online_minutes: float | None = None
    undoes_id: EventId | None = None
    source_ref: str = ""  # where an imported event came from (re-imports change nothing)


@dataclass(frozen=True)
class Introduction:
    id: IntroductionId
    workshop_id: WorkshopId
    from_attendee_id: AttendeeId
    purpose: str
    made_at: str
    to_attendee_id: AttendeeId | None = None
    to_partner_id: PartnerId | None = None
    session_id: SessionId | None = None
    note: str = ""
    made_by: str = ""


@dataclass(frozen=True)
class WorkshopCounts:
    """The live numbers on the overview page."""

    registered: int
    in_room_now: int
    online: int
    introductions: int
    sessions: int
