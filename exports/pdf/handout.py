"""Session handout for participants' phones: A5 pages, one block per module, resources as QR codes.

Written with platypus so text wraps and flows across pages by itself; a block that does not fit
starts a new page. Only the two DejaVu subsets are embedded and QR codes are vector paths, so a
typical handout (5 modules, 8 resources, 5 partners) stays far under the 150 KB a WhatsApp
message carries comfortably (DESIGN.md section 4).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from exports.atomic import write_atomically
from exports.pdf.fonts import register_fonts
from exports.pdf.qr import draw_qr
from exports.pdf.text import clip, fit_width
from facilitator_app.export_models import ContactCard, HandoutData, HandoutModule, Link
from facilitator_app.i18n import _

MARGIN = 14 * mm
BOTTOM_MARGIN = 18 * mm  # the footer lives below the frame
QR_SIDE = 22 * mm
ACCENT = colors.HexColor("#0B5394")
TINT = colors.HexColor("#E8F1FA")
GREY = colors.HexColor("#5F6368")
RULE = colors.HexColor("#C9D3DD")
MAX_KEY_POINTS = 4


class QrCode(Flowable):
    """A vector QR code, quiet zone included, `side` wide."""

    def __init__(self, text: str, side: float = QR_SIDE) -> None:
        super().__init__()
        self.text, self.side = text, side

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.side, self.side

    def draw(self) -> None:
        draw_qr(self.canv, self.text, 0, 0, self.side)


def write_handout(data: HandoutData, target: Path) -> Path:
    """Write the handout of one session to `target` (A5, flowing pages); returns `target`."""
    regular, bold = register_fonts()
    styles = _styles(regular, bold)

    def write(temporary: Path) -> None:
        document = BaseDocTemplate(
            str(temporary), pagesize=A5, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN, bottomMargin=BOTTOM_MARGIN, title=data.session_title,
            creator="CREANDO Desk", author="", subject="", pageCompression=1,
            lang=data.language or None)
        frame = Frame(MARGIN, BOTTOM_MARGIN, A5[0] - 2 * MARGIN, A5[1] - MARGIN - BOTTOM_MARGIN,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        footer = _footer(data.workshop_title, regular)
        document.addPageTemplates([PageTemplate("handout", [frame], onPage=footer)])
        document.build(_story(data, styles))

    return write_atomically(target, write)


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=regular, fontSize=11, leading=15)
    return {
        "body": body,
        "workshop": ParagraphStyle("workshop", body, fontSize=10, leading=13,
                                   textColor=colors.white),
        "session": ParagraphStyle("session", body, fontName=bold, fontSize=18, leading=22,
                                  textColor=colors.white),
        "meta": ParagraphStyle("meta", body, fontSize=10.5, leading=14),
        "note": ParagraphStyle("note", body, fontSize=10, leading=13, textColor=GREY),
        "module": ParagraphStyle("module", body, fontName=bold, fontSize=14, leading=18,
                                 textColor=ACCENT),
        "minutes": ParagraphStyle("minutes", body, fontSize=10, leading=18, textColor=GREY,
                                  alignment=2),
        "label": ParagraphStyle("label", body, fontName=bold, fontSize=9, leading=12,
                                textColor=ACCENT),
        "takeaway": ParagraphStyle("takeaway", body, fontSize=12, leading=16.5),
        "bullet": ParagraphStyle("bullet", body, leftIndent=5 * mm, bulletIndent=1 * mm,
                                 spaceBefore=2),
        "heading": ParagraphStyle("heading", body, fontName=bold, fontSize=14, leading=18,
                                  textColor=ACCENT, spaceBefore=4, spaceAfter=4, keepWithNext=1),
        "subheading": ParagraphStyle("subheading", body, fontName=bold, fontSize=10, leading=13,
                                     textColor=GREY, spaceBefore=6, spaceAfter=2, keepWithNext=1),
        "strong": ParagraphStyle("strong", body, fontName=bold),
        "small": ParagraphStyle("small", body, fontSize=9.5, leading=12.5, splitLongWords=1),
    }


def _story(data: HandoutData, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    story = _header(data, styles)
    for number, module in enumerate(data.modules, start=1):
        story += _module(number, module, styles)
    if data.partners:
        story.append(Spacer(1, 4 * mm))
        story.append(Paragraph(escape(_("Partners who can help")), styles["heading"]))
        story += [_partner(partner, styles) for partner in data.partners]
    return story


def _header(data: HandoutData, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """A coloured band with the workshop and session, then when, where and what this lists."""
    band = Table([[[Paragraph(escape(data.workshop_title), styles["workshop"]),
                    Spacer(1, 1.5 * mm),
                    Paragraph(escape(data.session_title), styles["session"])]]],
                 colWidths=[A5[0] - 2 * MARGIN], splitInRow=1)
    band.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), ACCENT),
                              ("LEFTPADDING", (0, 0), (-1, -1), 4 * mm),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 4 * mm),
                              ("TOPPADDING", (0, 0), (-1, -1), 3.5 * mm),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm)]))
    when = _("When: {when}").format(when=data.when)
    venue = _("Where: {venue}").format(venue=data.venue)
    scope = (_("These are the modules delivered in this session.") if data.delivered
             else _("These are the modules planned for this session."))
    story = [band, Spacer(1, 3 * mm), Paragraph(escape(when), styles["meta"]),
             Paragraph(escape(venue), styles["meta"]), Spacer(1, 1.5 * mm),
             Paragraph(escape(scope), styles["note"])]
    if data.skipped:
        story.append(Paragraph(escape(_("Skipped in this session (not covered): {titles}")
                                      .format(titles=", ".join(data.skipped))), styles["note"]))
    return [*story, Spacer(1, 5 * mm)]


def _module(number: int, module: HandoutModule,
            styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Title and minutes, the highlighted takeaway and the key points kept together; then the
    resources, which may continue on the next page one whole row at a time."""
    width = A5[0] - 2 * MARGIN
    minutes = _("{minutes} min").format(minutes=module.minutes) if module.minutes > 0 else ""
    title = Table([[Paragraph(escape(f"{number}. {module.title}"), styles["module"]),
                    Paragraph(escape(minutes), styles["minutes"])]],
                  colWidths=[width - 20 * mm, 20 * mm], splitInRow=1)
    title.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE)]))
    block: list[Flowable] = [title, Spacer(1, 2.5 * mm)]
    if module.takeaway:
        block.append(_takeaway(module.takeaway, styles))
    block += [Paragraph(escape(point), styles["bullet"], bulletText="•")
              for point in module.key_points[:MAX_KEY_POINTS]]
    story: list[Flowable] = [KeepTogether(block)]
    rows = [_resource(link, styles) for link in module.resources]
    if rows:
        heading = Paragraph(escape(_("Resources")), styles["subheading"])
        story += [KeepTogether([heading, rows[0]]), *rows[1:]]
    story.append(Spacer(1, 7 * mm))
    return story


