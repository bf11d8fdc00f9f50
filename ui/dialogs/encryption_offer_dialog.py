"""First run: offer (and recommend) encrypting the new database, then show its recovery
key once. "Not now" leaves it plain; File → Encryption… can encrypt it later."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from facilitator_app import APP_NAME
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from ui.dialogs.errors import show_known_error
from ui.dialogs.passphrase_fields import NewPassphrase, error_label, say


class EncryptionOfferDialog(QDialog):
    """Accepted with a usable passphrase in `passphrase`; rejected for "not now"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.passphrase = ""
        self.setObjectName("encryptionOfferDialog")
        self.setWindowTitle(_("Protect the data on this laptop"))
        self.heading = QLabel(_("<b>Encrypt the database? Recommended.</b>"))
        self.intro = QLabel(_(
            "{app} will hold the names, phones and nationalities of the people you work "
            "with. If this laptop or a USB stick with a backup is lost or stolen, an "
            "encrypted database reveals nothing without its passphrase. You type the "
            "passphrase once each time the app starts.").format(app=APP_NAME), wordWrap=True)
        self.advice = QLabel(_(
            "Choose a passphrase of several words that you will remember. Next you get a "
            "recovery key to print and keep apart from the laptop."), wordWrap=True)
        self.new_passphrase = NewPassphrase()
        self.error = error_label()
        self.buttons = QDialogButtonBox()
        self.encrypt_button = self.buttons.addButton(_("Encrypt the database"),
                                                     QDialogButtonBox.ButtonRole.AcceptRole)
        self.encrypt_button.setDefault(True)
        self.not_now_button = self.buttons.addButton(_("Not now"),
                                                     QDialogButtonBox.ButtonRole.RejectRole)
        self.encrypt_button.clicked.connect(self.try_accept)
        self.not_now_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.intro, self.advice, self.new_passphrase, self.error,
                       self.buttons):
            layout.addWidget(widget)
        self.new_passphrase.first.setFocus()

    def try_accept(self) -> None:
        problem = self.new_passphrase.problem()
        if problem:
            say(self.error, problem)
            self.new_passphrase.first.setFocus()
            return
        self.passphrase = self.new_passphrase.value()
        self.accept()


def create_encrypted_database(path: Path, passphrase: str) -> str:
    """Make `path` a new database that is encrypted from its first byte; returns its
    recovery key.

    The core writes the key file and registers the key; the database itself is created
    encrypted when it is first opened, so no plain copy of it ever exists.
    """
    from facilitator_app.db import open_database
    from facilitator_app.encryption import enable

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise KnownError(_("The folder for {path} cannot be created ({error}).").format(
            path=path, error=exc.strerror or exc), path=path) from exc
    recovery_key = enable(path, passphrase)
    open_database(path, backup_on_open=False).close()
    return recovery_key


def offer_encryption(path: Path, parent: QWidget | None = None) -> bool:
    """The first-run offer; True when the new database at `path` is now encrypted."""
    from ui.dialogs.passphrase_fields import busy_cursor
    from ui.dialogs.recovery_key_dialog import RecoveryKeyDialog

    dialog = EncryptionOfferDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        with busy_cursor():
            recovery_key = create_encrypted_database(path, dialog.passphrase)
    except KnownError as exc:  # the file stays plain (the conversion is atomic): say so
        show_known_error(parent, exc)
        return False
    RecoveryKeyDialog(recovery_key, path, parent).exec()
    return True
