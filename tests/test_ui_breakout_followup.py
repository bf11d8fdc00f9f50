"""The Sessions page's breakout rooms and follow-up tabs with real widgets (offscreen):
rooms built and saved as Zoom's CSV (read back), introductions recorded once, the digest
copied and its QR code shown large and read back by a QR decoder."""

from __future__ import annotations

import csv

import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication


@pytest.fixture
def page(demo_sessions_page):
    demo_sessions_page.session_list.setCurrentRow(0)
    return demo_sessions_page


def ticked(tab) -> list[str]:
    return [tab.people.item(r).data(Qt.ItemDataRole.UserRole).name
            for r in range(tab.people.count())
            if tab.people.item(r).checkState() == Qt.CheckState.Checked]


def test_rooms_for_the_online_participants_go_to_zoom_and_to_the_chat(qtbot, page,
                                                                      tmp_path) -> None:
    tab = page.breakout
    page.tabs.setCurrentWidget(tab)
    assert len(ticked(tab)) == 15 and "Andrés Bastidas Urdaneta" in ticked(tab)
    assert ticked(tab) == [tab.people.item(r).text() for r in range(15)]  # first in the list
    assert tab.people.item(0).toolTip() == "online in this session"
    walter = next(r for r in range(tab.people.count())
                  if tab.people.item(r).text().startswith("Walter Núñez Lozano"))
    tab.people.item(walter).setCheckState(Qt.CheckState.Checked)  # registered to join online
    tab.size.setValue(4)
    qtbot.mouseClick(tab.build_button, Qt.MouseButton.LeftButton)
    assert [len(room.people) for room in tab.rooms] == [4, 4, 4, 4]
    assert tab.room_view.item(0).text().startswith("Sala 1: ")
    target = tab.save_zoom_csv(tmp_path / "zoom.csv")
    with target.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == ["Pre-assign Room Name", "Email Address"]
    assert len(rows) == 16 and {r["Pre-assign Room Name"] for r in rows} == {
        "Sala 1", "Sala 2", "Sala 3", "Sala 4"}
    assert "16 people for Zoom, 0 to assign by hand" in tab.outcome.text()
    qtbot.mouseClick(tab.copy_button, Qt.MouseButton.LeftButton)
    pasted = QGuiApplication.clipboard().text()
    assert pasted.splitlines()[0] == "Sala 1: " + ", ".join(p.name for p in tab.rooms[0].people)
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert "Walter Núñez Lozano" in tab.outcome.text()  # planned, never seen online
    first = tab.outcome.text()
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert "0 new" in tab.outcome.text() and first != tab.outcome.text()


def test_the_digest_is_copied_and_its_qr_code_opens_whatsapp(qtbot, page) -> None:
    tab = page.followup
    page.tabs.setCurrentWidget(tab)
    text = tab.digest_text.toPlainText()
    assert 0 < len(text) <= 1000 and tab.count.text() == f"{len(text)} of 1000 characters"
    qtbot.mouseClick(tab.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == text
    qtbot.mouseClick(tab.qr_button, Qt.MouseButton.LeftButton)
    dialog = tab.qr
    qtbot.waitExposed(dialog)
    assert dialog.image.width() >= 320
    (code,) = zxingcpp.read_barcodes(dialog.image)
    assert code.text == tab.digest.url and code.text.startswith("https://wa.me/?text=")
    dialog.close()


def test_each_consenting_person_gets_their_message(qtbot, page) -> None:
    tab = page.followup
    page.tabs.setCurrentWidget(tab)
    assert tab.people.count() == len(tab.messages) > 0
    tab.people.setCurrentRow(0)
    message = tab.messages[0]
    assert tab.message.toPlainText() == message.text and message.text.startswith("¡Hola,")
    qtbot.mouseClick(tab.message_qr_button, Qt.MouseButton.LeftButton)
    (code,) = zxingcpp.read_barcodes(tab.qr.image)
    assert code.text == message.url and message.url.startswith("https://wa.me/51")
    tab.qr.close()
