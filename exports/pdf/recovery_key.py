"""The one-page recovery sheet: the recovery key in large monospace letters, which
database it opens, the date, what it is for. No personal data is printed on it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from exports.atomic import write_atomically
from exports.pdf.fonts import register_fonts
from exports.pdf.text import fit_width
from facilitator_app.i18n import _

MARGIN = 20 * mm
KEY_FONT = "Courier-Bold"  # built into every PDF reader; the key is plain A–Z, 2–7 and -
KEY_SIZE = 26
ACCENT = colors.HexColor("#0B5394")


def write_recovery_sheet(recovery_key: str, db_path: Path, target: Path) -> Path:
    """Write the recovery sheet of `db_path` to `target`; returns `target`."""
    regular, bold = register_fonts()

    def write(temporary: Path) -> None:
        canvas = Canvas(str(temporary), pagesize=A4, pageCompression=1)
        canvas.setTitle(_("CREANDO Desk recovery key"))
        canvas.setCreator("CREANDO Desk")
        y = A4[1] - MARGIN - 10 * mm
        canvas.setFillColor(ACCENT)
        canvas.setFont(bold, 20)
        canvas.drawString(MARGIN, y, _("CREANDO Desk recovery key"))
        canvas.setFillColor(colors.black)
        y = _key_lines(canvas, recovery_key, y - 25 * mm)
        y = _paragraphs(canvas, regular, db_path, y - 12 * mm)
        canvas.showPage()
        canvas.save()

    return write_atomically(target, write)


def _key_lines(canvas: Canvas, key: str, y: float) -> float:
    """The key in two lines of four groups, centred."""
    groups = key.split("-")
    half = (len(groups) + 1) // 2
    for line in ("-".join(groups[:half]), "-".join(groups[half:])):
        if line:
            canvas.setFont(KEY_FONT, KEY_SIZE)
            canvas.drawCentredString(A4[0] / 2, y, line)
            y -= KEY_SIZE * 1.6
    return y


def _paragraphs(canvas: Canvas, font: str, db_path: Path, y: float) -> float:
    width = A4[0] - 2 * MARGIN
    lines = [
        *_wrapped(_("Database: {path}").format(path=db_path), font, width),
        _("Made on: {date}").format(date=date.today().isoformat()),
        "",
        _("This key opens the encrypted database if its passphrase is forgotten:"),
        _("in the app, choose to use the recovery key (or run “creando encryption recover”)"),
        _("and set a new passphrase."),
        "",
        _("Keep this sheet apart from the laptop, somewhere safe: whoever has both"),
        _("the laptop and this key can read every participant's data."),
        _("It holds no personal data. Without it and without the passphrase,"),
        _("nobody, not even the people who support the app, can open the database."),
    ]
    for line in lines:
        canvas.setFont(font, 11)
        canvas.drawString(MARGIN, y, fit_width(line, font, 11, width) if line else "")
        y -= 16
    return y


def _wrapped(text: str, font: str, width: float) -> list[str]:
    """`text` cut into lines that fit `width` (a long path has no spaces to break at)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, line = [], ""
    for char in text:
        if line and stringWidth(line + char, font, 11) > width:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line]
