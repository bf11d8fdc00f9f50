"""A participant's QR code as a small black-and-white PNG, to send by WhatsApp beforehand."""

from __future__ import annotations

from pathlib import Path

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.image.pil import PilImage

from exports.atomic import write_atomically

QUIET_MODULES = 4


def write_qr_png(token: str, target: Path, *, box_size: int = 8) -> Path:
    """Write the QR of `token` to `target` as a 1-bit PNG (a few hundred bytes); returns `target`.

    Each module is `box_size` pixels, with the standard quiet zone of 4 white modules.
    """
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size,
                       border=QUIET_MODULES, image_factory=PilImage)
    qr.add_data(token)
    qr.make(fit=True)
    image = qr.make_image(fill_color="black", back_color="white").get_image()
    if image.mode != "1":
        image = image.convert("1")

    def write(temporary: Path) -> None:
        # The temporary name ends in ".part": say the format rather than let PIL guess it.
        image.save(temporary, format="PNG", optimize=True)

    return write_atomically(target, write)
