"""The scanner catcher: a burst ending in Enter is a scan wherever the focus is in the
window, and never reaches a widget; everything else reaches its widget unchanged."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QVBoxLayout, QWidget

from ui.app import make_application
from ui.desk.wedge import MAX_GAP_S, ScanCatcher

TOKEN = "C" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@pytest.fixture
def page(qtbot):
    make_application()
    window = QWidget()
    layout = QVBoxLayout(window)
    window.box = QLineEdit()
    window.sidebar = QListWidget()
    window.sidebar.addItems(["Resumen", "Contactos", "Ingreso"])
    window.sidebar.setCurrentRow(2)
    layout.addWidget(window.box)
    layout.addWidget(window.sidebar)
    window.catcher = ScanCatcher(window)
    window.scans = []
    window.catcher.scanned.connect(window.scans.append)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def burst(qtbot, widget, text: str) -> None:
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_a_burst_into_the_sidebar_is_a_scan_and_never_its_type_ahead(qtbot, page) -> None:
    page.sidebar.setFocus()
    burst(qtbot, page.sidebar, TOKEN)
    assert page.scans == [TOKEN]
    assert page.sidebar.currentRow() == 2  # "C..." did not jump to "Contactos"


def test_typing_that_cannot_begin_a_code_is_never_held(qtbot, page) -> None:
    qtbot.keyClicks(page.box, "rosa nu")
    assert page.box.text() == "rosa nu"  # delivered at once, not after a pause


def test_a_held_letter_reaches_the_box_within_one_scanner_gap(qtbot, page) -> None:
    started = time.monotonic()
    qtbot.keyClicks(page.box, "C")
    assert page.box.text() == ""  # held: it could be a scanner's first key
    qtbot.waitUntil(lambda: page.box.text() == "C", timeout=1000)
    assert time.monotonic() - started < MAX_GAP_S + 0.1
    qtbot.keyClicks(page.box, "arla", delay=60)  # a person's pace
    qtbot.waitUntil(lambda: page.box.text() == "Carla", timeout=1000)
    assert page.scans == []


def test_a_fast_burst_that_is_not_a_code_is_handed_over_whole_with_its_enter(qtbot,
                                                                             page) -> None:
    entered = []
    page.box.returnPressed.connect(lambda: entered.append(page.box.text()))
    burst(qtbot, page.box, "Proveedor de insumos")  # "de insumos": twelve letters, no code
    assert page.box.text() == "Proveedor de insumos" and entered == ["Proveedor de insumos"]
    assert page.scans == []


def test_a_letter_typed_just_before_the_scanner_stays_typed(qtbot, page) -> None:
    burst(qtbot, page.box, "c" + TOKEN)
    assert page.scans == [TOKEN] and page.box.text() == "c"


def test_a_dialog_of_the_window_is_covered_and_another_window_is_not(qtbot, page) -> None:
    dialog = QDialog(page)
    field = QLineEdit(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    burst(qtbot, field, TOKEN)
    assert page.scans == [TOKEN] and field.text() == ""
    stranger = QLineEdit()
    qtbot.addWidget(stranger)
    stranger.show()
    burst(qtbot, stranger, TOKEN)
    assert stranger.text() == TOKEN and page.scans == [TOKEN]


def test_a_hidden_page_catches_nothing(qtbot, page) -> None:
    page.hide()
    field = QLineEdit()
    qtbot.addWidget(field)
    burst(qtbot, field, TOKEN)
    assert page.scans == [] and field.text() == TOKEN
