"""Name badges: A4 sheets of 6 (2 x 3) badges of 4 x 3 in (102 x 76 mm), the insert of the most
common conference badge holders, each with the name, business, workshop and a QR code; and one
badge on its own (a walk-in's, printed on the spot): in a chosen position of an A4 sheet of 6
(the first free badge of a sheet already partly used), on an A6 page, or on a 62 mm label roll.

The name is read at 1.5 m: the line with the first name is 28 pt or more (32 pt when the whole
name fits in two lines); a long name keeps the first name large and wraps the rest, smaller, in
up to two lines under it. Every script prints (exports.pdf.scripts picks a font per character).

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
from reportlab.lib.units import inch, mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas as pdf_canvas

from exports.atomic import write_atomically
from exports.pdf import scripts
from exports.pdf.fonts import register_fonts
from exports.pdf.text import fit_lines, fit_width
from exports.sensitivity import mark_canvas
from facilitator_app.i18n import _

PER_PAGE = 6
FIXED_MASK = 2
COLUMNS = 2
ROWS = 3
BADGE_WIDTH = 4 * inch  # 101.6 mm: the 4 x 3 in insert of common conference badge holders
BADGE_HEIGHT = 3 * inch  # 76.2 mm
PADDING = 5 * mm  # left, right and top
BOTTOM_PADDING = 4 * mm  # the baselines of the code and of the workshop's last line

QR_SIDE = 28 * mm  # the symbol itself, without its quiet zone
QUIET_MODULES = 4
QR_EDGE_GAP = 1.5 * mm  # from the badge border to the outer edge of the quiet zone

NAME_MAX_SIZE = 32.0  # the whole name, in one or two lines, when it fits this large
FIRST_NAME_SIZE = 28.0  # the least for the line that starts with the first name
NAME_MIN_SIZE = 9.0  # the rest of a very long name shrinks down to this, then is cut
REST_MAX_SIZE = 20.0
NAME_ASCENT = 0.8  # DejaVu Sans Bold: accented capitals reach about 0.9 em, descenders 0.24 em
NAME_DESCENT = 0.24
LEADING = 1.15
# Words that start a surname rather than end a first name: "María José | de la Rosa".
PARTICLES = frozenset({"de", "del", "la", "las", "los", "y", "e", "da", "das", "do", "dos",
                       "di", "du", "van", "von", "der", "den", "le", "el", "al", "bin", "ibn"})
BUSINESS_MAX_SIZE = 11.0
BUSINESS_MIN_SIZE = 8.0
WORKSHOP_MAX_SIZE = 8.0
WORKSHOP_MIN_SIZE = 6.5
CODE_FONT = "Courier-Bold"  # base-14: Base32 letters, digits and "-" need no embedded font
CODE_SIZE = 9.0
CODE_MIN_SIZE = 6.0
CODE_CAP_HEIGHT = 0.6

CUT_GREY = 0.75
CUT_OVERRUN = 8 * mm  # the vertical cut lines run on into the top and bottom margins
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
        mark_canvas(sheet, "badges")
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
    slot: int | None = None  # on an A4 sheet of 6: which badge (0..5)

    def origin(self) -> tuple[float, float]:
        if self.slot is not None:
            return _slot_origin(self.slot)
        width, height = self.page
        return ((width - BADGE_WIDTH * self.scale) / 2, (height - BADGE_HEIGHT * self.scale) / 2)


A6_LANDSCAPE = (148 * mm, 105 * mm)
LABEL_62 = (84 * mm, 62 * mm)  # a 62 mm roll, cut at 84 mm: the badge at 79%


def single_layouts() -> dict[str, SingleLayout]:
    """"a4-1" .. "a4-6" (positions on a sheet of 6, left to right, top to bottom), "a6" and
    "label62"."""
    found = {f"a4-{slot + 1}": SingleLayout(f"a4-{slot + 1}", A4, 1.0, slot)
             for slot in range(PER_PAGE)}
    found["a6"] = SingleLayout("a6", A6_LANDSCAPE, min((A6_LANDSCAPE[0] - 6 * mm) / BADGE_WIDTH,
                                                       (A6_LANDSCAPE[1] - 6 * mm) / BADGE_HEIGHT))
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
        mark_canvas(sheet, "badges")
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
    """Bottom-left corner of badge `slot` (0..5), filled left to right, top to bottom."""
    left, bottom = _margins()
    row, column = divmod(slot, COLUMNS)
    return left + column * BADGE_WIDTH, bottom + (ROWS - 1 - row) * BADGE_HEIGHT


def _draw_cut_marks(sheet: pdf_canvas.Canvas) -> None:
    """Thin grey lines along every badge edge, the vertical ones running on into the top and
    bottom margins (the side margins are narrow enough for a printer to lose), and a caption."""
    left, bottom = _margins()
    top = bottom + ROWS * BADGE_HEIGHT
    sheet.saveState()
    sheet.setStrokeGray(CUT_GREY)
    sheet.setLineWidth(0.3)
    for column in range(COLUMNS + 1):
        x = left + column * BADGE_WIDTH
        sheet.line(x, bottom - CUT_OVERRUN, x, top + CUT_OVERRUN)
    for row in range(ROWS + 1):
        y = bottom + row * BADGE_HEIGHT
        sheet.line(left, y, left + COLUMNS * BADGE_WIDTH, y)
    regular = register_fonts()[0]
    sheet.setFillGray(TEXT_GREY)
    caption = _("Cut along the grey lines: badges of 4 × 3 in (102 × 76 mm) for badge holders")
    scripts.draw(sheet, A4[0] / 2, top + CUT_OVERRUN + 3 * mm, caption, regular, 8, "centre")
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

    # The name, as large as fits across the badge above the QR.
    left = x + PADDING
    name_top = y + BADGE_HEIGHT - PADDING
    name_room = name_top - (box_bottom + box_side + 1 * mm)
    sheet.setFillGray(0)
    name_lines = _fit_name(badge.name, bold, right - left, name_room)
    if scripts.right_to_left(badge.name):  # an Arabic name starts at the right
        name_bottom = _draw_lines(sheet, name_lines, right, name_top, bold, "right")
    else:
        name_bottom = _draw_lines(sheet, name_lines, left, name_top, bold)

    # The business and the workshop in the column left of the QR's quiet zone.
    _draw_details(sheet, badge, left, box_left - 1 * mm - left, name_bottom, y, regular)


def _draw_details(sheet: pdf_canvas.Canvas, badge: BadgeData, left: float, column_width: float,
                  name_bottom: float, y: float, regular: str) -> None:
    """The business under the name and the workshop at the foot, within `column_width`."""
    if badge.business:
        business_size, business_lines = fit_lines(badge.business, regular, column_width,
                                                  BUSINESS_MAX_SIZE, BUSINESS_MIN_SIZE,
                                                  max_lines=3)
        rtl = scripts.right_to_left(badge.business)
        _draw_lines(sheet, [(business_size, line) for line in business_lines],
                    left + column_width if rtl else left, name_bottom - 1.5 * mm, regular,
                    "right" if rtl else "left")

    workshop_size, workshop_lines = fit_lines(badge.workshop_title, regular, column_width,
                                              WORKSHOP_MAX_SIZE, WORKSHOP_MIN_SIZE)
    sheet.setFillGray(TEXT_GREY)
    baseline = y + BOTTOM_PADDING + (len(workshop_lines) - 1) * workshop_size * LEADING
    for line in workshop_lines:
        scripts.draw(sheet, left, baseline, line, regular, workshop_size)
        baseline -= workshop_size * LEADING
    sheet.setFillGray(0)


def _draw_lines(sheet: pdf_canvas.Canvas, lines: list[tuple[float, str]], x: float,
                top: float, font: str, align: str = "left") -> float:
    """Draw (size, text) lines downwards from `top`, starting (or, aligned "right", ending)
    at x; returns the bottom of the last one."""
    for size, line in lines:
        scripts.draw(sheet, x, top - size * NAME_ASCENT, line, font, size, align)
        top -= size * LEADING
    return top + (lines[-1][0] * (LEADING - NAME_ASCENT - NAME_DESCENT) if lines else 0)


def _lines_height(lines: list[tuple[float, str]]) -> float:
    """The height `_draw_lines` takes for `lines`, from the top of the first to the bottom
    of the last."""
    if not lines:
        return 0.0
    return sum(size * LEADING for size, _line in lines) - lines[-1][0] * (
        LEADING - NAME_ASCENT - NAME_DESCENT)


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


def _fit_name(name: str, font: str, width: float, height: float) -> list[tuple[float, str]]:
    """(size, line) pairs that show `name` within width x height, the first name largest.

    The whole name in one or two lines at 32 down to 28 pt when it fits; else the first name
    (and the words after it that fit at 28 pt, up to a surname's particle) on the first line
    and the rest of the name, smaller, in up to two lines under it.
    """
    words = name.split()
    if not words:
        return []
    unit = {text: scripts.width(text, font, 1) for text in _prefixes_and_splits(words)}
    for size in range(int(NAME_MAX_SIZE), int(FIRST_NAME_SIZE) - 1, -1):
        lines = _whole_name(words, unit, size, width)
        if lines and _lines_height([(size, line) for line in lines]) <= height:
            return [(float(size), line) for line in lines]
    count = _first_line_words(words, unit, width)
    first = " ".join(words[:count])
    first_size = max(NAME_MIN_SIZE, min(FIRST_NAME_SIZE, width / unit[first]))
    shown = [(first_size, fit_width(first, font, first_size, width))]
    rest = words[count:]
    if rest:
        room = height - _lines_height(shown) - first_size * (LEADING - 1)
        cap = room / (NAME_ASCENT + LEADING + NAME_DESCENT)
        largest = max(NAME_MIN_SIZE, min(REST_MAX_SIZE, cap))
        size, lines = fit_lines(" ".join(rest), font, width, largest, NAME_MIN_SIZE)
        shown += [(size, line) for line in lines]
    return shown


def _prefixes_and_splits(words: list[str]) -> set[str]:
    """Every run of `words` from the start and to the end: what `_fit_name` measures."""
    return ({" ".join(words[:end]) for end in range(1, len(words) + 1)}
            | {" ".join(words[start:]) for start in range(len(words))})


def _whole_name(words: list[str], unit: dict[str, float], size: float,
                width: float) -> list[str] | None:
    """The name on one line, or split in two where the longer line is shortest, if it fits
    `width` at `size`; else None."""
    whole = " ".join(words)
    if unit[whole] * size <= width:
        return [whole]
    best = min(range(1, len(words)), default=None, key=lambda at: max(
        unit[" ".join(words[:at])], unit[" ".join(words[at:])]))
    if best is None:
        return None
    pair = [" ".join(words[:best]), " ".join(words[best:])]
    return pair if max(unit[line] for line in pair) * size <= width else None


def _first_line_words(words: list[str], unit: dict[str, float], width: float) -> int:
    """How many words open the first line: as many as fit at 28 pt (at least one), without
    ending on a particle such as "de"."""
    count = 1
    while count < len(words) and unit[" ".join(words[:count + 1])] * FIRST_NAME_SIZE <= width:
        count += 1
    while count > 1 and words[count - 1].lower() in PARTICLES:
        count -= 1
    return count


def _fitting_size(text: str, font: str, width: float, largest: float, smallest: float) -> float:
    """The size, between `smallest` and `largest`, at which `text` fills `width` on one line."""
    natural = stringWidth(text, font, 1)
    if natural <= 0:
        return largest
    return max(smallest, min(largest, width / natural))
