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


def test_a_genuine_cp1252_spanish_file() -> None:
    table = read_table(FIXTURES / "registration" / "antas_presupuesto_1985_2021_cp1252.csv")
    assert table.encoding == "cp1252"
    assert table.headers[0] == "Año"


def test_multi_line_cells_keep_spreadsheet_row_numbers() -> None:
    table = read_table(FIXTURES / "registration"
                       / "puzzsoc_Registration Form (Responses) - Form Responses 1.csv")
    assert table.row_numbers == tuple(range(2, 2 + len(table.rows)))
    assert all("\n" not in cell for row in table.rows for cell in row)


def test_xlsx_first_sheet_or_a_chosen_one() -> None:
    path = FIXTURES / "registration" / (
        "kobotransfer_Meeting_Form_-_latest_version_-_False_-_2024-03-14-09-51-14.xlsx")
    assert read_table(path).sheet == "Meeting Form"
    participants = read_table(path, sheet="participants")
    assert participants.headers[0] == "participants/Participant_name"
    assert len(participants.rows) == 8
    with pytest.raises(RejectedFileError, match="no sheet called"):
        read_table(path, sheet="nope")


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
    with pytest.raises(RejectedFileError, match="encoding"):
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
