"""Agenda builder, runner and presenter screen with real widgets (offscreen)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from facilitator_app.db import open_database
from facilitator_app.services.agenda import load_agenda
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store
from tests.conftest import FixedClock
from ui.app import make_application
from ui.pages.sessions import SessionsPage


@pytest.fixture
def page(qtbot, db_file: Path):
    make_application()
    store = Store(open_database(db_file), path=db_file)
    workshop, _ = ensure_demo(store)
    with store.transaction():  # start from empty agendas: the demo plans its own
        store.db.execute("DELETE FROM agenda_items")
        store.db.execute("DELETE FROM module_deliveries")
    sessions = SessionsPage(store)
    qtbot.addWidget(sessions)
    sessions.set_workshop(workshop)
    sessions.show()
    sessions.session_list.setCurrentRow(0)  # 90 minutes
    spanish = next(i for i, d in enumerate(sessions.agenda.decks) if d.id == "creando-es")
    sessions.agenda.deck_box.setCurrentIndex(spanish)
    yield sessions
    sessions.run.close_presenter()
    store.close()


def add(qtbot, page, row: int) -> None:
    page.agenda.modules.setCurrentRow(row)
    qtbot.mouseClick(page.agenda.add_button, Qt.MouseButton.LeftButton)


def titles(page) -> list[str]:
    return [item.title for item in page.agenda.items()]


def test_build_reorder_and_total_against_the_slot(qtbot, page) -> None:
    page.tabs.setCurrentWidget(page.agenda)
    add(qtbot, page, 0)  # pitch, 15
    add(qtbot, page, 1)  # prices, 20
    qtbot.mouseClick(page.agenda.break_button, Qt.MouseButton.LeftButton)
    assert page.agenda.total.text() == "Planned 45 of 90 minutes"
    page.agenda.agenda.setCurrentRow(2)
    qtbot.keyClick(page.agenda.agenda, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert titles(page) == ["Tu pitch de 60 segundos", "Break", "Costos y precio justo"]
    stored = load_agenda(page.store, page.current_session().id)
    assert [item.title for item in stored] == titles(page)
    for row in (2, 3, 4, 6):
        add(qtbot, page, row)
    assert "over the slot" in page.agenda.total.text()
    qtbot.keyClick(page.agenda.agenda, Qt.Key.Key_Delete)
    assert len(titles(page)) == 6


def test_templates_are_reused_in_another_session(qtbot, page) -> None:
    add(qtbot, page, 0)
    add(qtbot, page, 2)
    page.agenda.save_as_template("Mañana corta")
    page.session_list.setCurrentRow(1)
    assert titles(page) == []
    page.agenda.template_box.setCurrentText("Mañana corta")
    qtbot.mouseClick(page.agenda.use_template_button, Qt.MouseButton.LeftButton)
    assert titles(page) == ["Tu pitch de 60 segundos", "Vender con WhatsApp Business"]


def test_run_with_timer_overtime_hand_count_and_log(qtbot, page) -> None:
    clock = FixedClock()
    page.run.clock = clock
    add(qtbot, page, 0)
    add(qtbot, page, 1)
    page.run.set_session(page.current_session())
    page.tabs.setCurrentWidget(page.run)
    assert page.run.title.text() == "Tu pitch de 60 segundos"
    assert "SUNAT" not in page.run.content.toPlainText()
    assert page.run.notes.toPlainText().startswith("Facilitator notes")
    qtbot.mouseClick(page.run.start_button, Qt.MouseButton.LeftButton)
    clock.now += timedelta(minutes=14, seconds=30)
    page.run.tick()
    assert page.run.countdown.text() == "00:30" and page.run.status.text() == "Running"
    clock.now += timedelta(minutes=2)
    page.run.tick()
    assert page.run.countdown.text() == "+01:30"
    assert "Over time by 01:30" in page.run.status.text()
    page.run.useful_yes.setValue(17)
    page.run.useful_no.setValue(3)
    qtbot.keyClick(page.run, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert page.run.title.text() == "Costos y precio justo"
    assert "Tu pitch de 60 segundos  (16 of 15 min) · ✔ 17 ✖ 3" in page.run.log.item(0).text()
    delivered = page.store.agendas.deliveries(page.current_session().id)
    assert [(d["module_id"], d["useful_yes"], d["useful_no"]) for d in delivered] == [
        ("pitch-60", 17, 3)]


def test_the_presenter_window_opens_on_a_screen(qtbot, page) -> None:
    page.run.clock = FixedClock()
    add(qtbot, page, 0)
    page.run.set_session(page.current_session())
    page.run.start_button.click()
    presenter = page.run.open_presenter()
    qtbot.waitExposed(presenter)
    assert presenter.isVisible() and presenter.screen() in QGuiApplication.screens()
    assert presenter.title.text() == "Tu pitch de 60 segundos"
    assert "Quién eres y qué vendes" in presenter.points.text()
    assert presenter.codes.count() == 2  # one resource: its QR and its caption
    assert presenter.timer.text() == "15:00"
    page.run.full_screen.setChecked(True)
    page.run.open_presenter()
    assert presenter.isFullScreen()


def test_the_deck_library_reads_modules_and_shows_problems(qtbot, page, tmp_path) -> None:
    from tests.test_decks import good, make_deck

    library = page.deck_library
    library.module_list.setCurrentRow(0)
    assert "Tu pitch de 60 segundos" in library.reader.toPlainText() or \
        "Your 60-second pitch" in library.reader.toPlainText()
    folder = make_deck(tmp_path / "importado", {"01.md": good(), "02.md": good(minutes='"x"')})
    deck = library.import_path(folder)
    assert deck is not None and library.problems.item(0).text().startswith("⚠ 02.md:4:")
    assert "importado" in [d.id for d in page.agenda.decks]
