"""The reporting fields in the app, with real widgets: a person's birth year (or age) and
population type in the attendee dialog, a workshop's region, province and district in the
workshop dialog. (ASCII keystrokes only: QTest cannot type accented keys here.)"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from facilitator_app.db import open_database
from facilitator_app.i18n import set_language
from facilitator_app.models import ConsentPurpose
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store
from ui.app import make_application
from ui.dialogs.attendee_dialog import AttendeeDialog
from ui.dialogs.workshop_dialog import WorkshopDialog


@pytest.fixture
def desk(db_file: Path):
    make_application()
    store = Store(open_database(db_file), path=db_file)
    workshop, _ = ensure_demo(store)
    yield store, workshop
    store.close()


def click(qtbot, dialog, which: QDialogButtonBox.StandardButton) -> None:
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(which), Qt.MouseButton.LeftButton)


def peruvian_without_type(store: Store, workshop):
    return next(p for p in store.attendees.for_workshop(workshop.id)
                if p.nationality == "PE" and not p.population_type)


def test_editing_birth_year_and_population_type(qtbot, desk) -> None:
    store, workshop = desk
    person = peruvian_without_type(store, workshop)
    dialog = AttendeeDialog(store, workshop, person)
    qtbot.addWidget(dialog)
    combo = dialog.population_type
    assert combo.currentData() == "" and combo.itemText(0) == (
        "(from nationality: host community)")
    dialog.birth_year.clear()
    qtbot.keyClicks(dialog.birth_year, "1979")
    combo.setFocus()
    qtbot.keyClicks(combo, "Ret")  # "Returnees", found by typing as in any combo
    assert combo.currentData() == "returnee"
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    stored = store.attendees.get(person.id)
    assert (stored.birth_year, stored.birth_year_source, stored.population_type) == (
        1979, "edited", "returnee")
    assert stored.business == person.business  # nothing else changed


def test_an_unchanged_birth_year_keeps_where_it_came_from(qtbot, desk) -> None:
    store, workshop = desk
    person = next(p for p in store.attendees.for_workshop(workshop.id) if p.birth_year)
    dialog = AttendeeDialog(store, workshop, person)
    qtbot.addWidget(dialog)
    assert dialog.birth_year.text() == str(person.birth_year)
    qtbot.keyClicks(dialog.edits["business"], " SAC")
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    stored = store.attendees.get(person.id)
    assert (stored.birth_year, stored.birth_year_source) == (person.birth_year, "birth_year")


def test_the_derived_type_follows_the_nationality_typed(qtbot, desk) -> None:
    store, workshop = desk
    dialog = AttendeeDialog(store, workshop, None)
    qtbot.addWidget(dialog)
    assert dialog.population_type.itemText(0) == "(not said)"
    qtbot.keyClicks(dialog.edits["nationality"], "venezolana")
    assert dialog.population_type.itemText(0) == (
        "(from nationality: refugees and migrants in destination)")
    dialog.edits["nationality"].clear()
    qtbot.keyClicks(dialog.edits["nationality"], "Peru")
    assert dialog.population_type.itemText(0) == "(from nationality: host community)"


def test_the_derived_type_is_shown_in_spanish(qtbot, desk) -> None:
    store, workshop = desk
    set_language("es")
    dialog = AttendeeDialog(store, workshop, peruvian_without_type(store, workshop))
    qtbot.addWidget(dialog)
    assert dialog.population_type.itemText(0) == (
        "(según la nacionalidad: comunidad de acogida)")


def test_a_walk_in_gives_an_age_and_an_impossible_one_is_explained(qtbot, desk) -> None:
    store, workshop = desk
    dialog = AttendeeDialog(store, workshop, None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.edits["given_names"], "Ana")
    qtbot.keyClicks(dialog.edits["family_names"], "Rivas")
    qtbot.keyClicks(dialog.edits["nationality"], "colombiana")
    dialog.consent_checks[ConsentPurpose.PROCESSING].setChecked(True)
    dialog.consent_method.setCurrentIndex(dialog.consent_method.findData("verbal"))
    qtbot.keyClicks(dialog.birth_year, "130")
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.saved is None and "between 0 and 110" in dialog.error.text()
    dialog.birth_year.clear()
    qtbot.keyClicks(dialog.birth_year, "2999")
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.saved is None and "2999" in dialog.error.text()
    dialog.birth_year.clear()
    qtbot.keyClicks(dialog.birth_year, "34")
    dialog.population_type.setFocus()
    for _step in range(2):  # past "in destination" to "in transit", from the keyboard
        qtbot.keyClick(dialog.population_type, Qt.Key.Key_Down)
    assert dialog.population_type.currentText() == "Refugees and migrants in transit"
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Save)
    assert dialog.saved is not None
    stored = store.attendees.get(dialog.saved.id)
    assert (stored.birth_year, stored.birth_year_source, stored.population_type,
            stored.nationality) == (date.today().year - 34, "edited", "transit", "CO")


def test_creating_a_workshop_with_its_place(qtbot, desk) -> None:
    store, _workshop = desk
    dialog = WorkshopDialog(store)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.title, "Taller de precios")
    assert dialog.department.count() == 26 and dialog.department.currentData() == ""
    dialog.department.setFocus()
    qtbot.keyClicks(dialog.department, "Call")
    assert dialog.department.currentData() == "07"
    qtbot.keyClicks(dialog.province, "Callao")
    qtbot.keyClicks(dialog.district, "Ventanilla")
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    assert dialog.created is not None
    made = store.workshops.get(dialog.created.workshop.id)
    assert (made.department, made.province, made.district) == ("07", "Callao", "Ventanilla")


def test_changing_a_workshops_place(qtbot, desk) -> None:
    store, workshop = desk
    dialog = WorkshopDialog(store, workshop=workshop)
    qtbot.addWidget(dialog)
    assert dialog.department.currentData() == "15"
    assert dialog.district.text() == workshop.district
    dialog.district.clear()
    qtbot.keyClicks(dialog.district, "San Juan de Lurigancho")
    click(qtbot, dialog, QDialogButtonBox.StandardButton.Ok)
    changed = store.workshops.get(workshop.id)
    assert (changed.department, changed.province, changed.district) == (
        "15", "Lima", "San Juan de Lurigancho")
    assert changed.title == workshop.title
