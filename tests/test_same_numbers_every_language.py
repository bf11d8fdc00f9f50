"""Both languages of one workshop show identical numbers (issue 17): the partner report and
the workshop report data, exported in Spanish then English from a registry whose answers mix
`Comida`, `alimentos` and `Food`, count the same people under the same codes; and every face
(CLI, overview, reports) counts the same people as having attended online."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from facilitator_app.categories import FIELDS
from facilitator_app.i18n import set_language
from facilitator_app.labels import CATEGORIES, category_label
from facilitator_app.models import AttendanceMode, CheckinEvent, CheckinKind, CheckinMethod, EventId
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.registry_import import apply_import, prepare_import
from facilitator_app.services.report_data import partner_report_data, workshop_report_data
from facilitator_app.services.workshops import (
    ONLINE_DEFINITION,
    create_workshop,
    online_attendees,
    workshop_counts,
)
from tests.test_cli import creando

SECTORS = ["Comida", "alimentos", "Food", "food", "Servicios", "services", "Belleza",
           "beauty", "Comercio", "Minería"]
NATIONALITIES = ["venezolana", "Venezuela", "VE", "peruana", "Perú", "Colombia", "", "Haití"]
GENDERS = ["Mujer", "F", "female", "hombre", "M", "", "prefiero no decir"]


def mixed_registry(store, tmp_path: Path):
    """27 people whose forms were filled in both languages; 21 come, 17 of them attend."""
    lines = ["Nombre,Rubro,Nacionalidad,Sexo"]
    for n in range(27):
        lines.append(f"Persona {n} Prueba,{SECTORS[n % len(SECTORS)]},"
                     f"{NATIONALITIES[n % len(NATIONALITIES)]},{GENDERS[n % len(GENDERS)]}")
    path = tmp_path / "mixta.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    workshop = create_workshop(store, "Taller mixto", session_titles=["Uno", "Dos"]).workshop
    apply_import(store, prepare_import(store, path), workshop.id)
    sessions = store.sessions.for_workshop(workshop.id)
    people = store.attendees.for_workshop(workshop.id)
    with store.transaction():
        for n, person in enumerate(people[:21]):
            online = n % 3 == 0
            store.checkins.record(CheckinEvent(
                id=EventId(""), workshop_id=workshop.id, attendee_id=person.id,
                kind=CheckinKind.ADMITTED, at="2026-03-14T14:00:00+00:00",
                method=CheckinMethod.SEARCH, session_id=sessions[n % 2].id,
                mode=AttendanceMode.ONLINE if online else AttendanceMode.IN_ROOM,
                online_minutes=(200 if n % 2 else 3) if online else None))
    return workshop


def codes_of(table, inverse: dict[str, str]) -> dict[str, int]:
    return {inverse.get(label, label): count for label, count in table.counts.items()}


def exported(store, workshop, language: str) -> dict:
    """Every count of both reports in `language`, the category tables keyed by code."""
    set_language(language)
    inverse = {category_label(field, code): code for field in FIELDS
               for code in [*CATEGORIES[field], ""]}
    inverse.update({category_label("sector", p.sector): p.sector
                    for p in store.attendees.all()})
    partner = partner_report_data(store, workshop.id, None)
    report = workshop_report_data(store, workshop.id)
    return {
        "labels": [list(t.counts) for t in partner.tables],
        "categories": [codes_of(t, inverse) for t in partner.tables],
        "partner": (partner.registered, partner.attended, list(partner.reached.counts.values()),
                    list(partner.introductions.counts.values())),
        "sessions": [(s.registered, s.in_room, s.online, s.both, s.held)
                     for s in report.sessions + partner.sessions],
        "workshop": (report.registered, list(report.reached.counts.values()),
                     list(report.followups.counts.values())),
        "attendance": [(line.modes, line.online_minutes) for line in report.attendance],
    }


def test_every_count_table_has_the_same_numbers_in_spanish_and_english(store, tmp_path):
    workshop = mixed_registry(store, tmp_path)
    spanish, english = exported(store, workshop, "es"), exported(store, workshop, "en")
    assert spanish["labels"] != english["labels"]  # the words differ...
    for part in ("categories", "partner", "sessions", "workshop", "attendance"):
        assert spanish[part] == english[part], part  # ...the numbers never do
    by_code = spanish["categories"]
    people = store.attendees.for_workshop(workshop.id)
    # mixed_registry admits the first 21 in this order; 4 of the 7 online stay 3 minutes
    came = [p for n, p in enumerate(people[:21]) if n % 3 or n % 2]
    # Comida, alimentos, Food and food were stored as one code, so they are one heading
    # counted once (never "Alimentos 6 + Food 15"); "Minería", which no table knows, stays
    # a heading of its own, as written
    assert Counter(p.sector for p in people) == {"food": 12, "services": 6, "beauty": 5,
                                                 "retail": 2, "Minería": 2}
    for field in FIELDS:
        expected = dict(Counter(getattr(p, field) for p in came))
        assert expected in by_code, field
    sectors = next(table for table in by_code if "food" in table)
    assert not {"Comida", "Food", "Alimentos", "alimentos"} & set(sectors)
    assert sum(sectors.values()) == spanish["partner"][1] == len(came) == 17
    assert Counter(p.nationality for p in people) == {"VE": 12, "PE": 6, "CO": 3, "": 3,
                                                      "HT": 3}
    assert Counter(p.gender for p in people) == {"F": 12, "M": 8, "": 7}


@pytest.mark.parametrize("language", ["es", "en"])
def test_cli_overview_and_reports_count_the_same_people_online(qtbot, db_file, language):
    from facilitator_app.db import open_database
    from facilitator_app.store import Store
    from ui.app import make_application
    from ui.pages.overview import OverviewPage

    demo = json.loads(creando("--db", str(db_file), "--json", "--lang", language,
                              "demo").stdout)
    text = creando("--db", str(db_file), "--lang", language, "demo").stdout
    set_language(language)
    store = Store(open_database(db_file), path=db_file)
    try:
        workshop, _created = ensure_demo(store)
        report = workshop_report_data(store, workshop.id)
        partner = partner_report_data(store, workshop.id, None)
        in_reports = [sum(1 for line in report.attendance
                          if {"online", "both"} & set(line.modes))]
        in_reports += [t.counts[key] for t in (report.reached, partner.reached)
                       for key in list(t.counts)[1:]]
        online = len(online_attendees(store, workshop))
        make_application()
        page = OverviewPage(store)
        qtbot.addWidget(page)
        page.set_workshop(workshop)
        page.refresh()
        assert online == demo["online"] == workshop_counts(store, workshop).online == 13
        assert in_reports[0] == online
        assert in_reports[1] + in_reports[2] == in_reports[3] + in_reports[4] == online
        assert page.cards["online"].value.text() == str(online)
        from facilitator_app.i18n import _

        assert page.cards["online"].toolTip() == _(ONLINE_DEFINITION) == \
            demo["online_definition"]
        assert _(ONLINE_DEFINITION) in text
        # 15 people have an online line, 2 of them for too few minutes to have attended
        assert store.checkins.online_people(workshop.id) == 15
    finally:
        store.close()
