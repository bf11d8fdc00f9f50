"""The optional reporting fields (issue 20): birth year (from an age, a birth date or a
year) and population type of a person, and the place of a workshop: imported under every
header spelling, impossible values refused naming row and column, derived where unsaid,
changeable from the CLI and the app, migrated into older databases, carried by archives."""

from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from sqlite_utils import Database

from facilitator_app.categories import population_type_of
from facilitator_app.db import open_database
from facilitator_app.errors import KnownError
from facilitator_app.importing.headers import Field, guess_field
from facilitator_app.migrations import migrations
from facilitator_app.places import DEPARTMENTS, department_code, department_name
from facilitator_app.schema_version import MIGRATION_NAMES
from facilitator_app.services.registry_import import apply_import, prepare_import
from facilitator_app.services.subject_access import subject_access_data
from facilitator_app.services.workshops import create_workshop
from facilitator_app.store import Store
from tests.cli_support import make_demo, run_main

TODAY = date(2026, 3, 14)  # FixedClock's day (conftest)


@pytest.fixture
def workshop(store: Store):
    return create_workshop(store, "Taller de costos").workshop


def write_csv(path: Path, header: str, *rows: str) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def imported(store: Store, workshop, path: Path):
    plan = prepare_import(store, path)
    apply_import(store, plan, workshop.id)
    return plan, {person.name: person for person in store.attendees.all()}


def test_the_fixed_clock_is_the_day_the_ages_count_from(store: Store) -> None:
    assert store.clock().astimezone().date() == TODAY


@pytest.mark.parametrize(("header", "field"), [
    ("Edad", Field.AGE), ("Age", Field.AGE), ("¿Cuál es tu edad?", Field.AGE),
    ("datos/edad", Field.AGE), ("Fecha de nacimiento", Field.BIRTH_DATE),
    ("Birth date", Field.BIRTH_DATE), ("Date of birth", Field.BIRTH_DATE),
    ("Año de nacimiento", Field.BIRTH_YEAR), ("Birth year", Field.BIRTH_YEAR),
    ("Tipo de población", Field.POPULATION_TYPE), ("Población", Field.POPULATION_TYPE),
    ("Population type", Field.POPULATION_TYPE),
    ("Edad del negocio", Field.BUSINESS), ("miembros.edad", Field.IGNORE),
    ("Edad de tus hijos", Field.IGNORE), ("Situación migratoria", Field.IGNORE),
])
def test_each_header_spelling_names_its_field(header: str, field: Field) -> None:
    assert guess_field(header) is field


@pytest.mark.parametrize(("header", "value", "year", "source"), [
    ("Edad", "34", 1992, "age"), ("Age", "34 años", 1992, "age"),
    ("Edad", "17", 2009, "age"), ("Edad", "0", 2026, "age"),
    ("Fecha de nacimiento", "23/05/1990", 1990, "birth_date"),
    ("Birth date", "1990-05-23", 1990, "birth_date"),
    ("Date of birth", "3/1/1959", 1959, "birth_date"),
    ("Año de nacimiento", "1985", 1985, "birth_year"),
    ("Birth year", "2001", 2001, "birth_year"),
])
def test_each_birth_column_gives_the_birth_year_and_says_whence(
        store: Store, workshop, tmp_path: Path, header: str, value: str, year: int,
        source: str) -> None:
    path = write_csv(tmp_path / "lista.csv", f"Nombre,Celular,{header}",
                     f"Ana Pérez,+51 900 000 001,{value}")
    plan, people = imported(store, workshop, path)
    assert plan.rejected == []
    person = people["Ana Pérez"]
    assert (person.birth_year, person.birth_year_source) == (year, source)


