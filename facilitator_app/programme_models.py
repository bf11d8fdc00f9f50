"""Plain data the programme documents are written from (the programme report and the 5W
activity report). facilitator_app.programme fills these from the programme database;
exports/ writes them and never sees the database. Texts are in the chosen language; counts
are before suppression (the writer hides small counts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from facilitator_app.export_models import CountTable

AGE_GROUPS = ("0-17", "18-59", "60+")  # the inter-agency platform's groups


@dataclass(frozen=True)
class CrossTable:
    """Counts by two categories (e.g. gender x age group). `cells[(row, column)]`; the
    writer hides small cells across the whole table, as one table."""

    title: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: dict[tuple[str, str], int]

    @property
    def total(self) -> int:
        return sum(self.cells.values())


@dataclass(frozen=True)
class ProgrammeWorkshopLine:
    title: str
    place: str  # "Lima / Lima / San Juan de Lurigancho", "" when not set
    starts_on: str  # YYYY-MM-DD, "" when not set
    sessions_held: int
    reached: int  # attended at least one of its sessions


@dataclass(frozen=True)
class MonthLine:
    month: str  # YYYY-MM
    workshops: int  # with at least one session held that month
    sessions: int  # held that month
    reached: int  # different people who attended a session that month
    new: int  # of them, reached by the programme for the first time that month
    returning: int  # of them, reached in an earlier month too
    in_room: int  # of them, attended in the room that month
    online: int  # of them, attended online that month


@dataclass(frozen=True)
class ModuleLine:
    title: str
    delivered: int  # times delivered (skipped ones are not counted)
    useful_yes: int
    useful_no: int


@dataclass(frozen=True)
class PartnerOutcomeLine:
    partner: str
    introductions: int
    done: int
    pending: int
    no_answer: int
    average_rating: float | None  # of follow-ups that have a rating


@dataclass
class ProgrammeReportData:
    language: str
    programme_name: str
    generated_at: datetime
    period: str  # "2026-01 – 2026-05", "" for everything
    aggregate_only: bool  # the hub keeps pseudonymous keys, no names
    workshops: int
    sessions_held: int
    reached: int  # different people who attended at least one held session
    new: int  # reached in one workshop only
    returning: int  # reached in two workshops or more
    by_mode: CountTable  # in the room only / online only / both
    by_gender_age: CrossTable
    tables: list[CountTable] = field(default_factory=list)  # nationality, population type
    modules: list[ModuleLine] = field(default_factory=list)  # most delivered first
    partners: list[PartnerOutcomeLine] = field(default_factory=list)
    months: list[MonthLine] = field(default_factory=list)
    workshop_lines: list[ProgrammeWorkshopLine] = field(default_factory=list)
    generated_by: str = ""


@dataclass(frozen=True)
class FiveWRow:
    """One row of the 5W: a month x place x partner x activity. The template names which
    of these fields go in which column (field names are the template's placeholders)."""

    month: str  # YYYY-MM
    country: str
    admin1: str  # department, in words
    admin2: str  # province
    appealing_org: str
    implementing_partner: str
    activity: str  # code: "training" | "networking"; the template gives its wording
    total: int  # different people reached that month in this row
    new: int  # of them, first reached this year (in an earlier month they are not new)
    girls: int  # female, under 18
    boys: int
    women: int  # female, 18 or older
    men: int
    other_under_18: int  # another gender, or not said, under 18
    other_18_plus: int
    age_unknown: int  # no age recorded (any gender)
    destination: int  # population type: refugees and migrants in destination
    transit: int
    host: int  # host community
    pendular: int
    returnee: int
    population_unknown: int


@dataclass
class FiveWData:
    month: str  # YYYY-MM
    generated_at: datetime
    rows: list[FiveWRow]
    year_to_date: int  # different people reached from January to this month: never twice
    year_to_date_new_sum: int  # the sum of "new" over those months: equals year_to_date
    language: str = "es"
