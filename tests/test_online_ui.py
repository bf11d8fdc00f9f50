"""The Sessions page shows what an import noticed (hosts and bots left out, people in doubt,
flags), and its file dialog offers the XLSX attendance sheets too."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from facilitator_app.db import open_database
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store
from tests.conftest import FIXTURES
from ui.app import make_application
from ui.dialogs.review_dialog import ReviewDialog
from ui.pages.sessions import SessionsPage


@pytest.fixture
def page(qtbot, db_file: Path):
    make_application()
    store = Store(open_database(db_file), path=db_file)
    workshop, _ = ensure_demo(store)
    sessions = SessionsPage(store)
    qtbot.addWidget(sessions)
    sessions.set_workshop(workshop)
    sessions.show()
    sessions.session_list.setCurrentRow(1)
    yield sessions
    store.close()


def close_the_review(seen: list) -> None:
    dialog = QApplication.activeModalWidget()
    seen.append(isinstance(dialog, ReviewDialog) and dialog.rows.count())
    dialog.reject()


def test_the_notes_and_flags_of_an_import_are_shown(qtbot, page) -> None:
    seen: list = []
    QTimer.singleShot(100, lambda: close_the_review(seen))
    result = page.import_file(FIXTURES / "zoom" / "zoom_two_devices_same_names.csv")
    assert result is not None and seen == [7]  # nobody registered: all seven to review
    assert page.report_notes.isVisible()
    lines = page.report_notes.text().splitlines()
    assert "• Facilitadora is the meeting's host and was left out." in lines
    assert ("• Marisol: Joined from two devices at once: the overlap is counted once."
            in lines)
    page.session_list.setCurrentRow(0)  # another session: its own report, not this one's
    assert not page.report_notes.isVisible()
    page.session_list.setCurrentRow(1)
    assert page.report_notes.isVisible()


def test_an_xlsx_sheet_imports_from_the_page(qtbot, page) -> None:
    seen: list = []
    QTimer.singleShot(100, lambda: close_the_review(seen))
    result = page.import_file(FIXTURES / "meet" / "meet_attendance_google_sheet.xlsx")
    assert result is not None and result.report.platform == "meet"
    assert "Otter.ai is a note-taking bot" in page.report_notes.text()
