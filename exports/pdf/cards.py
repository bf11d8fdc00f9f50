""""People you met" cards: one A6 portrait card per participant, listing their introductions.

The data arrives already filtered by consent: a phone or email prints only when it is there.
A card that does not fit on one page continues on the next, under a small "continued" header.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A6
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from exports.atomic import write_atomically
from exports.pdf.fonts import register_fonts
from exports.pdf.text import clip
from facilitator_app.export_models import ContactCard, MetCard
from facilitator_app.i18n import _

MARGIN = 8 * mm
WIDTH = A6[0] - 2 * MARGIN
ENTRY_GAP = 2.2 * mm
ACCENT = colors.HexColor("#0B5394")
GREY = colors.HexColor("#5F6368")
RULE = colors.HexColor("#C9D3DD")


def write_met_cards(cards: Sequence[MetCard], target: Path) -> Path:
    """Write one "people you met" card per participant to `target`; returns `target`."""
    styles = _styles(*register_fonts())

    def write(temporary: Path) -> None:
        canvas = Canvas(str(temporary), pagesize=A6, pageCompression=1)
        canvas.setTitle(_("People you met"))
        canvas.setCreator("CREANDO Desk")
        canvas.setAuthor("")
        canvas.setSubject("")
        for card in cards:
            _draw_card(canvas, card, styles)
        if not cards:
            _flow(canvas, _("There are no introductions to print yet."), styles["note"],
                  A6[1] - MARGIN)
            canvas.showPage()
        canvas.save()

    return write_atomically(target, write)


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=regular, fontSize=8.5, leading=10.5)
    return {
        "label": ParagraphStyle("label", base, fontName=bold, fontSize=8, textColor=ACCENT),
        "name": ParagraphStyle("name", base, fontName=bold, fontSize=16, leading=19),
        "workshop": ParagraphStyle("workshop", base, fontSize=8, leading=10, textColor=GREY),
        "other": ParagraphStyle("other", base, fontName=bold, fontSize=10, leading=12.5),
        "detail": base,
        "contact": ParagraphStyle("contact", base, splitLongWords=1),
        "why": ParagraphStyle("why", base, textColor=GREY),
        "note": ParagraphStyle("note", base, fontSize=10, leading=13, textColor=GREY),
        "continued": ParagraphStyle("continued", base, fontName=bold, fontSize=9, leading=11,
                                    textColor=GREY),
    }


def _draw_card(canvas: Canvas, card: MetCard, styles: dict[str, ParagraphStyle]) -> None:
    """The card's header, then its introductions, each kept whole, on as many pages as needed."""
    y = _card_header(canvas, card, styles)
    if not card.met:
        _flow(canvas, _("No introductions recorded yet."), styles["note"], y)
    for purpose, other in card.met:
        entry = _entry(purpose, other, styles)
        height = sum(paragraph.wrap(WIDTH, A6[1])[1] for paragraph in entry)
        if y - height < MARGIN:
            canvas.showPage()
            y = _flow(canvas, _("{name} (continued)").format(name=clip(card.name, 100)),
                      styles["continued"], A6[1] - MARGIN)
            y = _rule(canvas, y - 1.5 * mm) - 3 * mm
        for paragraph in entry:
            y -= paragraph.wrap(WIDTH, A6[1])[1]
            paragraph.drawOn(canvas, MARGIN, y)
        y -= ENTRY_GAP
    canvas.showPage()


def _card_header(canvas: Canvas, card: MetCard, styles: dict[str, ParagraphStyle]) -> float:
    y = _flow(canvas, _("People you met").upper(), styles["label"], A6[1] - MARGIN)
    y = _flow(canvas, clip(card.name, 100), styles["name"], y - 1 * mm)
    y = _flow(canvas, clip(card.workshop_title, 160), styles["workshop"], y - 0.5 * mm)
    return _rule(canvas, y - 2 * mm) - 3 * mm


def _entry(purpose: str, other: ContactCard,
           styles: dict[str, ParagraphStyle]) -> list[Paragraph]:
    """Their name in bold, what they do, how to reach them (if shared) and why you met.

    Each text is clipped to a few lines, so one entry always fits on a fresh page.
    """
    entry = [Paragraph(escape(clip(other.name, 100)), styles["other"])]
    if other.detail:
        entry.append(Paragraph(escape(clip(other.detail, 240)), styles["detail"]))
    reach = [escape(clip(text, 80)) for text in (other.contact_name, other.phone, other.email)
             if text]
    if reach:
        entry.append(Paragraph(" · ".join(reach), styles["contact"]))
    if purpose:
        why = _("Why: {purpose}").format(purpose=clip(purpose, 200))
        entry.append(Paragraph(escape(why), styles["why"]))
    return entry


def _flow(canvas: Canvas, text: str, style: ParagraphStyle, top: float) -> float:
    """`text` wrapped to the card width, hanging from `top`; returns the bottom of its last line."""
    paragraph = Paragraph(escape(text), style)
    _, height = paragraph.wrap(WIDTH, A6[1])
    paragraph.drawOn(canvas, MARGIN, top - height)
    return top - height


def _rule(canvas: Canvas, y: float) -> float:
    canvas.saveState()
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, y, A6[0] - MARGIN, y)
    canvas.restoreState()
    return y