def test_an_excel_date_cell_is_a_birth_date(store: Store, workshop, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Nombre completo", "Fecha de nacimiento", "Población"])
    sheet.append(["Rosa Chávez", datetime(1979, 11, 2), "Retornada"])
    sheet["B2"].number_format = "dd/mm/yyyy"
    book.save(tmp_path / "lista.xlsx")
    plan, people = imported(store, workshop, tmp_path / "lista.xlsx")
    assert plan.rejected == []
    rosa = people["Rosa Chávez"]
    assert (rosa.birth_year, rosa.birth_year_source, rosa.population_type) == (
        1979, "birth_date", "returnee")


@pytest.mark.parametrize(("header", "value", "reason"), [
    ("Edad", "-3", "age must be between 0 and 110"),
    ("Edad", "111", "age must be between 0 and 110"),
    ("Edad", "treinta", "age not understood"),
    ("Edad", "34.5", "age not understood"),
    ("Fecha de nacimiento", "31/02/1990", "birth date not understood"),
    ("Fecha de nacimiento", "23/05/90", "birth date not understood"),
    ("Fecha de nacimiento", "05/23/1990", "birth date not understood"),
    ("Fecha de nacimiento", "15/03/2026", "in the future"),
    ("Fecha de nacimiento", "1900-01-01", "more than 110 years ago"),
    ("Año de nacimiento", "2027", "in the future"),
    ("Año de nacimiento", "90", "birth year not understood"),
    ("Tipo de población", "turista", "population type not understood"),
])
def test_an_impossible_value_rejects_the_row_naming_row_and_column(
        store: Store, workshop, tmp_path: Path, header: str, value: str, reason: str) -> None:
    path = write_csv(tmp_path / "lista.csv", f"Nombre,Celular,{header}",
                     "Luis Soto,+51 900 000 002,", f"Mia Ruiz,+51 900 000 003,{value}")
    plan = prepare_import(store, path)
    assert [(r.row, r.column) for r in plan.rejected] == [(3, header)]
    assert reason in plan.rejected[0].reason
    assert [row.name for row in plan.accepted] == ["Luis Soto"]  # a blank answer is fine
    assert plan.accepted[0].birth_year is None


def test_a_rejected_birth_field_is_reported_by_the_cli_with_row_and_column(
        db_file: Path, tmp_path: Path, capsys) -> None:
    path = write_csv(tmp_path / "lista.csv", "Nombre,Edad", "Ana Pérez,34", "Luis Soto,130")
    code, out, _err = run_main(capsys, "--lang", "en", "--db", str(db_file), "workshops",
                               "create", "--title", "T")
    workshop_id = out.split()[0]
    code, out, _err = run_main(capsys, "--lang", "en", "--db", str(db_file), "attendees",
                               "import", str(path), "--workshop", workshop_id)
    assert code == 0
    assert "Row 3, column \u201cEdad\u201d: age must be between 0 and 110" in out
    code, out, _err = run_main(capsys, "--lang", "es", "--db", str(db_file), "attendees",
                               "import", str(path), "--workshop", workshop_id, "--dry-run")
    assert "Fila 3, columna \u201cEdad\u201d: la edad debe estar entre 0 y 110" in out


def test_population_answers_map_by_synonyms_in_both_languages(
        store: Store, workshop, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "lista.csv", "Nombre,Nacionalidad,Tipo de población",
                     "Ana Pérez,venezolana,En tránsito", "Luis Soto,peruano,",
                     "Mia Ruiz,colombiana,pendular", "Eva Lima,peruana,Host community",
                     "Teo Paz,venezolano,Refugiados y migrantes en destino",
                     "Ida Sol,,Prefiero no decir")
    plan, people = imported(store, workshop, path)
    assert plan.rejected == []
    stated = {name: person.population_type for name, person in people.items()}
    assert stated == {"Ana Pérez": "transit", "Luis Soto": "", "Mia Ruiz": "pendular",
                      "Eva Lima": "host", "Teo Paz": "destination", "Ida Sol": ""}


def test_the_population_type_is_derived_from_nationality_where_not_said() -> None:
    assert population_type_of("transit", "PE") == "transit"  # what they said wins
    assert population_type_of("", "PE") == "host"
    assert population_type_of("", "VE") == "destination"
    assert population_type_of("", "CO") == "destination"
    assert population_type_of("", "") == ""
    assert population_type_of("", "other:Atlántida") == ""  # not a known code
    assert population_type_of("", "Venezolana") == ""  # unreviewed answer: not guessed


def test_a_known_person_keeps_their_birth_year_and_gets_a_missing_one(
        store: Store, workshop, tmp_path: Path) -> None:
    first = write_csv(tmp_path / "a.csv", "Nombre,Celular,Edad,Población",
                      "Ana Pérez,+51 900 000 001,34,", "Luis Soto,+51 900 000 002,,")
    imported(store, workshop, first)
    again = write_csv(tmp_path / "b.csv", "Nombre,Celular,Año de nacimiento,Población",
                      "Ana Pérez,+51 900 000 001,1980,transito",
                      "Luis Soto,+51 900 000 002,1970,retornado")
    _plan, people = imported(store, workshop, again)
    assert (people["Ana Pérez"].birth_year, people["Ana Pérez"].population_type) == (
        1992, "transit")
    assert (people["Luis Soto"].birth_year, people["Luis Soto"].birth_year_source,
            people["Luis Soto"].population_type) == (1970, "birth_year", "returnee")


def test_departments_by_code_or_name_accents_and_case_aside() -> None:
    assert len(DEPARTMENTS) == 25 and list(DEPARTMENTS) == [f"{n:02}" for n in range(1, 26)]
    assert (DEPARTMENTS["02"], DEPARTMENTS["07"], DEPARTMENTS["15"], DEPARTMENTS["25"]) == (
        "Áncash", "Callao", "Lima", "Ucayali")
    assert department_code("ancash") == department_code("ÁNCASH") == "02"
    assert department_code("san martin") == "22" and department_code("7") == "07"
    assert department_code("Lima Metropolitana") == "15"
    assert department_code("") == "" and department_code("Atlántida") is None
    assert department_code("26") is None
    assert department_name("10") == "Huánuco" and department_name("99") == ""


def cli(capsys, db: Path, *argv: str, lang: str = "en") -> tuple[int, str, str]:
    return run_main(capsys, "--lang", lang, "--db", str(db), *argv)


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    return make_demo(tmp_path / "demo.db")


def person_row(db: Path, attendee_id: str) -> tuple:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT birth_year, birth_year_source, population_type FROM "
                            "attendees WHERE id = ?", [attendee_id]).fetchone()


