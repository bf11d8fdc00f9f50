"""Certificates of participation: one A4 landscape page per person who met the attendance rule.

Each page names the issuer and the partner (with their logos when set), the facilitator over
a signature line, the sessions and time attended (and, before the workshop ends, how many of
the planned sessions were held so far), and a verification code as text and as a QR code
that carries what the certificate states. The code is bound to that statement, so an edited
name or number no longer matches it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from exports.atomic import write_atomically
from exports.pdf import scripts
from exports.pdf.fonts import register_fonts
from exports.pdf.qr import draw_qr
from exports.sensitivity import mark_canvas
from facilitator_app.export_models import CertificateData
from facilitator_app.i18n import N_, _, ngettext

PAGE = landscape(A4)
TEXT_WIDTH = PAGE[0] - 80 * mm
ACCENT = colors.HexColor("#0B5394")
GOLD = colors.HexColor("#B8860B")
GREY = colors.HexColor("#5F6368")
HEADER_TOP = PAGE[1] - 20 * mm  # logos and issuer hang from here
LOGO_BOX = (55 * mm, 22 * mm)
TITLE_BASELINE = PAGE[1] - 56 * mm
HEADER_HEIGHT = HEADER_TOP - 2 * mm - (TITLE_BASELINE + 12 * mm)  # the names' room
BODY_TOP = TITLE_BASELINE - 12 * mm  # under the rule beneath the title
BODY_BOTTOM = 60 * mm  # above the signature, the issue date and the verification code
QR_SIDE = 36 * mm
NAME_MAX_SIZE = 38.0
NAME_MIN_SIZE = 20.0
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
          N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
          N_("December"))


def write_certificates(certificates: Sequence[CertificateData], target: Path, *,
                       title: str = "") -> Path:
    """Write one certificate page per person to `target`; no one yet gives a page that says so."""
    fonts = register_fonts()

    def write(temporary: Path) -> None:
        canvas = _canvas(temporary, title or _("Certificates of participation"))
        for certificate in certificates:
            _draw_page(canvas, certificate, fonts)
        if not certificates:
            _draw_border(canvas)
            _draw_nobody(canvas, *fonts)
            canvas.showPage()
        canvas.save()

    return write_atomically(target, write)


def write_certificate_files(certificates: Sequence[CertificateData], folder: Path) -> list[Path]:
    """One PDF per person in `folder`, named by the verification code (never by the name)."""
    fonts = register_fonts()
    written, prefix = [], _("certificate")
    for certificate in certificates:
        name = f"{prefix}-{certificate.verification_code}.pdf"

        def write(temporary: Path, certificate: CertificateData = certificate) -> None:
            canvas = _canvas(temporary, _("Certificate of participation"))
            _draw_page(canvas, certificate, fonts)
            canvas.save()

        written.append(write_atomically(folder / name, write))
    return written


def _canvas(path: Path, title: str) -> Canvas:
    canvas = Canvas(str(path), pagesize=PAGE, pageCompression=1)
    canvas.setTitle(title)
    canvas.setCreator("CREANDO Desk")
    canvas.setAuthor("")
    mark_canvas(canvas, "certificates")
    return canvas


def _draw_page(canvas: Canvas, data: CertificateData, fonts: tuple[str, str]) -> None:
    _draw_border(canvas)
    _draw_header(canvas, data, *fonts)
    _draw_certificate(canvas, data, *fonts)
    canvas.showPage()


def long_date(day: date) -> str:
    """E.g. "28 March 2026" (or "28 de marzo de 2026" in Spanish)."""
    return _("{day} {month} {year}").format(day=day.day, month=_(MONTHS[day.month - 1]),
                                           year=day.year)


def attendance_sentence(certificate: CertificateData) -> str:
    """"Attended 4 of 5 sessions, in the room and online." in the current language; before
    the workshop ends, "… of 1 session held so far …" (never "1 of 1" for three)."""
    held, mode = certificate.sessions_held, certificate.mode
    if held < certificate.planned:
        text = _so_far(mode, held)
    elif mode == "in_room":
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


def _so_far(mode: str, held: int) -> str:
    if mode == "in_room":
        return ngettext("Attended {attended} of {held} session held so far, in the room.",
                        "Attended {attended} of {held} sessions held so far, in the room.",
                        held)
    if mode == "online":
        return ngettext("Attended {attended} of {held} session held so far, online.",
                        "Attended {attended} of {held} sessions held so far, online.", held)
    return ngettext("Attended {attended} of {held} session held so far, in the room and "
                    "online.", "Attended {attended} of {held} sessions held so far, in the "
                    "room and online.", held)


def held_sentence(certificate: CertificateData, *, short: bool = False) -> str:
    """"Sessions held so far: 1 of 3 planned. Issued before the workshop ended." before the
    workshop ends (`short`: the first sentence only), else ""."""
    if certificate.sessions_held >= certificate.planned:
        return ""
    held = _("Sessions held so far: {held} of {planned} planned.").format(
        held=certificate.sessions_held, planned=certificate.planned)
    ended = _("Issued before the workshop ended.")
    return held if short else f"{held} {ended}"


def duration(minutes: int) -> str:
    """E.g. "4 h 30 min", "6 h", "45 min"."""
    hours, rest = divmod(max(0, minutes), 60)
    if hours and rest:
        return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)
    return _("{hours} h").format(hours=hours) if hours else _("{minutes} min").format(
        minutes=rest)


def time_sentence(certificate: CertificateData) -> str:
    """"Time attended: 6 h in the room and 55 min online." ("" when nothing is known)."""
    in_room, online = certificate.minutes_in_room, certificate.minutes_online
    if in_room and online:
        return _("Time attended: {in_room} in the room and {online} online.").format(
            in_room=duration(in_room), online=duration(online))
    if in_room:
        return _("Time attended: {in_room} in the room.").format(in_room=duration(in_room))
    if online:
        return _("Time attended: {online} online.").format(online=duration(online))
    return ""


def qr_text(certificate: CertificateData) -> str:
    """What the QR code carries: the code and what the certificate states, so a reader who
    scans it can compare it with the printed page and give the code to the issuer."""
    lines = [_("Verification code:") + " " + certificate.verification_code,
             certificate.name, certificate.workshop_title, attendance_sentence(certificate),
             held_sentence(certificate, short=True), time_sentence(certificate)]
    return "\n".join(line for line in lines if line)


def draw_person_text(canvas: Canvas, text: str, x: float, y: float, font: str, size: float,
                     *, align: str = "centre") -> None:
    """Draw one line of text that may hold anything people typed (names, titles): the one
    place such lines are drawn, so a font fallback has one call to change."""
    scripts.draw(canvas, x, y, text, font, size, align)


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


def _draw_header(canvas: Canvas, data: CertificateData, regular: str, bold: str) -> None:
    """The issuer's logo on the left, the partner's on the right, their names between (set
    smaller, down to half size, rather than reach the title)."""
    width, height = LOGO_BOX
    bottom = HEADER_TOP - height
    if data.issuer_logo:
        canvas.drawImage(data.issuer_logo, 24 * mm, bottom, width, height, mask="auto",
                         preserveAspectRatio=True, anchor="w")
    if data.partner_logo:
        canvas.drawImage(data.partner_logo, PAGE[0] - 24 * mm - width, bottom, width, height,
                         mask="auto", preserveAspectRatio=True, anchor="e")
    room = TEXT_WIDTH - 2 * width if data.issuer_logo or data.partner_logo else TEXT_WIDTH
    for scale in (1.0, 0.9, 0.8, 0.7, 0.6, 0.5):
        lines = _header_lines(data, regular, bold, scale, room)
        if sum(paragraph.wrap(room, PAGE[1])[1] for paragraph in lines) <= HEADER_HEIGHT:
            break
    y = HEADER_TOP - 2 * mm
    for paragraph in lines:
        y -= paragraph.wrap(room, PAGE[1])[1]
        paragraph.drawOn(canvas, (PAGE[0] - room) / 2, y)
        y -= 1 * mm


def _header_lines(data: CertificateData, regular: str, bold: str, scale: float,
                  width: float) -> list[Paragraph]:
    lines = []
    if data.issuer:
        lines.append(_centred(data.issuer, bold, 14 * scale, ACCENT, width=width))
    if data.partner:
        lines.append(_centred(_("In partnership with {partner}").format(partner=data.partner),
                              regular, 11 * scale, GREY, width=width))
    return lines


def _draw_certificate(canvas: Canvas, data: CertificateData, regular: str, bold: str) -> None:
    """Title, name, workshop, dates and venue, attendance, then signature, date and code.

    The middle block is centred between the title and the signature; text that would not fit
    there is set smaller (down to half size) rather than overlap them.
    """
    centre = PAGE[0] / 2
    canvas.setFillColor(ACCENT)
    canvas.setFont(bold, 28)
    canvas.drawCentredString(centre, TITLE_BASELINE, _("Certificate of participation"))
    canvas.setStrokeColor(GOLD)
    canvas.setLineWidth(1)
    canvas.line(centre - 30 * mm, TITLE_BASELINE - 6 * mm, centre + 30 * mm,
                TITLE_BASELINE - 6 * mm)
    for scale in (1.0, 0.9, 0.8, 0.7, 0.6, 0.5):
        block = _body(data, regular, bold, scale)
        height = sum(paragraph.wrap(TEXT_WIDTH, PAGE[1])[1] + gap for paragraph, gap in block)
        if height <= BODY_TOP - BODY_BOTTOM:
            break
    y = BODY_TOP - max(0, (BODY_TOP - BODY_BOTTOM - height) / 2)
    for paragraph, gap in block:
        y -= gap + paragraph.height
        paragraph.drawOn(canvas, (PAGE[0] - TEXT_WIDTH) / 2, y)
    _draw_signature(canvas, data.facilitator, regular, bold)
    canvas.setFillColor(GREY)
    canvas.setFont(regular, 11)
    canvas.drawCentredString(centre, 24 * mm, _("Issued on {date}").format(
        date=long_date(data.issued_on)))
    _draw_code(canvas, data, regular, bold)


def _body(data: CertificateData, regular: str, bold: str,
          scale: float) -> list[tuple[Paragraph, float]]:
    """The middle block at `scale`: (paragraph, space above it) from the name to attendance."""
    size, lines = _name_lines(data.name, bold)
    where = " · ".join(part for part in (data.dates, data.venue) if part)
    block = [(_centred(_("This certifies that"), regular, 14 * scale, GREY), 0),
             (_centred(lines, bold, size * scale, colors.black), 4 * mm * scale),
             (_centred(_("took part in the workshop"), regular, 14 * scale, GREY), 3 * mm * scale),
             (_centred(data.workshop_title, bold, 17 * scale, colors.black), 2 * mm * scale),
             (_centred(where, regular, 12 * scale, colors.black), 2 * mm * scale),
             (_centred(attendance_sentence(data), regular, 13 * scale, colors.black),
              3 * mm * scale)]
    for extra, colour in ((time_sentence(data), colors.black), (held_sentence(data), GOLD)):
        if extra:
            block.append((_centred(extra, regular, 12 * scale, colour), 1.5 * mm * scale))
    return block


def _name_lines(name: str, font: str) -> tuple[float, list[str]]:
    """The size and lines that show the name largest: one line, else two balanced lines;
    below the smallest size the name wraps by itself."""
    lines = [name]
    words = name.split()
    if scripts.width(name, font, NAME_MAX_SIZE) > TEXT_WIDTH and len(words) > 1:
        two_lines = min(([" ".join(words[:at]), " ".join(words[at:])]
                         for at in range(1, len(words))),
                        key=lambda pair: max(scripts.width(line, font, 1) for line in pair))
        if _fitted(two_lines, font) > 1.2 * _fitted(lines, font):  # one line unless much smaller
            lines = two_lines
    size = _fitted(lines, font)
    return (size, lines) if size >= NAME_MIN_SIZE else (NAME_MIN_SIZE, [name])


def _fitted(lines: list[str], font: str) -> float:
    """The largest size, up to NAME_MAX_SIZE, at which every line fits the text width."""
    widest = max(scripts.width(line, font, 1) for line in lines)
    return min(NAME_MAX_SIZE, 0.99 * TEXT_WIDTH / max(widest, 1))


def _centred(text: str | list[str], font: str, size: float, colour: colors.Color, *,
             width: float = TEXT_WIDTH) -> Paragraph:
    """`text` (or its lines) centred, wrapping within `width` (call wrap with it)."""
    style = ParagraphStyle("centred", fontName=font, fontSize=size, leading=size * 1.25,
                           alignment=TA_CENTER, textColor=colour)
    lines = [text] if isinstance(text, str) else text
    return Paragraph("<br/>".join(scripts.markup(line, font) for line in lines), style)


def _draw_signature(canvas: Canvas, facilitator: str, regular: str, bold: str) -> None:
    """A line to sign on, the facilitator's name under it (blank to write in when not set)."""
    left, right, y = 30 * mm, 100 * mm, 34 * mm
    canvas.setStrokeColor(colors.black)
    canvas.setLineWidth(0.6)
    canvas.line(left, y, right, y)
    canvas.setFillColor(colors.black)
    if facilitator:
        draw_person_text(canvas, facilitator, (left + right) / 2, y - 5 * mm, bold, 11)
    canvas.setFillColor(GREY)
    draw_person_text(canvas, _("Facilitator"), (left + right) / 2,
                     y - (9.5 if facilitator else 5) * mm, regular, 9)


def _draw_code(canvas: Canvas, data: CertificateData, regular: str, bold: str) -> None:
    """The QR at the bottom right; "Verification code: ABCD-EFGH-JKLM" to its left, the code
    in bold, with how to check it underneath."""
    qr_left = PAGE[0] - 22 * mm - QR_SIDE
    draw_qr(canvas, qr_text(data), qr_left, 19 * mm, QR_SIDE)
    label, size, right = _("Verification code:") + " ", 11, qr_left - 2 * mm
    code_width = stringWidth(data.verification_code, bold, size)
    canvas.setFillColor(GREY)
    canvas.setFont(regular, size)
    canvas.drawRightString(right - code_width, 38 * mm, label)
    canvas.setFillColor(colors.black)
    canvas.setFont(bold, size)
    canvas.drawRightString(right, 38 * mm, data.verification_code)
    canvas.setFillColor(GREY)
    canvas.setFont(regular, 8)
    for n, line in enumerate((_("To check this certificate, give the code to the issuer:"),
                              _("their records show what it was issued for."))):
        canvas.drawRightString(right, (33 - 3.6 * n) * mm, line)


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
