"""The Sessions page shows what an import noticed (hosts and bots left out, people in doubt,
flags), and its file dialog offers the XLSX attendance sheets too."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from tests.conftest import FIXTURES
from ui.dialogs.review_dialog import ReviewDialog


@pytest.fixture
def page(demo_sessions_page):
    demo_sessions_page.session_list.setCurrentRow(1)
    return demo_sessions_page


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
