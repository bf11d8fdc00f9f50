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
