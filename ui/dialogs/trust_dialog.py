"""Pairing with another desk: its fingerprint, large, to compare by eye with the one its
screen shows; trusted only when the person says they are the same."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from facilitator_app.i18n import _
from facilitator_app.services.desks import Signer


def fingerprint_font(size: int = 20) -> QFont:
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(size)
    font.setBold(True)
    return font


class TrustDialog(QDialog):
    """Trust the desk that signed an archive? Accepted only by the matching button."""

    def __init__(self, signer: Signer, archive_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.signer = signer
        self.setWindowTitle(_("A desk this one does not know yet"))
        layout = QVBoxLayout(self)
        self.intro = QLabel(_("{file} was signed by the desk {name}. Before its data is "
                              "merged here, make sure it really comes from that desk.").format(
            file=archive_name, name=signer.desk_name or signer.desk_id or "?"), wordWrap=True)
        self.fingerprint = QLabel(signer.fingerprint)
        self.fingerprint.setObjectName("fingerprint")
        self.fingerprint.setFont(fingerprint_font())
        self.how = QLabel(_("On the other laptop, open Archive: its fingerprint is under “This "
                            "desk” (or run `creando desk show`). Trust it only if every "
                            "character is the same. If they differ, someone may have changed "
                            "the archive: do not merge it."), wordWrap=True)
        buttons = QDialogButtonBox()
        self.trust_button = buttons.addButton(_("They are the same: trust this desk"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for widget in (self.intro, self.fingerprint, self.how, buttons):
            layout.addWidget(widget)
