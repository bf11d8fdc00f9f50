"""The main window on the demo: every navigation entry, the switcher, language, dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from facilitator_app.db import open_database
from facilitator_app.services.demo import ensure_demo
from facilitator_app.settings import load_settings
from facilitator_app.store import Store
from ui.app import make_application
from ui.dialogs.workshop_dialog import WorkshopDialog
from ui.main_window import MainWindow
from ui.pages.overview import OverviewPage


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
    main.close()
    store.close()


def click_nav(qtbot, window: MainWindow, row: int) -> None:
    item = window.nav.item(row)
    rect = window.nav.visualItemRect(item)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_overview_shows_the_demo_counts(window: MainWindow) -> None:
    overview = window.page(0)
    assert isinstance(overview, OverviewPage)
    assert window.stack.currentWidget() is overview
    assert overview.cards["registered"].value.text() == "60"
    assert overview.cards["online"].value.text() == "13"  # who reached a session's minimum
    assert overview.cards["introductions"].value.text() == "10"
    assert overview.sessions.count() == 3
    assert overview.demo_note.isVisible()


def test_clicking_every_navigation_entry_shows_its_page(qtbot, window: MainWindow) -> None:
    assert window.nav.count() == 8
    for row in range(window.nav.count()):
        click_nav(qtbot, window, row)
        assert window.stack.currentIndex() == row
        page = window.stack.currentWidget()
        assert page.isVisible() and page is window.page(row)
    click_nav(qtbot, window, 0)
    assert window.stack.currentWidget() is window.page(0)


def test_keyboard_shortcuts_switch_pages(qtbot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == 2


def test_switching_language_retranslates_everything_and_is_remembered(
    window: MainWindow,
) -> None:
    window.language_actions["es"].trigger()
    assert window.nav.item(0).text() == "Resumen del taller"
    assert window.page(0).cards["registered"].caption.text() != "Registered"
    assert load_settings()["language"] == "es"
    window.language_actions["en"].trigger()
    assert window.nav.item(0).text() == "Workshop overview"
    assert load_settings()["language"] == "en"


def test_an_empty_database_offers_create_or_demo(qtbot, tmp_path: Path) -> None:
    make_application()
    store = Store(open_database(tmp_path / "empty.db"), path=tmp_path / "empty.db")
    main = MainWindow(store, tmp_path / "empty.db")
    qtbot.addWidget(main)
    main.show()
    assert main.modes.currentWidget() is main.welcome
    assert not main.switcher.isEnabled()
    qtbot.mouseClick(main.welcome.demo_button, Qt.MouseButton.LeftButton)
    assert main.modes.currentIndex() == 1
    assert main.page(0).cards["registered"].value.text() == "60"
    main.close()
    store.close()


def test_a_staff_laptop_with_no_workshop_reaches_the_programme(qtbot, tmp_path: Path) -> None:
    """The hub runs on laptops that hold no workshop: the welcome screen leads there, and
    every other page stands a missing workshop."""
    from ui.pages.programme import ProgrammePage

    make_application()
    store = Store(open_database(tmp_path / "empty.db"), path=tmp_path / "empty.db")
    main = MainWindow(store, tmp_path / "empty.db")
    qtbot.addWidget(main)
    main.show()
    qtbot.mouseClick(main.welcome.programme_button, Qt.MouseButton.LeftButton)
    assert main.modes.currentIndex() == 1
    assert isinstance(main.stack.currentWidget(), ProgrammePage)
    assert store.workshops.list() == []  # nothing was created behind the user's back
    for row in range(main.nav.count()):
        main.nav.setCurrentRow(row)
        assert main.stack.currentWidget().isVisible()
    main.close()
    store.close()


def test_closing_waits_for_the_pages_own_work(qtbot, window: MainWindow) -> None:
    """An import or export still running on a page's own runner finishes before the
    window lets the database go."""
    import threading
    import time

    from ui.pages.registry import PROGRAMME_PAGE
    from ui.tasks import TaskRunner

    page = window.page(PROGRAMME_PAGE)
    runners = page.findChildren(TaskRunner)
    assert runners
    finished = threading.Event()
    runners[0].run(lambda: (time.sleep(0.3), finished.set()), lambda _r: None,
                   lambda _e, _d: None)
    window.wait_for_work()
    assert finished.is_set()


def test_creating_a_workshop_in_the_dialog(qtbot, window: MainWindow) -> None:
    dialog = WorkshopDialog(window.store, window)
    qtbot.addWidget(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.created is None and dialog.error.text()  # no title: stays open, says why
    qtbot.keyClicks(dialog.title, "Taller de costos")
    dialog.sessions.setPlainText("Costos fijos\nPrecio justo\n")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.created is not None
    assert [s.title for s in dialog.created.sessions] == ["Costos fijos", "Precio justo"]
    window.reload_workshops(select=dialog.created.workshop.id)
    assert window.switcher.currentText() == "Taller de costos"
    assert window.page(0).heading.text() == "Taller de costos"


def test_the_switcher_changes_the_overview(qtbot, window: MainWindow) -> None:
    from facilitator_app.services.workshops import create_workshop

    create_workshop(window.store, "Segundo taller")
    window.reload_workshops()
    index = window.switcher.findText("Segundo taller")
    window.switcher.setCurrentIndex(index)
    assert window.page(0).cards["registered"].value.text() == "0"


def test_a_damaged_database_offers_the_restore_and_restores(qtbot, db_file: Path) -> None:
    from tests.test_corrupt_database import damage, make_demo_db
    from ui.app import open_store_interactively

    make_application()
    make_demo_db(db_file)
    damage(db_file)

    def press_restore() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        assert "damaged" in box.text()
        restore = next(b for b in box.buttons()
                       if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
        qtbot.mouseClick(restore, Qt.MouseButton.LeftButton)

    QTimer.singleShot(100, press_restore)
    store = open_store_interactively(db_file)
    assert store is not None and store.workshops.demo() is not None
    store.close()
