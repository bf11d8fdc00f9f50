"""The layouts real attendance reports come in that once merged or dropped people, each in a
file the project wrote (tests/fixtures/teams|zoom|meet), read to the exact people, e-mails
and minutes a careful person reads from its rows (worked out by hand with mins())."""

from __future__ import annotations

from datetime import datetime

import pytest

from facilitator_app.errors import RejectedFileError
from facilitator_app.importing.records import read_records
from facilitator_app.online.model import DOUBT_IDENTITY, DOUBT_NAME
from facilitator_app.online.reports import REPORT_LIMITS, read_report
from tests.conftest import FIXTURES
from tests.test_online_reports import mins

# (file, platform, layout, [(name, e-mail, minutes)] in the order people first appear)
LAYOUTS = [
    ("teams/teams_summary_2022_utf16le_crlf.csv", "teams", "teams-summary", [
        ("Ana Paz", "ana.paz@example.org", mins("1:29:30")),  # the Email column, not the UPN
        ("Ana (Guest)", "", mins("6:19", "1:15:00")),  # three guests stay three people
        ("Luis Paz (Guest)", "", mins("0:22", "1:23:30")),
        ("Rita Soto (Guest)", "", mins("57:00")),
        ("Yusmary Briceño", "yusmary.briceno@example.com", mins("45:48")),  # from the UPN
        ("Jhon Ospina", "jhon.ospina@example.com", mins("1:24:00")),
        ("Jhon Ospina", "jhon.ospina@example.pe", mins("20:00"))]),
    ("teams/teams_summary_2021_utf16le_lf.csv", "teams", "teams-summary", [
        ("Kelly Marcano (External)", "kelly.marcano@example.com", mins("37:50", "48:45")),
        ("Mario Huanca (Unverified)", "", mins("1:15:00")),
        ("Teresa Villca", "teresa.villca@example.pe", mins("0:22", "1:18:59"))]),
    ("teams/teams_summary_fr_utf16le.csv", "teams", "teams-summary", [
        ("Rocío Ñañez", "rocio.nanez@example.com", mins("2:44:00")),
        ("Jean-Baptiste Moïse (Invité)", "", mins("44:05", "1:00:00")),
        ("Aïcha Diallo (Invité)", "", mins("1:30:00"))]),
    ("teams/teams_summary_de_utf16le.csv", "teams", "teams-summary", [
        ("Fatma Yilmaz (Gast)", "", mins("1:27:30")),
        ("Karim Haddad (Gast)", "", mins("30:00", "30:00")),
        ("Lea Schmidt", "lea.schmidt@example.de", mins("0:45"))]),
    ("teams/teams_summary_it_utf16le.csv", "teams", "teams-summary", [
        ("Marco Bianchi", "marco.bianchi@example.it", mins("58:00")),
        ("Chiara Esposito (Ospite)", "", mins("30:20")),
        ("Paolo Greco (Ospite)", "", mins("51:00"))]),
    ("teams/teams_summary_es_excel_semicolon.csv", "teams", "teams-summary", [
        ("José Quispe Mamani", "jose.quispe@example.pe", mins("1:15:00")),
        ("Ñusta Huamán (Invitado)", "", mins("30:00", "48:00")),
        ("Génesis Colmenares (Invitado)", "", mins("50:00"))]),
    ("teams/teams_2020_list_de_utf16le.csv", "teams", "teams-2020-list", [
        ("Weber, Jonas", "", mins("1:15:00")),
        ("Yilmaz, Fatma", "", mins("30:00", "30:00")),
        ("Haddad, Karim (Gast)", "", mins("55:00"))]),
    ("teams/teams_2020_list_pt_utf16le.csv", "teams", "teams-2020-list", [
        ("Mariana Souza", "", mins("45:05", "25:20")),
        ("João Pereira (Convidado)", "", mins("28:00")),
        ("Luzia Prado (Convidado)", "", mins("1:06:30"))]),
    ("teams/teams_sections_es_participant_missing.csv", "teams", "teams-sections", [
        ("Wilmer Pacheco (Invitado)", "", mins("45:00")),  # listed, no activities: kept
        ("Ana Paz", "ana.paz@example.org", mins("29:00", "23:00")),
        ("Dayana Sulbarán", "dayana.sulbaran@example.com", mins("56:30"))]),
    ("zoom/zoom_host_account_other_name.csv", "zoom", "zoom-join-rows", [
        ("Keila Marcano", "", mins("5:00", "1:20:00")),  # her rejoin on the host's account
        ("Rosa Villanueva", "", mins("1:30:00")),
        ("Paul Quintero", "", mins("45:00"))]),
    ("zoom/zoom_two_devices_same_names.csv", "zoom", "zoom-join-rows", [
        ("Marisol", "marisol.ccahuana@example.pe", mins("1:35:00")),  # 09:40-11:15 once
        ("Luis Tapia", "luis.tapia@example.pe", mins("56:00")),
        ("Jhoan Mora", "", mins("50:00")),
        ("Keila (Emprendedora)", "", mins("40:00")),
        ("Luis Tapia", "luis.tapia@example.com", mins("30:00")),
        ("Nayeli (Emprendedora)", "", mins("30:00")),
        ("Óscar", "", mins("30:00", "15:00"))]),
    ("zoom/zoom_unique_users_identical_rows.csv", "zoom", "zoom-unique-users", [
        ("Participante", "anonimo@example.org", 37), ("Participante", "anonimo@example.org", 38),
        ("Participante", "anonimo@example.org", 42),
        ("Rebeca Salinas", "rebeca.salinas@example.org", 40)]),
    ("zoom/zoom_it_join_rows.csv", "zoom", "zoom-join-rows", [
        ("Lucía Ramos", "lucia.ramos@example.com", mins("1:30:00", "2:10:00")),
        ("Piero", "", mins("2:00:00"))]),
    ("zoom/zoom_japanese_emails.csv", "zoom", "zoom-join-rows", [
        ("比嘉ルシア", "lucia.higa@example.jp", 120),
        ("山城ホルヘ", "jorge.yamashiro@example.jp", 30 + 70),
        ("ざとうケン", "", 60), ("さとうケン", "", 30)]),  # a voicing mark tells them apart
    ("meet/meet_attendance_es.csv", "meet", "meet", [
        ("Rosa Elena Chávez Núñez", "rosa.chavez@example.pe", 72), ("Wilmer Pacheco", "", 48),
        ("María José Lugo", "maria.lugo@example.com", 123)]),
    ("meet/meet_attendance_google_sheet.xlsx", "meet", "meet", [
        ("Yusneidy Gutiérrez", "yusneidy.gutierrez@example.com", 72),
        ("Edgar Mamani Condori", "", 48),
        ("Karla Betancourt", "karla.betancourt@example.org", 123)]),
]


