"""The Sessions page: import an online report, review doubtful rows, see both modes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from facilitator_app.models import CheckinMethod
from facilitator_app.services.checkin import Desk, admit
from tests.test_online_attendance import zoom_file
from ui.dialogs.review_dialog import ReviewDialog


@pytest.fixture
def page(demo_sessions_page):
    demo_sessions_page.session_list.setCurrentRow(1)
    return demo_sessions_page


def people(page):
    return {p.name: p for p in page.store.attendees.for_workshop(page.workshop.id)}


def test_both_modes_side_by_side_after_an_import(qtbot, page, tmp_path) -> None:
    named = people(page)
    in_both = named["Rosa Elena Chávez Núñez"]
    admit(page.store, Desk(page.workshop.id, page.current_session().id), in_both.id,
          CheckinMethod.SEARCH)
    report = zoom_file(tmp_path / "z.csv", [(in_both.name, in_both.email, "10:00:00",
                                             "11:50:00")])
    result = page.import_file(report)
    assert result is not None and result.people[0].match.status == "matched"
    row = next(r for r in range(page.table.rowCount())
               if page.table.item(r, 0).text() == in_both.name)
    cells = [page.table.item(row, c).text() for c in range(4)]
    assert cells == [in_both.name, "✔", "110", "both"]
    assert "both 1" in page.summary.text()


def test_the_review_queue_picks_a_person_and_ignores_the_host(qtbot, page, tmp_path) -> None:
    daniela = people(page)["Daniela Herrera Quintero"]
    report = zoom_file(tmp_path / "z.csv", [("Celular de Daniela", "", "10:05:00", "11:45:00"),
                                             ("Facilitadora CREANDO", "", "09:58:00", "11:31:00")])
    seen = []

    def decide() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ReviewDialog)
        seen.append(dialog.rows.count())
        dialog.rows.setCurrentRow(0)  # rows are sorted by name: Celular de Daniela first
        index = dialog.person.findData(daniela.id)
        assert "(suggested)" in dialog.person.itemText(index)
        dialog.person.setCurrentIndex(index)
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.ignore_button, Qt.MouseButton.LeftButton)
        seen.append(dialog.intro.text())
        dialog.reject()

    QTimer.singleShot(100, decide)
    page.import_file(report)
    assert seen == [2, "Nothing left to review."]
    assert not page.review_button.isVisible()
    row = next(r for r in range(page.table.rowCount())
               if page.table.item(r, 0).text() == daniela.name)
    assert page.table.item(row, 2).text() == "100"
    assert page.store.online.aliases(page.workshop.id)["facilitadora creando"] is None


def test_dropping_a_report_on_the_page_imports_it(qtbot, page, tmp_path) -> None:
    person = next(p for p in people(page).values() if p.email)
    report = zoom_file(tmp_path / "z.csv", [(person.name, person.email, "10:00:00",
                                             "11:00:00")])
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(report))])
    drop = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    page.dropEvent(drop)
    assert "1 people: 1 matched" in page.last_report_text


def test_a_file_that_is_not_a_report_is_explained(qtbot, page, tmp_path) -> None:
    wrong = tmp_path / "lista.csv"
    wrong.write_text("Nombre,Celular\nAna,987654321\n", encoding="utf-8")

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        seen.append(box.text())
        box.close()

    seen: list[str] = []
    QTimer.singleShot(100, read_and_close)
    assert page.import_file(wrong) is None
    assert "lista.csv" in seen[0] and "Zoom, Teams or Google Meet" in seen[0]
