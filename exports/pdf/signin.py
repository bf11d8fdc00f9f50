"""Printable sign-in sheet for one session: A4 portrait, 22 rows a page, the header on every page.

The registered names come first in the order given, then numbered blank rows for walk-ins.
Rows are 10 mm high, enough to sign by hand.
"""

from __future__ import annotations

import math
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from exports.atomic import write_atomically
from exports.pdf import scripts
from exports.pdf.fonts import register_fonts
from exports.pdf.text import fit_width
from exports.sensitivity import mark_canvas
from facilitator_app.export_models import SigninSheetData
from facilitator_app.i18n import _

ROWS_PER_PAGE = 22
ROW_HEIGHT = 10 * mm
HEADER_ROW_HEIGHT = 8 * mm
MARGIN = 15 * mm
NUMBER_WIDTH = 12 * mm
NAME_WIDTH = 78 * mm
TABLE_WIDTH = A4[0] - 2 * MARGIN
TABLE_TOP = A4[1] - 44 * mm
NAME_SIZE, TWO_LINE_SIZE, NAME_MIN_SIZE = 11.0, 10.0, 8.0
ACCENT = colors.HexColor("#0B5394")
GREY = colors.HexColor("#5F6368")
LINE = colors.HexColor("#9AA5B1")
HEADER_FILL = colors.HexColor("#E8F1FA")


def write_signin_sheet(data: SigninSheetData, target: Path) -> Path:
    """Write the sign-in sheet of one session to `target`; returns `target`."""
    regular, bold = register_fonts()
    rows = [*data.names, *([""] * data.blank_rows)]
    pages = max(1, math.ceil(len(rows) / ROWS_PER_PAGE))

    def write(temporary: Path) -> None:
        canvas = Canvas(str(temporary), pagesize=A4, pageCompression=1)
        canvas.setTitle(data.session_title)
        canvas.setCreator("CREANDO Desk")
        canvas.setAuthor("")
        mark_canvas(canvas, "signin-sheet")
        for page in range(pages):
            start = page * ROWS_PER_PAGE
            _draw_header(canvas, data, regular, bold)
            _draw_table(canvas, rows[start:start + ROWS_PER_PAGE], start, regular, bold)
            _draw_footer(canvas, page + 1, pages, data.workshop_title, regular)
            canvas.showPage()
        canvas.save()

    return write_atomically(target, write)


def _draw_header(canvas: Canvas, data: SigninSheetData, regular: str, bold: str) -> None:
    """"Sign-in sheet", the session title, then the workshop and when."""
    top = A4[1] - MARGIN
    canvas.setFillColor(ACCENT)
    canvas.setFont(bold, 10)
    canvas.drawString(MARGIN, top - 8, _("Sign-in sheet").upper())
    canvas.setFillColor(colors.black)
    scripts.draw(canvas, MARGIN, top - 28, fit_width(data.session_title, bold, 16, TABLE_WIDTH),
                 bold, 16)
    canvas.setFillColor(GREY)
    scripts.draw(canvas, MARGIN, top - 43,
                 fit_width(data.workshop_title, regular, 10, TABLE_WIDTH), regular, 10)
    scripts.draw(canvas, MARGIN, top - 56, fit_width(data.when, regular, 10, TABLE_WIDTH),
                 regular, 10)


def _draw_table(canvas: Canvas, rows: list[str], first: int, regular: str, bold: str) -> None:
    """Column titles, then one ruled row per name (or blank), numbered from `first` + 1."""
    left, right = MARGIN, MARGIN + TABLE_WIDTH
    columns = (left, left + NUMBER_WIDTH, left + NUMBER_WIDTH + NAME_WIDTH)
    header_bottom = TABLE_TOP - HEADER_ROW_HEIGHT
    bottom = header_bottom - len(rows) * ROW_HEIGHT
    canvas.setFillColor(HEADER_FILL)
    canvas.rect(left, header_bottom, TABLE_WIDTH, HEADER_ROW_HEIGHT, stroke=0, fill=1)
    canvas.setFillColor(colors.black)
    canvas.setFont(bold, 10)
    for x, title in zip(columns, ("#", _("Name"), _("Signature")), strict=True):
        canvas.drawString(x + 2 * mm, header_bottom + 2.8 * mm, title)
    for index, name in enumerate(rows):
        row_bottom = header_bottom - (index + 1) * ROW_HEIGHT
        canvas.setFillColor(GREY)
        canvas.setFont(regular, 9)
        canvas.drawRightString(columns[1] - 2 * mm, row_bottom + 3.6 * mm, str(first + index + 1))
        _draw_name(canvas, name, regular, columns[1] + 2 * mm, row_bottom)
    canvas.setStrokeColor(LINE)
    canvas.setLineWidth(0.6)
    for y in [TABLE_TOP, header_bottom, *(header_bottom - (i + 1) * ROW_HEIGHT
                                          for i in range(len(rows)))]:
        canvas.line(left, y, right, y)
    for x in (*columns, right):
        canvas.line(x, TABLE_TOP, x, bottom)


def _draw_name(canvas: Canvas, name: str, font: str, left: float, row_bottom: float) -> None:
    """The name on one line, shrunk down to 8 pt; longer ones on two lines (cut if need be)."""
    width = NAME_WIDTH - 4 * mm
    canvas.setFillColor(colors.black)
    natural = scripts.width(name, font, 1)
    size = NAME_SIZE if natural == 0 else min(NAME_SIZE, width / natural)
    if size >= NAME_MIN_SIZE:
        scripts.draw(canvas, left, row_bottom + (ROW_HEIGHT - size * 0.72) / 2, name, font, size)
        return
    words = name.split()
    split = min(range(1, len(words)), default=1, key=lambda at: max(
        scripts.width(" ".join(words[:at]), font, 1), scripts.width(" ".join(words[at:]), font, 1)))
    lines = [" ".join(words[:split]), " ".join(words[split:])]
    widest = max(scripts.width(line, font, 1) for line in lines)
    size = max(NAME_MIN_SIZE, min(TWO_LINE_SIZE, math.floor(10 * width / max(widest, 1)) / 10))
    for line, baseline in zip(lines, (ROW_HEIGHT / 2 + 0.35 * size, ROW_HEIGHT / 2 - 0.95 * size),
                              strict=True):
        scripts.draw(canvas, left, row_bottom + baseline, fit_width(line, font, size, width),
                     font, size)


def _draw_footer(canvas: Canvas, page: int, pages: int, workshop: str, font: str) -> None:
    canvas.setFillColor(GREY)
    canvas.setFont(font, 8)
    label = _("Page {number} / {total}").format(number=page, total=pages)
    canvas.drawRightString(A4[0] - MARGIN, 10 * mm, label)
    room = TABLE_WIDTH - stringWidth(label, font, 8) - 8 * mm
    scripts.draw(canvas, MARGIN, 10 * mm, fit_width(workshop, font, 8, room), font, 8)
