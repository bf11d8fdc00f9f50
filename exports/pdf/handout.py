"""Session handout for participants' phones: narrow pages (105 mm, a phone screen's shape)
with body text of 11 pt or more, one block per module, resources as QR codes and tappable
links, then the next session, the facilitator's contact and the partners.

Its own words (labels, footer) are in the handout's language (`HandoutData.language`, the
language of its content), not the app's. Written with platypus so text wraps and flows across
pages by itself; a block that does not fit starts a new page. Only font subsets are embedded
and QR codes are vector paths, so a typical handout (5 modules, 8 resources, 5 partners)
stays far under the 150 KB a WhatsApp message carries comfortably (DESIGN.md section 4).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
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
from exports.pdf import scripts
from exports.pdf.fonts import register_fonts
from exports.pdf.links import email_link, link, phone_links
from exports.pdf.qr import draw_qr
from exports.pdf.text import clip, fit_width
from exports.sensitivity import pdf_properties
from facilitator_app.export_models import (
    ContactCard,
    HandoutData,
    HandoutModule,
    Link,
    NextSession,
)
from facilitator_app.wording import Gettext, gettext_in

PAGE = (105 * mm, 190 * mm)  # about a phone screen: read at 100 % without zooming
MARGIN = 7 * mm
WIDTH = PAGE[0] - 2 * MARGIN
BOTTOM_MARGIN = 15 * mm  # the footer lives below the frame
BODY_SIZE = 11  # the smallest size of any running text (a URL beside its QR code: 10)
QR_SIDE = 20 * mm
QR_GAP = 2.5 * mm
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
    """Write the handout of one session to `target` (phone-width flowing pages)."""
    regular, bold = register_fonts()
    styles = _styles(regular, bold)
    _ = gettext_in(data.language)

    def write(temporary: Path) -> None:
        document = BaseDocTemplate(
            str(temporary), pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN, bottomMargin=BOTTOM_MARGIN, title=data.session_title,
            creator="CREANDO Desk", author="", pageCompression=1,
            lang=data.language or None, **pdf_properties("handout", _))
        frame = Frame(MARGIN, BOTTOM_MARGIN, WIDTH, PAGE[1] - MARGIN - BOTTOM_MARGIN,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        footer = _footer(data.workshop_title, regular, _)
        document.addPageTemplates([PageTemplate("handout", [frame], onPage=footer)])
        document.build(_story(data, styles, _))

    return write_atomically(target, write)


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=regular, fontSize=BODY_SIZE, leading=15)
    return {
        "body": body,
        "workshop": ParagraphStyle("workshop", body, textColor=colors.white),
        "session": ParagraphStyle("session", body, fontName=bold, fontSize=17, leading=21,
                                  textColor=colors.white),
        "meta": body,
        "note": ParagraphStyle("note", body, textColor=GREY),
        "module": ParagraphStyle("module", body, fontName=bold, fontSize=14, leading=18,
                                 textColor=ACCENT),
        "minutes": ParagraphStyle("minutes", body, leading=18, textColor=GREY, alignment=2),
        "label": ParagraphStyle("label", body, fontName=bold, fontSize=10, leading=13,
                                textColor=ACCENT),
        "takeaway": ParagraphStyle("takeaway", body, fontSize=12, leading=16.5),
        "bullet": ParagraphStyle("bullet", body, leftIndent=5 * mm, bulletIndent=1 * mm,
                                 spaceBefore=2),
        "heading": ParagraphStyle("heading", body, fontName=bold, fontSize=14, leading=18,
                                  textColor=ACCENT, spaceBefore=4, spaceAfter=4, keepWithNext=1),
        "subheading": ParagraphStyle("subheading", body, fontName=bold, textColor=GREY,
                                     spaceBefore=6, spaceAfter=2, keepWithNext=1),
        "strong": ParagraphStyle("strong", body, fontName=bold),
        "small": ParagraphStyle("small", body, leading=14, splitLongWords=1),
        "url": ParagraphStyle("url", body, fontSize=10, leading=13, splitLongWords=1),
    }


def _story(data: HandoutData, styles: dict[str, ParagraphStyle],
           _: Gettext) -> list[Flowable]:
    story = _header(data, styles, _)
    for number, module in enumerate(data.modules, start=1):
        story += _module(number, module, styles, _)
    if data.next_session:
        story += _next_session(data.next_session, styles, _)
    if data.facilitator:
        story.append(Paragraph(escape(_("Your facilitator")), styles["heading"]))
        story.append(_partner(data.facilitator, styles, _))
    if data.partners:
        story.append(Spacer(1, 4 * mm))
        story.append(Paragraph(escape(_("Partners who can help")), styles["heading"]))
        story += [_partner(partner, styles, _) for partner in data.partners]
    return story


def _header(data: HandoutData, styles: dict[str, ParagraphStyle],
            _: Gettext) -> list[Flowable]:
    """A coloured band with the workshop and session, then when, where and what this lists."""
    band = Table([[[scripts.paragraph(data.workshop_title, styles["workshop"]),
                    Spacer(1, 1.5 * mm),
                    scripts.paragraph(data.session_title, styles["session"])]]],
                 colWidths=[WIDTH], splitInRow=1)
    band.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), ACCENT),
                              ("LEFTPADDING", (0, 0), (-1, -1), 3.5 * mm),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 3.5 * mm),
                              ("TOPPADDING", (0, 0), (-1, -1), 3 * mm),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 3.5 * mm)]))
    when = _("When: {when}").format(when=data.when)
    venue = _("Where: {venue}").format(venue=data.venue)
    scope = (_("These are the modules delivered in this session.") if data.delivered
             else _("These are the modules planned for this session."))
    story = [band, Spacer(1, 3 * mm), Paragraph(escape(when), styles["meta"]),
             scripts.paragraph(venue, styles["meta"]), Spacer(1, 1.5 * mm),
             Paragraph(escape(scope), styles["note"])]
    if data.skipped:
        story.append(Paragraph(escape(_("Skipped in this session (not covered): {titles}")
                                      .format(titles=", ".join(data.skipped))), styles["note"]))
    return [*story, Spacer(1, 5 * mm)]


def _module(number: int, module: HandoutModule, styles: dict[str, ParagraphStyle],
            _: Gettext) -> list[Flowable]:
    """Title and minutes, the highlighted takeaway and the key points kept together; then the
    resources, which may continue on the next page one whole row at a time."""
    minutes = _("{minutes} min").format(minutes=module.minutes) if module.minutes > 0 else ""
    title = Table([[scripts.paragraph(f"{number}. {module.title}", styles["module"]),
                    Paragraph(escape(minutes), styles["minutes"])]],
                  colWidths=[WIDTH - 16 * mm, 16 * mm], splitInRow=1)
    title.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.6, RULE)]))
    block: list[Flowable] = [title, Spacer(1, 2.5 * mm)]
    if module.takeaway:
        block.append(_takeaway(module.takeaway, styles, _))
    block += [scripts.paragraph(point, styles["bullet"], bulletText="•")
              for point in module.key_points[:MAX_KEY_POINTS]]
    story: list[Flowable] = [KeepTogether(block)]
    rows = [_resource(link, styles) for link in module.resources]
    if rows:
        heading = Paragraph(escape(_("Resources")), styles["subheading"])
        story += [KeepTogether([heading, rows[0]]), *rows[1:]]
    story.append(Spacer(1, 7 * mm))
    return story


def _boxed(content: list[Flowable]) -> Table:
    """`content` in a tinted box with an accent bar on its left."""
    box = Table([[content]], colWidths=[WIDTH], splitInRow=1)
    box.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), TINT),
                             ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                             ("LEFTPADDING", (0, 0), (-1, -1), 3.5 * mm),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 3 * mm),
                             ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm)]))
    box.spaceAfter = 2 * mm
    return box


def _takeaway(text: str, styles: dict[str, ParagraphStyle], _: Gettext) -> Table:
    return _boxed([Paragraph(escape(_("What to do today")), styles["label"]),
                   Spacer(1, 1 * mm), scripts.paragraph(text, styles["takeaway"])])


def _next_session(upcoming: NextSession, styles: dict[str, ParagraphStyle],
                  _: Gettext) -> list[Flowable]:
    """What comes next: its title, when, where (and the link to join online, when known)."""
    lines: list[Flowable] = [Paragraph(escape(_("Next session")), styles["label"]),
                             Spacer(1, 1 * mm),
                             scripts.paragraph(upcoming.title, styles["strong"])]
    if upcoming.when:
        lines.append(Paragraph(escape(_("When: {when}").format(when=upcoming.when)),
                               styles["body"]))
    if upcoming.venue:
        lines.append(Paragraph(escape(_("Where: {venue}").format(venue=upcoming.venue)),
                               styles["body"]))
    if upcoming.link:
        joined = escape(_("Join online:")) + " " + link(upcoming.link, clip(upcoming.link, 160))
        lines.append(Paragraph(joined, styles["small"]))
    return [KeepTogether([_boxed(lines)]), Spacer(1, 4 * mm)]


def _resource(link_: Link, styles: dict[str, ParagraphStyle]) -> Table:
    """The link's QR code, and beside it its title and URL (tappable on a phone screen).

    The row never splits (a QR cut in two would be drawn off the page), so its texts are
    clipped to a few lines and the row always fits on a fresh page.
    """
    text = [Paragraph(escape(clip(link_.title, 160)), styles["strong"]), Spacer(1, 1 * mm),
            Paragraph(link(link_.url, clip(link_.url, 160)), styles["url"])]
    row = Table([[QrCode(link_.url), text]],
                colWidths=[QR_SIDE + QR_GAP, WIDTH - QR_SIDE - QR_GAP])
    row.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 1 * mm),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 1 * mm)]))
    return row


def _partner(partner: ContactCard, styles: dict[str, ParagraphStyle],
             _: Gettext) -> KeepTogether:
    """Name, what they offer and how to reach them (tappable); empty fields are left out."""
    block: list[Flowable] = [scripts.paragraph(partner.name, styles["strong"])]
    if partner.detail:
        block.append(scripts.paragraph(partner.detail, styles["body"]))
    reach = []  # one line each: who, their phone (and WhatsApp), their email
    if partner.contact_name:
        reach.append(scripts.markup(_("Contact: {name}").format(name=partner.contact_name),
                                    styles["small"].fontName))
    if partner.phone:
        reach.append(" · ".join(phone_links(partner.phone)))
    if partner.email:
        reach.append(email_link(partner.email))
    if reach:
        block.append(Paragraph("<br/>".join(reach), styles["small"]))
    block.append(Spacer(1, 3.5 * mm))
    return KeepTogether(block)


def _footer(workshop_title: str, font: str,
            _: Gettext) -> Callable[[Canvas, BaseDocTemplate], None]:
    """Draws a thin rule, the workshop title (cut to fit) and "Page n" under the frame."""

    def draw(canvas: Canvas, document: BaseDocTemplate) -> None:
        size = 9
        page = _("Page {number}").format(number=document.page)
        room = WIDTH - stringWidth(page, font, size) - 4 * mm
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, BOTTOM_MARGIN - 4 * mm, PAGE[0] - MARGIN, BOTTOM_MARGIN - 4 * mm)
        canvas.setFillColor(GREY)
        scripts.draw(canvas, MARGIN, BOTTOM_MARGIN - 8.5 * mm,
                     fit_width(workshop_title, font, size, room), font, size)
        canvas.drawRightString(PAGE[0] - MARGIN, BOTTOM_MARGIN - 8.5 * mm, page)
        canvas.restoreState()

    return draw
