"""Importing registration lists into a workshop: rejects, duplicates, all-or-nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from facilitator_app.errors import RejectedFileError
from facilitator_app.importing.headers import Field
from facilitator_app.models import ConsentPurpose
from facilitator_app.services.registry_import import apply_import, prepare_import
from facilitator_app.services.workshops import create_workshop
from tests.conftest import FIXTURES, injection_payloads

REGISTRATION = FIXTURES / "registration"

SPANISH_LIST = (
    "Marca temporal;Nombres;Apellidos;Celular / WhatsApp;Correo electrónico;Nacionalidad;"
    "Nombre del emprendimiento;Rubro;¿Autoriza el tratamiento de sus datos personales?;"
    "¿Acepta compartir su contacto con otros participantes?;¿Autorizas el uso de fotos?\n"
    "2026-03-01;José Luis;Pérez Núñez;987 654 321;JOSE@EXAMPLE.COM;venezolana;Arepas Don José;"
    "Alimentos;Sí;Sí;No\n"
    "2026-03-01;Yusmary;Briceño Peña;0412-1234567;;Venezuela;Uñas Yus;Belleza;Sí;No;Sí\n"
    "2026-03-01;;;999 888 777;sin@nombre.com;Perú;;;Sí;Sí;Sí\n"
    "2026-03-01;Ana;Quispe;12;;Perú;;;Sí;Sí;Sí\n"
    "2026-03-01;Luis;Huamán;912 345 678;luis@;Perú;;;Sí;Sí;Sí\n"
    "2026-03-01;=HYPERLINK(\"http://x\");Malo;911 111 111;;Perú;;;Sí;Sí;Sí\n"
    "2026-03-01;Carla;Mamani;922 222 222;;Perú;;;quizás;Sí;Sí\n"
    "2026-03-02;Jose Luis;PEREZ NUÑEZ;+51 987654321;;;;;Sí;Sí;Sí\n"
)


@pytest.fixture
def workshop(store):
    return create_workshop(store, "Taller de prueba").workshop


@pytest.fixture
def spanish_file(tmp_path: Path) -> Path:
    path = tmp_path / "inscritos.csv"
    path.write_bytes(SPANISH_LIST.encode("cp1252"))
    return path


def test_rejects_name_row_column_and_reason(store, spanish_file) -> None:
    plan = prepare_import(store, spanish_file)
    assert [(r.row, r.column, r.reason) for r in plan.rejected] == [
        (4, "Nombres", "missing name"),
        (5, "Celular / WhatsApp",
         "phone number not understood (write it with the country code, e.g. +51)"),
        (6, "Correo electrónico", "not a valid email address"),
        (7, "Nombres", "looks like a spreadsheet formula, not a name"),
        (8, "¿Autoriza el tratamiento de sus datos personales?",
         "consent answer not understood (use yes or no)"),
    ]
    assert [r.row for r in plan.accepted] == [2, 3, 9]


def test_values_are_normalised_and_names_kept_as_written(store, spanish_file) -> None:
    jose, yusmary, _again = prepare_import(store, spanish_file).accepted
    assert (jose.given_names, jose.family_names) == ("José Luis", "Pérez Núñez")
    assert jose.phone == "+51987654321" and jose.email == "jose@example.com"
    assert jose.nationality == "VE" and yusmary.phone == "+584121234567"
    assert jose.consents == {ConsentPurpose.PROCESSING: True,
                             ConsentPurpose.SHARE_PARTICIPANTS: True,
                             ConsentPurpose.PHOTOS: False}


def test_the_same_person_twice_in_a_file_is_merged(store, workshop, spanish_file) -> None:
    plan = prepare_import(store, spanish_file)
    assert [(d.row, d.by, d.action, d.matches_row) for d in plan.duplicates] == [
        (9, "phone", "merged", 2)]
    result = apply_import(store, plan, workshop.id)
    assert (result.created, result.merged, result.registered) == (2, 1, 2)


def test_a_second_import_links_to_known_people_and_adds_nobody(store, workshop,
                                                               spanish_file) -> None:
    apply_import(store, prepare_import(store, spanish_file), workshop.id)
    again = prepare_import(store, spanish_file)
    assert [(d.row, d.action) for d in again.duplicates] == [
        (2, "linked"), (3, "linked"), (9, "merged")]
    result = apply_import(store, again, workshop.id)
    assert (result.created, result.linked, result.merged, result.registered) == (0, 2, 1, 2)
    assert len(store.attendees.all()) == 2


def test_same_name_only_is_imported_but_flagged(store, workshop, tmp_path) -> None:
    first = tmp_path / "a.csv"
    first.write_text("Nombre completo,Celular\nMaría José Rojas,987111222\n", encoding="utf-8")
    apply_import(store, prepare_import(store, first), workshop.id)
    second = tmp_path / "b.csv"
    second.write_text("Nombre completo,Celular\nROJAS maria jose,986333444\n", encoding="utf-8")
    plan = prepare_import(store, second)
    assert [(d.by, d.action) for d in plan.duplicates] == [("name", "flagged")]
    assert apply_import(store, plan, workshop.id).created == 1


def test_nothing_is_half_imported_when_a_write_fails(store, workshop, spanish_file,
                                                     monkeypatch) -> None:
    """The people and registrations are written, then the consents fail: none of it stays."""
    from facilitator_app.store.batch import RegistryBatch

    plan = prepare_import(store, spanish_file)
    written = {"people": 0, "registered": 0}
    real_add, real_register = RegistryBatch.add_people, RegistryBatch.register

    def counting_add(self, people):
        people = list(people)
        written["people"] += len(people)
        return real_add(self, people)

    def counting_register(self, workshop_id, ids, source):
        real_register(self, workshop_id, ids, source)
        written["registered"] = store.registrations.count(workshop_id)

    def failing_consents(self, answers, method):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(RegistryBatch, "add_people", counting_add)
    monkeypatch.setattr(RegistryBatch, "register", counting_register)
    monkeypatch.setattr(RegistryBatch, "record_consents", failing_consents)
    with pytest.raises(Exception, match="disk"):
        apply_import(store, plan, workshop.id)
    assert written == {"people": 2, "registered": 2}  # written inside the transaction...
    assert store.attendees.all() == []  # ...and rolled back
    assert store.registrations.count(workshop.id) == 0
    assert store.db.execute("SELECT COUNT(*) FROM consents").fetchone()[0] == 0


def test_a_chosen_mapping_overrides_the_guess(store, tmp_path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("Col A,Col B\nRosa Elena,Bodega Rosita\n", encoding="utf-8")
    with pytest.raises(RejectedFileError, match="looks like a name"):
        prepare_import(store, path)
    plan = prepare_import(store, path, mapping={0: Field.FULL_NAME, 1: Field.BUSINESS})
    assert plan.accepted[0].business == "Bodega Rosita"


@pytest.mark.parametrize(("name", "sheet", "names"), [
    ("google_forms_multiselect_no_final_newline.csv", None, [
        "Daniela Rojas Chacín", "Wilmer Pacheco", "Keila Marcano", "Ángel Ticona Quispe",
        "Nayeli Carrasco Ñaupari"]),
    ("kobo_tutorial_repeats.csv", None, [  # not the children in hijos[1]/nombre_hijo
        "Rosa Elena Huamán", "Wilmer Pacheco", "Génesis Colmenares"]),
    ("google_forms_en.xlsx", None, ["Génesis Colmenares", "Óscar Villamizar", "Lucía Ñaupari"]),
    ("kobo_meeting_form_repeats.xlsx", "participantes", [  # row 8 is an empty repeat
        "Yusmary Briceño", "Héctor Rondón", "Teresa Villca", "Jhon Fredy Ospina",
        "Rocío Ñañez", "María José Lugo"]),
    ("google_forms_es_inscripcion.xlsx", None, [
        "Yusmary Briceño Peña", "Ángel Ticona Quispe", "María José Lugo"]),
])
def test_exports_with_a_name_column(store, workshop, name, sheet, names) -> None:
    plan = prepare_import(store, REGISTRATION / name, sheet=sheet)
    assert ([r.name for r in plan.accepted], plan.rejected) == (names, [])
    assert [r.row for r in plan.accepted] == list(range(2, 2 + len(names)))
    assert plan.skipped == len(plan.table.rows) - len(names)  # rows with nothing mapped in them
    assert apply_import(store, plan, workshop.id).registered == len(names)


def test_a_spanish_google_forms_workbook_with_consents(store) -> None:
    plan = prepare_import(store, REGISTRATION / "google_forms_es_inscripcion.xlsx")
    yusmary, angel, maria = plan.accepted
    assert (yusmary.phone, yusmary.email, yusmary.nationality) == (
        "+51900000001", "yusmary.b@example.com", "VE")  # the phone is a number cell
    assert (angel.phone, angel.email, angel.nationality) == ("+51900000002", "", "PE")
    assert (maria.phone, maria.nationality) == ("+584120000003", "CO")
    assert angel.consents == {ConsentPurpose.PROCESSING: True,
                              ConsentPurpose.SHARE_PARTICIPANTS: False}
    assert maria.consents[ConsentPurpose.SHARE_PARTICIPANTS] is True
    assert plan.duplicates == []


@pytest.mark.parametrize(("name", "sheet"), [
    ("google_forms_es_respuestas.csv", None), ("presupuesto_cp1252.csv", None),
    ("google_forms_en_multiline_emoji.csv", None), ("odk_central_export.csv", None),
    ("kobo_household_dot_groups.xlsx", None), ("google_forms_es_marca_temporal.xlsx", None),
    ("kobo_meeting_form_repeats.xlsx", None),  # the main sheet: no participant names there
])
def test_files_that_are_not_registration_lists_are_refused_clearly(store, name, sheet) -> None:
    with pytest.raises(RejectedFileError, match="looks like a name") as raised:
        prepare_import(store, REGISTRATION / name, sheet=sheet)
    assert name in raised.value.message


def test_formula_payloads_never_become_names(store, tmp_path) -> None:
    payloads = injection_payloads()
    path = tmp_path / "payloads.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        import csv

        writer = csv.writer(handle)
        writer.writerow(["Nombre completo", "Negocio"])
        for payload in payloads:
            writer.writerow([payload, payload])
    plan = prepare_import(store, path)
    # Only these do not start with = + - @ once spaces, tabs and CRs are trimmed: text.
    assert [r.name for r in plan.accepted] == [
        'DDE ("cmd";"/C notepad";"!A0")A0', "＝1+1", '＝HYPERLINK("https://attacker.example","clic")',
        "＋51 900 000 001", "－1+1", "＠SUM(1+1)", "＝cmd|' /C mspaint'!A0", "＋＋1",
        "＠SUM(3+3)"]
    assert len(plan.rejected) == len(payloads) - 9 == 40
    assert {(r.column, r.reason) for r in plan.rejected} == {
        ("Nombre completo", "looks like a spreadsheet formula, not a name")}
    assert [r.row for r in plan.accepted] == [15, 30, 31, 32, 33, 34, 48, 49, 50]
    rows = sorted([r.row for r in plan.accepted] + [r.row for r in plan.rejected])
    assert rows == list(range(2, 2 + len(payloads)))  # every payload row kept or rejected


PHONE = "phone number not understood (write it with the country code, e.g. +51)"
EMAIL = "not a valid email address"
CONSENT = "consent answer not understood (use yes or no)"
PROCESSING = "¿Autoriza el tratamiento de sus datos personales?"


def test_every_reason_a_row_is_rejected_is_listed(store, workshop) -> None:
    plan = prepare_import(store, REGISTRATION / "google_forms_es_several_problems.csv")
    assert [(r.row, r.column, r.reason) for r in plan.rejected] == [
        (3, "Celular / WhatsApp", PHONE), (3, "Correo electrónico", EMAIL),
        (4, "Nombres y apellidos", "missing name"), (4, "Correo electrónico", EMAIL),
        (4, PROCESSING, CONSENT),
        (5, "Nombres y apellidos", "looks like a spreadsheet formula, not a name"),
        (5, PROCESSING, CONSENT)]
    assert (plan.rejected_rows, plan.skipped) == (3, 0)
    assert [(r.row, r.name) for r in plan.accepted] == [(2, "Daniela Rojas Chacín"),
                                                         (6, "Keila Marcano")]
    assert apply_import(store, plan, workshop.id).registered == 2
    audit = store.db.execute("SELECT detail FROM audit_log WHERE action = "
                             "'registration_import'").fetchone()[0]
    assert '"rejected": 3' in audit  # rows, not reasons


def test_a_utf8_list_with_one_windows_1252_line_keeps_every_accent(store, workshop) -> None:
    plan = prepare_import(store, REGISTRATION / "mixed_utf8_one_cp1252_line.csv")
    assert plan.table.encoding == "utf-8-sig+cp1252"
    assert plan.table.notes == ("Line 4 is not UTF-8 like the rest of the file: it was read "
                                "as Windows-1252 (Excel). Check its accents.",)
    apply_import(store, plan, workshop.id)
    stored = {(p.name, p.district) for p in store.attendees.all()}
    assert stored == {("Rosa Elena Huamán", "San Juan de Lurigancho"),
                      ("Wilmer Pacheco Núñez", "Comas"), ("José Peña Ñahui", "Breña"),
                      ("Génesis Colmenares", "Los Olivos")}
    assert not any("Ã" in name or "\ufffd" in name for name, _d in stored)


@pytest.mark.parametrize(("name", "sheet"), [
    ("kobo_household_dot_groups.xlsx", "miembros"),  # _parent_table_name is not a name
    ("kobo_meeting_form_repeats.xlsx", "temas"),
    ("kobo_meeting_form_repeats.xlsx", "comentarios"),
])
def test_kobo_repeat_sheets_without_a_name_question_are_refused(store, name, sheet) -> None:
    with pytest.raises(RejectedFileError, match="looks like a name") as raised:
        prepare_import(store, REGISTRATION / name, sheet=sheet)
    assert name in raised.value.message
    assert "_parent_table_name" not in raised.value.message.split("Its columns:")[0]


def test_a_mapping_beyond_the_last_column_is_refused(store) -> None:
    from facilitator_app.errors import KnownError

    with pytest.raises(KnownError, match="5 columns were named, but"):
        prepare_import(store, REGISTRATION / "headerless_given_family.csv",
                       mapping={0: Field.FULL_NAME, 4: Field.EMAIL})


def test_the_duplicate_name_key_is_the_one_text_defines() -> None:
    from facilitator_app.demo_data import load_demo
    from facilitator_app.services.registry_import import _name_key
    from facilitator_app.text import name_key

    names = [person.name for person in load_demo().people] + [
        "José  Luis", "O'Neil-Pérez", "ＡＢＣ dé", "Ñandú_x", "e\u0301lan", "María\u00a0José",
        "İstanbul Straße", "ROJAS, maria jose"]
    assert [_name_key(name) for name in names] == [name_key(name) for name in names]
