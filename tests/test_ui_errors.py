"""KnownErrors reach the user as a kind message; bugs as a crash dialog with copyable details."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from facilitator_app.errors import KnownError
from ui.app import make_application
from ui.dialogs.errors import CrashDialog, crash_details, install_excepthook
from ui.qt_i18n import apply_language


def test_the_crash_dialog_copies_its_details(qtbot) -> None:
    try:
        raise RuntimeError("boom in a slot")
    except RuntimeError as exc:
        details = crash_details(type(exc), exc, exc.__traceback__)
    dialog = CrashDialog(details)
    qtbot.addWidget(dialog)
    assert "boom in a slot" in dialog.text.toPlainText()
    assert "CREANDO Desk" in details.splitlines()[0]
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert "boom in a slot" in QGuiApplication.clipboard().text()


def test_an_uncaught_known_error_becomes_a_message_not_a_crash(qtbot, monkeypatch) -> None:
    make_application()
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_excepthook()
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        seen.append(type(box).__name__ + ":" + box.text())
        box.close()

    QTimer.singleShot(50, read_and_close)
    error = KnownError("The file lista.csv has no name column.")
    sys.excepthook(KnownError, error, None)
    assert seen == ["QMessageBox:The file lista.csv has no name column."]


def test_qts_own_buttons_follow_the_language(qtbot) -> None:
    make_application()
    apply_language("es")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") == "Cancelar"
    apply_language("en")
    english = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(english)
    cancel = english.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text().replace("&", "") == "Cancel"

