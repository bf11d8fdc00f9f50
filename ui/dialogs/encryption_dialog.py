"""File → Encryption…: encrypt a plain database, or change the passphrase of an encrypted
one or store it unencrypted again; and the idle lock's time.

Encrypting and decrypting convert the file, which must not be open: the dialog asks the
window to close its store (`release_store`) first, and the window restarts the app on the
converted file afterwards (`store_released` tells it to).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.encryption import (
    change_passphrase,
    disable,
    enable,
    is_encrypted,
    is_unlocked,
    unlock,
)
from facilitator_app.i18n import _, ngettext
from facilitator_app.settings import save_setting
from ui.dialogs.passphrase_fields import (
    NewPassphrase,
    error_label,
    key_work,
    passphrase_field,
    say,
)
from ui.dialogs.recovery_key_dialog import RecoveryKeyDialog
from ui.lock_screen import IDLE_CHOICES, IDLE_SETTING, idle_minutes


def _confirm(parent: QWidget, title: str, text: str) -> bool:
    """The real question (tests replace EncryptionDialog.confirm)."""
    return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes


class EncryptionDialog(QDialog):
    confirm = staticmethod(_confirm)

    def __init__(self, path: Path, release_store: Callable[[], None],
                 set_idle_minutes: Callable[[int], None], parent: QWidget | None = None):
        super().__init__(parent)
        self.path = path
        self.release_store = release_store
        self.set_idle_minutes = set_idle_minutes
        self.store_released = False
        self.setObjectName("encryptionDialog")
        self.setWindowTitle(_("Encryption"))
        self.encrypted = is_encrypted(path)
        self.state = QLabel(wordWrap=True)
        self.error = error_label()
        self.done_label = QLabel(wordWrap=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        if self.encrypted:
            layout.addWidget(self._change_box())
            layout.addWidget(self._disable_box())
            layout.addWidget(self._idle_box())
        else:
            layout.addWidget(self._enable_box())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        for widget in (self.error, self.done_label, buttons):
            layout.addWidget(widget)
        text = _("The database {path} is encrypted.") if self.encrypted else _(
            "The database {path} is not encrypted: anyone with this laptop or a copy of "
            "the file can read it. Encrypting it is recommended.")
        self.state.setText(text.format(path=path))

    def _enable_box(self) -> QGroupBox:
        box = QGroupBox(_("Encrypt the database"))
        self.enable_passphrase = NewPassphrase()
        self.enable_button = QPushButton(_("Encrypt…"))
        self.enable_button.setObjectName("enableButton")
        self.enable_button.clicked.connect(self.encrypt)
        column = QVBoxLayout(box)
        column.addWidget(QLabel(_("The app restarts on the encrypted file and asks for the "
                                  "passphrase."), wordWrap=True))
        column.addWidget(self.enable_passphrase)
        column.addWidget(self.enable_button)
        return box

    def _change_box(self) -> QGroupBox:
        box = QGroupBox(_("Change the passphrase"))
        self.old_passphrase = passphrase_field("oldPassphrase")
        self.new_passphrase = NewPassphrase()
        self.change_button = QPushButton(_("Change the passphrase"))
        self.change_button.setObjectName("changeButton")
        self.change_button.clicked.connect(self.change)
        form = QFormLayout()
        form.addRow(_("Current passphrase:"), self.old_passphrase)
        column = QVBoxLayout(box)
        column.addLayout(form)
        column.addWidget(self.new_passphrase)
        column.addWidget(QLabel(_("The recovery key stays the same."), wordWrap=True))
        column.addWidget(self.change_button)
        return box

    def _disable_box(self) -> QGroupBox:
        box = QGroupBox(_("Decrypt the database"))
        self.disable_passphrase = passphrase_field("disablePassphrase")
        self.disable_button = QPushButton(_("Decrypt…"))
        self.disable_button.setObjectName("disableButton")
        self.disable_button.clicked.connect(self.decrypt)
        form = QFormLayout(box)
        form.addRow(_("Current passphrase:"), self.disable_passphrase)
        form.addRow(self.disable_button)
        return box

    def _idle_box(self) -> QGroupBox:
        box = QGroupBox(_("Lock when not in use"))
        self.idle = QComboBox()
        self.idle.setObjectName("idleChoice")
        for minutes in IDLE_CHOICES:
            self.idle.addItem(ngettext("after {n} minute", "after {n} minutes", minutes).format(
                n=minutes) if minutes else _("never"), minutes)
        self.idle.setCurrentIndex(IDLE_CHOICES.index(idle_minutes()))
        self.idle.currentIndexChanged.connect(self.choose_idle)
        column = QVBoxLayout(box)
        column.addWidget(self.idle)
        column.addWidget(QLabel(_("Never in door mode: the door does not stop."),
                                wordWrap=True))
        return box

    def choose_idle(self, _index: int = 0) -> None:
        minutes = self.idle.currentData()
        save_setting(IDLE_SETTING, minutes)
        self.set_idle_minutes(minutes)

    def encrypt(self) -> None:
        problem = self.enable_passphrase.problem()
        if problem:
            say(self.error, problem)
            return
        passphrase = self.enable_passphrase.value()
        self._release()
        done, recovery_key = key_work(self.error, lambda: self._enable(passphrase))
        if not done:
            return
        RecoveryKeyDialog(recovery_key, self.path, self).exec()
        self.accept()

    def _enable(self, passphrase: str) -> str:
        recovery_key = enable(self.path, passphrase)
        if not is_unlocked(self.path):
            unlock(self.path, passphrase)
        return recovery_key

    def change(self) -> None:
        problem = None if self.old_passphrase.text() else _("Type the current passphrase.")
        problem = problem or self.new_passphrase.problem()
        if problem:
            say(self.error, problem)
            return
        if not key_work(self.error, lambda: change_passphrase(
                self.path, self.old_passphrase.text(), self.new_passphrase.value()))[0]:
            return
        say(self.error, None)
        self.old_passphrase.clear()
        self.new_passphrase.clear()
        self.done_label.setText(_("The passphrase was changed. Use the new one from now on."))

    def decrypt(self) -> None:
        passphrase = self.disable_passphrase.text()
        # the passphrase is checked before anything
        if not key_work(self.error, lambda: unlock(self.path, passphrase))[0]:
            return
        if not self.confirm(self, _("Store the database unencrypted?"), _(
                "Anyone with this laptop or a copy of the file will be able to read the "
                "names and phones in it. The app restarts on the plain file.")):
            return
        self._release()
        if not key_work(self.error, lambda: disable(self.path, passphrase))[0]:
            return
        self.accept()

    def _release(self) -> None:
        if not self.store_released:
            self.release_store()
            self.store_released = True


def restart_app(parent: QWidget | None, text: str) -> None:
    """Say so, start the app again with the same command line, and quit this one."""
    from ui.restart import relaunch

    QMessageBox.information(parent, _("Encryption"), text)
    relaunch()