def _takeaway(text: str, styles: dict[str, ParagraphStyle]) -> Table:
    box = Table([[[Paragraph(escape(_("What to do today")), styles["label"]),
                   Spacer(1, 1 * mm), Paragraph(escape(text), styles["takeaway"])]]],
                colWidths=[A5[0] - 2 * MARGIN], splitInRow=1)
    box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), TINT),
                             ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                             ("LEFTPADDING", (0, 0), (-1, -1), 3.5 * mm),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                             ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm)]))
    box.spaceAfter = 2 * mm
    return box


def _resource(link: Link, styles: dict[str, ParagraphStyle]) -> Table:
    """The link's QR code, and beside it its title and URL (tappable on a phone screen).

    The row never splits (a QR cut in two would be drawn off the page), so its texts are
    clipped to a few lines and the row always fits on a fresh page.
    """
    href = escape(link.url, {'"': "&quot;"})
    shown = escape(clip(link.url, 160))
    text = [Paragraph(escape(clip(link.title, 160)), styles["strong"]), Spacer(1, 1 * mm),
            Paragraph(f'<a href="{href}" color="#0B5394">{shown}</a>', styles["small"])]
    row = Table([[QrCode(link.url), text]],
                colWidths=[QR_SIDE + 3 * mm, A5[0] - 2 * MARGIN - QR_SIDE - 3 * mm])
    row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 1 * mm),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm)]))
    return row


def _partner(partner: ContactCard, styles: dict[str, ParagraphStyle]) -> KeepTogether:
    """Name, what they offer and how to reach them; empty fields are left out."""
    block: list[Flowable] = [Paragraph(escape(partner.name), styles["strong"])]
    if partner.detail:
        block.append(Paragraph(escape(partner.detail), styles["body"]))
    reach = []
    if partner.contact_name:
        reach.append(escape(_("Contact: {name}").format(name=partner.contact_name)))
    if partner.phone:
        dial = "".join(c for c in partner.phone if c.isdigit() or c == "+")
        reach.append(f'<a href="tel:{dial}">{escape(partner.phone)}</a>')
    if partner.email:
        reach.append(f'<a href="mailto:{escape(partner.email)}">{escape(partner.email)}</a>')
    if reach:
        block.append(Paragraph(" · ".join(reach), styles["small"]))
    block.append(Spacer(1, 3.5 * mm))
    return KeepTogether(block)


def _footer(workshop_title: str, font: str) -> Callable[[Canvas, BaseDocTemplate], None]:
    """Draws a thin rule, the workshop title (cut to fit) and "Page n" under the frame."""

    def draw(canvas: Canvas, document: BaseDocTemplate) -> None:
        size, width = 8, A5[0] - 2 * MARGIN
        page = _("Page {number}").format(number=document.page)
        room = width - stringWidth(page, font, size) - 6 * mm
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, BOTTOM_MARGIN - 5 * mm, A5[0] - MARGIN, BOTTOM_MARGIN - 5 * mm)
        canvas.setFillColor(GREY)
        canvas.setFont(font, size)
        canvas.drawString(MARGIN, BOTTOM_MARGIN - 9 * mm,
                          fit_width(workshop_title, font, size, room))
        canvas.drawRightString(A5[0] - MARGIN, BOTTOM_MARGIN - 9 * mm, page)
        canvas.restoreState()

    return draw
