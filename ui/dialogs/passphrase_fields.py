"""Pieces the encryption dialogs share: a hidden passphrase field, a new passphrase typed
twice with its problem said in words, an error line, and a busy cursor for slow key work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from facilitator_app.encryption import passphrase_problem
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _

T = TypeVar("T")


def passphrase_field(name: str) -> QLineEdit:
    """A field that hides what is typed."""
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMinimumWidth(320)
    return field


def error_label() -> QLabel:
    """A red line for what went wrong, empty (and hidden) until then."""
    label = QLabel(wordWrap=True)
    label.setObjectName("formError")
    label.hide()
    return label


def say(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


def key_font(size: int = 13) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(size)
    font.setBold(True)
    return font


@contextmanager
def busy_cursor() -> Iterator[None]:
    """A wait cursor while key derivation or a file conversion runs."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    QGuiApplication.processEvents()
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def key_work(error: QLabel, work: Callable[[], T]) -> tuple[bool, T | None]:
    """Run slow key work under a busy cursor: (True, its result), or (False, None) with
    the KnownError said in `error`."""
    try:
        with busy_cursor():
            return True, work()
    except KnownError as exc:
        say(error, exc.message)
        return False, None


class NewPassphrase(QWidget):
    """A new passphrase, typed twice; `problem()` says what is wrong with it, if anything."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = passphrase_field("newPassphrase")
        self.second = passphrase_field("repeatPassphrase")
        self.first_label = QLabel()
        self.second_label = QLabel()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.first_label, self.first)
        form.addRow(self.second_label, self.second)
        self.retranslate()

    def retranslate(self) -> None:
        self.first_label.setText(_("New passphrase:"))
        self.second_label.setText(_("Type it again:"))

    def value(self) -> str:
        return self.first.text()

    def problem(self) -> str | None:
        """The strength problem, or that the two do not match; None when it can be used."""
        found = passphrase_problem(self.first.text())
        if found:
            return found
        if self.first.text() != self.second.text():
            return _("The two passphrases are not the same. Type them again.")
        return None

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()
        self.first.setFocus()
