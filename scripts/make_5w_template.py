"""Rebuild the shipped 5W template: `python scripts/make_5w_template.py [OUT.xlsx]`
(default assets/programme/5w-r4v-style-2026.xlsx).

An R4V-style 5W (not the platform's official template): row 1 the column headers in
Spanish as the platform's templates have them, row 2 the placeholder of each column
(exports.excel.five_w_template), "Sector" a constant; the sheet "activities" and the
defined range of that name give each activity code its wording. Next year's template is
a new file made the same way (or by hand in any spreadsheet program)."""

from __future__ import annotations

import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName

OUT = Path(__file__).resolve().parent.parent / "assets/programme/5w-r4v-style-2026.xlsx"
COLUMNS = [
    ("País", "{country}"), ("Admin1 (Departamento)", "{admin1}"),
    ("Admin2 (Provincia)", "{admin2}"), ("Organización solicitante", "{appealing_org}"),
    ("Socio implementador", "{implementing_partner}"), ("Sector", "Integración"),
    ("Actividad", "{activity}"), ("Mes (YYYY-MM)", "{month}"),
    ("Total de beneficiarios del mes", "{total}"),
    ("Nuevos beneficiarios del mes", "{new}"), ("Niñas (<18)", "{girls}"),
    ("Niños (<18)", "{boys}"), ("Mujeres (≥18)", "{women}"), ("Hombres (≥18)", "{men}"),
    ("Otro género <18", "{other_under_18}"), ("Otro género ≥18", "{other_18_plus}"),
    ("Edad no registrada", "{age_unknown}"),
    ("Refugiados y migrantes en destino", "{destination}"), ("En tránsito", "{transit}"),
    ("Comunidad de acogida", "{host}"), ("Pendulares", "{pendular}"),
    ("Retornados", "{returnee}"), ("Tipo de población no registrado", "{population_unknown}"),
]
ACTIVITIES = [("training", "Capacitación en emprendimiento"),
              ("networking", "Vinculación con servicios financieros / redes")]
WIDTHS = {1: 8, 2: 15, 3: 15, 4: 16, 5: 24, 6: 12, 7: 42, 8: 10}  # the rest: 13
HEADER = PatternFill("solid", fgColor="1F4E79")


def build(out: Path = OUT) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "5W"
    book.properties.title = "5W de estilo R4V 2026 (no es la plantilla oficial de R4V)"
    book.properties.creator = "CREANDO Desk"
    for column, (header, placeholder) in enumerate(COLUMNS, start=1):
        head = sheet.cell(1, column, header)
        head.font, head.fill = Font(name="Calibri", bold=True, color="FFFFFF"), HEADER
        head.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.cell(2, column, placeholder)
        sheet.column_dimensions[head.column_letter].width = WIDTHS.get(column, 13)
    sheet.row_dimensions[1].height = 62
    sheet.freeze_panes = "A2"
    _printing(sheet)
    _activities(book)
    out.parent.mkdir(parents=True, exist_ok=True)
    book.save(out)
    return out


def _printing(sheet) -> None:
    """Landscape A4, two pages wide (one is too small to read) with the place repeated on
    each, the headers on every page."""
    sheet.page_setup.orientation, sheet.page_setup.paperSize = "landscape", 9
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 2, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows, sheet.print_title_cols = "1:1", "A:C"
    sheet.oddFooter.right.text = "&P / &N"


def _activities(book: Workbook) -> None:
    sheet = book.create_sheet("activities")
    sheet.append(["code", "Actividad (texto de la plataforma)"])
    for code, wording in ACTIVITIES:
        sheet.append([code, wording])
    sheet.append([])
    sheet.append(["Plantilla de estilo R4V, no la oficial: ajústela a la de cada año."])
    sheet.column_dimensions["A"].width, sheet.column_dimensions["B"].width = 14, 48
    book.defined_names["activities"] = DefinedName(
        "activities", attr_text=f"activities!$A$2:$B${1 + len(ACTIVITIES)}")


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
