"""The Networking page: two badges scanned in a row, suggestions, follow-ups, partners."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from facilitator_app.db import open_database
from facilitator_app.services.badges import badge_token
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store
from tests.test_ui_checkin import badge_frame
from ui.app import make_application
from ui.pages.networking import NetworkingPage


@pytest.fixture
def page(qtbot, db_file: Path):
    make_application()
    store = Store(open_database(db_file), path=db_file)
    workshop, _ = ensure_demo(store)
    networking = NetworkingPage(store)
    qtbot.addWidget(networking)
    networking.set_workshop(workshop)
    networking.show()
    qtbot.waitExposed(networking)
    yield networking
    networking.introductions.camera.decoder.wait()
    store.close()


def two_people(page):
    people = page.store.attendees.for_workshop(page.workshop.id)
    return people[2], people[5]


def test_scanning_two_badges_with_the_usb_scanner_records_an_introduction(qtbot, page):
    first, second = two_people(page)
    before = page.introductions.table.rowCount()
    page.introductions.search.setFocus()
    for person in (first, second):
        qtbot.keyClicks(page.introductions.search, badge_token(page.store, page.workshop.id,
                                                               person.id))
        qtbot.keyClick(page.introductions.search, Qt.Key.Key_Return)
    assert page.introductions.search.text() == ""
    assert page.introductions.from_box.currentData() == first.id
    assert page.introductions.to_box.currentData() == second.id
    assert page.introductions.purpose.hasFocus()
    qtbot.keyClicks(page.introductions.purpose, "Proveedor de insumos")
    qtbot.keyClick(page.introductions.purpose, Qt.Key.Key_Return)
    assert page.introductions.table.rowCount() == before + 1
    assert page.introductions.table.item(0, 2).text() == "Proveedor de insumos"
    assert "Recorded" in page.introductions.scan_status.text()


def test_two_badges_held_to_the_camera(qtbot, page) -> None:
    from PySide6.QtMultimedia import QVideoFrameInput

    first, second = two_people(page)
    source = QVideoFrameInput()
    page.introductions.camera.session.setVideoFrameInput(source)
    for number, person in enumerate((first, second)):
        token = badge_token(page.store, page.workshop.id, person.id)
        assert source.sendVideoFrame(badge_frame(token, angle=10 * number, scale=1, seed=number))
        qtbot.waitUntil(lambda: not page.introductions.camera.decoder.busy, timeout=5000)
    assert "type why they should talk" in page.introductions.scan_status.text()
    assert page.introductions.record() is not None


def test_a_forged_badge_is_named_and_nothing_recorded(qtbot, page) -> None:
    page.introductions.handle_code("C" + "Q" * 26)
    assert page.introductions.scan_status.text().startswith("Forged code")
    assert page.introductions.first_scan is None


def test_suggestions_then_introduce(qtbot, page) -> None:
    page.tabs.setCurrentWidget(page.suggestions)
    assert page.suggestions.list.count() > 0
    chosen = page.suggestions.found[0]
    assert "offers it" in page.suggestions.list.item(0).text()
    qtbot.mouseClick(page.suggestions.button, Qt.MouseButton.LeftButton)
    assert all({s.person.id, (s.other or s.partner).id} != {chosen.person.id,
                                                            (chosen.other or chosen.partner).id}
               for s in page.suggestions.found)


def test_followups_overdue_and_marked_done(qtbot, page) -> None:
    later = page.followups.today() + timedelta(days=30)
    page.followups.today = lambda: later
    page.followups.refresh()
    overdue = int(page.followups.overdue_label.text().split()[-1])
    assert overdue >= 1
    page.followups.list.setCurrentRow(0)
    page.followups.status.setCurrentIndex(page.followups.status.findData("done"))
    page.followups.rating.setValue(4)
    page.followups.comment.setText("Ya compran juntos")
    qtbot.mouseClick(page.followups.save, Qt.MouseButton.LeftButton)
    assert int(page.followups.overdue_label.text().split()[-1]) == overdue - 1


def test_add_a_partner(qtbot, page) -> None:
    from ui.networking.partner_dialog import PartnerDialog

    dialog = PartnerDialog(page.store, None, page)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.saved is None and dialog.error.text()
    dialog.name.setText("Cámara de Comercio (demo)")
    dialog.offers.setPlainText("Ferias y contactos con compradores")
    dialog.accept()
    page.partners.refresh()
    assert "Cámara de Comercio (demo)" in [p.name for p in page.partners.partners]


def test_a_partner_with_the_name_of_another_is_refused_in_the_dialog(qtbot, page) -> None:
    from ui.networking.partner_dialog import PartnerDialog

    existing = page.store.partners.list()[0]
    before = len(page.store.partners.list())
    dialog = PartnerDialog(page.store, None, page)
    qtbot.addWidget(dialog)
    dialog.name.setText(f"  {existing.name.upper()} ")
    dialog.accept()
    assert dialog.saved is None and existing.id in dialog.error.text()
    assert len(page.store.partners.list()) == before
    edit = PartnerDialog(page.store, existing, page)  # saving a partner as it is still works
    qtbot.addWidget(edit)
    edit.accept()
    assert edit.saved is not None and edit.saved.id == existing.id