def first_person(db: Path, nationality: str) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id FROM attendees WHERE nationality = ? AND "
                            "population_type = '' ORDER BY id LIMIT 1",
                            [nationality]).fetchone()[0]


def test_the_cli_edits_birth_year_age_and_population_type(demo_db: Path, capsys) -> None:
    person = first_person(demo_db, "PE")
    code, out, err = cli(capsys, demo_db, "--json", "attendees", "edit", "--attendee",
                         person, "--birth-year", "1988", "--population-type", "returnee")
    assert code == 0, err
    shown = json.loads(out)
    assert (shown["birth_year"], shown["population_type"]) == (1988, "returnee")
    assert person_row(demo_db, person) == (1988, "edited", "returnee")
    code, out, _err = cli(capsys, demo_db, "attendees", "edit", "--attendee", person,
                          "--age", "40", "--population-type", "none")
    forty = date.today().year - 40  # the CLI counts from the real clock
    assert code == 0 and str(forty) in out and "Host community (derived from nationality)" in out
    assert person_row(demo_db, person) == (forty, "edited", "")
    code, out, _err = cli(capsys, demo_db, "attendees", "edit", "--attendee", person,
                          "--population-type", "en tránsito")
    assert code == 0 and person_row(demo_db, person) == (forty, "edited", "transit")
    code, _out, _err = cli(capsys, demo_db, "attendees", "edit", "--attendee", person,
                           "--birth-year", "none")
    assert code == 0 and person_row(demo_db, person) == (None, "", "transit")


@pytest.mark.parametrize(("argv", "code", "words"), [
    (["--age", "130"], 3, "between 0 and 110"),
    (["--birth-year", "2031"], 3, "not a possible birth year"),
    (["--birth-year", "1800"], 3, "not a possible birth year"),
    (["--birth-year", "noventa"], 2, "not a year"),
    (["--age", "-4"], 2, "whole number"),
    (["--age", "30", "--birth-year", "1990"], 2, "not allowed with"),
    (["--population-type", "turista"], 2, "not a population type"),
])
def test_the_cli_refuses_an_impossible_edit_and_changes_nothing(
        demo_db: Path, capsys, argv: list[str], code: int, words: str) -> None:
    person = first_person(demo_db, "VE")
    before = person_row(demo_db, person)
    result, out, err = cli(capsys, demo_db, "attendees", "edit", "--attendee", person, *argv)
    assert result == code and words in out + err
    assert "Traceback" not in out + err
    assert person_row(demo_db, person) == before


