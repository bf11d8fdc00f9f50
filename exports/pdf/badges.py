"""Name badges: A4 sheets of 8 (2 x 4), each with the name, business, workshop and a QR code;
and one badge on its own (a walk-in's, printed on the spot): in a chosen position of an A4
sheet of 8 (the first free badge of a sheet already partly used), on an A6 page, or on a
62 mm label roll (62 x 91 mm).

The QR is drawn as one vector path from the qrcode matrix (DESIGN.md section 7: 1,000 badges in
a few seconds and about 2 MB, where a PNG per badge is slower and larger). Every badge keeps a
quiet zone of 4 white modules around its QR so phone cameras and webcams read it at a glance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdf_canvas

from exports.atomic import write_atomically
from exports.pdf.fonts import register_fonts
from exports.pdf.text import fit_width

PER_PAGE = 8
FIXED_MASK = 2
COLUMNS = 2
ROWS = 4
BADGE_WIDTH = 95 * mm
BADGE_HEIGHT = 65 * mm
PADDING = 5 * mm  # left, right and top
BOTTOM_PADDING = 4 * mm  # the baselines of the code and of the workshop's last line

QR_SIDE = 28 * mm  # the symbol itself, without its quiet zone
QUIET_MODULES = 4
QR_EDGE_GAP = 1.5 * mm  # from the badge border to the outer edge of the quiet zone

NAME_MAX_SIZE = 24.0
NAME_MIN_SIZE = 9.0
NAME_ASCENT = 0.8  # DejaVu Sans Bold: accented capitals reach about 0.9 em, descenders 0.24 em
NAME_DESCENT = 0.24
LEADING = 1.15
BUSINESS_MAX_SIZE = 11.0
BUSINESS_MIN_SIZE = 8.0
WORKSHOP_MAX_SIZE = 8.0
WORKSHOP_MIN_SIZE = 6.5
CODE_FONT = "Courier-Bold"  # base-14: Base32 letters, digits and "-" need no embedded font
CODE_SIZE = 9.0
CODE_MIN_SIZE = 6.0
CODE_CAP_HEIGHT = 0.6

CUT_GREY = 0.8
TEXT_GREY = 0.3


@dataclass(frozen=True)
class BadgeData:
    name: str  # as the person writes it, e.g. "María José de la Rosa Fuenmayor"
    business: str  # may be ""
    workshop_title: str
    token: str  # opaque uppercase Base32, e.g. "CJ5Q2K7XWPA3M4RTZB6N2HQ5SL4"
    code_label: str  # short typed fallback printed under the QR, e.g. "CJ5Q-2K7X-WPA3"


def qr_code(token: str) -> qrcode.QRCode:
    """The QR code of `token`, made; an uppercase Base32 token encodes in alphanumeric mode."""
    # A fixed mask skips scoring all eight (qrcode's slowest step, 60% of a sheet's time);
    # every mask is valid, and the badge tests decode each code back.
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=FIXED_MASK)
    qr.add_data(token)
    qr.make(fit=True)
    return qr


def qr_matrix(token: str) -> list[list[bool]]:
    """The QR modules of `token`, row by row (True is dark), without a quiet zone."""
    return qr_code(token).get_matrix()


def write_badges(badges: Sequence[BadgeData], target: Path, *, title: str = "Badges") -> Path:
    """Write `badges` to `target` as A4 sheets of 8 badges with cut borders; returns `target`.

    The file appears only when complete; a failure leaves any earlier file untouched.
    """
    regular, bold = register_fonts()

    def write(temporary: Path) -> None:
        sheet = pdf_canvas.Canvas(str(temporary), pagesize=A4, pageCompression=1)
        sheet.setTitle(title)
        sheet.setCreator("CREANDO Desk")
        # No badges still gives one sheet of empty badges: handy for walk-ins to write on.
        for start in range(0, max(len(badges), 1), PER_PAGE):
            _draw_cut_marks(sheet)
            for slot, badge in enumerate(badges[start:start + PER_PAGE]):
                x, y = _slot_origin(slot)
                _draw_badge(sheet, badge, x, y, regular, bold)
            sheet.showPage()
        sheet.save()

    return write_atomically(target, write)


@dataclass(frozen=True)
class SingleLayout:
    """Where one badge goes: a page size, and the badge's corner and scale on it."""

    key: str
    page: tuple[float, float]
    scale: float = 1.0
    slot: int | None = None  # on an A4 sheet of 8: which badge (0..7)

    def origin(self) -> tuple[float, float]:
        if self.slot is not None:
            return _slot_origin(self.slot)
        width, height = self.page
        return ((width - BADGE_WIDTH * self.scale) / 2, (height - BADGE_HEIGHT * self.scale) / 2)


A6_LANDSCAPE = (148 * mm, 105 * mm)
LABEL_62 = (91 * mm, 62 * mm)  # a 62 mm roll, cut at 91 mm: the badge at 95%


