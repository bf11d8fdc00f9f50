"""The app's periodic backup (every ten minutes) follows the rule of every open: a new
backup only when the database changed since the newest one."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator_app.db import list_backups, open_database
from facilitator_app.services.workshops import create_workshop
from facilitator_app.store import Store
from ui.app import make_application
from ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db_file: Path):
    make_application()
    store = Store(open_database(db_file), path=db_file)
    main = MainWindow(store, db_file)
    qtbot.addWidget(main)
    yield main
    main.close()
    store.close()


def timer_fires(qtbot, window: MainWindow) -> str:
    window.statusBar().clearMessage()
    window.backup_timer.timeout.emit()
    qtbot.waitUntil(lambda: window.runner.pool.activeThreadCount() == 0, timeout=10_000)
    qtbot.wait(50)  # the done callback is queued to the GUI thread
    return window.statusBar().currentMessage()


def test_the_periodic_backup_is_taken_only_after_a_change(qtbot, window: MainWindow,
                                                          db_file: Path) -> None:
    assert window.backup_timer.isActive()
    kept = list_backups(db_file)
    assert timer_fires(qtbot, window) == ""
    assert timer_fires(qtbot, window) == ""
    assert list_backups(db_file) == kept
    create_workshop(window.store, "Taller de ventas")
    assert timer_fires(qtbot, window) == "Backup saved."
    after = list_backups(db_file)
    assert len(after) == len(kept) + 1 and after[1:] == kept
