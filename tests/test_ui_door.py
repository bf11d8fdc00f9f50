"""The door, field-ready, driven through the real main window: no scan lost wherever the
focus is, the session running now, bounded undo, name search with the arrows, the exit,
door mode, and walk-ins with their badge on the spot."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from facilitator_app.clock import parse_iso
from facilitator_app.db import open_database
from facilitator_app.demo_data import load_demo
from facilitator_app.models import ConsentPurpose
from facilitator_app.services.badges import badge_token
from facilitator_app.services.checkin import Outcome
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store
from tests.conftest import FixedClock
from ui.app import make_application
from ui.dialogs.attendee_dialog import AttendeeDialog
from ui.main_window import CHECKIN_PAGE, MainWindow

NETWORKING_PAGE = 4


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def window(qtbot, db_file: Path, clock):
    make_application()
    store = Store(open_database(db_file), clock=clock, path=db_file)
    ensure_demo(store)
    main = MainWindow(store, db_file)  # closed here, after door mode is left (not by qtbot)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.door.leave()
    main.close()
    main.deleteLater()  # gone now: a later test's dialog must not find it as its parent
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    store.close()


def click_nav(qtbot, window: MainWindow, row: int) -> None:
    rect = window.nav.visualItemRect(window.nav.item(row))
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def desk(qtbot, window: MainWindow):
    click_nav(qtbot, window, CHECKIN_PAGE)
    page = window.page(CHECKIN_PAGE)
    qtbot.waitUntil(lambda: page.search.hasFocus() and page.finder.index is not None)
    return page


def no_shows(store, workshop):
    people = {p.name: p for p in store.attendees.for_workshop(workshop.id)}
    return [people[spec.name] for spec in load_demo().no_shows()]


def scan(qtbot, widget, token: str) -> None:
    qtbot.keyClicks(widget, token)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def when_modal(kind: type, act, tries: int = 250) -> None:
    """Run `act(dialog)` once a modal dialog of `kind` is up (looking every 20 ms, so a
    slow machine never leaves it open and the test waiting forever)."""
    def look(left: int = tries) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind):
            act(dialog)
        elif left:
            QTimer.singleShot(20, lambda: look(left - 1))

    QTimer.singleShot(20, look)


def answer_box(qtbot, button: QMessageBox.StandardButton, seen: list) -> None:
    """Answer the next message box with `button` (and remember its title)."""
    def answer(box: QMessageBox) -> None:
        seen.append(box.windowTitle())
        qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)

    when_modal(QMessageBox, answer)


def test_a_scan_with_the_focus_on_the_sidebar_admits(qtbot, window) -> None:
    page = desk(qtbot, window)  # opened by a click on the sidebar: the box has the focus
    person = no_shows(page.store, page.workshop)[0]
    window.nav.setFocus()  # as if the facilitator clicked it again
    scan(qtbot, window.nav, badge_token(page.store, page.workshop.id, person.id))
    assert page.result.outcome is Outcome.ADMITTED and page.result.name.text() == person.name
    assert window.stack.currentIndex() == CHECKIN_PAGE  # no type-ahead jump to "Contacts"
    assert window.nav.currentRow() == CHECKIN_PAGE


def test_a_scan_reaches_no_combo_box_and_no_dialog_of_the_desk(qtbot, window) -> None:
    page = desk(qtbot, window)
    first, second = no_shows(page.store, page.workshop)[:2]
    page.session_box.setFocus()
    before = page.session_box.currentIndex()
    scan(qtbot, page.session_box, badge_token(page.store, page.workshop.id, first.id))
    assert page.result.name.text() == first.name and page.session_box.currentIndex() == before
    dialog = AttendeeDialog(page.store, page.workshop, None, page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    scan(qtbot, dialog.edits["given_names"], badge_token(page.store, page.workshop.id,
                                                         second.id))
    assert page.result.name.text() == second.name
    assert dialog.edits["given_names"].text() == "" and dialog.isVisible()


def test_two_scans_from_the_sidebar_prepare_an_introduction(qtbot, window) -> None:
    click_nav(qtbot, window, NETWORKING_PAGE)
    page = window.page(NETWORKING_PAGE)
    qtbot.waitUntil(page.introductions.search.hasFocus)
    people = page.store.attendees.for_workshop(page.workshop.id)
    window.nav.setFocus()
    for person in (people[3], people[7]):
        scan(qtbot, window.nav, badge_token(page.store, page.workshop.id, person.id))
    assert window.stack.currentIndex() == NETWORKING_PAGE
    assert page.introductions.from_box.currentData() == people[3].id
    assert page.introductions.to_box.currentData() == people[7].id


def test_names_typed_at_a_persons_pace_reach_the_search_box(qtbot, window) -> None:
    page = desk(qtbot, window)
    qtbot.keyClicks(page.search, "carla", delay=70)  # begins like a badge code
    qtbot.waitUntil(lambda: page.search.text() == "carla", timeout=1000)
    assert page.result.outcome is None  # no scan, no "unknown code"


def test_a_fixed_clock_picks_the_session_running_now(qtbot, window, clock) -> None:
    page = desk(qtbot, window)
    first, second, third = page.store.sessions.for_workshop(page.workshop.id)
    cases = [(parse_iso(first.starts_at) - timedelta(hours=1), first),  # before the first
             (parse_iso(first.starts_at) + timedelta(minutes=10), first),
             (parse_iso(first.ends_at) + timedelta(minutes=10), second),  # between: the next
             (parse_iso(third.ends_at) + timedelta(hours=3), third)]  # after the last
    for moment, running in cases:
        clock.now = moment
        page.session_box.recheck()
        assert page.session_box.effective_id() == running.id
        assert running.title in page.status.session.text()
    person = no_shows(page.store, page.workshop)[0]
    clock.now = parse_iso(second.starts_at) + timedelta(minutes=5)
    page.session_box.recheck()
    scan(qtbot, page.search, badge_token(page.store, page.workshop.id, person.id))
    assert page.store.db.execute("SELECT session_id FROM checkin_events WHERE attendee_id = ?",
                                 [person.id]).fetchall() == [(second.id,)]
    assert "This session: 1" in page.counts.text()
    page.session_box.choose(third.id)  # the facilitator picks another
    assert third.title in page.status.session.text()
    assert page.desk().session_id == third.id


def test_undo_reaches_only_the_latest_admission_and_stops_at_its_window(qtbot, window,
                                                                        clock) -> None:
    page = desk(qtbot, window)
    first, second = no_shows(page.store, page.workshop)[:2]
    for person in (first, second):
        scan(qtbot, page.search, badge_token(page.store, page.workshop.id, person.id))
        clock.now += timedelta(seconds=20)
    page.show_status()
    assert page.undo_button.text() == f"Undo: {second.name} (Ctrl+Z)"
    qtbot.keyClick(page.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.result.headline.text() == "Admission undone"
    assert page.result.name.text() == second.name
    for _ in range(4):  # Ctrl+Z again and again: never the earlier admission
        qtbot.keyClick(page.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert page.result.headline.text() == "Nothing undone"
    assert "already undone" in page.result.words.text()
    undone = page.store.db.execute(
        "SELECT COUNT(*) FROM checkin_events WHERE kind = 'undone'").fetchone()[0]
    assert undone == 1
    qtbot.keyClick(page.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier |
                   Qt.KeyboardModifier.ShiftModifier)
    assert page.result.outcome is Outcome.ADMITTED and page.result.name.text() == second.name
    clock.now += timedelta(minutes=2, seconds=1)
    page.undo.update_state()
    assert not page.undo_button.isEnabled()
    page.undo.undo()
    assert "more than 2 minutes" in page.result.words.text()


def test_the_arrows_pick_the_second_match_and_enter_admits_it(qtbot, window) -> None:
    page = desk(qtbot, window)
    page.search.setText("a")  # many people: at least two matches
    assert page.matches.count() >= 2
    wanted = page.matches.item(1).data(Qt.ItemDataRole.UserRole)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.matches.currentRow() == 1 and page.search.hasFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    admitted = page.store.db.execute(
        "SELECT attendee_id FROM checkin_events ORDER BY rowid DESC LIMIT 1").fetchone()[0]
    assert admitted == wanted
    assert page.search.text() == "" and page.search.hasFocus()  # ready for the next one


def test_nobody_found_keeps_the_text_and_offers_a_prefilled_walk_in(qtbot, window) -> None:
    page = desk(qtbot, window)
    page.search.setText("zoraida de la quispe")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.finder.nobody_shown() and "zoraida de la quispe" in page.finder.nobody.text()
    assert page.search.text() == "zoraida de la quispe"  # never wiped
    assert page.result.outcome is None  # never "unknown code"
    assert page.result.headline.text() == "Nobody found"  # said large, with the text
    assert page.result.name.text() == "zoraida de la quispe"
    seen = {}

    def look_and_cancel(dialog) -> None:
        seen["given"] = dialog.edits["given_names"].text()
        seen["family"] = dialog.edits["family_names"].text()
        dialog.reject()

    when_modal(AttendeeDialog, look_and_cancel)
    qtbot.keyClick(page.search, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert seen == {"given": "Zoraida", "family": "de la Quispe"}


def test_the_exit_checks_out_by_scan_and_check_out_says_why_it_did_nothing(qtbot,
                                                                           window) -> None:
    page = desk(qtbot, window)
    person = no_shows(page.store, page.workshop)[0]
    token = badge_token(page.store, page.workshop.id, person.id)
    scan(qtbot, page.search, token)
    qtbot.mouseClick(page.mode.exit, Qt.MouseButton.LeftButton)
    assert "Exit" in page.status.session.text()
    scan(qtbot, page.search, token)
    assert page.result.outcome is Outcome.CHECKED_OUT
    scan(qtbot, page.search, token)
    assert page.result.outcome is Outcome.NOT_IN and page.result.repeats == 1
    page.search.clear()
    qtbot.mouseClick(page.checkout_button, Qt.MouseButton.LeftButton)
    assert page.result.headline.text() == "Nobody checked out"
    assert "Search a name" in page.result.words.text()


def test_door_mode_locks_navigation_and_esc_asks_before_leaving(qtbot, window) -> None:
    page = desk(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.door.active and window.isFullScreen()
    assert not window.nav.isVisible() and not window.menuBar().isVisible()
    qtbot.keyClick(page.search, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    window.show_page(0)
    assert window.stack.currentIndex() == CHECKIN_PAGE
    seen: list[str] = []
    answer_box(qtbot, QMessageBox.StandardButton.No, seen)
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert seen == ["Leave door mode?"] and window.door.active
    qtbot.waitUntil(window.isActiveWindow)
    answer_box(qtbot, QMessageBox.StandardButton.Yes, seen)
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    assert not window.door.active and window.nav.isVisible()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == 0


def test_door_mode_is_readable_from_across_the_door(qtbot, window) -> None:
    page = desk(qtbot, window)
    window.door.enter()
    window.resize(1366, 768)  # the laptop's screen (the offscreen one is smaller)
    qtbot.waitUntil(lambda: page.result.width() > 1000)
    person = no_shows(page.store, page.workshop)[0]
    token = badge_token(page.store, page.workshop.id, person.id)
    page.handle_code(token, None)
    assert page.result.name.font().pixelSize() >= 48
    assert page.result.name.fontMetrics().height() >= 48
    for code in ("C" + "Q" * 26, "C" + "Q" * 26):  # forged twice: the second is visibly new
        page.handle_code(code, None)
        assert page.result.headline.text() == "Forged code"
        assert page.result.headline.font().pixelSize() >= 48 and page.result.flashing
    assert page.result.repeats == 2 and page.result.repeat.text() == "×2"
    glyph_free = page.result.icon.grab()  # the icon is drawn: it has ink of its colour
    assert not glyph_free.isNull() and glyph_free.size() == QSize(page.result.icon.side,
                                                                  page.result.icon.side)


def test_without_a_camera_the_answer_takes_the_room(qtbot, window) -> None:
    page = desk(qtbot, window)
    assert not page.camera.running and not page.camera.isVisible()
    assert page.result.width() > 0.8 * page.width()
    assert page.camera.controls.isVisible()  # the camera's status stays in view


def test_a_walk_in_needs_consent_then_gets_a_badge_on_the_spot(qtbot, window,
                                                               tmp_path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from ui.dialogs.badge_dialog import render_pdf_page

    page = desk(qtbot, window)
    page.search.setText("Génesis Useche")
    seen = {}

    def fill_in(dialog) -> None:
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        seen["before"] = save.isEnabled()
        dialog.consent_checks[ConsentPurpose.PROCESSING].setChecked(True)
        seen["without_how"] = save.isEnabled()
        dialog.consent_method.setCurrentIndex(dialog.consent_method.findData("verbal"))
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        seen["result"] = page.result.outcome  # admitted as soon as saved
        offer = dialog.badge_offer
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        offer.layout_box.setCurrentIndex(offer.layout_box.findData("label62"))
        offer.prepare(printer)
        offer.print_to(printer)
        seen["printed"] = render_pdf_page(tmp_path / "printed.pdf", QSize(1100, 750))
        seen["png"] = offer.save_qr_to(tmp_path / "qr")
        offer.show_qr()
        seen["shown"] = offer.qr_window.view.grab().toImage()
        offer.qr_window.close()
        seen["token"] = offer.token
        done = next(b for b in dialog.findChildren(type(save)) if b.text() == "Done")
        qtbot.mouseClick(done, Qt.MouseButton.LeftButton)

    when_modal(AttendeeDialog, fill_in)
    page.walk_in(page.finder.typed_name())
    assert seen["before"] is False and seen["without_how"] is False
    assert seen["result"] is Outcome.ADMITTED
    assert page.result.name.text() == "Génesis Useche"
    for image in (seen["printed"], seen["shown"]):
        found = zxingcpp.read_barcodes(image.convertToFormat(QImage.Format.Format_Grayscale8))
        assert [r.text for r in found] == [seen["token"]]
    assert seen["png"].suffix == ".png"
    from PIL import Image

    assert [r.text for r in zxingcpp.read_barcodes(Image.open(seen["png"]))] == [seen["token"]]
    from facilitator_app.services.export_log import exports_log

    (logged,) = [e for e in exports_log(window.store) if e.kind == "badges"]  # it left
    assert (logged.people, logged.file_name) == (1, seen["png"].name)


def test_a_walk_in_on_a_desk_that_cannot_make_badges_is_saved_and_told_where(
        qtbot, window) -> None:
    store = window.store
    workshop = store.workshops.list()[0]
    with store.transaction():  # a second desk: it verifies the badges, the first one makes them
        store.db.execute("DELETE FROM local_keys WHERE kind = 'mint' AND ref = ?", [workshop.id])
    page = desk(qtbot, window)
    page.search.setText("Ulises Tovar")
    seen = {}

    def fill_in(dialog) -> None:
        save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
        dialog.consent_checks[ConsentPurpose.PROCESSING].setChecked(True)
        dialog.consent_method.setCurrentIndex(dialog.consent_method.findData("verbal"))
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        seen["offer"] = dialog.badge_offer.text()
        seen["step"] = dialog.steps.currentIndex()
        done = next(b for b in dialog.findChildren(type(save)) if b.text() == "Done")
        qtbot.mouseClick(done, Qt.MouseButton.LeftButton)

    when_modal(AttendeeDialog, fill_in)
    page.walk_in(page.finder.typed_name())
    assert seen["step"] == 1
    assert seen["offer"].startswith("Ulises Tovar is registered.")
    assert len(seen["offer"]) > len("Ulises Tovar is registered.") + 20  # and says where
    assert any(p.name == "Ulises Tovar" for p in store.attendees.for_workshop(workshop.id))
