"""The programme report's figures (ProgrammeReportData), for a period of months or all of
it: who was reached, new or returning, how, who they are, what was delivered, and what
came of the introductions, month by month. Nobody is counted twice: people are counted
as programme persons, not as registrations."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import Connection, select

from facilitator_app.export_models import CountTable
from facilitator_app.i18n import _
from facilitator_app.labels import NOT_RECORDED, POPULATION_TYPES, category_label, label
from facilitator_app.programme import facts, schema
from facilitator_app.programme.hub import Programme
from facilitator_app.programme_models import (
    AGE_GROUPS,
    CrossTable,
    ModuleLine,
    MonthLine,
    PartnerOutcomeLine,
    ProgrammeReportData,
    ProgrammeWorkshopLine,
)


def in_period(month: str, first: str, last: str) -> bool:
    return bool(month) and (not first or month >= first) and (not last or month <= last)


def programme_report_data(programme: Programme, language: str, *, first: str = "",
                          last: str = "", generated_by: str = "") -> ProgrammeReportData:
    """Every figure of the programme report, from months `first` to `last` (YYYY-MM,
    either may be "")."""
    with programme.read() as conn:
        all_attended = facts.attended(conn)
        who = facts.people(conn)
        workshops = facts.workshops(conn)
        introduced = [f for f in facts.introduced(conn) if in_period(f.month, first, last)]
        modules = _modules(conn, first, last)
        partner_names = dict(conn.execute(select(schema.partners.c.id,
                                                 schema.partners.c.name)).all())
        outcomes = _outcomes(conn)
    attended = [f for f in all_attended if in_period(f.month, first, last)]
    reached = {f.person for f in attended}
    seen_in = defaultdict(set)
    for fact in attended:
        seen_in[fact.person].add(fact.workshop)
    returning = sum(1 for person in reached if len(seen_in[person]) > 1)
    return ProgrammeReportData(
        language=language, programme_name=programme.name,
        generated_at=programme.local_now(), period=_period_words(first, last),
        aggregate_only=programme.aggregate_only,
        workshops=len({f.workshop for f in attended}),
        sessions_held=len({f.session for f in attended}),
        reached=len(reached), new=len(reached) - returning, returning=returning,
        by_mode=_by_mode(attended), by_gender_age=_gender_age(attended, who),
        tables=[_count(_("Nationality"), reached, who, "nationality"),
                _count(_("Population type"), reached, who, "population_type")],
        modules=modules, partners=_partners(introduced, partner_names, outcomes),
        months=_months(all_attended, attended),
        workshop_lines=_workshop_lines(attended, workshops), generated_by=generated_by)


def _period_words(first: str, last: str) -> str:
    if not first and not last:
        return ""
    return f"{first or '…'} – {last or '…'}"


def _by_mode(attended: list[facts.Attended]) -> CountTable:
    room = {f.person for f in attended if f.in_room}
    online = {f.person for f in attended if f.online}
    return CountTable(_("How they took part"), {
        _("in the room only"): len(room - online), _("online only"): len(online - room),
        _("both"): len(room & online)})


def _first_months(attended: list[facts.Attended]) -> dict[str, str]:
    first: dict[str, str] = {}
    for fact in attended:
        if fact.person not in first or fact.month < first[fact.person]:
            first[fact.person] = fact.month
    return first


def _gender_age(attended: list[facts.Attended], who: dict[str, facts.Person]) -> CrossTable:
    """Age in the year of the person's first attended session in the period."""
    genders = ("F", "M", "X", "")
    groups = (*AGE_GROUPS, "")
    cells: Counter = Counter()
    for person, month in _first_months(attended).items():
        attrs = who.get(person, facts.Person("", None, "", ""))
        gender = attrs.gender if attrs.gender in genders else "X"  # other: kept as written
        group = facts.age_group(attrs.birth_year, int(month[:4]))
        cells[(gender, group)] += 1
    gender_words = {g: category_label("gender", g) for g in genders}
    group_words = {g: g or _("age not recorded") for g in groups}
    return CrossTable(
        _("People by gender and age group"), tuple(gender_words.values()),
        tuple(group_words.values()),
        {(gender_words[g], group_words[a]): cells[(g, a)] for g in genders for a in groups})