def rows(report) -> list[tuple[str, str, float]]:
    return [(p.name, p.email, p.minutes) for p in report.participants]


def person(report, name: str, email: str | None = None):
    return next(p for p in report.participants
                if p.name == name and (email is None or p.email == email))


@pytest.mark.parametrize(("name", "platform", "layout", "expected"), LAYOUTS)
def test_each_layout_reads_every_person_once(name, platform, layout, expected) -> None:
    report = read_report(FIXTURES / name)
    assert (report.platform, report.layout) == (platform, layout)
    assert [(n, e) for n, e, _m in rows(report)] == [(n, e) for n, e, _m in expected]
    assert [m for *_p, m in rows(report)] == pytest.approx([m for *_p, m in expected],
                                                           abs=0.06)


@pytest.mark.parametrize(("name", "title", "start", "end"), [
    ("teams/teams_summary_2022_utf16le_crlf.csv", "Taller CREANDO: ventas por WhatsApp",
     datetime(2022, 4, 25, 19, 58, 47), datetime(2022, 4, 25, 21, 30, 5)),
    ("teams/teams_summary_2021_utf16le_lf.csv", "Mentoría grupal: costos",
     datetime(2021, 10, 13, 18, 0, 3), datetime(2021, 10, 13, 19, 30, 41)),
    ("teams/teams_summary_fr_utf16le.csv", "Atelier CREANDO : fixer ses prix",
     datetime(2021, 4, 13, 9, 0, 12), datetime(2021, 4, 13, 11, 45)),
    ("teams/teams_summary_de_utf16le.csv", "Workshop CREANDO: Preise",
     datetime(2021, 11, 17, 9), datetime(2021, 11, 17, 10, 30)),
    ("teams/teams_summary_it_utf16le.csv", "Laboratorio CREANDO: marketing",
     datetime(2022, 3, 15, 15), datetime(2022, 3, 15, 16)),
    ("teams/teams_summary_es_excel_semicolon.csv", "Taller CREANDO: formalización",
     datetime(2022, 4, 25, 19, 58), datetime(2022, 4, 25, 21, 30)),
    # 10/05/2023 in a Spanish report is 10 May: the header's language says day first
    ("teams/teams_sections_es_participant_missing.csv", "Mentoría CREANDO: ventas",
     datetime(2023, 5, 10, 10), datetime(2023, 5, 10, 11)),
    ("teams/teams_sections_utf16be.csv", "Mentoría CREANDO: formalización",
     datetime(2026, 3, 17, 9, 30, 17), datetime(2026, 3, 17, 10, 41, 47)),
    ("zoom/zoom_host_account_other_name.csv", "Costos y precios - sesión 3",
     datetime(2025, 10, 6, 18), datetime(2025, 10, 6, 20)),
    ("zoom/zoom_join_rows_meeting_preamble.csv", "Taller CREANDO: costos y precios",
     datetime(2026, 3, 12, 10), datetime(2026, 3, 12, 12)),
    ("zoom/zoom_usage_report_2025.csv", "Mentoria grupal · 845 2210 7731 · 03/20/2026 04:00:09 PM",
     datetime(2026, 3, 20, 16, 0, 9), datetime(2026, 3, 20, 16, 37, 7)),
])
def test_the_meeting_is_read_wherever_the_file_carries_it(name, title, start, end) -> None:
    report = read_report(FIXTURES / name)
    assert (report.meeting_title, report.meeting_start, report.meeting_end) == (title, start,
                                                                                  end)
    assert report.length() == pytest.approx((end - start).total_seconds() / 60, abs=0.6)


