"""The 5W activity report's figures for one month (FiveWData): one row per place x
implementing partner x activity, with total and new beneficiaries split by sex and age and
by population type.

New means first reached this year. Each person is new in exactly one row of one month (the
first row, in time, that reached them this year), so the sum of "new" over the year's
months is the number of different people reached: nobody is counted twice.
"""

from __future__ import annotations

import re
from collections import defaultdict

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.places import department_name
from facilitator_app.programme import facts
from facilitator_app.programme.hub import Programme
from facilitator_app.programme_models import FiveWData, FiveWRow

TRAINING, NETWORKING = "training", "networking"
_RANK = {TRAINING: 0, NETWORKING: 1}  # a person first reached in a month counts as new in training
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
RowKey = tuple[str, str, str, str]  # department code, province, partner, activity
DEFAULT_TEMPLATE = ("programme", "5w-r4v-style-2026.xlsx")  # a new year: a new file


def check_month(text: str) -> str:
    if not _MONTH.match(text or ""):
        raise KnownError(_("The month must be written YYYY-MM, like 2026-05: {month}")
                         .format(month=text))
    return text


def five_w_data(programme: Programme, month: str, *, country: str = "Perú",
                appealing_org: str = "") -> FiveWData:
    check_month(month)
    year = month[:4]
    with programme.read() as conn:
        attended = facts.attended(conn)
        introduced = facts.introduced(conn)
        who = facts.people(conn)
        workshops = facts.workshops(conn)
    org = appealing_org or programme.setting("appealing_org", "PNUD")
    events = _events(attended, introduced, workshops, org, year, month)
    first = _first_rows(events)
    rows = []
    for key, people in sorted(_rows_of(events, month).items(),
                              key=lambda row: (row[0][:3], _RANK[row[0][3]])):
        new = {p for p in people if first[p] == (month, key)}
        rows.append(_row(month, key, people, new, who, int(year), country, org))
    year_people = {person for _m, _k, person in events}
    new_sum = sum(1 for m, _k in first.values() if m <= month)
    return FiveWData(month, programme.local_now(), rows, len(year_people), new_sum)


def _events(attended: list[facts.Attended], introduced: list[facts.Introduced],
            workshops: dict[str, dict], org: str, year: str,
            month: str) -> list[tuple[str, RowKey, str]]:
    """(month, row, person) for everything this year up to `month`, in time order."""
    def key(workshop_id: str, activity: str) -> RowKey:
        w = workshops[workshop_id]
        return (w["department"], w["province"], w["partner"] or org, activity)

    events = [(f.month, key(f.workshop, TRAINING), f.person) for f in attended]
    events += [(f.month, key(f.workshop, NETWORKING), person)
               for f in introduced for person in f.people]
    kept = [e for e in events if e[0][:4] == year and e[0] <= month]
    return sorted(kept, key=lambda e: (e[0], _RANK[e[1][3]], e[1], e[2]))


def _first_rows(events: list[tuple[str, RowKey, str]]) -> dict[str, tuple[str, RowKey]]:
    first: dict[str, tuple[str, RowKey]] = {}
    for month, key, person in events:  # sorted: the earliest month, then the row order
        first.setdefault(person, (month, key))
    return first


def _rows_of(events: list[tuple[str, RowKey, str]], month: str) -> dict[RowKey, set[str]]:
    rows: dict[RowKey, set[str]] = defaultdict(set)
    for event_month, key, person in events:
        if event_month == month:
            rows[key].add(person)
    return rows


def _row(month: str, key: RowKey, people: set[str], new: set[str],
         who: dict[str, facts.Person], year: int, country: str, org: str) -> FiveWRow:
    department, province, partner, activity = key
    counts: dict[str, int] = defaultdict(int)
    for person in people:
        attrs = who.get(person, facts.Person("", None, "", ""))
        counts[_sex_age(attrs, year)] += 1
        counts[attrs.population_type or "population_unknown"] += 1
    return FiveWRow(
        month=month, country=country, admin1=department_name(department) or department,
        admin2=province, appealing_org=org, implementing_partner=partner, activity=activity,
        total=len(people), new=len(new),
        **{name: counts[name] for name in (
            "girls", "boys", "women", "men", "other_under_18", "other_18_plus",
            "age_unknown", "destination", "transit", "host", "pendular", "returnee",
            "population_unknown")})


def _sex_age(person: facts.Person, year: int) -> str:
    group = facts.age_group(person.birth_year, year)
    if not group:
        return "age_unknown"
    child = group == "0-17"
    if person.gender == "F":
        return "girls" if child else "women"
    if person.gender == "M":
        return "boys" if child else "men"
    return "other_under_18" if child else "other_18_plus"
