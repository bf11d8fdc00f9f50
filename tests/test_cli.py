"""The command-line contract of DESIGN.md section 8, run as a user would."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def creando(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "facilitator_app", *args],
                          capture_output=True, text=True, cwd=ROOT)


def test_demo_then_json_workshops_list_shows_the_demo_with_its_sessions(db_file: Path) -> None:
    first = creando("--db", str(db_file), "--json", "demo")
    assert first.returncode == 0, first.stderr
    created = json.loads(first.stdout)
    assert created["created"] is True and created["registered"] == 60

    listed = creando("--db", str(db_file), "--json", "workshops", "list")
    assert listed.returncode == 0
    workshops = json.loads(listed.stdout)
    assert [w["id"] for w in workshops] == [created["id"]]
    assert workshops[0]["title"].startswith("Taller CREANDO")
    assert len(workshops[0]["sessions"]) == 3
    assert all({"id", "title"} <= set(s) for s in workshops[0]["sessions"])


def test_running_demo_twice_duplicates_nothing(db_file: Path) -> None:
    creando("--db", str(db_file), "demo")
    again = json.loads(creando("--db", str(db_file), "--json", "demo").stdout)
    assert again["created"] is False
    assert again["registered"] == 60 and again["introductions"] == 10
    import sqlite3

    conn = sqlite3.connect(db_file)
    counts = {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
              for t in ("workshops", "attendees", "partners", "checkin_events")}
    conn.close()
    assert counts["workshops"] == 1 and counts["attendees"] == 60 and counts["partners"] == 5


def test_workshops_create_then_list(db_file: Path) -> None:
    made = creando("--db", str(db_file), "--json", "workshops", "create", "--title",
                   "Taller de precios", "--starts-on", "2026-05-02", "--session", "Costos",
                   "--session", "Precios")
    assert made.returncode == 0, made.stderr
    workshop = json.loads(made.stdout)
    assert [s["title"] for s in workshop["sessions"]] == ["Costos", "Precios"]
    human = creando("--db", str(db_file), "workshops", "list")
    assert f"{workshop['id']}  Taller de precios" in human.stdout


def test_exit_codes_usage_2_known_error_3(db_file: Path) -> None:
    assert creando("--db", str(db_file), "no-such-command").returncode == 2
    bad_date = creando("--lang", "en", "--db", str(db_file), "workshops", "create",
                       "--title", "X", "--starts-on", "2026-13-40")
    assert bad_date.returncode == 3
    assert "2026-13-40" in bad_date.stderr and "Traceback" not in bad_date.stderr


def test_json_errors_are_machine_readable(db_file: Path) -> None:
    result = creando("--json", "--lang", "en", "--db", str(db_file), "workshops", "create",
                     "--title", "   ")
    assert result.returncode == 3
    assert json.loads(result.stdout)["error"] == "known_error"


def test_spanish_is_the_default_language(db_file: Path) -> None:
    result = creando("--db", str(db_file), "workshops", "create", "--title", "",
                     "--starts-on", "")
    assert result.returncode == 3
    assert "taller" in result.stderr.lower()


def test_version_and_help() -> None:
    version = creando("--version")
    assert version.returncode == 0 and "CREANDO Desk" in version.stdout
    assert creando("--lang", "en", "--help").returncode == 0


def test_backups_list_shows_the_backup_made_on_open(db_file: Path) -> None:
    creando("--db", str(db_file), "demo")
    listed = json.loads(creando("--db", str(db_file), "--json", "backups", "list").stdout)
    assert listed and Path(listed[0]["path"]).exists()


def test_every_command_has_working_help_in_both_languages() -> None:
    commands = [["demo"], ["workshops", "list"], ["workshops", "create"],
                ["attendees", "import"], ["attendees", "list"], ["badges"], ["checkin"],
                ["online", "import"], ["deck", "validate"], ["deck", "list"],
                ["partners", "list"], ["partners", "add"], ["intro", "add"], ["intro", "list"],
                ["certificate", "verify"], ["backups", "list"], ["backups", "restore"]]
    for language in ("es", "en"):
        for command in commands:
            result = creando("--lang", language, *command, "--help")
            assert result.returncode == 0, (language, command, result.stderr)
            assert "usage" in result.stdout.lower() or "uso" in result.stdout.lower()


def test_no_command_means_the_app_and_options_still_parse() -> None:
    from facilitator_app.cli import parse

    app = parse(["--db", "demo", "--lang", "en"])  # "demo" here is the database's name
    assert (app.command, str(app.db), app.lang) == (None, "demo", "en")
    assert parse(["--db", "x.db", "demo"]).command == "demo"
