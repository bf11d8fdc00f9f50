""""People you met" cards: one boxed card per participant, listing their introductions, packed
two columns to an A4 page with dashed cutting lines, so pages are full and no card is cut apart.

The data arrives already filtered by consent: a phone or email prints only when it is there,
as a tappable link (`tel:`, WhatsApp for mobile numbers, `mailto:`) for a PDF sent by phone.
A card moves whole to the next column when it does not fit in what is left of this one, unless
that would leave more than a third of the column blank: then (as for a card taller than a
column) it continues in the next column under its name again, so every column is mostly full.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from exports.atomic import write_atomically
from exports.pdf import scripts
from exports.pdf.fonts import register_fonts
from exports.pdf.links import email_link, phone_links
from exports.pdf.text import clip
from exports.sensitivity import pdf_properties
from facilitator_app.export_models import ContactCard, MetCard
from facilitator_app.i18n import _

MARGIN = 10 * mm
GUTTER = 6 * mm
COLUMN = (A4[0] - 2 * MARGIN - GUTTER) / 2
PADDING = 4 * mm
CARD_GAP = 4 * mm
ACCENT = colors.HexColor("#0B5394")
GREY = colors.HexColor("#5F6368")
RULE = colors.HexColor("#C9D3DD")
CUT = colors.HexColor("#9AA0A6")
SPLIT_ROOM = 0.33  # a card is split rather than moved when this much of a column is left


class PackedCard(Flowable):
    """A card that moves to the next column whole, except when that would waste the column."""

    def __init__(self, table: Table, column_height: float) -> None:
        super().__init__()
        self.table, self.column_height = table, column_height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width, self.height = self.table.wrap(available_width, available_height)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        roomy = available_height >= SPLIT_ROOM * self.column_height
        if roomy or self.height > self.column_height:
            return self.table.split(available_width, available_height)
        return []  # the whole card goes to the next column

    def draw(self) -> None:
        self.table.drawOn(self.canv, 0, 0)


def write_met_cards(cards: Sequence[MetCard], target: Path) -> Path:
    """Write one "people you met" card per participant to `target`; returns `target`."""
    styles = _styles(*register_fonts())

    def write(temporary: Path) -> None:
        document = BaseDocTemplate(
            str(temporary), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN,
            topMargin=MARGIN, bottomMargin=MARGIN, title=_("People you met"),
            creator="CREANDO Desk", author="", pageCompression=1,
            **pdf_properties("cards"))
        height = A4[1] - 2 * MARGIN
        frames = [Frame(MARGIN + n * (COLUMN + GUTTER), MARGIN, COLUMN, height, id=f"c{n}",
                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
                  for n in range(2)]
        document.addPageTemplates([PageTemplate("cards", frames)])
        story: list[Flowable] = []
        for card in cards:
            story += [PackedCard(_card(card, styles), height), Spacer(1, CARD_GAP)]
        if not cards:
            story.append(Paragraph(escape(_("There are no introductions to print yet.")),
                                   styles["note"]))
        document.build(story)

    return write_atomically(target, write)


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=regular, fontSize=9.5, leading=12)
    return {
        "label": ParagraphStyle("label", base, fontName=bold, fontSize=8.5, leading=11,
                                textColor=ACCENT),
        "name": ParagraphStyle("name", base, fontName=bold, fontSize=15, leading=18),
        "workshop": ParagraphStyle("workshop", base, fontSize=8.5, leading=10.5,
                                   textColor=GREY),
        "other": ParagraphStyle("other", base, fontName=bold, fontSize=10.5, leading=13),
        "detail": base,
        "contact": ParagraphStyle("contact", base, splitLongWords=1),
        "why": ParagraphStyle("why", base, textColor=GREY),
        "note": ParagraphStyle("note", base, fontSize=10.5, leading=14, textColor=GREY),
    }


def _card(card: MetCard, styles: dict[str, ParagraphStyle]) -> Table:
    """The card as a table: its header (repeated if the card continues), one row per person."""
    header = [Paragraph(escape(_("People you met").upper()), styles["label"]),
              Spacer(1, 1 * mm),
              Paragraph(scripts.markup(clip(card.name, 100), styles["name"].fontName),
                        styles["name"]),
              Paragraph(scripts.markup(clip(card.workshop_title, 160),
                                       styles["workshop"].fontName), styles["workshop"])]
    rows: list[list[list[Flowable]]] = [[header]]
    rows += [[_entry(purpose, other, styles)] for purpose, other in card.met]
    if not card.met:
        rows.append([[Paragraph(escape(_("No introductions recorded yet.")), styles["note"])]])
    table = Table(rows, colWidths=[COLUMN], repeatRows=1, splitByRow=1)
    table.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 0.6, CUT, None, (3, 2)),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING), ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 1.8 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8 * mm),
        ("TOPPADDING", (0, 0), (-1, 0), PADDING), ("BOTTOMPADDING", (0, 0), (-1, 0), 2.5 * mm),
        ("BOTTOMPADDING", (0, -1), (-1, -1), PADDING)]))
    return table


def _entry(purpose: str, other: ContactCard,
           styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Their name in bold, what they do, how to reach them (if shared) and why you met.

    Each text is clipped to a few lines, so one entry always fits in a column.
    """
    entry: list[Flowable] = [Paragraph(
        scripts.markup(clip(other.name, 100), styles["other"].fontName), styles["other"])]
    if other.detail:
        entry.append(Paragraph(
            scripts.markup(clip(other.detail, 240), styles["detail"].fontName), styles["detail"]))
    reach = ([scripts.markup(clip(other.contact_name, 80), styles["contact"].fontName)]
             if other.contact_name else [])
    if other.phone:
        reach += phone_links(clip(other.phone, 40))
    lines = [" · ".join(reach)] if reach else []
    if other.email:  # on its own line, so an address is never cut in two
        lines.append(email_link(clip(other.email, 80)))
    if lines:
        entry.append(Paragraph("<br/>".join(lines), styles["contact"]))
    if purpose:
        why = _("Why: {purpose}").format(purpose=clip(purpose, 200))
        entry.append(Paragraph(scripts.markup(why, styles["why"].fontName), styles["why"]))
    return entry
