"""Certificates of participation: one A4 landscape page per person who met the attendance rule.

Each page carries a verification code that staff can look up; there is no signature image, so
the file stays small and nothing can be lifted from it to forge another certificate.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from exports.atomic import write_atomically
from exports.pdf.fonts import register_fonts
from facilitator_app.export_models import CertificateData
from facilitator_app.i18n import N_, _, ngettext

PAGE = landscape(A4)
TEXT_WIDTH = PAGE[0] - 80 * mm
ACCENT = colors.HexColor("#0B5394")
GOLD = colors.HexColor("#B8860B")
GREY = colors.HexColor("#5F6368")
TITLE_BASELINE = PAGE[1] - 42 * mm
BODY_TOP = TITLE_BASELINE - 17 * mm  # under the rule beneath the title
BODY_BOTTOM = 50 * mm  # above the issue date and the verification code
NAME_MAX_SIZE = 40.0
NAME_MIN_SIZE = 20.0
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
          N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
          N_("December"))


def write_certificates(certificates: Sequence[CertificateData], target: Path, *,
                       title: str = "") -> Path:
    """Write one certificate page per person to `target`; no one yet gives a page that says so."""
    regular, bold = register_fonts()

    def write(temporary: Path) -> None:
        canvas = Canvas(str(temporary), pagesize=PAGE, pageCompression=1)
        canvas.setTitle(title or _("Certificates of participation"))
        canvas.setCreator("CREANDO Desk")
        canvas.setAuthor("")
        canvas.setSubject("")
        for certificate in certificates:
            _draw_border(canvas)
            _draw_certificate(canvas, certificate, regular, bold)
            canvas.showPage()
        if not certificates:
            _draw_border(canvas)
            _draw_nobody(canvas, regular, bold)
            canvas.showPage()
        canvas.save()

    return write_atomically(target, write)


def long_date(day: date) -> str:
    """E.g. "28 March 2026" (or "28 de marzo de 2026" in Spanish)."""
    return _("{day} {month} {year}").format(day=day.day, month=_(MONTHS[day.month - 1]),
                                           year=day.year)


def attendance_sentence(certificate: CertificateData) -> str:
    """"Attended 4 of 5 sessions, in the room and online." in the current language."""
    held, mode = certificate.sessions_held, certificate.mode
    if mode == "in_room":
        text = ngettext("Attended {attended} of {held} session, in the room.",
                        "Attended {attended} of {held} sessions, in the room.", held)
    elif mode == "online":
        text = ngettext("Attended {attended} of {held} session, online.",
                        "Attended {attended} of {held} sessions, online.", held)
    elif mode == "both":
        text = ngettext("Attended {attended} of {held} session, in the room and online.",
                        "Attended {attended} of {held} sessions, in the room and online.", held)
    else:
        text = ngettext("Attended {attended} of {held} session.",
                        "Attended {attended} of {held} sessions.", held)
    return text.format(attended=certificate.sessions_attended, held=held)


def _draw_border(canvas: Canvas) -> None:
    """A heavy outer frame and a thin inner one, with small corner squares."""
    width, height = PAGE
    canvas.saveState()
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(3)
    canvas.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(0.8)
    canvas.rect(14 * mm, 14 * mm, width - 28 * mm, height - 28 * mm)
    canvas.setFillColor(GOLD)
    for x in (14 * mm, width - 14 * mm):
        for y in (14 * mm, height - 14 * mm):
            canvas.rect(x - 1.5 * mm, y - 1.5 * mm, 3 * mm, 3 * mm, stroke=0, fill=1)
    canvas.restoreState()


def _draw_certificate(canvas: Canvas, data: CertificateData, regular: str, bold: str) -> None:
    """Title, name, workshop, dates and venue, attendance, issue date and verification code.

    The middle block is centred between the title and the issue date; text that would not fit
    there is set smaller (down to half size) rather than overlap the date and the code.
    """
    centre = PAGE[0] / 2
    canvas.setFillColor(ACCENT)
    canvas.setFont(bold, 30)
    canvas.drawCentredString(centre, TITLE_BASELINE, _("Certificate of participation"))
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(1)
    canvas.line(centre - 30 * mm, TITLE_BASELINE - 7 * mm, centre + 30 * mm,
                TITLE_BASELINE - 7 * mm)
    for scale in (1.0, 0.9, 0.8, 0.7, 0.6, 0.5):
        block = _body(data, regular, bold, scale)
        height = sum(paragraph.wrap(TEXT_WIDTH, PAGE[1])[1] + gap for paragraph, gap in block)
        if height <= BODY_TOP - BODY_BOTTOM:
            break
    y = BODY_TOP - max(0, (BODY_TOP - BODY_BOTTOM - height) / 2)
    for paragraph, gap in block:
        y -= gap + paragraph.height
        paragraph.drawOn(canvas, (PAGE[0] - TEXT_WIDTH) / 2, y)
    issued = _("Issued on {date}").format(date=long_date(data.issued_on))
    canvas.setFillColor(GREY)
    canvas.setFont(regular, 11)
    canvas.drawCentredString(centre, 38 * mm, issued)
    _draw_code(canvas, data.verification_code, regular, bold)


def _body(data: CertificateData, regular: str, bold: str,
          scale: float) -> list[tuple[Paragraph, float]]:
    """The middle block at `scale`: (paragraph, space above it) from the name to attendance."""
    size, lines = _name_lines(data.name, bold)
    where = f"{data.dates} · {data.venue}"
    return [(_centred(_("This certifies that"), regular, 14 * scale, GREY), 0),
            (_centred(lines, bold, size * scale, colors.black), 5 * mm * scale),
            (_centred(_("took part in the workshop"), regular, 14 * scale, GREY), 4 * mm * scale),
            (_centred(data.workshop_title, bold, 18 * scale, colors.black), 2 * mm * scale),
            (_centred(where, regular, 13 * scale, colors.black), 3 * mm * scale),
            (_centred(attendance_sentence(data), regular, 13 * scale, colors.black),
             2 * mm * scale)]


def _name_lines(name: str, font: str) -> tuple[float, list[str]]:
    """The size and lines that show the name largest: one line, else two balanced lines;
    below the smallest size the name wraps by itself."""
    lines = [name]
    words = name.split()
    if stringWidth(name, font, NAME_MAX_SIZE) > TEXT_WIDTH and len(words) > 1:
        two_lines = min(([" ".join(words[:at]), " ".join(words[at:])]
                         for at in range(1, len(words))),
                        key=lambda pair: max(stringWidth(line, font, 1) for line in pair))
        if _fitted(two_lines, font) > 1.2 * _fitted(lines, font):  # one line unless much smaller
            lines = two_lines
    size = _fitted(lines, font)
    return (size, lines) if size >= NAME_MIN_SIZE else (NAME_MIN_SIZE, [name])


def _fitted(lines: list[str], font: str) -> float:
    """The largest size, up to NAME_MAX_SIZE, at which every line fits the text width."""
    widest = max(stringWidth(line, font, 1) for line in lines)
    return min(NAME_MAX_SIZE, 0.99 * TEXT_WIDTH / max(widest, 1))


def _centred(text: str | list[str], font: str, size: float, colour: colors.Color) -> Paragraph:
    """`text` (or its lines) centred, wrapping within the text width."""
    style = ParagraphStyle("centred", fontName=font, fontSize=size, leading=size * 1.25,
                           alignment=TA_CENTER, textColor=colour)
    lines = [text] if isinstance(text, str) else text
    return Paragraph("<br/>".join(escape(line) for line in lines), style)


def _draw_code(canvas: Canvas, code: str, regular: str, bold: str) -> None:
    """ "Verification code: ABCD-EFGH-JK" centred near the bottom, the code in bold."""
    label = _("Verification code:") + " "
    size = 12
    width = stringWidth(label, regular, size) + stringWidth(code, bold, size)
    left = (PAGE[0] - width) / 2
    canvas.setFillColor(GREY)
    canvas.setFont(regular, size)
    canvas.drawString(left, 26 * mm, label)
    canvas.setFillColor(colors.black)
    canvas.setFont(bold, size)
    canvas.drawString(left + stringWidth(label, regular, size), 26 * mm, code)


def _draw_nobody(canvas: Canvas, regular: str, bold: str) -> None:
    """The page written when no one has met the attendance rule yet."""
    y = PAGE[1] / 2 + 20 * mm
    for text, font, size, colour in (
            (_("Certificates of participation"), bold, 26, ACCENT),
            (_("Nobody has met the attendance rule yet, so there are no certificates to print."),
             regular, 14, GREY)):
        paragraph = _centred(text, font, size, colour)
        y -= paragraph.wrap(TEXT_WIDTH, PAGE[1])[1]
        paragraph.drawOn(canvas, (PAGE[0] - TEXT_WIDTH) / 2, y)
        y -= 10 * mm