def test_guests_are_different_people_and_never_an_original_name() -> None:
    report = read_report(FIXTURES / "teams" / "teams_summary_2022_utf16le_crlf.csv")
    guests = [p for p in report.participants if p.name.endswith("(Guest)")]
    assert [(p.name, p.original_name, p.joins) for p in guests] == [
        ("Ana (Guest)", "", 2), ("Luis Paz (Guest)", "", 2), ("Rita Soto (Guest)", "", 1)]
    # On Zoom too: a suffix shared by two people is no identity, a renamed person's is.
    zoom = read_report(FIXTURES / "zoom" / "zoom_two_devices_same_names.csv")
    assert [(p.name, p.original_name) for p in zoom.participants
            if "(" in p.name or p.original_name] == [
        ("Marisol", "Marisol Ccahuana"), ("Keila (Emprendedora)", ""),
        ("Nayeli (Emprendedora)", ""), ("Óscar", "Óscar Villamizar")]
    assert person(zoom, "Óscar").joins == 2  # "Óscar (Óscar Villamizar)" + "Óscar Villamizar"
    italian = read_report(FIXTURES / "zoom" / "zoom_it_join_rows.csv")
    assert person(italian, "Piero").original_name == "Piero Gallo"
    assert "Andrea (Host) is the meeting's host and was left out." in italian.notes


def test_a_host_tag_is_the_host_never_an_original_name() -> None:
    usage = read_report(FIXTURES / "zoom" / "zoom_usage_report_2025.csv")
    assert "Carmen (Host) is the meeting's host and was left out." in usage.notes
    assert all(p.original_name != "Host" for p in usage.participants)


