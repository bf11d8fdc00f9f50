"""The 5W month by month (new only once a year), both engines giving the same figures, and
the programme commands of the CLI."""

from __future__ import annotations

import dataclasses
import json

import pytest
from openpyxl import load_workbook

from facilitator_app.cli import main
from facilitator_app.programme.five_w import five_w_data
from facilitator_app.programme.hub import open_programme
from facilitator_app.programme.importer import import_archives
from facilitator_app.programme.report import programme_report_data
from tests.programme_support import Desk


def _imported(target: str, hq: Desk, scenario: dict):
    programme = open_programme(target)
    import_archives(programme, hq.store, list(scenario["archives"].values()),
                    trust_signers=scenario["trust"])
    return programme


def _row(data, activity: str) -> dict:
    found = [r for r in data.rows if r.activity == activity]
    assert len(found) == 1
    return dataclasses.asdict(found[0])


def test_new_is_counted_once_a_year(programme_target, hq, scenario):
    programme = _imported(programme_target, hq, scenario)
    try:
        april, may = five_w_data(programme, "2026-04"), five_w_data(programme, "2026-05")
        report = programme_report_data(programme, "en")
    finally:
        programme.close()
    assert [r.activity for r in april.rows] == ["training", "networking"]
    # one place a month here: the training row is the month's people in the report
    assert [_row(d, "training")["total"] for d in (april, may)] == [
        m.reached for m in report.months]
    assert may.year_to_date == report.reached
    training = _row(april, "training")
    assert (training["admin1"], training["implementing_partner"]) == ("Lima", "Banco Ejemplo")
    assert (training["total"], training["new"]) == (4, 4)
    assert (training["women"], training["men"], training["girls"], training["age_unknown"]) \
        == (1, 1, 1, 1)  # Ana, Luis, María (16), José (no age)
    assert (training["host"], training["destination"], training["transit"],
            training["population_unknown"]) == (1, 1, 1, 1)
    networking = _row(april, "networking")
    assert (networking["total"], networking["new"]) == (2, 0)  # Ana and Luis: new in training
    may_training = _row(may, "training")
    assert (may_training["admin1"], may_training["admin2"]) == ("Arequipa", "Arequipa")
    assert may_training["implementing_partner"] == "PNUD"  # no partner set: the appealing org
    assert (may_training["total"], may_training["new"]) == (3, 1)  # only the second José
    assert _row(may, "networking")["new"] == 0
    assert (april.year_to_date, may.year_to_date) == (4, 5)
    new_each_month = sum(r.new for r in april.rows) + sum(r.new for r in may.rows)
    assert new_each_month == may.year_to_date == may.year_to_date_new_sum
    for row in may.rows:  # every split adds up to the row's total
        assert row.total == sum((row.girls, row.boys, row.women, row.men, row.other_under_18,
                                 row.other_18_plus, row.age_unknown))
        assert row.total == sum((row.destination, row.transit, row.host, row.pendular,
                                 row.returnee, row.population_unknown))


def test_a_month_is_written_yyyy_mm(tmp_path):
    from facilitator_app.errors import KnownError

    programme = open_programme(str(tmp_path / "p.sqlite"))
    try:
        with pytest.raises(KnownError, match="YYYY-MM"):
            five_w_data(programme, "05/2026")
    finally:
        programme.close()


def test_both_engines_give_identical_figures(postgres_server, hq, scenario, tmp_path):
    results = []
    server_db = postgres_server.create_database()
    for target in (str(tmp_path / "programme.sqlite"), server_db):
        programme = _imported(target, hq, scenario)
        try:
            report = dataclasses.asdict(programme_report_data(programme, "es"))
            months = [dataclasses.asdict(five_w_data(programme, m))
                      for m in ("2026-04", "2026-05")]
        finally:
            programme.close()
        report.pop("generated_at")
        for month in months:
            month.pop("generated_at")
        results.append((report, months))
    postgres_server.drop_database(server_db)
    assert results[0] == results[1]
    assert results[0][0]["reached"] == 5


def _cli(*args: str) -> int:
    return main(["--lang", "en", *args])


def test_the_programme_commands(hq, scenario, tmp_path, capsys):
    target = str(tmp_path / "programme.sqlite")
    db = str(hq.store.path)
    archives = [str(p) for p in scenario["archives"].values()]
    trust = [f for fp in scenario["trust"] for f in ("--trust-signer", fp)]
    assert _cli("--db", db, "--json", "programme", "import", *archives, *trust,
                "--programme", target) == 0
    imported = json.loads(capsys.readouterr().out)
    assert [a["added"]["people_new"] for a in imported["archives"]] == [6, 1]
    assert _cli("--db", db, "--json", "programme", "import", archives[0], *trust,
                "--programme", target) == 0
    assert not any(json.loads(capsys.readouterr().out)["archives"][0]["added"].values())
    assert _cli("--db", db, "--json", "programme", "status", "--programme", target) == 0
    status = json.loads(capsys.readouterr().out)
    assert (status["archives"], status["people"], status["to_review"]) == (2, 7, 1)
    report, five_w = tmp_path / "programa.xlsx", tmp_path / "5w.xlsx"
    assert _cli("--db", db, "--json", "programme", "report", "-o", str(report),
                "--programme", target) == 0
    assert json.loads(capsys.readouterr().out)["reached"] == 5
    assert _cli("--db", db, "programme", "export-5w", "--month", "2026-05", "-o", str(five_w),
                "--programme", target) == 0
    capsys.readouterr()
    assert load_workbook(report, read_only=True) and load_workbook(five_w, read_only=True)
    assert _cli("--db", db, "--json", "exports", "log") == 0
    kinds = [entry["kind"] for entry in json.loads(capsys.readouterr().out)["exports"]]
    assert {"programme-report", "five-w"} <= set(kinds)


def test_review_merge_and_undo_from_the_command_line(hq, scenario, tmp_path, capsys):
    target = str(tmp_path / "programme.sqlite")
    programme = _imported(target, hq, scenario)
    programme.close()
    base = ["--json", "programme"]
    assert _cli(*base, "review", "--programme", target) == 0
    pending = json.loads(capsys.readouterr().out)
    assert len(pending) == 1 and pending[0]["reason"] == "same_name"
    assert _cli(*base, "merge", pending[0]["id"][:13], "--programme", target) == 0
    merge_id = json.loads(capsys.readouterr().out)["merge"]
    assert _cli(*base, "merge", pending[0]["id"], "--programme", target) == 3  # decided
    capsys.readouterr()
    assert _cli(*base, "undo-merge", merge_id, "--programme", target) == 0
    capsys.readouterr()
    assert _cli(*base, "status", "--programme", target) == 0
    assert json.loads(capsys.readouterr().out)["to_review"] == 1


def test_an_unreachable_server_is_one_clear_message(tmp_path, capsys):
    url = f"postgresql://nobody@/programme?host={tmp_path}/no-server-here"
    assert _cli("programme", "status", "--programme", url) == 3
    err = capsys.readouterr().err
    assert "cannot be used" in err and "Traceback" not in err


def test_a_bad_month_and_missing_archives_are_exit_3(tmp_path, capsys):
    target = str(tmp_path / "p.sqlite")
    assert _cli("programme", "export-5w", "--month", "2026-13", "-o",
                str(tmp_path / "x.xlsx"), "--programme", target) == 3
    assert _cli("programme", "import", str(tmp_path / "nothing.zip"), "--programme",
                target) == 3
    err = capsys.readouterr().err
    assert "YYYY-MM" in err and "nothing.zip" in err