def test_the_cli_creates_and_edits_a_workshop_place(db_file: Path, capsys) -> None:
    code, out, err = cli(capsys, db_file, "--json", "workshops", "create", "--title", "Taller",
                         "--department", "lima", "--province", "Lima", "--district",
                         "San Juan de Lurigancho")
    assert code == 0, err
    made = json.loads(out)
    assert (made["department"], made["province"], made["district"]) == (
        "15", "Lima", "San Juan de Lurigancho")
    code, out, err = cli(capsys, db_file, "workshops", "edit", "--workshop", made["id"],
                         "--department", "ancash", "--province", "Huaraz", "--district",
                         "Independencia")
    assert code == 0, err
    assert "Independencia, Huaraz, Áncash" in out
    code, out, err = cli(capsys, db_file, "workshops", "edit", "--workshop", made["id"],
                         "--department", "Atlántida")
    assert code == 3 and "Atlántida" in out + err and "15 Lima" in out + err
    code, out, _err = cli(capsys, db_file, "--json", "workshops", "edit", "--workshop",
                          made["id"], "--district", "Huaraz")
    shown = json.loads(out)
    assert (shown["department"], shown["province"], shown["district"]) == (
        "02", "Huaraz", "Huaraz")  # what was not given stays
    code, out, err = cli(capsys, db_file, "workshops", "create", "--title", "Otro",
                         "--department", "Lima Norte", lang="es")
    assert code == 3 and "Lima Norte" in out + err and "departamentos" in out + err


def test_the_subject_access_file_lists_birth_year_and_population_type(
        store: Store, workshop, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "lista.csv", "Nombre,Nacionalidad,Edad,Tipo de población",
                     "Ana Pérez,peruana,34,", "Luis Soto,venezolano,,pendular")
    _plan, people = imported(store, workshop, path)
    ana = dict(subject_access_data(store, people["Ana Pérez"].id, "en").sections[0][1])
    assert ana["Birth year"] == "1992 (from the age given)"
    assert ana["Population type"] == "Host community (derived from nationality)"
    assert "age group" in ana["Why we ask these two"]
    luis = dict(subject_access_data(store, people["Luis Soto"].id, "es").sections[0][1])
    assert "Año de nacimiento" not in luis
    assert luis["Tipo de población"] == "Pendular"
    assert "grupo de edad" in luis["Por qué pedimos estos dos datos"]


def test_migration_0014_adds_the_fields_to_an_existing_database(db_file: Path) -> None:
    old = Database(db_file)
    migrations.apply(old, stop_before="0014_registration_reporting_fields")
    old.execute("INSERT INTO workshops (id, title, token_secret, created_at) VALUES "
                "('w1', 'Taller antiguo', 'x', '2025-01-01T00:00:00+00:00')")
    old.execute("INSERT INTO attendees (id, given_names, nationality, created_at, updated_at) "
                "VALUES ('a1', 'Rosa', 'PE', '2025-01-01', '2025-01-01')")
    old.conn.commit()
    old.close()
    store = Store(open_database(db_file))
    try:
        rosa = store.attendees.get("a1")
        assert (rosa.birth_year, rosa.birth_year_source, rosa.population_type) == (None, "", "")
        assert population_type_of(rosa.population_type, rosa.nationality) == "host"
        old_workshop = store.workshops.get("w1")
        assert (old_workshop.department, old_workshop.province, old_workshop.district) == (
            "", "", "")
        names = [row[0] for row in store.db.execute("SELECT name FROM _sqlite_migrations")]
        assert names[-1] == MIGRATION_NAMES[-1] == "0014_registration_reporting_fields"
    finally:
        store.close()


def test_the_birth_year_source_is_checked_by_the_schema(store: Store) -> None:
    with pytest.raises(sqlite3.IntegrityError):
        store.db.execute("INSERT INTO attendees (id, given_names, birth_year_source, "
                         "created_at, updated_at) VALUES ('x', 'X', 'guess', '', '')")


