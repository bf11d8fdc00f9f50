"""Read the fictional demo workshop from its data files in `assets/demo/`.

The people, partners, sessions and introductions are data, not code: `attendees.csv` (one
row a person, with how they attended and, for most, a birth year), `partners.toml`,
`workshop.toml` (the workshop, its place, its sessions and agendas) and
`introductions.toml`. They are read once per process.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from facilitator_app.paths import asset

ATTENDANCE = ("in_room", "online", "both", "no_show")
CONSENTS = ("processing", "share_participants", "share_partners", "photos")


@dataclass(frozen=True)
class DemoPerson:
    """One fictional attendee and how the demo has them attend the first session."""

    key: str
    given_names: str
    family_names: str
    nationality: str
    gender: str
    business: str
    sector: str
    district: str
    phone: str
    email: str
    offers: tuple[str, ...]
    needs: tuple[str, ...]
    consent: dict[str, bool]
    attendance: str
    online_minutes: float | None
    left_early: bool
    birth_year: int | None = None
    population_type: str = ""  # only the few who said; the rest follow their nationality

    @property
    def name(self) -> str:
        return f"{self.given_names} {self.family_names}"


@dataclass(frozen=True)
class DemoData:
    workshop: dict[str, Any]  # with its "certificate" table (fictional issuer, facilitator)
    sessions: tuple[dict[str, Any], ...]
    partners: tuple[dict[str, str], ...]
    people: tuple[DemoPerson, ...]
    introductions: tuple[dict[str, Any], ...]

    def no_shows(self) -> list[DemoPerson]:
        return [p for p in self.people if p.attendance == "no_show"]


@cache
def load_demo() -> DemoData:
    """The demo's data, checked enough that a broken edit fails loudly and early."""
    folder = asset("demo")
    workshop = _toml(folder / "workshop.toml")
    with (folder / "attendees.csv").open(encoding="utf-8", newline="") as handle:
        people = tuple(_person(row) for row in csv.DictReader(handle))
    return DemoData(
        workshop=workshop["workshop"],
        sessions=tuple(workshop["session"]),
        partners=tuple(_toml(folder / "partners.toml")["partner"]),
        people=people,
        introductions=tuple(_toml(folder / "introductions.toml")["introduction"]),
    )


def _toml(path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _person(row: dict[str, str]) -> DemoPerson:
    if row["attendance"] not in ATTENDANCE:
        raise ValueError(f"attendees.csv {row['key']}: attendance {row['attendance']!r}")
    minutes = row["online_minutes"]
    return DemoPerson(
        key=row["key"], given_names=row["given_names"], family_names=row["family_names"],
        nationality=row["nationality"], gender=row["gender"], business=row["business"],
        sector=row["sector"], district=row["district"], phone=row["phone"],
        email=row["email"], offers=tuple(row["offers"].split()),
        needs=tuple(row["needs"].split()),
        consent={purpose: row[f"consent_{purpose}"] == "yes" for purpose in CONSENTS},
        attendance=row["attendance"], online_minutes=float(minutes) if minutes else None,
        left_early=row["left_early"] == "yes",
        birth_year=int(row["birth_year"]) if row["birth_year"] else None,
        population_type=row["population_type"],
    )
