"""A QR code shown large, for the facilitator's own phone to scan (a wa.me link opens
WhatsApp with the message written, ready to send: the app itself sends nothing)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget
from qrcode.constants import ERROR_CORRECT_L

from facilitator_app.i18n import _
from ui.sessions.qr_image import qr_image

SCREEN_SHARE = 0.8  # of the screen's height


class QrDialog(QDialog):
    def __init__(self, link: str, caption: Callable[[], str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qrDialog")
        self.setStyleSheet("QDialog#qrDialog { background: white; } "
                           "QLabel { color: #111; font-size: 14pt; }")
        self.link = link
        screen = (parent.screen() if parent else self.screen()).availableGeometry()
        side = max(320, int(min(screen.height(), screen.width()) * SCREEN_SHARE) - 80)
        # Low error correction: a long message still fits, in larger modules
        self.image = qr_image(link, side, error_correction=ERROR_CORRECT_L)
        layout = QVBoxLayout(self)
        self.code = QLabel(alignment=Qt.AlignmentFlag.AlignCenter)
        self.code.setObjectName("qrCode")
        self.code.setPixmap(QPixmap.fromImage(self.image))
        self.words = caption
        self.caption = QLabel(wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.code, stretch=1)
        layout.addWidget(self.caption)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Scan with your phone"))
        self.caption.setText(self.words())
