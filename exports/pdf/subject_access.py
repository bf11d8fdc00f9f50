"""Everything held about one person, as a small PDF they can keep (their right of access)."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from exports.atomic import write_atomically
from exports.pdf.fonts import register_fonts
from facilitator_app.export_models import SubjectAccessData
from facilitator_app.i18n import _


def write_subject_access(data: SubjectAccessData, target: Path) -> Path:
    regular, bold = register_fonts()
    title = ParagraphStyle("title", fontName=bold, fontSize=16, leading=20, spaceAfter=4)
    heading = ParagraphStyle("heading", fontName=bold, fontSize=12, leading=15, spaceBefore=8,
                             spaceAfter=3)
    body = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=12)

    def write(path: Path) -> None:
        story = [Paragraph(escape(_("Data held about {name}").format(name=data.name)), title),
                 Paragraph(escape(_("Made on {when} by CREANDO Desk.").format(
                     when=data.generated_at)), body), Spacer(1, 4 * mm)]
        for section, lines in data.sections:
            story.append(Paragraph(escape(section), heading))
            if not lines:
                story.append(Paragraph(escape(_("Nothing recorded.")), body))
                continue
            rows = [[Paragraph(escape(str(k)), body), Paragraph(escape(str(v)), body)]
                    for k, v in lines]
            table = Table(rows, colWidths=[60 * mm, 110 * mm])
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("LINEBELOW", (0, 0), (-1, -1), 0.25, "#d0d7e2")]))
            story.append(table)
        document = SimpleDocTemplate(str(path), pagesize=A4, title=_("Data held"),
                                     leftMargin=18 * mm, rightMargin=18 * mm,
                                     topMargin=16 * mm, bottomMargin=16 * mm)
        document.build(story)

    return write_atomically(target, write)
