"""`creando online import` on every report layout the project has a fixture for: the platform
right, every person exactly once, minutes within a minute of a careful count, the Email
column's address; the human output shows the meeting and every note and flag."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.cli_support import ids, make_demo, run_main, run_real
from tests.conftest import FIXTURES
from tests.test_online_layouts import LAYOUTS as NEW_LAYOUTS
from tests.test_online_reports import LAYOUTS as FIRST_LAYOUTS

EMAILS = {  # the address a careful person reads for someone in the first layouts
    ("teams/teams_sections_utf16be.csv", "Jhon Fredy Ospina"): "jhon.ospina@example.com",
    ("zoom/zoom_join_rows_recording_consent.csv", "01_Daniela"): "daniela.rojas@example.org",
    ("meet/meet_attendance.csv", "Teresa Villca Mamani"): "teresa.villca@example.pe",
    ("zoom/zoom_join_rows_bom_crlf_trailing_comma.csv", "Milagros Quispe"): "",
}
# (file, platform, [(name, e-mail or None when not checked, minutes)])
EVERY_LAYOUT = [(name, platform, [(person, EMAILS.get((name, person)), minutes)
                                  for person, minutes in expected.items()])
                for name, platform, _layout, expected in FIRST_LAYOUTS] + [
    (name, platform, expected) for name, platform, _layout, expected in NEW_LAYOUTS]


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    return make_demo(tmp_path_factory.mktemp("online-cli") / "demo.db")


@pytest.fixture
def db(template: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(template, tmp_path / "creando.db"))


def session_of(db: Path) -> str:
    return ids(db, "sessions")[0]


def run_import(capsys, db: Path, path: Path, *options: str) -> tuple[int, str, str]:
    return run_main(capsys, "--lang", "en", "--db", str(db), *options, "online", "import",
                    str(path), "--session", session_of(db))


@pytest.mark.parametrize(("name", "platform", "expected"), EVERY_LAYOUT,
                         ids=[layout[0] for layout in EVERY_LAYOUT])
def test_every_layout_through_the_command_line(capsys, db, name, platform, expected) -> None:
    code, out, err = run_import(capsys, db, FIXTURES / name, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["platform"] == platform
    people = data["people"]
    read = sorted((p["name"], p["minutes"]) for p in people)
    careful = sorted((person, minutes) for person, _email, minutes in expected)
    assert [n for n, _m in read] == [n for n, _m in careful]  # each one exactly once
    assert all(abs(got - want) < 1 for (_n, got), (_c, want) in zip(read, careful,
                                                                     strict=True))
    emails = {(p["name"], p["email"]) for p in people}
    assert {(n, e) for n, e, _m in expected if e is not None} <= emails


def test_the_human_output_shows_the_meeting_notes_and_flags(capsys, db) -> None:
    path = FIXTURES / "zoom" / "zoom_two_devices_same_names.csv"
    code, out, _err = run_import(capsys, db, path)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "zoom_two_devices_same_names.csv: a Zoom report, 7 people."
    assert lines[1] == ("Meeting: Taller CREANDO: redes sociales, from 2026-03-19 10:00 to "
                        "11:00, 60 minutes.")
    assert "Facilitadora is the meeting's host and was left out." in lines
    assert ("2 people are called Luis Tapia (luis.tapia@example.pe, luis.tapia@example.com): "
            "kept apart, to review.") in lines
    marisol = next(i for i, line in enumerate(lines) if "Marisol <marisol" in line)
    assert "95.0 min  Marisol <marisol.ccahuana@example.pe>" in lines[marisol]
    assert [line.split("! ", 1)[1] for line in lines[marisol + 1:marisol + 4]] == [
        "Joined from two devices at once: the overlap is counted once.",
        "Rows under different names share this e-mail (Marisol, Marisol celular): counted "
        "as one person.",
        "95 minutes, more than the 60 the meeting lasted: check them."]


def test_json_carries_the_meeting_and_each_persons_flags(capsys, db) -> None:
    path = FIXTURES / "teams" / "teams_summary_fr_utf16le.csv"
    code, out, _err = run_import(capsys, db, path, "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["layout"], data["meeting"], data["meeting_start"], data["meeting_end"]) == (
        "teams-summary", "Atelier CREANDO : fixer ses prix", "2021-04-13 09:00:12",
        "2021-04-13 11:45:00")
    assert data["notes"] == ["Sophie Laurent is the meeting's host and was left out."]
    assert [(p["name"], p["joins"], p["flags"]) for p in data["people"]] == [
        ("Rocío Ñañez", 1, []), ("Jean-Baptiste Moïse (Invité)", 2, []),
        ("Aïcha Diallo (Invité)", 1, [])]


def test_refusals_say_what_was_found_and_what_is_accepted(capsys, db, tmp_path) -> None:
    code, _out, err = run_import(capsys, db, FIXTURES / "teams" /
                                 "teams_summary_excel_semicolon_nama.csv")
    assert code == 1
    assert err.strip().endswith("no column looks like the person's name (found: Nama).")
    pdf = tmp_path / "asistencia.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    code, _out, err = run_import(capsys, db, pdf)
    assert code == 1
    assert "asistencia.pdf is a PDF document, not an attendance report." in err
    assert "(.csv, .txt, .tsv)" in err and "(.xlsx)" in err
    old = tmp_path / "report.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500)
    code, _out, err = run_import(capsys, db, old)
    assert code == 1 and "Excel 97-2003 (.xls)" in err and "Traceback" not in err


def test_an_xlsx_report_as_a_user_runs_it(db) -> None:
    result = run_real("--lang", "en", "--db", str(db), "online", "import",
                      str(FIXTURES / "meet" / "meet_attendance_google_sheet.xlsx"),
                      "--session", session_of(db))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("meet_attendance_google_sheet.xlsx: a Meet report, 3 "
                                    "people.")
    assert "Otter.ai is a note-taking bot, not a person, and was left out." in result.stdout
    assert "binary data" not in result.stdout + result.stderr