def _count(title: str, reached: set[str], who: dict[str, facts.Person],
           field: str) -> CountTable:
    counts: Counter = Counter()
    for person in reached:
        code = getattr(who[person], field) if person in who else ""
        counts[_code_words(field, code)] += 1
    return CountTable(title, dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))))


def _code_words(field: str, code: str) -> str:
    if field == "population_type":
        return label(POPULATION_TYPES, code) if code else _(NOT_RECORDED)
    return category_label(field, code)


def _months(all_attended: list[facts.Attended],
            attended: list[facts.Attended]) -> list[MonthLine]:
    """New that month: reached by the programme for the first time (ever, not only in the
    period); returning: reached in an earlier month too."""
    first = _first_months(all_attended)
    by_month: dict[str, list[facts.Attended]] = defaultdict(list)
    for fact in attended:
        by_month[fact.month].append(fact)
    lines = []
    for month in sorted(by_month):
        month_facts = by_month[month]
        people = {f.person for f in month_facts}
        new = sum(1 for p in people if first[p] == month)
        lines.append(MonthLine(
            month, len({f.workshop for f in month_facts}), len({f.session for f in month_facts}),
            len(people), new, len(people) - new,
            len({f.person for f in month_facts if f.in_room}),
            len({f.person for f in month_facts if f.online})))
    return lines


def _modules(conn: Connection, first: str, last: str) -> list[ModuleLine]:
    d, s = schema.deliveries, schema.sessions
    counted: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for title, month, status, yes, no in conn.execute(
            select(d.c.title, s.c.month, d.c.status, d.c.useful_yes, d.c.useful_no)
            .join(s, s.c.id == d.c.session_id)):
        if status != "delivered" or not in_period(month, first, last):
            continue
        line = counted[title]
        line[0] += 1
        line[1] += yes or 0
        line[2] += no or 0
    lines = [ModuleLine(title, n, yes, no) for title, (n, yes, no) in counted.items()]
    return sorted(lines, key=lambda m: (-m.delivered, m.title))


def _outcomes(conn: Connection) -> dict[str, tuple[str, int | None]]:
    """Each introduction's newest follow-up: (status, rating)."""
    f = schema.followups
    newest: dict[str, tuple[str, str, int | None]] = {}
    for introduction, status, rating, updated in conn.execute(
            select(f.c.introduction_id, f.c.status, f.c.rating, f.c.updated_at)):
        if introduction not in newest or updated > newest[introduction][0]:
            newest[introduction] = (updated, status, rating)
    return {i: (status, rating) for i, (_u, status, rating) in newest.items()}


def _partners(introduced: list[facts.Introduced], names: dict[str, str],
              outcomes: dict[str, tuple[str, int | None]]) -> list[PartnerOutcomeLine]:
    grouped: dict[str, list[facts.Introduced]] = defaultdict(list)
    for fact in introduced:
        if fact.partner:
            grouped[names.get(fact.partner, "")].append(fact)
    lines = []
    for partner, made in grouped.items():
        states = Counter(outcomes.get(f.id, ("pending", None))[0] for f in made)
        ratings = [r for f in made if (r := outcomes.get(f.id, ("", None))[1]) is not None]
        lines.append(PartnerOutcomeLine(
            partner, len(made), states["done"], states["pending"], states["no_answer"],
            round(sum(ratings) / len(ratings), 1) if ratings else None))
    return sorted(lines, key=lambda line: (-line.introductions, line.partner))


def _workshop_lines(attended: list[facts.Attended],
                    workshops: dict[str, dict]) -> list[ProgrammeWorkshopLine]:
    sessions, people = defaultdict(set), defaultdict(set)
    for fact in attended:
        sessions[fact.workshop].add(fact.session)
        people[fact.workshop].add(fact.person)
    lines = [ProgrammeWorkshopLine(w["title"], place_words(w), w["starts_on"],
                                   len(sessions[wid]), len(people[wid]))
             for wid, w in workshops.items() if wid in sessions]
    return sorted(lines, key=lambda line: (line.starts_on, line.title))


def place_words(workshop: dict) -> str:
    """"Lima / Lima / San Juan de Lurigancho": department, province, district as set."""
    from facilitator_app.places import department_name

    parts = (department_name(workshop["department"]) if workshop["department"] else "",
             workshop["province"], workshop["district"])
    return " / ".join(part for part in parts if part)
