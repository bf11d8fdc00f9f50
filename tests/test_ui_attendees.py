"""The Attendees page with real widgets: search as you type, filters, import, walk-in, merge."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from facilitator_app.db import open_database
from facilitator_app.importing.headers import Field
from facilitator_app.models import ConsentPurpose
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store
from tests.test_registry_import import SPANISH_LIST
from ui.app import make_application
from ui.dialogs.attendee_dialog import AttendeeDialog
from ui.dialogs.import_dialog import ImportDialog
from ui.dialogs.merge_dialog import MergeDialog
from ui.pages.attendees import AttendeesPage


@pytest.fixture
def page(qtbot, db_file: Path):
    make_application()
    store = Store(open_database(db_file), path=db_file)
    workshop, _ = ensure_demo(store)
    attendees = AttendeesPage(store)
    qtbot.addWidget(attendees)
    attendees.set_workshop(workshop)
    attendees.show()
    yield attendees
    store.close()


def visible_names(page: AttendeesPage) -> list[str]:
    return [page.model.row_at(r).attendee.name for r in range(page.model.rowCount())]


def test_search_as_you_type_ignores_accents_case_and_word_order(qtbot, page) -> None:
    assert page.model.rowCount() == 60
    qtbot.keyClicks(page.search, "nunez ELENA")
    assert visible_names(page) == ["Rosa Elena Chávez Núñez"]
    page.search.clear()
    qtbot.keyClicks(page.search, "jose")
    assert len(visible_names(page)) >= 2
    assert all("jos" in name.lower().replace("é", "e") for name in visible_names(page))
    assert page.count_label.text().startswith("Showing")


def test_status_filters(page) -> None:
    page.status_box.setCurrentIndex(2)  # joined online
    assert page.model.rowCount() == 15
    page.status_box.setCurrentIndex(3)  # not yet arrived
    assert page.model.rowCount() == 8
    page.status_box.setCurrentIndex(0)
    assert page.model.rowCount() == 60


def test_import_dialog_shows_rejects_and_imports_only_after_they_are_seen(
        qtbot, page, tmp_path) -> None:
    listing = tmp_path / "inscritos.csv"
    listing.write_bytes(SPANISH_LIST.encode("cp1252"))
    dialog = ImportDialog(page.store, page.workshop, page)
    qtbot.addWidget(dialog)
    dialog.load(listing)
    assert "3 rows ready to import, 5 rejected" in dialog.summary.text()
    assert dialog.rejects_table.rowCount() == 5
    assert dialog.rejects_table.item(0, 0).text() == "4"
    assert dialog.rejects_table.item(0, 2).text() == "missing name"
    assert not dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.seen_rejects, Qt.MouseButton.LeftButton)
    assert dialog.import_button.isEnabled()
    assert dialog.import_button.text() == "Import 3 rows"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.result is not None and dialog.result.created == 2
    page.refresh()
    assert page.model.rowCount() == 62


def test_changing_a_column_mapping_in_the_preview(qtbot, page, tmp_path) -> None:
    listing = tmp_path / "x.csv"
    listing.write_text("Col A,Col B\nRosa Elena Ríos,Bodega Rosita\n", encoding="utf-8")
    dialog = ImportDialog(page.store, page.workshop, page)
    qtbot.addWidget(dialog)
    dialog.load(listing)
    assert "looks like a name" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    dialog.load(listing, mapping={0: Field.FULL_NAME})
    box = dialog.field_boxes[1]
    box.setCurrentIndex(box.findData(Field.BUSINESS.value))
    box.activated.emit(box.currentIndex())
    assert dialog.plan.accepted[0].business == "Bodega Rosita"
    assert dialog.import_button.isEnabled()


def test_register_a_walk_in_with_consent(qtbot, page) -> None:
    dialog = AttendeeDialog(page.store, page.workshop, None, page)
    qtbot.addWidget(dialog)
    dialog.edits["given_names"].setText("Génesis")  # QTest cannot type non-ASCII keys
    dialog.edits["family_names"].setText("Useche Ramírez")
    qtbot.keyClicks(dialog.edits["phone"], "0414 5551234")
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    dialog.consent_checks[ConsentPurpose.PROCESSING].setChecked(True)
    dialog.consent_checks[ConsentPurpose.PHOTOS].setChecked(True)
    assert not save.isEnabled()  # how they gave consent is not said yet
    dialog.consent_method.setCurrentIndex(dialog.consent_method.findData("verbal"))
    assert save.isEnabled()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None and dialog.saved.phone == "+584145551234"
    assert dialog.steps.currentIndex() == 1 and dialog.badge_offer is not None  # the badge
    consents = page.store.consents.current(dialog.saved.id)
    assert consents[ConsentPurpose.PHOTOS] and not consents[ConsentPurpose.SHARE_PARTNERS]
    page.refresh()
    qtbot.keyClicks(page.search, "genesis useche")
    assert visible_names(page) == ["Génesis Useche Ramírez"]


def test_a_bad_phone_in_the_walk_in_dialog_is_explained(qtbot, page) -> None:
    dialog = AttendeeDialog(page.store, page.workshop, None, page)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.edits["given_names"], "Ana")
    qtbot.keyClicks(dialog.edits["phone"], "12")
    dialog.accept()
    assert dialog.saved is None and "phone number 12" in dialog.error.text()


def test_a_walk_in_who_is_already_known_can_be_picked_instead(qtbot, page) -> None:
    known = page.store.attendees.for_workshop(page.workshop.id)[0]
    dialog = AttendeeDialog(page.store, page.workshop, None, page)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.edits["given_names"], "Otra Persona")
    dialog.edits["phone"].setText(known.phone)

    def pick_known() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and known.name in box.text()
        use = next(b for b in box.buttons()
                   if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
        qtbot.mouseClick(use, Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, pick_known)
    dialog.accept()
    assert dialog.saved == known
    assert len(page.store.attendees.all()) == 60


def test_edit_keeps_consent_history(qtbot, page) -> None:
    person = page.store.attendees.for_workshop(page.workshop.id)[0]
    before = len(page.store.consents.history(person.id))
    dialog = AttendeeDialog(page.store, page.workshop, person, page)
    qtbot.addWidget(dialog)
    dialog.edits["business"].setText("Nuevo negocio")
    photos = dialog.consent_checks[ConsentPurpose.PHOTOS]
    photos.setChecked(not photos.isChecked())
    dialog.accept()
    assert page.store.attendees.get(person.id).business == "Nuevo negocio"
    assert len(page.store.consents.history(person.id)) == before + 1


def test_merge_two_records_choosing_fields(qtbot, page) -> None:
    from dataclasses import replace

    from facilitator_app.models import AttendeeId
    from facilitator_app.services.attendees import register_walk_in

    first = page.store.attendees.for_workshop(page.workshop.id)[0]
    twin = register_walk_in(page.store, page.workshop.id,
                            replace(first, id=AttendeeId(""), business="Otro nombre",
                                    phone="", email=""),
                            {ConsentPurpose.PROCESSING: True}, "paper")
    dialog = MergeDialog(page.store, page.workshop, page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.pairs_list.count() == 1
    other_business = dialog.choices["business"].button(2)
    assert other_business.text() == "Otro nombre"
    qtbot.waitExposed(dialog)
    indicator = QPoint(6, other_business.height() // 2)  # a radio reacts on its label only
    qtbot.mouseClick(other_business, Qt.MouseButton.LeftButton, pos=indicator)
    assert other_business.isChecked()
    qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    assert dialog.pairs_list.count() == 0
    kept = page.store.attendees.get(first.id)
    assert kept.business == "Otro nombre" and kept.phone == first.phone
    assert twin.id not in {p.id for p in page.store.attendees.all()}
    audit = page.store.db.execute(
        "SELECT detail FROM audit_log WHERE action = 'attendees_merged'").fetchone()[0]
    assert "business" in audit and first.name not in audit


def test_a_large_registry_opens_at_once_and_searches_without_resets(qtbot, db_file,
                                                                    monkeypatch) -> None:
    """Past the size read on the spot, the first screen shows at once, the index arrives
    from a worker, typing waits for a pause, and the rows change in place."""
    from ui import index_loader
    from ui.pages import attendees as attendees_module

    monkeypatch.setattr(index_loader, "SYNC_LIMIT", 10)  # the demo's 60 count as large
    monkeypatch.setattr(attendees_module, "DEBOUNCE_FROM", 10)
    monkeypatch.setattr(attendees_module, "FIRST_SCREEN", 25)
    make_application()
    store = Store(open_database(db_file), path=db_file)
    workshop, _ = ensure_demo(store)
    page = AttendeesPage(store)
    qtbot.addWidget(page)
    resets = []
    page.model.modelReset.connect(lambda: resets.append(1))
    page.set_workshop(workshop)
    page.show()
    assert page.model.rowCount() == 25 and "getting ready" in page.count_label.text()
    assert page.model.row_at(0).attendee.name == store.attendees.for_workshop(workshop.id)[
        0].name  # the first screen is the first people by name
    qtbot.waitUntil(lambda: not page.loader.loading and page.model.rowCount() == 60)
    resets.clear()
    qtbot.keyClicks(page.search, "nunez elena")
    assert page.model.rowCount() == 60  # nothing applied while typing fast
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=2000)
    assert page.model.row_at(0).attendee.name == "Rosa Elena Chávez Núñez"
    assert page.model.row_at(0).consents  # details read when the row is shown
    assert resets == []  # narrowed in place, never a full reset
    page.loader.wait()
    store.close()
