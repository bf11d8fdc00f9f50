"""The programme documents' writers, from hand-made data (fictional numbers): the
programme report (numbers where they belong, small counts hidden, titles escaped, both
languages) and the 5W (rows under any template's headers, in its order; bad templates
refused with the file, the cell and the placeholder named)."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName

from exports.excel.five_w import write_five_w
from exports.excel.five_w_template import load_template
from exports.excel.programme_report import shown_cells, write_programme_report
from exports.excel.suppression import COMPLEMENT, SMALL, THRESHOLD, is_withheld, suppress
from facilitator_app.errors import KnownError
from facilitator_app.export_models import CountTable
from facilitator_app.i18n import current_language, set_language
from facilitator_app.programme_models import (
    CrossTable,
    FiveWData,
    FiveWRow,
    ModuleLine,
    MonthLine,
    PartnerOutcomeLine,
    ProgrammeReportData,
    ProgrammeWorkshopLine,
)
from tests.test_report_suppression import protected

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "assets/programme/5w-r4v-style-2026.xlsx"
GENDERS = ("female", "male", "another gender / not said")
AGES = ("0-17", "18-59", "60+", "age not recorded")
GRID = ((3, 150, 12, 20), (0, 120, 9, 15), (0, 4, 1, 13))  # adds up to 347


@pytest.fixture(autouse=True)
def english():
    before = current_language()
    set_language("en")
    yield
    set_language(before)


def cross(grid=GRID) -> CrossTable:
    cells = {(g, a): grid[i][j] for i, g in enumerate(GENDERS) for j, a in enumerate(AGES)}
    return CrossTable("Gender × age group", GENDERS, AGES, cells)


def report_data(**changes) -> ProgrammeReportData:
    months = [MonthLine("2026-01", 2, 6, 60, 60, 0, 40, 25),
              MonthLine("2026-02", 3, 8, 75, 50, 25, 50, 30),
              MonthLine("2026-03", 4, 10, 90, 62, 28, 60, 35),
              MonthLine("2026-04", 3, 9, 3, 2, 1, 3, 0),
              MonthLine("2026-05", 2, 7, 120, 76, 44, 80, 50)]
    data = ProgrammeReportData(
        language="en", programme_name="=CREANDO Perú 2026",
        generated_at=datetime(2026, 6, 2, 9, 30), period="2026-01 – 2026-05",
        aggregate_only=True, workshops=12, sessions_held=40, reached=347, new=250,
        returning=97,
        by_mode=CountTable("How they took part", {"in the room only": 200,
                                                  "online only": 120, "both": 27}),
        by_gender_age=cross(),
        tables=[CountTable("Nationality", {"Venezuela": 280, "Perú": 40, "Colombia": 25,
                                           "Ecuador": 2}),
                CountTable("Population type", {"in destination": 290, "host community": 40,
                                               "in transit": 10, "pendular": 3,
                                               "returnees": 4})],
        modules=[ModuleLine("=Plan de negocio", 20, 300, 20),
                 ModuleLine("Finanzas básicas", 15, 200, 50),
                 ModuleLine("+Marketing digital", 8, 90, 3)],
        partners=[PartnerOutcomeLine("@Caja Arequipa", 30, 20, 7, 3, 4.25),
                  PartnerOutcomeLine("Cámara de Comercio", 12, 5, 5, 2, None)],
        months=months,
        workshop_lines=[ProgrammeWorkshopLine("-Taller Lima Norte", "Lima / Lima / Comas",
                                              "2026-01-10", 6, 60),
                        ProgrammeWorkshopLine("Taller Arequipa", "Arequipa / Arequipa / "
                                              "Cayma", "2026-04-02", 2, 3)],
        generated_by="CREANDO Desk · Oficina Lima")
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def rows_of(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def by_label(sheet) -> dict[str, tuple]:
    return {row[0]: row[1:] for row in rows_of(sheet) if isinstance(row[0], str)}


def write(tmp_path: Path, data: ProgrammeReportData | None = None, name: str = "p.xlsx"):
    path = write_programme_report(data or report_data(), tmp_path / name)
    return openpyxl.load_workbook(path)


def test_the_summary_holds_every_figure_where_it_belongs(tmp_path) -> None:
    book = write(tmp_path)
    assert book.sheetnames == ["Summary", "Months", "Modules", "Partners", "Workshops",
                               "Definitions"]
    summary = by_label(book["Summary"])
    assert summary["Workshops"][0] == 12 and summary["Sessions held"][0] == 40
    assert summary["People reached (each person once)"][0] == 347
    assert summary["New (one workshop)"][0] == 250
    assert summary["Returning (two or more)"][0] == 97
    assert summary["in the room only"][0] == 200 and summary["both"][0] == 27
    assert summary["Venezuela"][0] == 280 and summary["Ecuador"][0] == SMALL
    assert summary["Colombia"][0] == COMPLEMENT, "the smallest complement hides Ecuador"
    assert summary["pendular"][0] == SMALL and summary["returnees"][0] == SMALL
    assert summary["Period"][0] == "2026-01 – 2026-05"
    assert summary["Sensitivity"][0] == "Restricted: figures only"
    assert summary["People kept"][0].startswith("as pseudonymous keys")
    assert book["Summary"]._charts, "the chart of how people took part"


def test_a_printed_page_never_splits_a_table(tmp_path) -> None:
    many = CountTable("Nationality", {f"Country {n:02d}": 10 + n for n in range(25)})
    sheet = write(tmp_path, report_data(tables=[many, *report_data().tables]))["Summary"]
    rows = rows_of(sheet)
    breaks = [b.id for b in sheet.row_breaks.brk]
    assert len(breaks) >= 2, "the long summary is printed on several pages"
    for row in breaks:  # the break falls between tables: a blank row starts the page
        assert rows[row] == (None,) * len(rows[row]), rows[row - 1:row + 2]
        assert rows[row + 1][0] in ("Nationality", "Population type", "Gender × age group",
                                    "How they took part")


def test_the_cross_table_is_one_table_with_only_its_total(tmp_path) -> None:
    rows = rows_of(write(tmp_path)["Summary"])
    top = next(n for n, row in enumerate(rows) if row[0] == "Gender × age group")
    assert rows[top + 1][1:5] == AGES
    grid = {row[0]: row[1:5] for row in rows[top + 2:top + 5]}
    expected = shown_cells(cross())
    for gender in GENDERS:
        assert grid[gender] == tuple(expected[(gender, age)] for age in AGES)
    assert grid["female"][0] == SMALL and grid["another gender / not said"][1] == SMALL
    assert rows[top + 5][:2] == ("Total (whole table)", 347)
    assert all(row[0] != "Total" for row in rows[top:top + 5]), "no row or column margins"
    assert not any(isinstance(v, (int, float)) for row in rows[top + 2:top + 5]
                   for v in row[5:]), "no row totals beside the cells"


def test_a_cross_table_of_single_people_is_withheld(tmp_path) -> None:
    ones = cross(((1, 1, 1, 0), (1, 1, 0, 0), (0, 0, 0, 0)))
    rows = rows_of(write(tmp_path, report_data(by_gender_age=ones))["Summary"])
    top = next(n for n, row in enumerate(rows) if row[0] == "Gender × age group")
    assert rows[top + 2][0] == "Not broken down: each group has a single person."
    assert rows[top + 3][:2] == ("Total (whole table)", 5)
    assert "female" not in {row[0] for row in rows[top:]}


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 30), min_size=4, max_size=4), min_size=3,
                max_size=3))
def test_no_cross_table_cell_can_be_worked_out(grid) -> None:
    table = cross(tuple(tuple(row) for row in grid))
    shown = shown_cells(table)
    flat = {f"{r}|{c}": count for (r, c), count in table.cells.items()}
    as_flat = {f"{r}|{c}": value for (r, c), value in shown.items()}
    assert as_flat == suppress(flat), "the same rule as one flat table"
    if is_withheld(shown):
        assert set(flat.values()) <= {0, 1}
        return
    for key, count in flat.items():
        if 0 < count < THRESHOLD:
            assert as_flat[key] in (SMALL, COMPLEMENT)
    if table.total >= THRESHOLD:
        fallback = SMALL not in as_flat.values() and COMPLEMENT in as_flat.values()
        assert protected(flat, as_flat, fallback), (grid, shown)


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(0, 12), min_size=12, max_size=12), st.integers(0, 8))
def test_no_count_from_1_to_4_is_ever_visible(cells, small) -> None:
    grid = tuple(tuple(cells[i * 4:i * 4 + 4]) for i in range(3))
    data = report_data(by_gender_age=cross(grid), reached=sum(cells) or small,
                       new=small, returning=small + 5)
    with tempfile.TemporaryDirectory() as folder:
        book = write(Path(folder), data)
        for value in people_values(book):
            assert not (isinstance(value, int) and 0 < value < THRESHOLD), value


def people_values(book) -> list[object]:
    """Every value that counts people: the Summary from the key figures down (less the
    workshops and sessions), the month table's people columns, the workshop list's."""
    rows = rows_of(book["Summary"])
    start = next(n for n, row in enumerate(rows) if row[0] == "Key figures")
    values = [v for row in rows[start:] if row[0] not in ("Workshops", "Sessions held")
              for v in row[1:]]
    values += [v for row in rows_of(book["Months"])[1:] for v in row[3:8]]
    values += [row[4] for row in rows_of(book["Workshops"])[1:]]
    return values


def test_the_month_table_hides_each_months_small_counts(tmp_path) -> None:
    book = write(tmp_path)
    months = by_label(book["Months"])
    assert rows_of(book["Months"])[0][:4] == ("Month", "Workshops", "Sessions",
                                              "People reached")
    assert months["2026-01"] == (2, 6, 60, 60, 0, 40, 25)
    assert months["2026-04"] == (3, 9, SMALL, SMALL, SMALL, SMALL, 0)
    assert months["2026-05"] == (2, 7, 120, 76, 44, 80, 50)
    assert months["Whole period"][:3] == (12, 40, 347), "distinct workshops and people"
    assert months["Whole period"][3:] == (None,) * 4, "people do not add up across months"
    assert sum(m.sessions for m in report_data().months) == 40
    assert book["Months"]._charts, "people reached per month"
    small = report_data(months=[MonthLine("2026-02", 1, 2, 9, 7, 2, 9, 0)])
    assert by_label(write(tmp_path, small, "s.xlsx")["Months"])["2026-02"] == (
        1, 2, 9, COMPLEMENT, SMALL, 9, 0)


def test_modules_partners_and_workshops_are_listed_with_totals(tmp_path) -> None:
    book = write(tmp_path)
    modules = by_label(book["Modules"])
    assert modules["'=Plan de negocio"][:3] == (20, 300, 20)
    assert modules["'=Plan de negocio"][3] == pytest.approx(300 / 320)
    assert modules["'+Marketing digital"][:3] == (8, 90, 3), "ratings are not people"
    assert modules["Total"][:3] == (43, 590, 73)
    partners = by_label(book["Partners"])
    assert partners["'@Caja Arequipa"] == (30, 20, 7, 3, 4.2)
    assert partners["Cámara de Comercio"][-1] is None
    assert partners["Total"][:4] == (42, 25, 12, 5)
    workshops = by_label(book["Workshops"])
    assert workshops["'-Taller Lima Norte"] == ("Lima / Lima / Comas", "2026-01-10", 6, 60)
    assert workshops["Taller Arequipa"][-1] == SMALL
    assert workshops["Total (each person once)"][-2:] == (8, 347)


def test_titles_that_look_like_formulas_stay_text(tmp_path) -> None:
    book = write(tmp_path)
    assert book["Summary"]["A1"].value == "'=CREANDO Perú 2026"
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for found in row:
                assert found.data_type != "f", (sheet.title, found.coordinate)


def test_the_file_is_labelled_restricted(tmp_path) -> None:
    book = write(tmp_path)
    assert book.properties.category == "restricted"
    assert "sensitivity:restricted" in book.properties.keywords
    for sheet in book.worksheets:
        assert sheet.oddFooter.left.text.startswith("Restricted: figures only · Generated")
    definitions = by_label(book["Definitions"])
    for figure in ("Reached", "New / returning", "Age group", "Population type", "Month",
                   "In the room / online / both", SMALL, COMPLEMENT, "Month table",
                   "Gender × age group"):
        assert figure in definitions
    assert "Peruvian = host community" in definitions["Population type"][0]


def test_the_report_speaks_spanish(tmp_path) -> None:
    set_language("es")
    book = write(tmp_path)
    assert book.sheetnames == ["Resumen", "Meses", "Módulos", "Aliados", "Talleres",
                               "Definiciones"]
    summary = by_label(book["Resumen"])
    assert summary["Personas alcanzadas (cada persona una vez)"][0] == 347
    assert summary["Sensibilidad"][0] == "Restringido: solo cifras"
    assert by_label(book["Meses"])["Todo el periodo"][:3] == (12, 40, 347)
    assert "Tipo de población" in by_label(book["Definiciones"])


def test_an_empty_programme_still_writes(tmp_path) -> None:
    empty = report_data(workshops=0, sessions_held=0, reached=0, new=0, returning=0,
                        by_mode=CountTable("How they took part", {}),
                        by_gender_age=cross(((0,) * 4,) * 3), tables=[], modules=[],
                        partners=[], months=[], workshop_lines=[])
    book = write(tmp_path, empty)
    assert by_label(book["Months"])["No session was held in this period."] is not None
    assert not book["Months"]._charts


# -- the 5W -----------------------------------------------------------------------------

def five_w_row(**changes) -> FiveWRow:
    values = dict(month="2026-05", country="Perú", admin1="Lima", admin2="Lima",
                  appealing_org="PNUD", implementing_partner="=Socio Uno",
                  activity="training", total=42, new=30, girls=2, boys=1, women=20, men=15,
                  other_under_18=0, other_18_plus=1, age_unknown=3, destination=30,
                  transit=2, host=6, pendular=1, returnee=1, population_unknown=2)
    values.update(changes)
    return FiveWRow(**values)


def five_w_data(**changes) -> FiveWData:
    rows = [five_w_row(),
            five_w_row(admin1="Arequipa", admin2="Arequipa", implementing_partner="Caja",
                       activity="networking", total=7, new=1, girls=0, boys=0, women=4,
                       men=3, other_18_plus=0, age_unknown=0, destination=5, transit=0,
                       host=2, pendular=0, returnee=0, population_unknown=0)]
    data = FiveWData(month="2026-05", generated_at=datetime(2026, 6, 3, 8, 0), rows=rows,
                     year_to_date=310, year_to_date_new_sum=310)
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def test_the_shipped_template_asks_for_every_field() -> None:
    book, found = load_template(TEMPLATE)
    fields = [slot.field for slot in found.slots if slot.field]
    assert len(fields) == 22 and set(fields) == set(vars(five_w_row()))
    assert found.row == 2 and found.activities == {
        "training": "Capacitación en emprendimiento",
        "networking": "Vinculación con servicios financieros / redes"}
    assert book["5W"]["A1"].value == "País" and "R4V" in book.properties.title


def test_the_5w_rows_sit_under_the_templates_headers(tmp_path) -> None:
    path = write_five_w(five_w_data(), TEMPLATE, tmp_path / "5w.xlsx")
    template = openpyxl.load_workbook(TEMPLATE)["5W"]
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["5W", "Consolidated"], "the activities' wording stays out"
    sheet = book["5W"]
    headers = [c.value for c in sheet[1]]
    assert headers == [c.value for c in template[1]]
    first = dict(zip(headers, (c.value for c in sheet[2]), strict=True))
    assert first["País"] == "Perú" and first["Admin1 (Departamento)"] == "Lima"
    assert first["Socio implementador"] == "'=Socio Uno", "a formula-looking name is text"
    assert first["Sector"] == "Integración"
    assert first["Actividad"] == "Capacitación en emprendimiento"
    assert first["Mes (YYYY-MM)"] == "2026-05" and sheet["H2"].number_format == "@"
    assert first["Total de beneficiarios del mes"] == 42
    assert first["Niñas (<18)"] == 2 and first["Edad no registrada"] == 3
    assert first["Tipo de población no registrado"] == 2
    second = dict(zip(headers, (c.value for c in sheet[3]), strict=True))
    assert second["Actividad"] == "Vinculación con servicios financieros / redes"
    assert second["Nuevos beneficiarios del mes"] == 1, "small counts go to the platform"
    assert sheet.max_row == 3
    assert sheet["A1"].font.bold and sheet["A1"].fill.fgColor.rgb.endswith("1F4E79")
    assert sheet.freeze_panes == "A2", "as in the template"
    assert sheet.column_dimensions["G"].width == 42
    assert book.properties.category == "restricted"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_the_consolidated_figure_never_counts_twice(tmp_path) -> None:
    book = openpyxl.load_workbook(write_five_w(five_w_data(), TEMPLATE, tmp_path / "a.xlsx"))
    lines = by_label(book["Consolidated"])
    assert lines["People reached in the period (each person once)"][0] == 310
    assert lines["Sum of “new” over the months of the period"][0] == 310
    assert lines["Period"][0] == "2026-01 – 2026-05"
    assert "They are equal: nobody is counted twice across months." in lines
    off = five_w_data(year_to_date_new_sum=313)
    lines = by_label(openpyxl.load_workbook(
        write_five_w(off, TEMPLATE, tmp_path / "b.xlsx"))["Consolidated"])
    assert any(label.startswith("They differ by 3") for label in lines)


def test_the_5w_speaks_spanish(tmp_path) -> None:
    set_language("es")
    book = openpyxl.load_workbook(write_five_w(five_w_data(), TEMPLATE, tmp_path / "a.xlsx"))
    assert book.sheetnames == ["5W", "Consolidado"]
    lines = by_label(book["Consolidado"])
    assert lines["Personas alcanzadas en el periodo (cada persona una vez)"][0] == 310


def make_template(path: Path, headers: list, placeholders: list, activities=None,
                  first_row: int = 1) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Hoja"
    for column, (header, placeholder) in enumerate(zip(headers, placeholders, strict=True),
                                                   start=1):
        sheet.cell(first_row, column, header)
        sheet.cell(first_row + 1, column, placeholder)
    if activities is not None:
        codes = book.create_sheet("activities")
        for pair in activities:
            codes.append(pair)
    book.save(path)
    return path


def test_a_new_years_template_is_just_a_new_file(tmp_path) -> None:
    template = make_template(tmp_path / "2027.xlsx",
                             ["Month", "From", "Department", "Activity", "New", "Total",
                              "Year"],
                             ["{month}", "{month_start}", "{admin1}", "{activity}", "{new}",
                              "{total}", 2027],
                             [("code", "wording"), ("training", "Training"),
                              ("networking", "Networking")], first_row=2)
    styled = openpyxl.load_workbook(template)
    styled["Hoja"]["F3"].font = Font(italic=True, color="AA0000")
    styled["Hoja"]["F3"].fill = PatternFill("solid", fgColor="FFFF00")
    styled.save(template)
    book = openpyxl.load_workbook(write_five_w(five_w_data(), template, tmp_path / "o.xlsx"))
    for number in (3, 4):
        written = book["Hoja"].cell(number, 6)
        assert written.font.i and written.font.color.rgb == "00AA0000", "styled as row 3"
        assert written.fill.fgColor.rgb == "00FFFF00"
    assert book.sheetnames == ["Hoja", "Consolidated"]
    rows = rows_of(book["Hoja"])
    assert rows[1] == ("Month", "From", "Department", "Activity", "New", "Total", "Year")
    assert rows[2] == ("2026-05", "2026-05-01", "Lima", "Training", 30, 42, 2027)
    assert rows[3] == ("2026-05", "2026-05-01", "Arequipa", "Networking", 1, 7, 2027)


def test_a_template_without_activities_needs_no_wording(tmp_path) -> None:
    template = make_template(tmp_path / "t.xlsx", ["Total", "Fin"], ["{total}",
                                                                     "{month_end}"])
    sheet = openpyxl.load_workbook(write_five_w(five_w_data(), template,
                                                tmp_path / "o.xlsx"))["Hoja"]
    assert rows_of(sheet)[1:] == [(42, "2026-05-31"), (7, "2026-05-31")]


@pytest.mark.parametrize(("headers", "placeholders", "first_row", "said"), [
    (["Mes", "Otro"], ["{month}", "{foo}"], 1, "bad.xlsx, cell B2: unknown placeholder "
                                                "{foo}"),
    (["Mes", "Total"], ["{month}", "{total}"], 0, "bad.xlsx, sheet “Hoja”: the "
                                                  "placeholders are in row 1"),
    (["Mes", None], ["{month}", "{total}"], 1, "bad.xlsx, cell B2: “{total}” has no "
                                               "column header above it (row 1)"),
    (["Mes", "Total"], ["mes", "total"], 1, "bad.xlsx, sheet “Hoja”: no row of "
                                            "placeholders"),
    (["Mes", "Total"], ["{month}", "{total} personas"], 1, "bad.xlsx, cell B2: “{total} "
                                                           "personas” is not a placeholder"),
    (["Mes", "Actividad"], ["{month}", "{activity}"], 1, "bad.xlsx: the template has an "
                                                         "{activity} column but no"),
])
def test_a_bad_template_is_refused_by_name(tmp_path, headers, placeholders, first_row,
                                           said) -> None:
    path = tmp_path / "bad.xlsx"
    if first_row == 0:
        book = openpyxl.Workbook()
        book.active.title = "Hoja"
        book.active.append(placeholders)
        book.save(path)
    else:
        make_template(path, headers, placeholders, first_row=first_row)
    with pytest.raises(KnownError) as refused:
        write_five_w(five_w_data(), path, tmp_path / "out.xlsx")
    assert said in refused.value.message, refused.value.message
    assert refused.value.path == path
    assert not (tmp_path / "out.xlsx").exists()


def test_an_activity_without_wording_or_a_broken_file_is_refused(tmp_path) -> None:
    template = make_template(tmp_path / "t.xlsx", ["Actividad"], ["{activity}"],
                             [("training", "Capacitación")])
    with pytest.raises(KnownError, match=r"t\.xlsx: activity “networking” has no wording"):
        write_five_w(five_w_data(), template, tmp_path / "o.xlsx")
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a spreadsheet")
    with pytest.raises(KnownError, match=r"broken\.xlsx: the 5W template cannot be read"):
        write_five_w(five_w_data(), broken, tmp_path / "o.xlsx")
    with pytest.raises(KnownError, match=r"missing\.xlsx: the 5W template cannot be read"):
        write_five_w(five_w_data(), tmp_path / "missing.xlsx", tmp_path / "o.xlsx")


def test_a_defined_range_gives_the_activities(tmp_path) -> None:
    path = make_template(tmp_path / "t.xlsx", ["Actividad"], ["{activity}"])
    book = openpyxl.load_workbook(path)
    codes = book.create_sheet("Listas")
    codes["D5"], codes["E5"] = "training", "Formación"
    codes["D6"], codes["E6"] = "networking", "Redes"
    book.defined_names["activities"] = DefinedName("activities",
                                                   attr_text="Listas!$D$5:$E$6")
    book.save(path)
    out = openpyxl.load_workbook(write_five_w(five_w_data(), path, tmp_path / "o.xlsx"))
    assert [r[0] for r in rows_of(out["Hoja"])[1:]] == ["Formación", "Redes"]
    assert "activities" not in out.defined_names and "Listas" not in out.sheetnames
