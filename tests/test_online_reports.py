"""Every report layout, in files the project wrote (tests/fixtures/), read to the exact people
and minutes a careful person reads from the rows: reconnects summed, overlaps counted once,
hosts and the waiting room left out. The real files are read in tests/test_corpus.py."""

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


def mins(*spans: str) -> float:
    """Minutes in the spans "h:mm:ss" / "mm:ss" worked out from a fixture's rows."""
    seconds = 0
    for span in spans:
        parts = [int(part) for part in span.split(":")]
        seconds += sum(value * 60**power for power, value in enumerate(reversed(parts)))
    return seconds / 60


def person(report, name: str):
    return next(p for p in report.participants if p.name == name)


# Minutes from the join and leave times (the platforms' own "Duration" is rounded up).
LAYOUTS = [
    ("zoom/zoom_join_rows_recording_consent.csv", "zoom", "zoom-join-rows", {
        "01_Daniela": mins("2:07:44"), "02_Wilmer Pacheco": mins("1:54:14"),
        "03_Keila": mins("9:08"), "04_Jhonny": mins("51:41", "33:47"),
        "05_Rosa Huamán": mins("1:52:31"), "06_María Fernanda": mins("2:12", "1:47:48"),
        "07_Génesis Colmenares": mins("1:37:23")}),
    ("zoom/zoom_join_rows_meeting_preamble.csv", "zoom", "zoom-join-rows", {
        "Ángel Ticona": mins("1:48:30"), "Nayeli": mins("1:57:18"),  # overlap counted once
        "Óscar Villamizar": mins("1:15:20"), "Celular de Wilmer": mins("0:52")}),
    ("zoom/zoom_join_rows_bom_crlf_trailing_comma.csv", "zoom", "zoom-join-rows", {
        "Milagros Quispe": 5 + 80, "Jesús Alberto Piñango": 45, "mvelasquez": 110}),
    ("zoom/zoom_unique_users_lowercase_headers.csv", "zoom", "zoom-unique-users", {
        "Yusneidy Gutierrez": 28, "Luis Enrique Tapia": 34, "Karla B.": 45,
        "Edgar Mamani Condori": 29, "Dayana Sulbaran": 31}),
    ("zoom/zoom_unique_users_bom_accents.csv", "zoom", "zoom-unique-users", {
        "Rocío Ñañez": 59, "pérez josé gregorio": 146, "Ana Belén Ortúzar Díaz": 146,
        "Celular de Marisol": 12}),
    ("zoom/zoom_unique_users_no_bom.csv", "zoom", "zoom-unique-users", {
        "Rebeca Salinas": 37, "Alexis Rivas": 38, "Betsy Chirinos": 38, "Carlos Huanca": 42,
        "Dairy Montilla": 36, "Elmer Quispe": 34}),
    ("zoom/zoom_legacy_user_name_attentiveness.csv", "zoom", "zoom-join-rows", {
        "carmen rosa villanueva": 93, "jhoan sebastián mora": 5 + 2 + 74,
        'maría "la chama" lópez': 91, "pedro pablo quintero": 86,
        "luz marina ccahuana": 5 + 4, "wilfredo j. salas jr.": 67}),
    ("zoom/zoom_usage_report_2025.csv", "zoom", "zoom-usage-report", {  # the latest meeting
        "Clara Ines Bermudez": mins("29:48"), "Luis Enrique Tapia": mins("34:25")}),
    ("zoom/zoom_japanese_headers.csv", "zoom", "zoom-join-rows", {
        "比嘉ルシア": 244, "山城ホルヘ": 163, "金城ロサ": 38 + 199, "宮城ケンジ": 2}),
    ("zoom/zoom_es_join_rows.csv", "zoom", "zoom-join-rows", {
        "Facilitadora CREANDO": mins("2:03:38"), "Marbelis Urbina": mins("33:47", "52:31"),
        "Celular de Franklin": mins("1:24:24"), "yuleidy sánchez": 21,
        "Zuleima Pérez": mins("1:10:30")}),
    ("teams/teams_sections_utf16be.csv", "teams", "teams-sections", {
        "Jhon Fredy Ospina": mins("1:10:49"), "Rondón, Héctor": mins("34:34", "29:42"),
        "Villca Mamani, Teresa": mins("1:10:28"), "Andrea Suárez": mins("1:10:17"),
        "LÓPEZ Génesis": mins("4:46")}),
    ("teams/teams_2020_list_utf16le.csv", "teams", "teams-2020-list", {
        "Briceño Yusmary": mins("29:26", "1:13:15", "0:38"),
        "Quintero Pedro": mins("10:02", "1:00"), "Salas Wilfredo": mins("6:12", "5:48", "17:04"),
        "Núñez María": mins("9:42", "15:10"),  # never left: until the last event, 10:50:40
        "Ñañez Rocío": mins("5:46")}),
    ("teams/teams_2020_list_ascii_us.csv", "teams", "teams-2020-list", {
        "Jose Hernandez": mins("25:34", "15:15"),  # "Joined before": from the first event
        "Maria Nunez": mins("45:10"), "Wilmer Pacheco": mins("10:18"),
        "Keila Marcano": mins("0:36", "13:28", "21:25"), "Rosa Huaman": mins("21:58", "12:22"),
        "Dayana Sulbaran": mins("2:30", "10:20")}),
    ("meet/meet_attendance.csv", "meet", "meet", {
        "Teresa Villca Mamani": 72, "Héctor José Rondón Pérez": 48, "Lucía Ñaupari": 16,
        "Jhon Fredy Ospina Ríos": 65, "Yusmary Briceño": 123}),
]


