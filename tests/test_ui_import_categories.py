"""The import dialog's review of answers no category code matched (issue 17): listed per
field with their counts, a code chosen in a box, applied on import and remembered."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator_app.db import open_database
from facilitator_app.services.workshops import create_workshop
from facilitator_app.store import Store
from tests.test_categories import MIXED
from ui.app import make_application
from ui.dialogs.import_dialog import ImportDialog


@pytest.fixture
def opened(qtbot, db_file: Path, tmp_path: Path):
    make_application()
    store = Store(open_database(db_file), path=db_file)
    workshop = create_workshop(store, "Taller de prueba").workshop
    path = tmp_path / "mixta.csv"
    path.write_text(MIXED, encoding="utf-8")
    window = ImportDialog(store, workshop)
    qtbot.addWidget(window)
    window.show()
    window.load(path)
    yield window, store, path
    store.close()


def lines(dialog: ImportDialog) -> list[tuple[str, str, str]]:
    table = dialog.answers_table
    return [tuple(table.item(row, column).text() for column in range(3))
            for row in range(table.rowCount())]


def test_unknown_answers_are_listed_with_counts_and_the_choice_is_remembered(opened, qtbot):
    dialog, store, path = opened
    assert lines(dialog) == [("Sector", "Minería", "2"), ("Nationality", "Marte", "1")]
    assert dialog.tabs.tabText(3) == "Answers to review (2)"
    (_f1, _a1, sector_box), (_f2, _a2, nationality_box) = dialog.answer_boxes
    assert sector_box.currentData() is None  # nothing guessed
    sector_box.setCurrentIndex(sector_box.findData("handicrafts"))
    sector_box.activated.emit(sector_box.currentIndex())
    nationality_box.setCurrentIndex(nationality_box.findData("other"))
    nationality_box.activated.emit(nationality_box.currentIndex())
    assert "Peru (PE)" in [nationality_box.itemText(i) for i in range(nationality_box.count())]
    dialog.run_import()
    assert dialog.result is not None and dialog.result.created == 6
    stored = {p.name: (p.sector, p.nationality) for p in store.attendees.all()}
    assert stored["Juan Ríos"][0] == stored["Eva Luna"][0] == "handicrafts"
    assert stored["Mia Paz"] == ("food", "other:Marte")

    again = ImportDialog(store, store.workshops.list()[0])
    qtbot.addWidget(again)
    again.load(path)
    assert lines(again) == [] and again.tabs.tabText(3) == "Answers to review (0)"


@pytest.mark.parametrize("language", ["es", "en"])
def test_the_edit_dialog_shows_words_and_stores_codes(qtbot, db_file: Path, language) -> None:
    from facilitator_app.i18n import set_language
    from facilitator_app.services.demo import ensure_demo
    from ui.dialogs.attendee_dialog import AttendeeDialog

    make_application()
    set_language(language)
    store = Store(open_database(db_file), path=db_file)
    try:
        workshop, _created = ensure_demo(store)
        person = next(p for p in store.attendees.for_workshop(workshop.id)
                      if p.sector == "food" and p.nationality == "VE")
        dialog = AttendeeDialog(store, workshop, person)
        qtbot.addWidget(dialog)
        words = {"es": ("Alimentos", "Venezuela"), "en": ("Food", "Venezuela")}[language]
        assert (dialog.edits["sector"].text(), dialog.edits["nationality"].text()) == words
        dialog.edits["business"].setText("Nuevo negocio")
        dialog.accept()  # untouched words are stored as the codes they show
        assert (store.attendees.get(person.id).sector,
                store.attendees.get(person.id).nationality) == ("food", "VE")
        dialog = AttendeeDialog(store, workshop, person)
        qtbot.addWidget(dialog)
        dialog.edits["sector"].setText("Comida")
        dialog.edits["nationality"].setText("peruana")
        dialog.accept()
        assert (store.attendees.get(person.id).sector,
                store.attendees.get(person.id).nationality) == ("food", "PE")
    finally:
        store.close()
