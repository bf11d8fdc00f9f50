"""Everything held about one person, as a small PDF they can keep (their right of access):
tables of what is recorded, then who is responsible and their rights, in their language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from exports.atomic import write_atomically
from exports.pdf import scripts
from exports.pdf.fonts import register_fonts
from exports.sensitivity import pdf_properties
from facilitator_app.export_models import SubjectAccessData
from facilitator_app.wording import Gettext, gettext_in

MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN
ACCENT = colors.HexColor("#0B5394")
GREY = colors.HexColor("#5F6368")
RULE = colors.HexColor("#D0D7E2")


def write_subject_access(data: SubjectAccessData, target: Path) -> Path:
    """Write the person's data to `target` (A4, flowing pages); returns `target`."""
    styles = _styles(*register_fonts())
    _ = gettext_in(data.language)

    def write(path: Path) -> None:
        document = SimpleDocTemplate(
            str(path), pagesize=A4, title=_("Data held"), author="",
            creator="CREANDO Desk", lang=data.language, leftMargin=MARGIN,
            rightMargin=MARGIN, topMargin=16 * mm, bottomMargin=18 * mm,
            **pdf_properties("subject-access", _))
        footer = _footer(data.name, styles["footer"].fontName, _)
        document.build(_story(data, styles, _), onFirstPage=footer, onLaterPages=footer)

    return write_atomically(target, write)


def _styles(regular: str, bold: str) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=regular, fontSize=10, leading=13.5)
    return {
        "body": body,
        "title": ParagraphStyle("title", body, fontName=bold, fontSize=17, leading=21,
                                spaceAfter=3),
        "intro": ParagraphStyle("intro", body, textColor=GREY, spaceAfter=2),
        "heading": ParagraphStyle("heading", body, fontName=bold, fontSize=12.5, leading=16,
                                  textColor=ACCENT, spaceBefore=9, spaceAfter=3,
                                  keepWithNext=1),
        "key": ParagraphStyle("key", body, fontName=bold),
        "bullet": ParagraphStyle("bullet", body, leftIndent=5 * mm, bulletIndent=1 * mm,
                                 spaceBefore=1.5),
        "paragraph": ParagraphStyle("paragraph", body, spaceBefore=3),
        "footer": ParagraphStyle("footer", body, fontSize=8),
    }


def _story(data: SubjectAccessData, styles: dict[str, ParagraphStyle],
           _: Gettext) -> list[Flowable]:
    story: list[Flowable] = [
        Paragraph(scripts.markup(_("Data held about {name}").format(name=data.name),
                                 styles["title"].fontName), styles["title"]),
        Paragraph(escape(_("Made on {when} by CREANDO Desk.").format(when=data.generated_at)),
                  styles["intro"]),
        Paragraph(escape(_("Everything recorded about you on this computer, as it is today.")),
                  styles["intro"]), Spacer(1, 2 * mm)]
    for section, lines in data.sections:
        story.append(Paragraph(escape(section), styles["heading"]))
        story.append(_table(lines, styles) if lines else
                     Paragraph(escape(_("Nothing recorded.")), styles["body"]))
    for heading, paragraphs in data.notes:
        block: list[Flowable] = [Paragraph(escape(heading), styles["heading"])]
        block += [_paragraph(text, styles) for text in paragraphs]
        story.append(KeepTogether(block))
    return story


def _paragraph(text: str, styles: dict[str, ParagraphStyle]) -> Paragraph:
    if text.startswith("• "):
        return Paragraph(scripts.markup(text[2:], styles["bullet"].fontName), styles["bullet"],
                         bulletText="•")
    return Paragraph(scripts.markup(text, styles["paragraph"].fontName), styles["paragraph"])


def _table(lines: list[tuple[str, str]], styles: dict[str, ParagraphStyle]) -> Table:
    rows = [[Paragraph(scripts.markup(key, styles["key"].fontName), styles["key"]),
             Paragraph(scripts.markup(value, styles["body"].fontName), styles["body"])]
            for key, value in lines]
    table = Table(rows, colWidths=[58 * mm, WIDTH - 58 * mm], splitByRow=1)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm),
                               ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6 * mm),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE)]))
    return table


def _footer(name: str, font: str, _: Gettext) -> Callable[[Canvas, SimpleDocTemplate], None]:
    def draw(canvas: Canvas, document: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, 8)
        canvas.setFillColor(GREY)
        scripts.draw(canvas, MARGIN, 10 * mm, name[:90], font, 8)
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm,
                               _("Page {number}").format(number=document.page))
        canvas.restoreState()

    return draw
