"""Switching the language while the app runs: no text of the other language stays on any
tab of the Sessions page (its presenter screen included) nor, page by page, anywhere in the
main window. Visible texts are compared with the catalogue: after switching to Spanish, a
text that is an English source string whose Spanish differs is a failure, and the reverse."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from facilitator_app.db import open_database
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store
from tests.conftest import FIXTURES, FixedClock
from tests.ui_texts import languages, visible_texts
from ui.app import make_application
from ui.main_window import MainWindow
from ui.pages.registry import PAGES

SESSIONS = next(i for i, spec in enumerate(PAGES) if spec.title == "Sessions")


@pytest.fixture(scope="module")
def catalogue():
    return languages()


@pytest.fixture
def window(qtbot, db_file: Path):
    make_application()
    store = Store(open_database(db_file), path=db_file)
    ensure_demo(store)
    main = MainWindow(store, db_file)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    sessions = main.pages[SESSIONS]
    if sessions is not None:
        sessions.run.close_presenter()
    main.close()
    store.close()


def close_review() -> None:
    dialog = QApplication.activeModalWidget()
    if dialog is not None:
        dialog.reject()


def busy_sessions_page(qtbot, window: MainWindow):
    """The Sessions page in use: an online report imported (its notes shown), a run with a
    skipped module and a delivered one, the presenter open, rooms built."""
    window.show_page(SESSIONS)
    page = window.page(SESSIONS)
    page.session_list.setCurrentRow(0)
    QTimer.singleShot(300, close_review)  # names to review open a dialog: not now
    page.import_file(FIXTURES / "zoom" / "zoom_join_rows_meeting_preamble.csv")
    clock = FixedClock()
    page.run.clock = clock
    page.run.set_session(page.current_session())
    page.run.toggle()
    clock.now += timedelta(seconds=20)
    page.run.next()  # skipped
    clock.now += timedelta(minutes=20)
    page.run.next()  # delivered
    page.run.toggle()  # paused: "Paused" on the presenter
    presenter = page.run.open_presenter()
    qtbot.waitExposed(presenter)
    page.breakout.build()
    page.breakout.save_zoom_csv(Path(page.store.path).parent / "salas.csv")
    return page, presenter


def leftovers(root, other_language) -> list[str]:
    return other_language.found_in(visible_texts(root))


def each_tab(page):
    """Show each tab of every tab widget on `page` in turn (once when it has none)."""
    from PySide6.QtWidgets import QTabWidget

    groups = page.findChildren(QTabWidget)
    if not groups:
        yield ""
    for tabs in groups:
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            yield tabs.tabText(index)


def test_the_sessions_page_speaks_only_the_language_chosen(qtbot, window, catalogue) -> None:
    english, spanish = catalogue
    page, presenter = busy_sessions_page(qtbot, window)
    assert page.report_notes.isVisible() and page.run.log.count() == 2
    assert page.run.log.item(1).text().endswith("(skipped after 00:20 of 15 min)")
    assert "people for Zoom" in page.breakout.outcome.text()
    qr = page.followup.show_digest_qr()
    for code, other in (("es", english), ("en", spanish)):
        window.set_language(code)
        for tab in each_tab(page):
            assert leftovers(page, other) == [], (code, tab)
        assert leftovers(presenter, other) == [], (code, "presenter")
        assert leftovers(qr, other) == [], (code, "QR code")
    window.set_language("es")
    assert page.tabs.tabText(2) == "Conduce la sesión"
    assert presenter.state.text() == "En pausa"
    assert page.run.log.item(1).text().endswith("(omitido tras 00:20 de 15 min)")
    assert "personas para Zoom" in page.breakout.outcome.text()
    assert page.report_notes.text().startswith("• Facilitadora CREANDO es quien organiza")
    qr.close()


def test_the_test_sees_a_text_left_in_the_other_language(qtbot, window, catalogue) -> None:
    """The check itself: a label not translated again is found."""
    english, _spanish = catalogue
    page, _presenter = busy_sessions_page(qtbot, window)
    window.set_language("es")
    page.tabs.setCurrentWidget(page.run)
    page.run.hand_label.setText("Hand count:")
    assert leftovers(page, english) == ["Hand count:"]


@pytest.mark.parametrize("index", range(len(PAGES)), ids=[spec.title for spec in PAGES])
def test_every_page_of_the_main_window_follows_the_language(qtbot, window, catalogue,
                                                            index) -> None:
    title = PAGES[index].title
    english, spanish = catalogue
    window.show_page(index)
    page = window.page(index)
    for code, other in (("es", english), ("en", spanish)):
        window.set_language(code)
        for tab in each_tab(page):
            assert leftovers(window, other) == [], (code, title, tab)
