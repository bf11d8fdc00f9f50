"""The streaming XLSX reader: the same cells openpyxl reads, Excel's own layouts, and every
damaged or hostile workbook refused with a message (exit 3 when it is damage to fix)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from facilitator_app.errors import RejectedFileError
from facilitator_app.importing import xlsx
from facilitator_app.importing.limits import DamagedFileError, Limits
from facilitator_app.importing.reading import read_table
from facilitator_app.importing.records import read_records
from facilitator_app.importing.xlsx import cell_text, sheet_names
from tests.conftest import FIXTURES
from tests.test_cli import creando

REGISTRATION = FIXTURES / "registration"
OPENPYXL_LAYOUTS = [path for path in sorted(FIXTURES.rglob("*.xlsx"))
                    if not path.name.startswith(("damaged", "excel_shared"))]


def openpyxl_rows(path: Path, sheet: str) -> list[tuple[int, list[str]]]:
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=False)
    worksheet = workbook[sheet]
    worksheet.reset_dimensions()
    rows = []
    for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
        cells = [cell_text(value) for value in row]
        while cells and not cells[-1]:
            cells.pop()
        rows.append((number, cells))
    workbook.close()
    return rows


@pytest.mark.parametrize("path", OPENPYXL_LAYOUTS, ids=lambda path: path.name)
def test_every_sheet_reads_as_openpyxl_reads_it(path: Path) -> None:
    assert len(OPENPYXL_LAYOUTS) >= 7
    for sheet in sheet_names(path):
        _source, records = read_records(path, Limits(), sheet)
        assert list(records) == openpyxl_rows(path, sheet)


def test_a_workbook_as_excel_writes_it() -> None:
    table = read_table(REGISTRATION / "excel_shared_strings.xlsx")
    assert table.sheets == ("Inscritos",)
    assert table.headers == ("Nombres y apellidos", "Celular", "Fecha de registro",
                             "¿Asistió antes?", "Correo")
    assert table.row_numbers == (2, 4, 5)  # row 3 is not in the sheet
    assert table.rows == (
        ("Rosa Elena Huamán Quispe", "900000061", "2026-03-01 10:30:00", "True",
         '=LOWER("ROSA.H@EXAMPLE.ORG")'),  # rich-text runs joined, the phonetic guide left out
        ("Wilmer  Pacheco", "900 000 062", "2026-03-02 12:00:00", "False",
         "wilmer.p@example.org"),  # _x000D_ is a carriage return, cleaned to a space
        ("Keila Marcano", "#N/A", "", "True", ""))


def workbook_bytes(parts: dict[str, bytes | str]) -> bytes:
    """google_forms_en.xlsx with some parts replaced or added (a shared strings part is
    read where Excel puts it, `xl/sharedStrings.xml`)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(REGISTRATION / "google_forms_en.xlsx") as source, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            if member.filename not in parts:
                target.writestr(member.filename, source.read(member.filename))
        for name, data in parts.items():
            target.writestr(name, data)
    return buffer.getvalue()


SHEET = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
         'spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>')


def sheet_of(rows: str) -> str:
    return SHEET.format(rows=rows)


def test_a_sheet_without_dimension_stops_at_the_row_limit(tmp_path, monkeypatch) -> None:
    from facilitator_app.importing import reading

    monkeypatch.setattr(reading, "MAX_ROWS", 1000)
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Persona {n}</t></is></c></row>'
                   for n in range(1, 30_001))
    path = tmp_path / "grande.xlsx"
    path.write_bytes(workbook_bytes({"xl/worksheets/sheet1.xml": sheet_of(rows)}))
    with pytest.raises(RejectedFileError, match=r"grande\.xlsx has more than 1,000 rows"):
        read_table(path)


def test_shared_strings_are_capped(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(xlsx, "MAX_SHARED_STRINGS", 500)
    strings = "".join(f"<si><t>Persona {n}</t></si>" for n in range(600))
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           f"{strings}</sst>")
    path = tmp_path / "textos.xlsx"
    path.write_bytes(workbook_bytes({"xl/sharedStrings.xml": sst}))
    with pytest.raises(RejectedFileError, match="more than 500 different texts"):
        read_table(path)
    told = sst.replace("<sst ", '<sst uniqueCount="600" ')  # refused before any is read
    path.write_bytes(workbook_bytes({"xl/sharedStrings.xml": told}))
    with pytest.raises(RejectedFileError, match="more than 500 different texts"):
        read_table(path)


