"""Every real report layout in ../shared/fixtures/ read to the right people and minutes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from facilitator_app.errors import RejectedFileError
from facilitator_app.online.reports import read_report
from facilitator_app.online.timeparse import parse_minutes
from tests.conftest import FIXTURES


def people(report) -> dict[str, float]:
    return {p.name: p.minutes for p in report.participants}


@pytest.mark.parametrize(("name", "platform", "layout", "count", "sample"), [
    ("zoom/aderras_zoom-file-2348208.csv", "zoom", "zoom-join-rows", 3,
     {"Paul Dirac": 45.0, "vwoolf": 110.0}),
    ("zoom/bloombar_xx-report.csv", "zoom", "zoom-unique-users", 5, {"Jane Smith": 34.0}),
    ("zoom/efalabrini_participants.csv", "zoom", "zoom-unique-users", 3,
     {"pérez juan": 146.0, "Pepe Lopez": 59.0}),
    ("zoom/sarahprice_zoomus_meeting_report_Jan25.csv", "zoom", "zoom-join-rows", 74,
     {"benjamin jacob grimm": 91.0}),
    ("zoom/yu9824_example.csv", "zoom", "zoom-join-rows", 204, {"太郎2": 163.0}),
    ("zoom/zoom_es_join_rows_synthetic.csv", "zoom", "zoom-join-rows", 4,
     {"Celular de Luis": 84.4, "ana lucia peña": 21.0}),
    ("zoom/zoomclass_participants_heroes.csv", "zoom", "zoom-join-rows", 27,
     {"014_Clea": 9.1}),
    ("zoom/zoomclass_participants_heroes_full.csv", "zoom", "zoom-join-rows", 26,
     {"014_Clea": 9.1}),
    ("teams/dominikhoebert_meetingAttendanceList.csv", "teams", "teams-2020-list", 5,
     {"Mustermann Max": 35.2}),
    ("teams/teams_2022_sections_utf16be.csv", "teams", "teams-sections", 7,
     {"Johnny Walker": 10.8, "ROBUST Razvan": 4.8}),
    ("teams/uderbashi_attendance.csv", "teams", "teams-2020-list", 33,
     {"Keith Rosario": 26.7}),
    ("meet/meet_official_layout_synthetic.csv", "meet", "meet", 4,
     {"Rosa Elena Quispe Mamani": 87.0, "Carlos Andrés Ñañez Rojas": 42.0}),
])
def test_each_layout(name, platform, layout, count, sample) -> None:
    report = read_report(FIXTURES / name)
    assert (report.platform, report.layout, len(report.participants)) == (platform, layout,
                                                                          count)
    found = people(report)
    for person, minutes in sample.items():
        assert found[person] == pytest.approx(minutes, abs=0.1)


def test_reconnects_are_summed_and_overlaps_counted_once() -> None:
    report = read_report(FIXTURES / "zoom" / "zoom_es_join_rows_synthetic.csv")
    yorbelis = next(p for p in report.participants if p.name == "Yorbelis Contreras")
    assert yorbelis.joins == 2
    assert yorbelis.minutes == pytest.approx(33.8 + 52.5, abs=0.1)  # 10:01:15-10:35:02 +
    janet = people(read_report(FIXTURES / "zoom" / "sarahprice_zoomus_meeting_report_Jan25.csv"))
    assert janet["janet van dyne"] < 4 + 1 + 2 + 90  # four joins, none double-counted


def test_overlapping_joins_from_two_devices_count_once(tmp_path) -> None:
    path = tmp_path / "zoom.csv"
    path.write_text(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        "Ana,ana@example.org,05/10/2024 10:00:00 AM,05/10/2024 11:00:00 AM,60\n"
        "Ana (phone),ana@example.org,05/10/2024 10:30:00 AM,05/10/2024 11:10:00 AM,40\n",
        encoding="utf-8")
    (ana,) = read_report(path).participants
    assert ana.minutes == 70 and ana.joins == 2


def test_hosts_and_the_waiting_room_are_left_out() -> None:
    report = read_report(FIXTURES / "zoom" / "aderras_zoom-file-2348208.csv")
    assert "Doctor Professor" not in people(report)
    assert any("host" in note for note in report.notes)
    teams = read_report(FIXTURES / "teams" / "teams_2022_sections_utf16be.csv")
    assert "JANSSENS JAN (EXT)" not in people(teams)
    assert teams.meeting_title == "Scrum Meeting"


def test_a_waiting_room_row_is_skipped(tmp_path) -> None:
    path = tmp_path / "zoom.csv"
    path.write_text(
        "Nombre (nombre original),Correo electrónico,Hora de entrada,Hora de salida,"
        "Duración (minutos),En sala de espera\n"
        "Ana,,05/10/2024 10:00:00 a. m.,05/10/2024 10:20:00 a. m.,20,Sí\n"
        "Ana,,05/10/2024 10:20:00 a. m.,05/10/2024 11:00:00 a. m.,40,No\n", encoding="utf-8")
    report = read_report(path)
    assert people(report) == {"Ana": 40.0}
    assert any("waiting room" in note for note in report.notes)


def test_a_usage_report_with_many_meetings_reads_the_sessions_day() -> None:
    path = FIXTURES / "zoom" / "farhan_meetinglistdetails_2025_05_sample.csv"
    on_the_day = read_report(path, date(2025, 9, 22))
    assert "09/22/2025" in on_the_day.meeting_title
    assert people(on_the_day)["Clark"] == pytest.approx(21.6, abs=0.1)
    assert any("other meetings" in note for note in on_the_day.notes)
    assert "09/30/2025" in read_report(path).meeting_title  # no date: the latest


@pytest.mark.parametrize(("text", "minutes"), [
    ("1h 2m 10s", 62.17), ("10m 59s", 10.98), ("1 hr 27 min", 87), ("58 min", 58),
    ("1 hora 5 minutos", 65), ("45", 45), ("01:02:10", 62.17)])
def test_durations(text, minutes) -> None:
    assert parse_minutes(text) == pytest.approx(minutes, abs=0.01)


def test_malformed_files_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "zoom.csv"
    bad.write_text("Name (Original Name),User Email,Total Duration (Minutes)\n"
                   "Ana,,20\nBeto,,mucho rato\n", encoding="utf-8")
    with pytest.raises(RejectedFileError, match=r"line 3.*mucho rato"):
        read_report(bad)
    other = tmp_path / "lista.csv"
    other.write_text("Nombre,Celular\nAna,987654321\n", encoding="utf-8")
    with pytest.raises(RejectedFileError, match="Zoom, Teams or Google Meet"):
        read_report(other)
    teams = tmp_path / "teams.csv"
    teams.write_text("Full Name\tUser Action\tTimestamp\nAna\tJoined\tayer\n",
                     encoding="utf-16")
    with pytest.raises(RejectedFileError, match="line 2"):
        read_report(teams)