def single_layouts() -> dict[str, SingleLayout]:
    """"a4-1" .. "a4-8" (positions on a sheet, left to right, top to bottom), "a6", "label62"."""
    found = {f"a4-{slot + 1}": SingleLayout(f"a4-{slot + 1}", A4, 1.0, slot)
             for slot in range(PER_PAGE)}
    found["a6"] = SingleLayout("a6", A6_LANDSCAPE, (A6_LANDSCAPE[0] - 6 * mm) / BADGE_WIDTH)
    found["label62"] = SingleLayout("label62", LABEL_62, (LABEL_62[1] - 2 * mm) / BADGE_HEIGHT)
    return found


def write_single_badge(badge: BadgeData, target: Path, layout: str = "a4-1", *,
                       title: str = "Badge") -> Path:
    """One badge on one page laid out as `layout` (see `single_layouts`); returns `target`.

    On an A4 sheet the cut lines are the sheet's, so it lines up with the others; on A6 and
    on a label the badge is scaled up or down as a whole, quiet zone included.
    """
    chosen = single_layouts()[layout]
    regular, bold = register_fonts()

    def write(temporary: Path) -> None:
        sheet = pdf_canvas.Canvas(str(temporary), pagesize=chosen.page, pageCompression=1)
        sheet.setTitle(title)
        sheet.setCreator("CREANDO Desk")
        if chosen.slot is not None:
            _draw_cut_marks(sheet)
        x, y = chosen.origin()
        sheet.saveState()
        sheet.translate(x, y)
        sheet.scale(chosen.scale, chosen.scale)
        _draw_badge(sheet, badge, 0, 0, regular, bold)
        sheet.restoreState()
        sheet.showPage()
        sheet.save()

    return write_atomically(target, write)


def _margins() -> tuple[float, float]:
    page_width, page_height = A4
    return ((page_width - COLUMNS * BADGE_WIDTH) / 2, (page_height - ROWS * BADGE_HEIGHT) / 2)


def _slot_origin(slot: int) -> tuple[float, float]:
    """Bottom-left corner of badge `slot` (0..7), filled left to right, top to bottom."""
    left, bottom = _margins()
    row, column = divmod(slot, COLUMNS)
    return left + column * BADGE_WIDTH, bottom + (ROWS - 1 - row) * BADGE_HEIGHT


def _draw_cut_marks(sheet: pdf_canvas.Canvas) -> None:
    """Thin light-grey lines along every badge edge: cut along them."""
    left, bottom = _margins()
    sheet.saveState()
    sheet.setStrokeGray(CUT_GREY)
    sheet.setLineWidth(0.3)
    for column in range(COLUMNS + 1):
        x = left + column * BADGE_WIDTH
        sheet.line(x, bottom, x, bottom + ROWS * BADGE_HEIGHT)
    for row in range(ROWS + 1):
        y = bottom + row * BADGE_HEIGHT
        sheet.line(left, y, left + COLUMNS * BADGE_WIDTH, y)
    sheet.restoreState()


def _draw_badge(sheet: pdf_canvas.Canvas, badge: BadgeData, x: float, y: float,
                regular: str, bold: str) -> None:
    """One badge with its bottom-left corner at (x, y).

    The name runs across the top; under it the business (left) and the QR (right), the typed
    code under the QR and the workshop at the bottom left. Nothing enters the QR's quiet zone.
    """
    right = x + BADGE_WIDTH - PADDING

    # The QR at the bottom right, the typed code under its quiet zone.
    matrix = qr_matrix(badge.token)
    module = QR_SIDE / len(matrix)
    quiet = QUIET_MODULES * module
    box_side = QR_SIDE + 2 * quiet
    box_left = x + BADGE_WIDTH - QR_EDGE_GAP - box_side
    code_size = _fitting_size(badge.code_label, CODE_FONT, box_side, CODE_SIZE, CODE_MIN_SIZE)
    code_baseline = y + BOTTOM_PADDING
    box_bottom = code_baseline + code_size * CODE_CAP_HEIGHT + 0.5 * mm
    _draw_qr(sheet, matrix, box_left + quiet, box_bottom + quiet, module)
    sheet.setFont(CODE_FONT, code_size)
    sheet.drawCentredString(box_left + box_side / 2, code_baseline,
                            fit_width(badge.code_label, CODE_FONT, code_size, box_side))

    # The name, as large as fits across the badge above the QR, in one or two lines.
    left = x + PADDING
    name_top = y + BADGE_HEIGHT - PADDING
    name_room = name_top - (box_bottom + box_side + 1 * mm)
    size, lines = _fit_name(badge.name, bold, right - left, name_room)
    sheet.setFillGray(0)
    sheet.setFont(bold, size)
    baseline = name_top - size * NAME_ASCENT
    for index, line in enumerate(lines):
        if index:
            baseline -= size * LEADING
        sheet.drawString(left, baseline, line)
    name_bottom = baseline - size * NAME_DESCENT

    # The business and the workshop in the column left of the QR's quiet zone.
    column_width = box_left - 1 * mm - left
    if badge.business:
        business_size, business_lines = _fit_block(badge.business, regular, column_width,
                                                   BUSINESS_MAX_SIZE, BUSINESS_MIN_SIZE,
                                                   max_lines=3)
        sheet.setFont(regular, business_size)
        baseline = name_bottom - 1.5 * mm - business_size * NAME_ASCENT
        for line in business_lines:
            sheet.drawString(left, baseline, line)
            baseline -= business_size * LEADING

    workshop_size, workshop_lines = _fit_block(badge.workshop_title, regular, column_width,
                                               WORKSHOP_MAX_SIZE, WORKSHOP_MIN_SIZE)
    sheet.setFillGray(TEXT_GREY)
    sheet.setFont(regular, workshop_size)
    baseline = y + BOTTOM_PADDING + (len(workshop_lines) - 1) * workshop_size * LEADING
    for line in workshop_lines:
        sheet.drawString(left, baseline, line)
        baseline -= workshop_size * LEADING
    sheet.setFillGray(0)


