"""Agenda builder, runner and presenter screen with real widgets (offscreen)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from facilitator_app.clock import parse_iso
from facilitator_app.db import open_database
from facilitator_app.services.agenda import AgendaItem, load_agenda, save_agenda
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store
from facilitator_app.wording import gettext_in
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
    start = parse_iso(page.current_session().starts_at).astimezone()
    assert f"{start:%H:%M}" == "09:30"  # the demo's first session: 09:30 to 11:00
    assert page.agenda.total.text() == "Planned 45 of 90 minutes · ends at 10:15, the slot " \
        "at 11:00"
    assert [page.agenda.agenda.item(r).text() for r in range(3)] == [
        "09:30–09:45  Tu pitch de 60 segundos · 15 min",
        "09:45–10:05  Costos y precio justo · 20 min", "10:05–10:15  Break · 10 min"]
    page.agenda.agenda.setCurrentRow(2)
    qtbot.keyClick(page.agenda.agenda, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert titles(page) == ["Tu pitch de 60 segundos", "Break", "Costos y precio justo"]
    stored = load_agenda(page.store, page.current_session().id)
    assert [item.title for item in stored] == titles(page)
    for row in (2, 3, 4, 6):
        add(qtbot, page, row)
    assert "over the slot" in page.agenda.total.text()
    assert "ends at 11:" in page.agenda.total.text() and "the slot at 11:00" in \
        page.agenda.total.text()
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
    assert page.run.log.item(0).text().endswith(
        "  Tu pitch de 60 segundos  (16 of 15 min) · ✔ 17 ✖ 3")
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


def test_a_spanish_session_opens_on_its_decks(qtbot, page) -> None:
    english = next(i for i, d in enumerate(page.agenda.decks) if d.id == "creando-en")
    page.agenda.deck_box.setCurrentIndex(english)
    page.session_list.setCurrentRow(1)  # a Spanish workshop's session, empty agenda
    assert page.agenda.current_deck().id == "creando-es"
    page.tabs.setCurrentWidget(page.agenda)
    page.agenda.modules.setCurrentRow(0)
    page.agenda.modules.setFocus()
    qtbot.keyClick(page.agenda.modules, Qt.Key.Key_Return)  # one Enter adds a module
    assert [(i.deck_id, i.title) for i in page.agenda.items()] == [
        ("creando-es", "Tu pitch de 60 segundos")]
    deck = next(d for d in page.agenda.decks if d.id == "creando-en")
    save_agenda(page.store, page.sessions[2].id, [AgendaItem.of_module(deck.id,
                                                                       deck.modules[1])])
    page.session_list.setCurrentRow(2)  # an agenda already built from the English deck
    assert page.agenda.current_deck().id == "creando-en"


def start_run(qtbot, page, rows: tuple[int, ...]) -> FixedClock:
    clock = FixedClock()
    page.run.clock = clock
    for row in rows:
        add(qtbot, page, row)
    page.run.set_session(page.current_session())
    return clock


def test_the_clicker_drives_the_presenter(qtbot, page) -> None:
    clock = start_run(qtbot, page, (0, 1, 2))
    presenter = page.run.open_presenter()
    qtbot.waitExposed(presenter)
    runner = page.run.runner
    qtbot.keyClick(presenter, Qt.Key.Key_Space)  # start
    assert runner.state == "running" and presenter.state.text() == ""
    assert presenter.upcoming.text() == "Next: Costos y precio justo"
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    assert runner.state == "paused" and presenter.state.text() == "Paused"
    qtbot.keyClick(presenter, Qt.Key.Key_Space)
    clock.now += timedelta(minutes=4)
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)
    assert runner.index == 1 and presenter.title.text() == "Costos y precio justo"
    qtbot.keyClick(presenter, Qt.Key.Key_Right)  # passed over at once
    assert runner.index == 2 and presenter.upcoming.text() == ""
    qtbot.keyClick(presenter, Qt.Key.Key_PageUp)
    qtbot.keyClick(presenter, Qt.Key.Key_Left)
    assert runner.index == 0
    qtbot.keyClick(presenter, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert runner.index == 1
    qtbot.keyClick(presenter, Qt.Key.Key_Left, Qt.KeyboardModifier.ControlModifier)
    assert runner.index == 0
    for key in (Qt.Key.Key_B, Qt.Key.Key_Period):
        qtbot.keyClick(presenter, key)
        assert presenter.black.isVisible() and presenter.black.geometry() == presenter.rect()
        qtbot.keyClick(presenter, key)
        assert not presenter.black.isVisible()
    qtbot.keyClick(presenter, Qt.Key.Key_Escape)
    assert not presenter.isVisible()
    log = page.store.agendas.delivery_log(page.current_session().id)
    assert [(d["module_id"], d["status"]) for d in log] == [
        ("pitch-60", "delivered"), ("costos-precio", "skipped"),
        ("whatsapp-business", "skipped"), ("costos-precio", "skipped"),
        ("pitch-60", "delivered"),  # a moment back on a module delivered already
        ("costos-precio", "skipped")]  # the first pitch ran 4 minutes (3 are needed)


def test_modules_skipped_quickly_are_logged_and_left_out_of_the_handout(qtbot, page,
                                                                        tmp_path) -> None:
    from pypdf import PdfReader

    from facilitator_app.services.exports import export

    clock = start_run(qtbot, page, (0, 1, 2))  # pitch 15, prices 20, WhatsApp 15 minutes
    page.tabs.setCurrentWidget(page.run)
    qtbot.keyClick(page.run, Qt.Key.Key_Space)
    clock.now += timedelta(seconds=20)
    qtbot.keyClick(page.run, Qt.Key.Key_PageDown)
    clock.now += timedelta(minutes=16)
    qtbot.keyClick(page.run, Qt.Key.Key_PageDown)
    clock.now += timedelta(seconds=75)
    qtbot.keyClick(page.run, Qt.Key.Key_PageDown)
    lines = [page.run.log.item(r).text() for r in range(page.run.log.count())]
    assert lines[2].endswith("  Tu pitch de 60 segundos  (skipped after 00:20 of 15 min)")
    assert lines[1].endswith("  Costos y precio justo  (16 of 20 min)")
    assert lines[0].endswith("  Vender con WhatsApp Business  (skipped after 01:15 of 15 min)")
    assert page.run.title.text() == "Session finished: 1 module delivered, 2 skipped."
    target, count = export(page.store, "handout", tmp_path / "h.pdf",
                           session=page.current_session().id)
    text = "\n".join(p.extract_text() for p in PdfReader(target).pages)
    assert count == 1 and "1. Costos y precio justo" in text and "2. " not in text
    spanish = gettext_in("es")  # the handout speaks its content's language, not the app's
    flat = " ".join(text.split())
    assert spanish("These are the modules delivered in this session.") in flat
    assert "These are the modules" not in flat
    assert spanish("Skipped in this session (not covered): {titles}").format(
        titles="Tu pitch de 60 segundos, Vender con WhatsApp Business") in flat
    assert "undp.org" not in text and "business.whatsapp.com" not in text  # their links
    assert "gob.pe/tuempresa" in text


def test_phone_share_is_legible_at_640x360(qtbot, page) -> None:
    start_run(qtbot, page, (0, 1))
    page.run.phone_share.setChecked(True)
    presenter = page.run.open_presenter()
    presenter.resize(640, 360)
    qtbot.waitExposed(presenter)
    qtbot.wait(50)
    page.run.toggle()
    assert presenter.codes.count() == 0 and presenter.pages() == 2
    assert not shown_codes(presenter)
    assert presenter.points.text().count("•") == 2
    assert "Quién eres y qué vendes" in presenter.points.text()
    assert presenter.title.font().pixelSize() >= 36 and presenter.points.font().pixelSize() >= 24
    assert presenter.title.geometry().bottom() < presenter.points.geometry().top()
    used = presenter._text_height(presenter.points, presenter.points.width())
    assert presenter.points.geometry().top() + used <= presenter.state.geometry().top()
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)  # the next page of the same module
    assert page.run.runner.index == 0 and "Tu diferencia" in presenter.points.text()
    assert presenter.title.text() == "Tu pitch de 60 segundos  (2/2)"
    qtbot.keyClick(presenter, Qt.Key.Key_PageDown)  # then the next module
    assert page.run.runner.index == 1 and "Costo unitario" in presenter.points.text()
    qtbot.keyClick(presenter, Qt.Key.Key_PageUp)
    assert page.run.runner.index == 0 and presenter.page == 0
    page.run.phone_share.setChecked(False)
    assert presenter.codes.count() == 2 and presenter.points.text().count("•") == 4
    qtbot.wait(20)
    assert len(shown_codes(presenter)) == 1
    page.run.phone_share.setChecked(True)  # while it is on screen
    qtbot.wait(20)
    assert not shown_codes(presenter)


def shown_codes(presenter) -> list[QLabel]:
    """The QR codes a viewer sees."""
    return [label for label in presenter.findChildren(QLabel)
            if label.isVisible() and not label.pixmap().isNull()]


def test_the_delivery_minimum_is_kept_per_session(qtbot, page) -> None:
    from facilitator_app.services.runner import DeliveryRule, default_rule, delivery_rule

    first = page.current_session()
    assert (page.run.rule_minutes.value(), page.run.rule_percent.value()) == (1, 20)
    page.run.rule_minutes.setValue(3)
    page.run.rule_percent.setValue(40)
    assert delivery_rule(page.store, first.id) == DeliveryRule(3, 40)
    page.session_list.setCurrentRow(1)
    assert (page.run.rule_minutes.value(), page.run.rule_percent.value()) == (1, 20)
    page.session_list.setCurrentRow(0)
    assert page.run.runner.rule == DeliveryRule(3, 40)
    qtbot.mouseClick(page.run.rule_default, Qt.MouseButton.LeftButton)
    assert default_rule() == DeliveryRule(3, 40)
