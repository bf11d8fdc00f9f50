"""A participant's QR code as a small black-and-white PNG, to send by WhatsApp beforehand;
with the person's name and short code under it, so the image says whose it is."""

from __future__ import annotations

from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageFont
from qrcode.constants import ERROR_CORRECT_M
from qrcode.image.pil import PilImage
from reportlab.pdfbase.pdfmetrics import stringWidth

from exports.atomic import write_atomically
from exports.pdf import scripts
from exports.pdf.fonts import font_file, register_fonts
from exports.pdf.text import fit_lines

QUIET_MODULES = 4
NAME_MODULES = 2.5  # the name's font size, in QR modules (20 px at the default 8 px)
NAME_MIN_MODULES = 1.5  # a long name shrinks to this, then is cut with an ellipsis
CODE_MODULES = 2.0
CODE_FONT = "DejaVuSans"  # the short code: Base32 letters, digits and "-"


def write_qr_png(token: str, target: Path, *, box_size: int = 8, name: str = "",
                 code: str = "") -> Path:
    """Write the QR of `token` to `target` as a 1-bit PNG (a few kB); returns `target`.

    Each module is `box_size` pixels, with the standard quiet zone of 4 white modules; `name`
    and `code`, when given, are printed under the quiet zone (any script: see scripts.py).
    """
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box_size,
                       border=QUIET_MODULES, image_factory=PilImage)
    qr.add_data(token)
    qr.make(fit=True)
    image = qr.make_image(fill_color="black", back_color="white").get_image()
    if name or code:
        image = _captioned(image.convert("L"), name, code, box_size)
    if image.mode != "1":
        image = image.convert("1", dither=Image.Dither.NONE)

    def write(temporary: Path) -> None:
        # The temporary name ends in ".part": say the format rather than let PIL guess it.
        image.save(temporary, format="PNG", optimize=True)

    return write_atomically(target, write)


def _captioned(qr: Image.Image, name: str, code: str, box_size: int) -> Image.Image:
    """`qr` with `name` (bold, centred, in up to two lines, shrunk or cut to fit) and `code`
    under it."""
    _regular, bold = register_fonts()
    room = qr.width - 2 * QUIET_MODULES * box_size
    name_px, lines = fit_lines(name, bold, room, NAME_MODULES * box_size,
                               NAME_MIN_MODULES * box_size)
    code_px = CODE_MODULES * box_size if code else 0.0
    pitch = 1.3 * name_px
    height = qr.height + round(pitch * len(lines) + 1.3 * code_px) + box_size
    image = Image.new("L", (qr.width, height), 255)
    image.paste(qr, (0, 0))
    draw = ImageDraw.Draw(image)
    top = qr.height - box_size  # the text may use the last module row of the quiet zone
    for line in lines:
        _draw_centred(draw, qr.width / 2, top, line, bold, name_px)
        top += pitch
    if code:
        _draw_centred(draw, qr.width / 2, top, code, CODE_FONT, code_px)
    return image


def _draw_centred(draw: ImageDraw.ImageDraw, centre: float, top: float, text: str, font: str,
                  size: float) -> None:
    """Draw `text` centred on `centre`, its top at `top`, each run in the font that has it.

    The runs are already in drawing order with Arabic joined, so Pillow's basic layout draws
    them as they are (its own bidi, where libraqm is present, would reverse them again).
    """
    pieces = scripts.runs(text, font)
    x = centre - sum(stringWidth(piece, name, size) for name, piece in pieces) / 2
    for name, piece in pieces:
        face = ImageFont.truetype(str(font_file(name)), round(size),
                                  layout_engine=ImageFont.Layout.BASIC)
        draw.text((x, top), piece, font=face, fill=0)
        x += stringWidth(piece, name, size)