def test_the_demo_has_birth_years_a_few_stated_types_and_a_place(store: Store) -> None:
    from facilitator_app.services.demo import ensure_demo

    workshop, _created = ensure_demo(store)
    assert (workshop.department, workshop.province, workshop.district) == (
        "15", "Lima", "San Martín de Porres")
    people = store.attendees.for_workshop(workshop.id)
    years = [p.birth_year for p in people if p.birth_year is not None]
    ages = [TODAY.year - year for year in years]
    assert 0 < len(people) - len(years) <= 6  # a few without
    assert min(ages) == 17 and max(ages) == 67
    assert {p.birth_year_source for p in people if p.birth_year} == {"birth_year"}
    stated = {p.population_type for p in people} - {""}
    assert stated == {"transit", "pendular", "returnee"}
    assert sum(bool(p.population_type) for p in people) <= 6


def test_an_archive_carries_the_fields_to_another_desk(tmp_path: Path) -> None:
    from facilitator_app.services import desks
    from facilitator_app.services.archive import create_archive
    from facilitator_app.services.demo import ensure_demo
    from facilitator_app.services.merge import restore_archive
    from facilitator_app.services.registration_fields import (
        edit_reporting_fields,
        set_workshop_place,
    )

    desk_a, desk_b = two_stores(tmp_path)
    try:
        workshop, _created = ensure_demo(desk_a)
        person = desk_a.attendees.for_workshop(workshop.id)[0]
        edit_reporting_fields(desk_a, person.id, birth_year=1977, population_type="transit")
        set_workshop_place(desk_a, workshop.id, department="07", province="Callao",
                           district="Ventanilla")
        archive = create_archive(desk_a, workshop.id, tmp_path / "taller.zip")
        restore_archive(desk_b, archive, trust_signer=desks.this_desk(desk_a).fingerprint)
        there = desk_b.attendees.get(person.id)
        assert (there.birth_year, there.birth_year_source, there.population_type) == (
            1977, "edited", "transit")
        place = desk_b.workshops.get(workshop.id)
        assert (place.department, place.province, place.district) == (
            "07", "Callao", "Ventanilla")
        theirs = {p.id: p.birth_year for p in desk_a.attendees.all()}
        assert {p.id: p.birth_year for p in desk_b.attendees.all()} == theirs
    finally:
        desk_a.close()
        desk_b.close()


def test_edits_refuse_impossible_values_in_the_service(store: Store) -> None:
    from facilitator_app.models import Attendee, AttendeeId
    from facilitator_app.services.registration_fields import edit_reporting_fields

    person = store.attendees.add(Attendee(id=AttendeeId(""), given_names="Ana"))
    with pytest.raises(KnownError, match="2030"):
        edit_reporting_fields(store, person.id, birth_year=2030)
    with pytest.raises(KnownError, match="tourist"):
        edit_reporting_fields(store, person.id, population_type="tourist")
    assert store.attendees.get(person.id) == person
    assert store.db.execute("SELECT COUNT(*) FROM audit_log WHERE action = "
                            "'attendee_reporting_fields'").fetchone()[0] == 0
    edit_reporting_fields(store, person.id, birth_year=2026 - 70)
    assert store.db.execute("SELECT detail FROM audit_log WHERE action = "
                            "'attendee_reporting_fields'").fetchone()[0] == (
        '{"fields": ["birth_year", "birth_year_source"]}')  # which fields, never values


