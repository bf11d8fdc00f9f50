"""The import dialog with real widgets: a list without a header row (shown as such, its
inferred columns editable), the encoding note in plain view, and every reason of a reject."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from facilitator_app.db import open_database
from facilitator_app.services.workshops import create_workshop
from facilitator_app.store import Store
from tests.conftest import FIXTURES
from ui.app import make_application
from ui.dialogs.import_dialog import ImportDialog

REGISTRATION = FIXTURES / "registration"


@pytest.fixture
def dialog(qtbot, db_file: Path):
    make_application()
    store = Store(open_database(db_file), path=db_file)
    workshop = create_workshop(store, "Taller de prueba").workshop
    window = ImportDialog(store, workshop)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    store.close()


def column(dialog: ImportDialog, index: int) -> list[str]:
    table = dialog.mapping_table
    return [table.item(row, index).text() for row in range(table.rowCount())]


def chosen(dialog: ImportDialog) -> list[str]:
    return [box.currentData() for box in dialog.field_boxes]


def choose(qtbot, box, label: str) -> None:
    """Pick a field in a mapping combo box as a person does from the keyboard: focus it
    and type the start of the field's name."""
    box.setFocus()
    qtbot.keyClicks(box, label)


def tick(qtbot, check) -> None:
    """Click a check box on its indicator (its row may be wider than its words)."""
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton, pos=QPoint(6, check.height() // 2))


def test_a_headerless_list_is_shown_as_such_with_its_inferred_columns(qtbot, dialog) -> None:
    dialog.load(REGISTRATION / "headerless_name_email_id_phone.csv")
    assert dialog.notes.isVisible()
    assert "No header row: the first row of the file already holds a person's data" in \
        dialog.notes.text()
    assert dialog.header_check.isVisible() and not dialog.header_check.isChecked()
    assert column(dialog, 0) == ["Column A", "Column B", "Column C", "Column D"]
    assert column(dialog, 1) == ["names", "e-mail addresses", "ID or document numbers",
                                 "phone numbers"]
    assert chosen(dialog) == ["full_name", "email", "", "phone"]
    assert column(dialog, 2)[0] == "Yusmary Briceño Peña · Ángel Ticona Quispe · " \
                                   "Rocío Ñañez Torres"  # the first person is an example
    assert "5 rows ready to import, 0 rejected" in dialog.summary.text()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result is not None and dialog.result.created == 5
    assert "Yusmary Briceño Peña" in {p.name for p in dialog.store.attendees.all()}


def test_saying_the_first_row_is_a_header_and_back(qtbot, dialog) -> None:
    dialog.load(REGISTRATION / "headerless_name_email_id_phone.csv")
    tick(qtbot, dialog.header_check)
    assert dialog.proposal.table.header is True
    assert "looks like a name" in dialog.summary.text()
    assert "Yusmary" not in dialog.summary.text()  # no one's data quoted as a column name
    assert not dialog.import_button.isEnabled()
    assert dialog.mapping_table.isColumnHidden(1)
    tick(qtbot, dialog.header_check)
    assert dialog.proposal.table.header is False
    assert dialog.import_button.isEnabled() and dialog.import_button.text() == "Import 5 rows"


def test_names_side_by_side_are_chosen_by_hand(qtbot, dialog) -> None:
    dialog.load(REGISTRATION / "headerless_given_family.csv")
    assert "the first row looks like data: add a header row" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert column(dialog, 1) == ["names", "names", "phone numbers"]
    choose(qtbot, dialog.field_boxes[0], "Giv")
    choose(qtbot, dialog.field_boxes[1], "Fam")
    assert chosen(dialog) == ["given_names", "family_names", "phone"]
    assert [r.name for r in dialog.plan.accepted] == [
        "José Luis Pérez Núñez", "Teresa Villca Mamani", "Héctor Rondón"]
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result.created == 3


def test_the_encoding_note_is_in_plain_view(qtbot, dialog) -> None:
    dialog.load(REGISTRATION / "mixed_utf8_one_cp1252_line.csv")
    assert dialog.notes.isVisible()
    assert "Line 4 is not UTF-8 like the rest of the file" in dialog.notes.text()
    assert dialog.notes.y() < dialog.tabs.y()  # above the tables, not in a tab
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "José Peña Ñahui" in {p.name for p in dialog.store.attendees.all()}
    dialog.load(REGISTRATION / "headerless_semicolon_cp1252.csv")
    assert "Line 4" not in dialog.notes.text()  # a note belongs to its file


def test_every_reason_of_a_rejected_row_is_listed(qtbot, dialog) -> None:
    dialog.load(REGISTRATION / "google_forms_es_several_problems.csv")
    assert "2 rows ready to import, 3 rejected" in dialog.summary.text()
    table = dialog.rejects_table
    lines = [tuple(table.item(row, col).text() for col in range(3))
             for row in range(table.rowCount())]
    assert lines[:2] == [
        ("3", "Celular / WhatsApp",
         "phone number not understood (write it with the country code, e.g. +51)"),
        ("3", "Correo electrónico", "not a valid email address")]
    assert [line[0] for line in lines] == ["3", "3", "4", "4", "4", "5", "5"]
    assert dialog.tabs.tabText(1) == "Rejected rows (3)"
    assert dialog.seen_rejects.text().startswith("I have looked at the 3 rejected rows")
    assert not dialog.notes.isVisible()
    assert not dialog.import_button.isEnabled()
    tick(qtbot, dialog.seen_rejects)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result.created == 2


def test_a_long_list_of_rejects_is_cut_short_in_the_preview(qtbot, dialog,
                                                             monkeypatch) -> None:
    from ui.dialogs import import_dialog

    monkeypatch.setattr(import_dialog, "SHOWN_LINES", 3)
    dialog.load(REGISTRATION / "google_forms_es_several_problems.csv")
    table = dialog.rejects_table
    assert table.rowCount() == 4
    assert table.item(3, 0).text().startswith("… and 4 more")
    assert table.columnSpan(3, 0) == 3
    assert dialog.tabs.tabText(1) == "Rejected rows (3)"  # the counts stay whole
    monkeypatch.setattr(import_dialog, "SHOWN_LINES", 2_000)
    dialog.load(REGISTRATION / "google_forms_es_several_problems.csv")
    assert table.rowCount() == 7 and table.columnSpan(3, 0) == 1
