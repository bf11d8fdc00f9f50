"""Lists without a header row: the first row is told from a header by the shape of its cells,
the columns are inferred from their values, and a person's data is never taken for (or shown
as) column names."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator_app.errors import RejectedFileError
from facilitator_app.i18n import set_language
from facilitator_app.importing.headerless import Kind, first_row_is_data, kind_of
from facilitator_app.importing.headers import Field
from facilitator_app.importing.reading import read_table
from facilitator_app.importing.xlsx import sheet_names
from facilitator_app.services.registry_import import apply_import, prepare_import, read_list
from facilitator_app.services.workshops import create_workshop
from tests.conftest import FIXTURES

REGISTRATION = FIXTURES / "registration"
HEADERLESS = ("headerless_name_email_id_phone.csv", "headerless_semicolon_cp1252.csv",
              "headerless_given_family.csv", "headerless_excel_numbers.xlsx")
LOOKS_LIKE_DATA = "the first row looks like data: add a header row"


@pytest.fixture
def workshop(store):
    return create_workshop(store, "Taller sin encabezados").workshop


@pytest.mark.parametrize(("value", "kind"), [
    ("ana.quispe@example.org", Kind.EMAIL), ("ana@", Kind.TEXT),
    ("V-12.345.678", Kind.DOCUMENT), ("E-84.123.456", Kind.DOCUMENT),
    ("100000000011", Kind.DOCUMENT), ("12345678", Kind.DOCUMENT), ("AB1234567", Kind.DOCUMENT),
    ("+58 412 0000001", Kind.PHONE), ("900 000 002", Kind.PHONE), ("0414-0000003", Kind.PHONE),
    ("900000011", Kind.PHONE), ("2026-03-01 10:00", Kind.DATE),
    ("14/03/2026 01:31:40 p. m.", Kind.DATE), ("25", Kind.NUMBER), ("12.5%", Kind.NUMBER),
    ("Sí", Kind.YES_NO), ("Yusmary Briceño Peña", Kind.NAME), ("D'Alessandro", Kind.NAME),
    ("Bodega Rosita 2", Kind.TEXT), ("¿Cuál es tu nombre?", Kind.TEXT), ("", Kind.EMPTY),
])
def test_the_shape_of_a_value(value: str, kind: Kind) -> None:
    assert kind_of(value) is kind


def every_header_fixture() -> list[tuple[Path, str | None]]:
    found = []
    for folder in ("registration", "zoom", "meet"):
        for path in sorted((FIXTURES / folder).iterdir()):
            if path.name in HEADERLESS or path.name.startswith("damaged"):
                continue
            sheets = sheet_names(path) if path.suffix == ".xlsx" else (None,)
            found += [(path, sheet) for sheet in sheets]
    return found


@pytest.mark.parametrize(("path", "sheet"), every_header_fixture(),
                         ids=lambda value: value.name if isinstance(value, Path) else value)
def test_every_real_layout_with_a_header_keeps_its_header(path: Path, sheet) -> None:
    assert read_table(path, sheet).header is True


@pytest.mark.parametrize("name", HEADERLESS)
def test_a_first_row_of_data_is_told_from_a_header(name: str) -> None:
    table = read_table(REGISTRATION / name)
    assert table.header is False
    assert table.headers == ("A", "B", "C", "D", "E")[:len(table.headers)]
    assert table.row_numbers[0] == 1  # the first person is a row like the others


@pytest.mark.parametrize(("first", "below", "is_data"), [
    (["Nombre", "Celular"], [["Ana Pérez", "900 000 001"]], False),
    (["Col A", "Col B"], [["Rosa Elena Ríos", "Bodega Rosita"]], False),
    (["Nombre", "Celular", "2026-03-01"], [["Ana Pérez", "900 000 001", "x"]], False),
    (["Ana Pérez", "900 000 001"], [["Luis Paz", "900 000 002"]], True),
    (["Ana Pérez", "ana@example.org"], [], True),  # one row: its shape alone
    (["Ana Pérez"], [["Luis Paz"], ["Rosa Ríos"]], True),  # names over names
    (["Ana"], [["Luis"], ["Rosa"]], False),  # one word could be a column's name
    (["Participantes"], [["Luis Paz"], ["Rosa Ríos"]], False),
    (["Teléfono", "V-12.345.678"], [["900 000 001", "V-9.876.543"]], True),  # data wins
])
def test_a_row_is_data_when_its_cells_have_the_shape_of_the_column_below(
        first, below, is_data) -> None:
    assert first_row_is_data(first, below) is is_data


def test_a_headerless_list_is_imported_with_columns_inferred_from_values(store,
                                                                         workshop) -> None:
    proposal = read_list(REGISTRATION / "headerless_name_email_id_phone.csv")
    assert proposal.mapping == {0: Field.FULL_NAME, 1: Field.EMAIL, 3: Field.PHONE}
    assert proposal.described == {0: "name", 1: "email", 2: "document", 3: "phone"}
    plan = prepare_import(store, REGISTRATION / "headerless_name_email_id_phone.csv")
    assert [(r.row, r.name, r.email, r.phone) for r in plan.accepted] == [
        (1, "Yusmary Briceño Peña", "yusmary.b@example.org", "+584120000001"),
        (2, "Ángel Ticona Quispe", "angel.t@example.pe", "+51900000002"),
        (3, "Rocío Ñañez Torres", "rocio.n@example.com", "+584140000003"),
        (4, "Jhon Fredy Ospina", "jhon.ospina@example.org", "+51900000004"),
        (5, "María José Lugo", "", "+51900000005")]
    assert (plan.rejected, plan.skipped) == ([], 0)
    assert apply_import(store, plan, workshop.id).registered == 5
    stored = {person.name for person in store.attendees.all()}
    assert "Yusmary Briceño Peña" in stored and len(stored) == 5  # row 1 is a person


def test_excel_without_a_header_in_a_spanish_locale(store) -> None:
    plan = prepare_import(store, REGISTRATION / "headerless_semicolon_cp1252.csv")
    assert plan.mapping == {0: Field.FULL_NAME, 2: Field.PHONE, 3: Field.NATIONALITY}
    assert plan.described[1] == "document" and plan.described[4] == "yes_no"
    assert [(r.row, r.name, r.phone, r.nationality) for r in plan.accepted] == [
        (1, "Génesis Colmenares", "+51900000011", "VE"),
        (2, "Óscar Villamizar Peña", "+51900000012", "CO"),
        (3, "Lucía Ñaupari Huamán", "+51900000013", "PE")]
    numbers = prepare_import(store, REGISTRATION / "headerless_excel_numbers.xlsx")
    assert [(r.name, r.phone, r.email) for r in numbers.accepted] == [
        ("Yusmary Briceño Peña", "+51900000051", "yusmary.b@example.org"),
        ("Ángel Ticona Quispe", "+51900000052", "angel.t@example.pe"),
        ("Rocío Ñañez Torres", "+51900000053", "")]
    assert numbers.described[2] == "document"  # the 12-digit numbers are not phones


def test_side_by_side_names_are_refused_until_the_columns_are_named(store) -> None:
    path = REGISTRATION / "headerless_given_family.csv"
    with pytest.raises(RejectedFileError, match=LOOKS_LIKE_DATA) as refused:
        prepare_import(store, path)
    assert "headerless_given_family.csv" in refused.value.message
    assert "José" not in refused.value.message and "900" not in refused.value.message
    plan = prepare_import(store, path, mapping={0: Field.GIVEN_NAMES, 1: Field.FAMILY_NAMES,
                                                2: Field.PHONE})
    assert [(r.row, r.given_names, r.family_names) for r in plan.accepted] == [
        (1, "José Luis", "Pérez Núñez"), (2, "Teresa", "Villca Mamani"), (3, "Héctor", "Rondón")]


def test_the_refusal_in_spanish(store) -> None:
    set_language("es")
    with pytest.raises(RejectedFileError) as refused:
        prepare_import(store, REGISTRATION / "headerless_given_family.csv")
    assert "la primera fila parece contener datos: agregue una fila de encabezados" in \
        refused.value.message


def test_only_emails_and_phones_is_refused_without_quoting_the_first_person(store,
                                                                            tmp_path) -> None:
    path = tmp_path / "contactos.csv"
    path.write_text("ana.quispe@example.org,900 000 071\nluis.paz@example.org,900 000 072\n",
                    encoding="utf-8")
    with pytest.raises(RejectedFileError, match=LOOKS_LIKE_DATA) as refused:
        prepare_import(store, path)
    assert "ana.quispe" not in refused.value.message and "071" not in refused.value.message


def test_a_first_row_taken_for_a_header_is_never_quoted_back(store, tmp_path) -> None:
    """Told that the first row is a header, the refusal lists no one's data as columns."""
    with pytest.raises(RejectedFileError, match="looks like a name") as refused:
        prepare_import(store, REGISTRATION / "headerless_name_email_id_phone.csv", header=True)
    message = refused.value.message
    assert all(text not in message for text in ("Yusmary", "yusmary.b", "V-12", "0000001"))
    single = tmp_path / "nombres.csv"
    single.write_text("Ana\nLuis\nRosa\n", encoding="utf-8")
    with pytest.raises(RejectedFileError, match="looks like a name") as one_word:
        prepare_import(store, single)  # "Ana" may be a column's name: read as a header...
    assert "Ana" not in one_word.value.message  # ...but never shown as one


def test_no_header_says_the_first_row_is_data(store, tmp_path) -> None:
    single = tmp_path / "nombres.csv"
    single.write_text("Ana\nLuis\nRosa\n", encoding="utf-8")
    plan = prepare_import(store, single, header=False)
    assert [(r.row, r.name) for r in plan.accepted] == [(1, "Ana"), (2, "Luis"), (3, "Rosa")]
