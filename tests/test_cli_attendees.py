"""`creando attendees import|list` as scripts use them (DESIGN.md section 8)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import FIXTURES
from tests.test_cli import creando
from tests.test_registry_import import SPANISH_LIST


def demo_workshop(db_file: Path) -> str:
    return json.loads(creando("--db", str(db_file), "--json", "demo").stdout)["id"]


def test_import_reports_row_numbered_rejects_and_imports_the_valid_rows(db_file, tmp_path):
    workshop = demo_workshop(db_file)
    listing = tmp_path / "inscritos.csv"
    listing.write_bytes(SPANISH_LIST.encode("cp1252"))
    dry = creando("--db", str(db_file), "--json", "--lang", "en", "attendees", "import",
                  str(listing), "--workshop", workshop[:8], "--dry-run")
    assert dry.returncode == 0, dry.stderr
    report = json.loads(dry.stdout)
    assert report["imported"] == 0 and report["valid"] == 3
    assert {"row": 4, "column": "Nombres", "reason": "missing name"} in report["rejected"]
    assert report["encoding"] == "cp1252" and report["delimiter"] == ";"

    done = json.loads(creando("--db", str(db_file), "--json", "attendees", "import",
                              str(listing), "--workshop", workshop).stdout)
    assert done["imported"] == 3
    assert done["duplicates"] == [{"row": 9, "by": "phone", "action": "merged",
                                   "matches_row": 2, "matches_attendee_id": None}]
    people = json.loads(creando("--db", str(db_file), "--json", "attendees", "list",
                                "--workshop", workshop).stdout)
    assert len(people) == 62


def test_list_search_ignores_accents_case_and_word_order(db_file) -> None:
    workshop = demo_workshop(db_file)
    found = json.loads(creando("--db", str(db_file), "--json", "attendees", "list",
                               "--workshop", workshop, "--search", "NUÑEZ elena ROSA").stdout)
    assert [p["name"] for p in found] == ["Rosa Elena Chávez Núñez"]
    assert {"id", "name"} <= set(found[0])


def test_a_file_that_is_not_a_list_is_refused_with_exit_1(db_file) -> None:
    workshop = demo_workshop(db_file)
    result = creando("--db", str(db_file), "--lang", "en", "attendees", "import",
                     str(FIXTURES / "registration" / "presupuesto_cp1252.csv"),
                     "--workshop", workshop)
    assert result.returncode == 1
    assert "looks like a name" in result.stderr and "Traceback" not in result.stderr
    assert "presupuesto_cp1252.csv" in result.stderr and "Año" in result.stderr


def test_an_unknown_workshop_is_a_known_error(db_file, tmp_path) -> None:
    demo_workshop(db_file)
    listing = tmp_path / "l.csv"
    listing.write_text("Nombre\nAna\n", encoding="utf-8")
    result = creando("--db", str(db_file), "--lang", "en", "attendees", "import",
                     str(listing), "--workshop", "ffff")
    assert result.returncode == 3 and "ffff" in result.stderr


REGISTRATION = FIXTURES / "registration"


def import_file(db_file: Path, workshop: str, path: Path, *extra: str,
                as_json: bool = False, lang: str = "en"):
    return creando("--db", str(db_file), *(["--json"] if as_json else []), "--lang", lang,
                   "attendees", "import", str(path), "--workshop", workshop, *extra)


def test_a_headerless_list_says_what_was_inferred(db_file) -> None:
    workshop = demo_workshop(db_file)
    path = REGISTRATION / "headerless_name_email_id_phone.csv"
    text = import_file(db_file, workshop, path, "--dry-run")
    assert text.returncode == 0, text.stderr
    assert "No header row: the first row already holds data." in text.stdout
    assert ("A = Full name (names); B = Email (e-mail addresses); C = not imported "
            "(ID or document numbers); D = Phone / WhatsApp (phone numbers)") in text.stdout
    report = json.loads(import_file(db_file, workshop, path, "--dry-run", as_json=True).stdout)
    assert report["header"] is False and report["valid"] == 5 and report["imported"] == 0
    assert report["mapping"] == {"A": "full_name", "B": "email", "D": "phone"}
    assert report["columns"][2] == {"column": "C", "field": "", "looks_like": "document"}
    done = json.loads(import_file(db_file, workshop, path, as_json=True).stdout)
    assert done["imported"] == 5
    people = json.loads(creando("--db", str(db_file), "--json", "attendees", "list",
                                "--workshop", workshop, "--search", "yusmary briceno").stdout)
    assert [p["name"] for p in people] == ["Yusmary Briceño Peña"]  # row 1 is a person


def test_columns_and_no_header_name_what_inference_cannot(db_file, tmp_path) -> None:
    workshop = demo_workshop(db_file)
    path = REGISTRATION / "headerless_given_family.csv"
    refused = import_file(db_file, workshop, path)
    assert refused.returncode == 1
    assert "the first row looks like data: add a header row" in refused.stderr
    assert "José" not in refused.stderr and "Traceback" not in refused.stderr
    spanish = import_file(db_file, workshop, path, lang="es")
    assert "la primera fila parece contener datos: agregue una fila de encabezados" in \
        spanish.stderr
    named = json.loads(import_file(db_file, workshop, path, "--columns", "given,family,celular",
                                   "--dry-run", as_json=True).stdout)
    assert named["valid"] == 3 and named["header"] is False
    assert named["mapping"] == {"A": "given_names", "B": "family_names", "C": "phone"}
    single = tmp_path / "nombres.csv"
    single.write_text("Ana Paz\nLuis\nRosa\n", encoding="utf-8")
    forced = json.loads(import_file(db_file, workshop, single, "--no-header", "--dry-run",
                                    as_json=True).stdout)
    assert (forced["header"], forced["valid"]) == (False, 3)
    bad = import_file(db_file, workshop, path, "--columns", "name,bogus")
    assert bad.returncode == 2 and "bogus" in bad.stderr and "Traceback" not in bad.stderr


def test_the_encoding_note_reaches_the_person(db_file) -> None:
    workshop = demo_workshop(db_file)
    path = REGISTRATION / "mixed_utf8_one_cp1252_line.csv"
    note = ("Line 4 is not UTF-8 like the rest of the file: it was read as Windows-1252 "
            "(Excel). Check its accents.")
    text = import_file(db_file, workshop, path, "--dry-run")
    assert f"Note: {note}" in text.stdout
    report = json.loads(import_file(db_file, workshop, path, "--dry-run", as_json=True).stdout)
    assert report["notes"] == [note] and report["encoding"] == "utf-8-sig+cp1252"
    done = json.loads(import_file(db_file, workshop, path, as_json=True).stdout)
    assert done["notes"] == [note] and done["imported"] == 4
    people = json.loads(creando("--db", str(db_file), "--json", "attendees", "list",
                                "--workshop", workshop, "--search", "pena nahui").stdout)
    assert [p["name"] for p in people] == ["José Peña Ñahui"]


def test_several_reasons_for_one_row_are_several_entries(db_file) -> None:
    workshop = demo_workshop(db_file)
    path = REGISTRATION / "google_forms_es_several_problems.csv"
    report = json.loads(import_file(db_file, workshop, path, "--dry-run", as_json=True).stdout)
    assert [entry for entry in report["rejected"] if entry["row"] == 3] == [
        {"row": 3, "column": "Celular / WhatsApp",
         "reason": "phone number not understood (write it with the country code, e.g. +51)"},
        {"row": 3, "column": "Correo electrónico", "reason": "not a valid email address"}]
    assert len(report["rejected"]) == 7 and report["valid"] == 2
    text = import_file(db_file, workshop, path, "--dry-run").stdout
    assert "2 valid rows, 3 rejected" in text
    assert 'Row 3, column “Correo electrónico”: not a valid email address' in text
