"""How failures reach the user: KnownErrors as a kind message, bugs in a crash dialog."""

from __future__ import annotations

import platform
import sys
import traceback
from types import TracebackType

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from facilitator_app import APP_NAME, app_version
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _


def show_known_error(parent: QWidget | None, error: KnownError) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, error.message, parent=parent)
    if error.details:
        box.setDetailedText(error.details)
    box.exec()


class CrashDialog(QDialog):
    """Says sorry, shows what happened, and lets the user copy the details for us."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Something went wrong"))
        self.details = details
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_(
            "CREANDO Desk hit an internal error. What you saved before is safe. "
            "Please copy the details below and send them to the people who support the app."
        ), wordWrap=True))
        self.text = QPlainTextEdit(details, readOnly=True)
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton(_("Copy details"),
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)


def crash_details(exc_type: type[BaseException], exc: BaseException,
                  tb: TracebackType | None) -> str:
    lines = traceback.format_exception(exc_type, exc, tb)
    header = (f"{APP_NAME} {app_version()} · Python {platform.python_version()} · "
              f"{platform.system()} {platform.release()}\n\n")
    return header + "".join(lines)


def install_excepthook() -> None:
    """Uncaught errors in slots: KnownError → message; anything else → crash dialog."""

    def hook(exc_type: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        parent = QApplication.activeWindow()
        if isinstance(exc, KnownError):
            show_known_error(parent, exc)
            return
        print("".join(traceback.format_exception(exc_type, exc, tb)), file=sys.stderr)
        CrashDialog(crash_details(exc_type, exc, tb), parent).exec()

    sys.excepthook = hook