@pytest.mark.parametrize(("name", "platform", "layout", "expected"), LAYOUTS)
def test_each_layout(name, platform, layout, expected) -> None:
    report = read_report(FIXTURES / name)
    assert (report.platform, report.layout) == (platform, layout)
    assert people(report) == pytest.approx(expected, abs=0.06)


def test_emails_and_original_names_are_kept() -> None:
    zoom = read_report(FIXTURES / "zoom" / "zoom_join_rows_recording_consent.csv")
    daniela = person(zoom, "01_Daniela")
    assert (daniela.original_name, daniela.email) == ("Daniela Rojas Chacín",
                                                     "daniela.rojas@example.org")
    assert person(zoom, "05_Rosa Huamán").original_name == ""
    japanese = read_report(FIXTURES / "zoom" / "zoom_japanese_headers.csv")
    assert person(japanese, "金城ロサ").original_name == "Rosa Kaneshiro"
    teams = read_report(FIXTURES / "teams" / "teams_sections_utf16be.csv")
    assert person(teams, "Jhon Fredy Ospina").email == "jhon.ospina@example.com"  # lower-cased
    unique = read_report(FIXTURES / "zoom" / "zoom_unique_users_bom_accents.csv")
    assert [p.email for p in unique.participants] == ["", "", "", ""]


def test_reconnects_are_summed_and_overlaps_counted_once() -> None:
    spanish = read_report(FIXTURES / "zoom" / "zoom_es_join_rows.csv")
    marbelis = person(spanish, "Marbelis Urbina")
    assert marbelis.joins == 2
    assert marbelis.minutes == pytest.approx(mins("33:47", "52:31"), abs=0.06)
    # Two joins overlapping 10:38:00-10:40:45: 10:02:15-11:59:33 once, not 38:30 + 1:21:33.
    nayeli = person(read_report(FIXTURES / "zoom" / "zoom_join_rows_meeting_preamble.csv"),
                    "Nayeli")
    assert (nayeli.joins, nayeli.original_name) == (2, "Nayeli Carrasco Ñaupari")
    assert nayeli.minutes == pytest.approx(mins("1:57:18"), abs=0.06)
    # Four joins, two of them touching at 18:49: 81 minutes, not the rows' 4 + 1 + 2 + 75.
    jhoan = person(read_report(FIXTURES / "zoom" / "zoom_legacy_user_name_attentiveness.csv"),
                   "jhoan sebastián mora")
    assert (jhoan.joins, jhoan.minutes) == (4, pytest.approx(81, abs=0.06))
    keila = person(read_report(FIXTURES / "teams" / "teams_2020_list_ascii_us.csv"),
                   "Keila Marcano")
    assert keila.joins == 3
    rondon = person(read_report(FIXTURES / "teams" / "teams_sections_utf16be.csv"),
                    "Rondón, Héctor")
    assert (rondon.joins, rondon.minutes) == (2, pytest.approx(mins("1:04:16"), abs=0.06))


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
    preamble = read_report(FIXTURES / "zoom" / "zoom_join_rows_meeting_preamble.csv")
    assert "Facilitadora CREANDO" not in people(preamble)  # the preamble's User Email
    assert any("host" in note and "Facilitadora CREANDO" in note for note in preamble.notes)
    crlf = read_report(FIXTURES / "zoom" / "zoom_join_rows_bom_crlf_trailing_comma.csv")
    assert "Equipo CREANDO" not in people(crlf)
    assert any("host" in note for note in crlf.notes)
    teams = read_report(FIXTURES / "teams" / "teams_sections_utf16be.csv")
    assert "PAREDES CARMEN (EXT)" not in people(teams)  # Role: Organizer
    assert teams.meeting_title == "Mentoría CREANDO: formalización"
    assert teams.meeting_minutes == pytest.approx(71.5)  # 1h 11m 30s
    spanish = read_report(FIXTURES / "zoom" / "zoom_es_join_rows.csv")
    assert person(spanish, "Zuleima Pérez").joins == 1  # line 7 was in the waiting room
    assert "Line 7: skipped (in the waiting room)." in spanish.notes


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
    path = FIXTURES / "zoom" / "zoom_usage_report_2025.csv"
    on_the_day = read_report(path, date(2026, 3, 17))
    assert on_the_day.meeting_title == "Mentoria grupal · 845 2210 7731 · 03/17/2026 03:59:21 PM"
    assert people(on_the_day) == pytest.approx({
        "Clara Ines Bermudez": mins("21:38"), "Jose Gregorio Hernandez": mins("8:30", "11:20"),
        "Maria Nunez": mins("22:30")}, abs=0.06)  # the host "Carmen (Host)" left out
    assert person(on_the_day, "Jose Gregorio Hernandez").joins == 2
    assert person(on_the_day, "Maria Nunez").joins == 1
    assert "Line 8: skipped (in the waiting room)." in on_the_day.notes
    assert any("2 other meetings" in note for note in on_the_day.notes)
    assert any("host" in note for note in on_the_day.notes)
    assert "03/20/2026" in read_report(path).meeting_title  # no date: the latest
    allies = read_report(path, date(2026, 3, 13))
    assert allies.meeting_title.startswith("Reunion de aliados · 845 9001 2233")


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
