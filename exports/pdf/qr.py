"""QR codes drawn as one vector path (small files, sharp at any size)."""

from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.pdfgen.canvas import Canvas

QUIET_MODULES = 4


def qr_matrix(text: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(text)
    code.make(fit=True)
    return code.get_matrix()


def draw_qr(canvas: Canvas, text: str, left: float, bottom: float, side: float) -> None:
    """The QR of `text` in a `side`-wide square (quiet zone included) at (left, bottom)."""
    matrix = qr_matrix(text)
    cells = len(matrix) + 2 * QUIET_MODULES
    module = side / cells
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(left, bottom, side, side, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    path = canvas.beginPath()
    for row, cells_in_row in enumerate(matrix):
        y = bottom + side - (row + QUIET_MODULES + 1) * module
        start = None
        for column, dark in enumerate([*cells_in_row, False]):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                path.rect(left + (start + QUIET_MODULES) * module, y,
                          (column - start) * module, module)
                start = None
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