def _draw_qr(sheet: pdf_canvas.Canvas, matrix: list[list[bool]], left: float, bottom: float,
             module: float) -> None:
    """Fill the dark modules as one path: one rectangle per horizontal run of dark modules.

    Rectangles overlap their neighbours by a hair so no white seams show between rows.
    """
    path = sheet.beginPath()
    size = len(matrix)
    seam = module * 0.02
    for row_index, row in enumerate(matrix):
        row_bottom = bottom + (size - 1 - row_index) * module
        column = 0
        while column < size:
            if not row[column]:
                column += 1
                continue
            run_start = column
            while column < size and row[column]:
                column += 1
            path.rect(left + run_start * module, row_bottom - seam,
                      (column - run_start) * module, module + seam)
    sheet.saveState()
    sheet.setFillGray(0)
    sheet.drawPath(path, fill=1, stroke=0)
    sheet.restoreState()


def _fit_name(name: str, font: str, width: float, height: float) -> tuple[float, list[str]]:
    """The font size and the one or two lines that show `name` largest within width x height.

    Two lines split where the longer line is shortest, so "María José de la Rosa Fuenmayor"
    breaks evenly; a short name stays on one line unless two lines make it clearly larger.
    """
    words = name.split()
    if not words:
        return NAME_MAX_SIZE, []
    whole = " ".join(words)
    one_line = min(NAME_MAX_SIZE, height / (NAME_ASCENT + NAME_DESCENT),
                   width / stringWidth(whole, font, 1))
    best_size, best_lines = one_line, [whole]
    if one_line < NAME_MAX_SIZE * 0.8:
        two_line_cap = min(NAME_MAX_SIZE, height / (NAME_ASCENT + LEADING + NAME_DESCENT))
        splits = ([" ".join(words[:split]), " ".join(words[split:])]
                  for split in range(1, len(words)))
        lines = min(splits, key=lambda pair: max(stringWidth(line, font, 1) for line in pair),
                    default=None)
        if lines is not None:
            widest = max(stringWidth(line, font, 1) for line in lines)
            size = min(two_line_cap, width / widest)
            if size > best_size * 1.05:
                best_size, best_lines = size, lines
    if best_size >= NAME_MIN_SIZE:
        return best_size, best_lines
    return NAME_MIN_SIZE, _wrapped(words, font, NAME_MIN_SIZE, width, max_lines=2)


def _fit_block(text: str, font: str, width: float, largest: float,
               smallest: float, max_lines: int = 2) -> tuple[float, list[str]]:
    """The largest size (in half points) at which `text` wraps into `max_lines` within `width`;
    below `smallest` the last line is cut with an ellipsis instead."""
    words = text.split()
    size = largest
    while size >= smallest:
        lines = _greedy_lines(words, font, size, width)
        if len(lines) <= max_lines and all(stringWidth(line, font, size) <= width
                                           for line in lines):
            return size, lines
        size -= 0.5
    return smallest, _wrapped(words, font, smallest, width, max_lines)


def _greedy_lines(words: list[str], font: str, size: float, width: float) -> list[str]:
    """Words filled into lines no wider than `width` (a single overlong word gets its own line)."""
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if current and stringWidth(candidate, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(current)
    return lines


def _wrapped(words: list[str], font: str, size: float, width: float,
             max_lines: int) -> list[str]:
    """At most `max_lines` lines within `width`; what does not fit ends in an ellipsis."""
    lines = _greedy_lines(words, font, size, width)
    if len(lines) > max_lines:
        lines = [*lines[:max_lines - 1], " ".join(lines[max_lines - 1:])]
    return [fit_width(line, font, size, width) for line in lines]


def _fitting_size(text: str, font: str, width: float, largest: float, smallest: float) -> float:
    """The size, between `smallest` and `largest`, at which `text` fills `width` on one line."""
    natural = stringWidth(text, font, 1)
    if natural <= 0:
        return largest
    return max(smallest, min(largest, width / natural))
