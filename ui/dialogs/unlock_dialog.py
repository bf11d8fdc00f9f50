"""Unlock an encrypted database at start: its passphrase, or (forgotten) the recovery key
and a new passphrase. A wrong passphrase is said here, and they try again; it never leads
to the damaged-file path."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator_app import APP_NAME
from facilitator_app.encryption import unlock, unlock_with_recovery_key
from facilitator_app.i18n import _
from ui.dialogs.passphrase_fields import (
    NewPassphrase,
    error_label,
    key_font,
    key_work,
    passphrase_field,
    say,
)

LINK_STYLE = "QPushButton { color: #1d4e89; text-decoration: underline; border: none; }"


class UnlockDialog(QDialog):
    """Accepted once the key is registered for this process (by passphrase or recovery)."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.setObjectName("unlockDialog")
        self.setWindowTitle(APP_NAME)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._passphrase_page())
        self.pages.addWidget(self._recovery_page())
        self.error = error_label()
        self.buttons = QDialogButtonBox()
        self.ok_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button.clicked.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.pages, self.error, self.buttons):
            layout.addWidget(widget)
        self.show_page(0)

    def _passphrase_page(self) -> QWidget:
        page = QWidget()
        self.intro = QLabel(wordWrap=True)
        self.passphrase_label = QLabel()
        self.passphrase = passphrase_field("passphrase")
        self.forgot_button = QPushButton()
        self.forgot_button.setObjectName("forgotButton")
        self.forgot_button.setFlat(True)
        self.forgot_button.setStyleSheet(LINK_STYLE)
        self.forgot_button.clicked.connect(lambda: self.show_page(1))
        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        layout = QVBoxLayout(page)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.forgot_button, alignment=Qt.AlignmentFlag.AlignLeft)
        return page

    def _recovery_page(self) -> QWidget:
        page = QWidget()
        self.recovery_intro = QLabel(wordWrap=True)
        self.recovery_label = QLabel()
        self.recovery_key = QLineEdit()
        self.recovery_key.setObjectName("recoveryKey")
        self.recovery_key.setFont(key_font(11))
        self.new_passphrase = NewPassphrase()
        self.back_button = QPushButton()
        self.back_button.setFlat(True)
        self.back_button.setStyleSheet(LINK_STYLE)
        self.back_button.clicked.connect(lambda: self.show_page(0))
        form = QFormLayout()
        form.addRow(self.recovery_label, self.recovery_key)
        layout = QVBoxLayout(page)
        layout.addWidget(self.recovery_intro)
        layout.addLayout(form)
        layout.addWidget(self.new_passphrase)
        layout.addWidget(self.back_button, alignment=Qt.AlignmentFlag.AlignLeft)
        return page

    def retranslate(self) -> None:
        self.intro.setText(_("This database is encrypted. Type its passphrase to open "
                             "it.\n{path}").format(path=self.path))
        self.passphrase_label.setText(_("Passphrase:"))
        self.forgot_button.setText(_("I forgot it: use the recovery key"))
        self.recovery_intro.setText(_(
            "Type the recovery key from the sheet you printed or wrote down when the "
            "database was encrypted, then choose a new passphrase."))
        self.recovery_label.setText(_("Recovery key:"))
        self.back_button.setText(_("Back to the passphrase"))
        self.new_passphrase.retranslate()
        self.ok_button.setText(_("Open") if self.pages.currentIndex() == 0
                               else _("Set the new passphrase and open"))

    def show_page(self, index: int) -> None:
        for number in range(self.pages.count()):  # the dialog fits the page shown
            self.pages.widget(number).setSizePolicy(
                QSizePolicy.Policy.Preferred if number == index else QSizePolicy.Policy.Ignored,
                QSizePolicy.Policy.Preferred if number == index else QSizePolicy.Policy.Ignored)
        self.pages.setCurrentIndex(index)
        say(self.error, None)
        self.retranslate()
        (self.passphrase if index == 0 else self.recovery_key).setFocus()

    def submit(self) -> None:
        if self.pages.currentIndex() == 0:
            self.try_passphrase()
        else:
            self.try_recovery()

    def try_passphrase(self) -> None:
        if not self.passphrase.text():
            say(self.error, _("Type the passphrase."))
            return
        if not key_work(self.error, lambda: unlock(self.path, self.passphrase.text()))[0]:
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        self.accept()

    def try_recovery(self) -> None:
        problem = None if self.recovery_key.text().strip() else _("Type the recovery key.")
        problem = problem or self.new_passphrase.problem()
        if problem:
            say(self.error, problem)
            return
        if not key_work(self.error, lambda: unlock_with_recovery_key(
                self.path, self.recovery_key.text().strip(), self.new_passphrase.value()))[0]:
            self.recovery_key.setFocus()
            return
        self.accept()


def ask_to_unlock(path: Path, parent: QWidget | None = None) -> bool:
    """Ask until the database unlocks; False when they cancel."""
    return UnlockDialog(path, parent).exec() == QDialog.DialogCode.Accepted