@pytest.mark.parametrize(("name", "part"), [
    ("entity_bomb", '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><sst xmlns="http://schemas.'
                    'openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>'),
    ("runaway_comment", '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org'
                        '/spreadsheetml/2006/main"><!--' + "x" * (5 * 1024 * 1024) + "-->"
                        "</sst>"),
    ("bad_xml", "<sst><si><t>unclosed"),
])
def test_hostile_xml_is_refused_as_damage(tmp_path, name, part) -> None:
    path = tmp_path / f"{name}.xlsx"
    path.write_bytes(workbook_bytes({"xl/sharedStrings.xml": part}))
    with pytest.raises(DamagedFileError, match=rf"{name}\.xlsx could not be opened") as raised:
        read_table(path)
    assert raised.value.exit_code == 3


@pytest.mark.parametrize(("rows", "message"), [
    ('<row r="1"><c r="A1" t="inlineStr"><is><t>Nombre</t></is></c>'
     '<c r="SZ1" t="inlineStr"><is><t>x</t></is></c></row>', r"row 1: more than 500 columns"),
    ('<row r="1"><c r="A1" t="inlineStr"><is><t>' + "a" * 40_000 + "</t></is></c></row>",
     r"row 1, column 1: a cell of more than 32,767 characters"),
    ('<row r="1"><c r="A1" t="s"><v>99</v></c></row>', r"could not be opened"),
    ('<row r="1"><c r="XFE1"><v>1</v></c></row>', r"could not be opened"),
])
def test_cells_beyond_the_limits_are_refused_while_parsing(tmp_path, rows, message) -> None:
    path = tmp_path / "lista.xlsx"
    path.write_bytes(workbook_bytes({"xl/worksheets/sheet1.xml": sheet_of(rows)}))
    with pytest.raises(RejectedFileError, match=message):
        read_table(path)


def test_empty_styled_cells_far_to_the_right_are_not_columns(tmp_path) -> None:
    rows = ('<row r="1"><c r="A1" t="inlineStr"><is><t>Nombre</t></is></c><c r="XFD1" s="1"/>'
            '</row><row r="2"><c r="A2" t="inlineStr"><is><t>Ana Paz</t></is></c></row>')
    path = tmp_path / "lista.xlsx"
    path.write_bytes(workbook_bytes({"xl/worksheets/sheet1.xml": sheet_of(rows)}))
    assert read_table(path).rows == (("Ana Paz",),)


@pytest.mark.parametrize("name", ["damaged_unsupported_compression.xlsx",
                                  "damaged_zip_version.xlsx"])
def test_a_damaged_zip_is_a_clear_refusal(name: str) -> None:
    with zipfile.ZipFile(REGISTRATION / "google_forms_en.xlsx") as good:
        assert good.read("xl/worksheets/sheet1.xml")  # the original reads...
    with pytest.raises(DamagedFileError) as raised:
        read_table(REGISTRATION / name)  # ...the damaged copy is refused, not a traceback
    assert name in raised.value.message and raised.value.exit_code == 3
    assert "NotImplementedError" not in raised.value.message


def test_unsupported_zip_features_are_named(tmp_path) -> None:
    data = bytearray((REGISTRATION / "google_forms_en.xlsx").read_bytes())
    central = data.index(b"PK\x01\x02")
    data[central + 8] |= 0x1  # the first member says it is encrypted
    locked = tmp_path / "clave.xlsx"
    locked.write_bytes(bytes(data))
    with pytest.raises(DamagedFileError, match="protected with a password"):
        read_table(locked)
    ods = tmp_path / "hoja.xlsx"
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    with pytest.raises(DamagedFileError, match="OpenDocument"):
        read_table(ods)
    old = tmp_path / "lista.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    with pytest.raises(DamagedFileError, match=r"old Excel \(\.xls\)"):
        read_table(old)


def test_the_cli_refuses_a_damaged_workbook_with_exit_3(db_file) -> None:
    import json

    workshop = json.loads(creando("--db", str(db_file), "--json", "demo").stdout)["id"]
    for name in ("damaged_unsupported_compression.xlsx", "damaged_zip_version.xlsx"):
        result = creando("--db", str(db_file), "--lang", "en", "attendees", "import",
                         str(REGISTRATION / name), "--workshop", workshop)
        assert result.returncode == 3, result.stderr
        assert name in result.stderr and "Traceback" not in result.stderr
        assert "NotImplementedError" not in result.stderr
