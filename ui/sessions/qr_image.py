"""QR codes as QImages for the screen (resource links people scan with their phones, and
the WhatsApp links the facilitator scans): every module a whole number of pixels, so even
a dense code stays crisp enough for a phone camera."""

from __future__ import annotations

import qrcode
from PySide6.QtGui import QColor, QImage, QPainter

QUIET = 4  # the standard quiet zone, in modules


def qr_image(text: str, size: int = 220, *,
             error_correction: int = qrcode.constants.ERROR_CORRECT_M) -> QImage:
    """A QR code of `text` at most `size` pixels wide (at least one pixel a module).

    Raises qrcode's DataOverflowError when `text` does not fit any QR code."""
    code = qrcode.QRCode(border=QUIET, error_correction=error_correction)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    cells = len(matrix)
    scale = max(1, size // cells)
    image = QImage(cells * scale, cells * scale, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    black = QColor("black")
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                painter.fillRect(x * scale, y * scale, scale, scale, black)
    painter.end()
    return image
