"""The recovery key, shown once: large, with a one-page PDF to print and keep apart, and a
tick that they have written it down before they can go on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from ui.dialogs.passphrase_fields import error_label, key_font, say


def _ask_target(parent: QWidget, title: str, suggested: str) -> str:
    """The real file dialog (tests replace RecoveryKeyDialog.ask_target)."""
    return QFileDialog.getSaveFileName(parent, title, str(Path.home() / suggested),
                                       "PDF (*.pdf)")[0]


class RecoveryKeyDialog(QDialog):
    """Closes only through "Continue", once "I have written it down" is ticked."""

    ask_target = staticmethod(_ask_target)

    def __init__(self, recovery_key: str, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.db_path = db_path
        self.saved: Path | None = None
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle(_("Your recovery key"))
        self.intro = QLabel(_(
            "If the passphrase is ever forgotten, this key is the only way to open the "
            "database. It is shown only now. Write it down or print the sheet, and keep it "
            "apart from this laptop (not in the laptop bag)."), wordWrap=True)
        self.key_label = QLabel(recovery_key)
        self.key_label.setObjectName("recoveryKeyText")
        self.key_label.setFont(key_font(16))
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pdf_button = QPushButton(_("Save the one-page PDF to print…"))
        self.pdf_button.clicked.connect(self.save_sheet)
        self.result_label = QLabel(wordWrap=True)
        self.error = error_label()
        self.written = QCheckBox(_("I have written it down or printed it, and will keep it "
                                   "apart from the laptop"))
        self.buttons = QDialogButtonBox()
        self.continue_button = self.buttons.addButton(_("Continue"),
                                                      QDialogButtonBox.ButtonRole.AcceptRole)
        self.continue_button.setEnabled(False)
        self.written.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.key_label, self.pdf_button, self.result_label,
                       self.error, self.written, self.buttons):
            layout.addWidget(widget)

    def save_sheet(self) -> None:
        from exports.pdf.recovery_key import write_recovery_sheet

        target = self.ask_target(self, _("Save the recovery sheet"),
                                 f"{self.db_path.stem}-recovery-key.pdf")
        if not target:
            return
        try:
            self.saved = write_recovery_sheet(self.recovery_key, self.db_path, Path(target))
        except (KnownError, OSError) as exc:
            say(self.error, getattr(exc, "message", None) or str(exc))
            return
        say(self.error, None)
        self.result_label.setText(_("Saved {file}. Print it, then delete the file or move it "
                                    "off this laptop.").format(file=self.saved))

    def reject(self) -> None:
        """Esc or the window's close button do not skip the key."""
        if self.written.isChecked():
            self.accept()