def test_a_rejoin_on_the_hosts_account_is_not_the_host() -> None:
    report = read_report(FIXTURES / "zoom" / "zoom_host_account_other_name.csv")
    keila = person(report, "Keila Marcano")
    assert (keila.joins, keila.doubt) == (2, "")
    rosa = person(report, "Rosa Villanueva")
    assert (rosa.email, rosa.doubt) == ("", DOUBT_IDENTITY)  # the host's e-mail is not hers
    assert report.notes[-5:] == [
        "Fireflies.ai Notetaker is a note-taking bot, not a person, and was left out.",
        "Otter.ai is a note-taking bot, not a person, and was left out.",
        "Line 9: Keila Marcano joined with the host's e-mail; counted with the Keila Marcano "
        "of line 6, not as the host.",
        "Line 10: Rosa Villanueva joined with the host's e-mail under another name: kept as "
        "a separate person, to review.",
        "Equipo CREANDO is the meeting's host and was left out."]  # and its iPhone too


def test_two_devices_count_once_and_beyond_the_meeting_is_flagged() -> None:
    report = read_report(FIXTURES / "zoom" / "zoom_two_devices_same_names.csv")
    marisol = person(report, "Marisol")
    assert marisol.joins == 2 and marisol.minutes < 70 + 45
    assert marisol.flags == [
        "Joined from two devices at once: the overlap is counted once.",
        "Rows under different names share this e-mail (Marisol, Marisol celular): counted "
        "as one person.",
        "95 minutes, more than the 60 the meeting lasted: check them."]
    assert "Marisol: 95 minutes, more than the 60 the meeting lasted: check them." in \
        report.notes
    assert [p.flags for p in report.participants if p.name != "Marisol"] == [[]] * 6


def test_one_name_with_two_emails_is_two_people_to_review() -> None:
    report = read_report(FIXTURES / "zoom" / "zoom_two_devices_same_names.csv")
    tapias = [p for p in report.participants if p.name == "Luis Tapia"]
    assert [(p.email, p.doubt) for p in tapias] == [("luis.tapia@example.pe", DOUBT_NAME),
                                                    ("luis.tapia@example.com", DOUBT_NAME)]
    assert ("2 people are called Luis Tapia (luis.tapia@example.pe, luis.tapia@example.com): "
            "kept apart, to review.") in report.notes
    teams = read_report(FIXTURES / "teams" / "teams_summary_2022_utf16le_crlf.csv")
    assert [p.doubt for p in teams.participants if p.name == "Jhon Ospina"] == [DOUBT_NAME] * 2


def test_an_email_without_at_is_no_email() -> None:
    report = read_report(FIXTURES / "zoom" / "zoom_two_devices_same_names.csv")
    assert person(report, "Jhoan Mora").email == ""
    assert ("Line 8: the e-mail column holds no e-mail address (no \u201c@\u201d): the person "
            "is known by their name.") in report.notes
    japanese = read_report(FIXTURES / "zoom" / "zoom_japanese_headers.csv")  # "lucia.higa…"
    assert [p.email for p in japanese.participants] == [""] * 4
    assert any(note.startswith("Lines 2, 3, 4, 5, 6:") for note in japanese.notes)


def test_identical_rows_in_a_report_of_totals_are_different_people() -> None:
    report = read_report(FIXTURES / "zoom" / "zoom_unique_users_identical_rows.csv")
    assert [p.doubt for p in report.participants] == [DOUBT_IDENTITY] * 3 + [""]
    assert len({p.key for p in report.participants}) == 4  # each stored on its own
    assert ("Lines 2, 3, 4 carry the same name and e-mail (Participante), but this report "
            "lists each person once: they are kept as 3 people, to review.") in report.notes


def test_note_taking_bots_are_left_out_with_a_note() -> None:
    teams = read_report(FIXTURES / "teams" / "teams_summary_2021_utf16le_lf.csv")
    assert ("Fireflies.ai Notetaker (Unverified) is a note-taking bot, not a person, and was "
            "left out.") in teams.notes
    sheet = read_report(FIXTURES / "meet" / "meet_attendance_google_sheet.xlsx")
    assert "Otter.ai is a note-taking bot, not a person, and was left out." in sheet.notes
    usage = read_report(FIXTURES / "zoom" / "zoom_usage_report_2025.csv",
                        datetime(2026, 3, 13).date())
    assert [p.name for p in usage.participants] == ["Clara Ines Bermudez"]
    assert "Notetaker AI is a note-taking bot, not a person, and was left out." in usage.notes


