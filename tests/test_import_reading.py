"""Reading registration files: every encoding and delimiter, Excel sheets, hostile files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from facilitator_app.errors import RejectedFileError
from facilitator_app.importing.reading import read_table
from tests.conftest import FIXTURES

ROWS = [["Nombres y apellidos", "Celular", "Correo"],
        ["José Pérez Núñez", "987 654 321", "JOSE@example.com"],
        ["Yusmary Briceño", "+58 412 1234567", ""]]


def write_csv(path: Path, encoding: str, delimiter: str, bom: bytes = b"") -> Path:
    text = "\r\n".join(delimiter.join(row) for row in ROWS) + "\r\n"
    path.write_bytes(bom + text.encode(encoding))
    return path


@pytest.mark.parametrize(("encoding", "delimiter", "bom", "expected"), [
    ("utf-8", ",", b"", "utf-8-sig"),
    ("utf-8", ";", b"\xef\xbb\xbf", "utf-8-sig"),
    ("utf-16-le", "\t", b"\xff\xfe", "utf-16"),
    ("utf-16-be", ",", b"\xfe\xff", "utf-16"),
    ("cp1252", ";", b"", "cp1252"),
])
def test_each_encoding_and_delimiter(tmp_path, encoding, delimiter, bom, expected) -> None:
    table = read_table(write_csv(tmp_path / "lista.csv", encoding, delimiter, bom))
    assert table.encoding == expected
    assert table.delimiter == delimiter
    assert table.headers == tuple(ROWS[0])
    assert table.rows[0][0] == "José Pérez Núñez"
    assert table.row_numbers == (2, 3)


def test_a_cp1252_spanish_file() -> None:
    table = read_table(FIXTURES / "registration" / "presupuesto_cp1252.csv")
    assert (table.encoding, table.delimiter) == ("cp1252", ",")
    assert table.headers == ("Año", "Total Ingresos", "%", "Total Gastos", "%")
    assert table.rows[0] == ("2025", "1845320.50", "12.4", "1790115.20", "10.9")
    assert table.rows[-1] == ("2019", "938450.25", "", "935780.40", "")
    assert table.row_numbers == (2, 3, 4, 5, 6, 7, 8)


def test_multi_line_cells_keep_spreadsheet_row_numbers() -> None:
    table = read_table(FIXTURES / "registration" / "google_forms_en_multiline_emoji.csv")
    assert table.row_numbers == (2, 3, 4)  # 7 lines of text after the header, 3 rows
    assert all("\n" not in cell for row in table.rows for cell in row)
    names = table.headers.index("All team member names (one full name per line)")  # trimmed
    assert [row[names] for row in table.rows] == [
        "Yusmary Briceño Héctor Rondón", "Teresa Villca Mamani",
        "Jhon Fredy Ospina María José Lugo Rocío Ñañez"]
    assert table.rows[0][-1] == "vamos con todo 💪🇻🇪"
    assert table.rows[1][1] == "No, I'd like to be matched with others"
    assert table.rows[1][-1] == "somos de Puno 🧶 ¡gracias!"


def test_a_spanish_google_forms_csv_without_bom_or_final_newline() -> None:
    table = read_table(FIXTURES / "registration" / "google_forms_es_respuestas.csv")
    assert (table.encoding, table.delimiter) == ("utf-8-sig", ",")
    assert table.headers[:4] == ("Marca temporal", "¿Naciste en el Perú?", "¿Cuál es tu edad?",
                                 "¿Tienes un negocio propio?")
    assert table.headers[4] == "En caso de no tenerlo, ¿a qué te dedicas?"
    assert table.row_numbers == (2, 3, 4, 5)
    assert [row[0] for row in table.rows] == ["31/01/2026 17:20:40", "1/02/2026 12:13:56",
                                              "7/02/2026 13:32:08", "14/02/2026 9:05:00"]
    assert table.rows[1][8] == ("Que envíen las diapositivas por WhatsApp y que el taller sea "
                                "un sábado")
    assert table.rows[3][8:] == ("Más ejemplos de negocios de comida. Hablar más despacio.",
                                 "Tal vez, si es en la tarde")


def test_odk_rows_shorter_than_the_header_are_padded() -> None:
    table = read_table(FIXTURES / "registration" / "odk_central_export.csv")
    assert table.headers[-4:] == ("KEY", "SubmitterID", "SubmitterName", "Status")
    assert [len(row) for row in table.rows] == [18, 18]
    assert [row[-2:] for row in table.rows] == [("visitas", ""), ("visitas", "")]
    assert table.rows[0][5] == "Mercado central, puesto 14"


def test_xlsx_first_sheet_or_a_chosen_one() -> None:
    path = FIXTURES / "registration" / "kobo_meeting_form_repeats.xlsx"
    first = read_table(path)
    assert first.sheet == "Registro de sesión"
    assert first.sheets == ("Registro de sesión", "temas", "participantes", "comentarios")
    assert first.headers[-2:] == ("_index", "$edited")
    assert first.rows[0][:2] == ("2026-03-14 16:33:10", "2026-03-14 16:36:51")
    assert first.rows[0][-1] == "True"
    participants = read_table(path, sheet="participantes")
    assert participants.headers[:3] == ("participantes/nombre_participante", "_index",
                                        "_parent_table_name")
    assert len(participants.rows) == 7 and participants.row_numbers == tuple(range(2, 9))
    assert participants.rows[6][:3] == ("", "7", "Registro de sesión")  # an empty repeat
    nested = read_table(path, sheet="comentarios")
    assert nested.headers[0] == "participantes/comentarios/sesion"
    assert [row[4] for row in nested.rows] == ["1", "1", "3", "6"]  # _parent_index
    with pytest.raises(RejectedFileError, match="no sheet called"):
        read_table(path, sheet="nope")


def test_kobo_dot_groups_and_a_repeat_sheet() -> None:
    path = FIXTURES / "registration" / "kobo_household_dot_groups.xlsx"
    main = read_table(path)
    assert main.sheets == ("Diagnóstico de hogares", "miembros")
    assert main.headers[3:7] == ("perfil.pais_origen", "perfil.ocupacion", "perfil.motivo",
                                 "perfil.motivo.vivienda")
    assert [row[5] for row in main.rows] == ["empleo educacion", "vivienda empleo reunificacion",
                                             "educacion", "seguridad otro", "empleo"]
    assert main.rows[1][6:12] == ("1", "1", "0", "1", "0", "0")
    members = read_table(path, sheet="miembros")
    assert members.headers[:2] == ("miembros.edad", "miembros.sexo")
    assert [row[4] for row in members.rows] == ["1", "1", "2", "2", "2", "3", "4", "4", "5"]


def test_formulas_in_cells_stay_text(tmp_path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Nombre", "Celular"])
    sheet.append(["=HYPERLINK(\"http://x\",\"click\")", "=1+1"])
    workbook.save(tmp_path / "f.xlsx")
    table = read_table(tmp_path / "f.xlsx")
    assert table.rows[0] == ('=HYPERLINK("http://x","click")', "=1+1")


def test_binary_junk_named_csv_is_refused_by_name(tmp_path) -> None:
    junk = tmp_path / "inscritos.csv"
    junk.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(RejectedFileError, match=r"inscritos\.csv"):
        read_table(junk)


def test_undecodable_text_is_refused_not_guessed(tmp_path) -> None:
    bad = tmp_path / "lista.csv"
    bad.write_bytes("Nombre\nJosé\n".encode("cp1252") + b"\x81\x8d\x8f\n")
    with pytest.raises(RejectedFileError, match=r"lista\.csv, line 3: byte 0x81 is neither "
                       r"UTF-8 nor Windows-1252"):
        read_table(bad)


def test_an_xlsx_zip_bomb_is_refused_before_parsing(tmp_path) -> None:
    bomb = tmp_path / "lista.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (400 * 1024 * 1024))
    assert bomb.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(RejectedFileError, match="zip bomb"):
        read_table(bomb)


def test_a_damaged_xlsx_is_refused(tmp_path) -> None:
    broken = tmp_path / "lista.xlsx"
    broken.write_bytes(b"PK\x03\x04" + b"\x00" * 100)
    with pytest.raises(RejectedFileError, match=r"lista\.xlsx"):
        read_table(broken)


def test_files_over_the_size_limit_are_refused(tmp_path, monkeypatch) -> None:
    from facilitator_app.importing import reading

    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 100)
    big = write_csv(tmp_path / "grande.csv", "utf-8", ",")
    with pytest.raises(RejectedFileError, match="too large"):
        read_table(big)


def test_an_empty_file_is_refused(tmp_path) -> None:
    empty = tmp_path / "vacio.csv"
    empty.write_bytes(b"\r\n\r\n")
    with pytest.raises(RejectedFileError, match="empty"):
        read_table(empty)


def test_control_characters_are_cleaned(tmp_path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("Nombre\n\"Ana\x07 \x1bMaría\"\n", encoding="utf-8")
    assert read_table(path).rows[0][0] == "Ana María"