def test_an_archive_made_before_the_fields_existed_is_restored_without_them(
        tmp_path: Path) -> None:
    from facilitator_app.services.archive import create_archive
    from facilitator_app.services.demo import ensure_demo
    from facilitator_app.services.merge import restore_archive
    from tests.archive_support import edit_snapshot, forge

    desk_a, desk_b = two_stores(tmp_path)
    try:
        workshop, _created = ensure_demo(desk_a)
        archive = create_archive(desk_a, workshop.id, tmp_path / "taller.zip")
        older = edit_snapshot(archive, tmp_path, [
            *[(f"ALTER TABLE attendees DROP COLUMN {column}", [])
              for column in ("birth_year", "birth_year_source", "population_type")],
            *[(f"ALTER TABLE workshops DROP COLUMN {column}", [])
              for column in ("department", "province", "district")],
            ("DELETE FROM _sqlite_migrations WHERE name = ?",
             ["0014_registration_reporting_fields"])])
        from facilitator_app.services.archive import SNAPSHOT

        unsigned = forge(archive, tmp_path / "older.zip", members={SNAPSHOT: older},
                         manifest=lambda m: {**{k: v for k, v in m.items() if k != "signer"},
                                             "format": 1}, sign=False)
        added = restore_archive(desk_b, unsigned, accept_unsigned=True)
        assert added["attendees"] == 60
        people = desk_b.attendees.all()
        assert {(p.birth_year, p.birth_year_source, p.population_type) for p in people} == {
            (None, "", "")}
        assert {population_type_of(p.population_type, p.nationality) for p in people} == {
            "host", "destination"}
        assert desk_b.workshops.get(workshop.id).department == ""
    finally:
        desk_a.close()
        desk_b.close()


def test_the_subject_access_pdf_prints_them(store: Store, workshop, tmp_path: Path) -> None:
    from pypdf import PdfReader

    from facilitator_app.services.subject_access import write_subject_access_file

    path = write_csv(tmp_path / "lista.csv", "Nombre,Nacionalidad,Fecha de nacimiento",
                     "Ana Pérez,venezolana,02/01/1985")
    _plan, people = imported(store, workshop, path)
    pdf = write_subject_access_file(store, people["Ana Pérez"].id, tmp_path / "datos.pdf", "es")
    text = " ".join(" ".join((page.extract_text() or "").split())
                    for page in PdfReader(pdf).pages)
    assert "Año de nacimiento 1985 (a partir de la fecha de nacimiento)" in text
    assert "Refugiados y migrantes en destino (deducido de la nacionalidad)" in text


def test_a_google_forms_list_with_age_birth_date_and_population_type(
        store: Store, workshop) -> None:
    from tests.conftest import FIXTURES

    plan, people = imported(store, workshop, FIXTURES / "registration" /
                            "google_forms_es_edad_poblacion.xlsx")
    assert [(r.row, r.column, r.reason) for r in plan.rejected] == [
        (5, "Edad", "age must be between 0 and 110"),
        (6, "Fecha de nacimiento",
         "birth date not understood (write it as dd/mm/yyyy or yyyy-mm-dd)")]
    found = {name: (p.birth_year, p.birth_year_source, p.population_type,
                    population_type_of(p.population_type, p.nationality))
             for name, p in people.items()}
    assert found == {
        "Yusmary Briceño Peña": (1992, "age", "destination", "destination"),
        "Ángel Ticona Quispe": (1990, "birth_date", "", "host"),
        "María José Lugo": (1979, "birth_date", "pendular", "pendular"),
        "Jhon Fredy Ospina": (2009, "age", "transit", "transit"),
        "Lucía Ñaupari Huamán": (1965, "age", "returnee", "returnee"),
    }


def test_merging_two_records_keeps_the_reporting_answers_only_one_has(store: Store,
                                                                       workshop) -> None:
    from facilitator_app.models import Attendee
    from facilitator_app.services.attendees import merge_attendees

    keep = store.attendees.add(Attendee(id="", given_names="Rosa", family_names="Núñez",
                                        phone="+51987000111"))
    other = store.attendees.add(Attendee(id="", given_names="Rosa", family_names="Nunez",
                                         birth_year=1988, birth_year_source="age",
                                         population_type="pendular"))
    merged = merge_attendees(store, keep.id, other.id, set())
    assert (merged.birth_year, merged.birth_year_source, merged.population_type) == (
        1988, "age", "pendular")
    stored = store.attendees.get(keep.id)
    assert (stored.birth_year, stored.population_type) == (1988, "pendular")
    assert stored.phone == "+51987000111"


def two_stores(folder: Path) -> tuple[Store, Store]:
    """Two desks' databases, each in its own folder (the path the store knows is its file)."""
    from tests.programme_support import Desk

    return Desk.on(folder / "a").store, Desk.on(folder / "b").store