def test_a_listed_person_without_activities_is_kept() -> None:
    report = read_report(FIXTURES / "teams" / "teams_sections_es_participant_missing.csv")
    assert ("Line 13: Wilmer Pacheco (Invitado) is listed among the participants but not in "
            "the in-meeting activities: their in-meeting duration counts.") in report.notes
    assert person(report, "Ana Paz").joins == 2  # refined by her two activity rows


def test_a_header_in_an_unknown_language_is_refused_naming_it() -> None:
    with pytest.raises(RejectedFileError) as refused:
        read_report(FIXTURES / "teams" / "teams_summary_excel_semicolon_nama.csv")
    assert refused.value.message == (
        "teams_summary_excel_semicolon_nama.csv does not look like a Zoom, Teams or Google "
        "Meet attendance report: on line 7, recognised Join Time, Leave Time, Duration, "
        "Email, Role; no column looks like the person's name (found: Nama).")


@pytest.mark.parametrize(("name", "encoding", "delimiter"), [
    ("teams/teams_summary_2022_utf16le_crlf.csv", "utf-16", "\t"),
    ("teams/teams_summary_2021_utf16le_lf.csv", "utf-16", "\t"),
    ("teams/teams_summary_fr_utf16le.csv", "utf-16", "\t"),
    ("teams/teams_summary_de_utf16le.csv", "utf-16", "\t"),
    ("teams/teams_summary_it_utf16le.csv", "utf-16", "\t"),
    ("teams/teams_summary_es_excel_semicolon.csv", "cp1252", ";"),
    ("teams/teams_summary_excel_semicolon_nama.csv", "utf-8-sig", ";"),
])
def test_delimiters_are_sniffed_past_a_bare_title(name, encoding, delimiter) -> None:
    """A first line "Meeting Summary" has no delimiter; the sniffer looks past it."""
    source, records = read_records(FIXTURES / name, REPORT_LIMITS)
    assert source.delimiter == delimiter
    first, *rest = list(records)
    assert first == (1, [first[1][0]]) and max(len(cells) for _n, cells in rest) >= 6
    assert source.encoding == encoding


def test_a_few_dated_rows_stay_tab_separated() -> None:
    """A short sectioned report has more commas (in "10/05/2023, 10:00:00") than tabs in
    its rows; tabs split most of its lines, so tabs it is."""
    path = FIXTURES / "teams" / "teams_sections_es_participant_missing.csv"
    source, _records = read_records(path, REPORT_LIMITS)
    assert source.delimiter == "\t"
    assert len(read_report(path).participants) == 3


def test_an_unknown_action_word_is_refused_naming_it(tmp_path) -> None:
    path = tmp_path / "lista.csv"
    path.write_text("Nome Completo\tAtividade\tData e hora\n"
                    "Ana Paz\tEntrou\t17/11/2020 08:00:05\n"
                    "Ana Paz\tAcenou\t17/11/2020 08:10:00\n", encoding="utf-16")
    with pytest.raises(RejectedFileError) as refused:
        read_report(path)
    assert refused.value.message == ("lista.csv, line 3: the action \u201cAcenou\u201d is "
                                     "neither a join nor a leave.")


@pytest.mark.parametrize(("data", "kind"), [
    (b"\x00\x01\x02binary\x00" * 20, "binary data, not text"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "an image"),
    (b"{\\rtf1\\ansi Nombre, Correo}", "a rich-text document")])
def test_a_file_that_is_no_table_says_what_is_accepted(tmp_path, data, kind) -> None:
    path = tmp_path / "asistencia.csv"
    path.write_bytes(data)
    with pytest.raises(RejectedFileError) as refused:
        read_report(path)
    assert refused.value.message.startswith(f"asistencia.csv is {kind}, not an attendance "
                                            "report. An attendance report is the CSV")
    assert "Excel workbook (.xlsx)" in refused.value.message


def test_a_word_document_is_not_taken_for_a_workbook(tmp_path) -> None:
    import zipfile

    path = tmp_path / "asistencia.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(RejectedFileError, match="is a Word document, not an attendance"):
        read_report(path)
