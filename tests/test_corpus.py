"""The real-world corpus tier: real exports in ../shared/fixtures/ (or $CREANDO_CORPUS_DIR).

A fresh clone has no corpus, so every test here is marked `corpus` and skipped with a reason
when the folder is absent; the project's own fixtures (tests/fixtures/) cover the same layouts
in the other test modules. Run only this tier with `pytest -m corpus`.
"""

from __future__ import annotations

import csv
import json
from datetime import date

import pytest

from facilitator_app.errors import RejectedFileError
from facilitator_app.importing.reading import read_table
from facilitator_app.models import Attendee, AttendeeId, ConsentPurpose
from facilitator_app.online.reports import read_report
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.exports import export
from facilitator_app.services.networking import add_introduction
from facilitator_app.services.registry_import import apply_import, prepare_import
from facilitator_app.services.workshops import create_workshop
from tests.conftest import CORPUS
from tests.test_cli import creando
from tests.test_export_excel import all_cells, assert_no_formulas

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"real-world corpus not found at {CORPUS} "
                                                   "(set CREANDO_CORPUS_DIR)"),
]

REGISTRATION = CORPUS / "registration"


def people(report) -> dict[str, float]:
    return {p.name: p.minutes for p in report.participants}


def payloadbox() -> list[str]:
    return (CORPUS / "injection" / "payloadbox_csv-payload.txt").read_text(
        encoding="utf-8", errors="replace").splitlines()


@pytest.fixture
def workshop(store):
    return create_workshop(store, "Taller de prueba").workshop


@pytest.mark.parametrize(("name", "platform", "layout", "count", "sample"), [
    ("zoom/aderras_zoom-file-2348208.csv", "zoom", "zoom-join-rows", 3,  # Lady Gaga's rejoin
     {"Paul Dirac": 45.0, "vwoolf": 110.0, "Lady Gaga": 5.0 + 80.0}),  # on the host's account
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
def test_each_real_layout(name, platform, layout, count, sample) -> None:
    report = read_report(CORPUS / name)
    assert (report.platform, report.layout, len(report.participants)) == (platform, layout,
                                                                          count)
    found = people(report)
    for person, minutes in sample.items():
        assert found[person] == pytest.approx(minutes, abs=0.1)


def test_real_reconnects_are_summed_and_overlaps_counted_once() -> None:
    report = read_report(CORPUS / "zoom" / "zoom_es_join_rows_synthetic.csv")
    yorbelis = next(p for p in report.participants if p.name == "Yorbelis Contreras")
    assert yorbelis.joins == 2
    assert yorbelis.minutes == pytest.approx(33.8 + 52.5, abs=0.1)  # 10:01:15-10:35:02 +
    janet = people(read_report(CORPUS / "zoom" / "sarahprice_zoomus_meeting_report_Jan25.csv"))
    assert janet["janet van dyne"] < 4 + 1 + 2 + 90  # four joins, none double-counted


def test_real_hosts_are_left_out() -> None:
    report = read_report(CORPUS / "zoom" / "aderras_zoom-file-2348208.csv")
    assert "Doctor Professor" not in people(report)
    assert any("host" in note for note in report.notes)
    teams = read_report(CORPUS / "teams" / "teams_2022_sections_utf16be.csv")
    assert "JANSSENS JAN (EXT)" not in people(teams)
    assert teams.meeting_title == "Scrum Meeting"


def test_real_identities_are_never_merged_or_dropped() -> None:
    aderras = read_report(CORPUS / "zoom" / "aderras_zoom-file-2348208.csv")
    gaga = next(p for p in aderras.participants if p.name == "Lady Gaga")
    assert (gaga.joins, gaga.email) == (2, "")  # not merged into the host, not his e-mail
    assert any(note.startswith("Line 9: Lady Gaga joined with the host's e-mail")
               for note in aderras.notes)
    anonymised = read_report(CORPUS / "zoom" / "iwalpola_attendance_classname.csv")
    assert len(anonymised.participants) == 21  # 21 rows of totals, not one of 788 minutes
    assert max(p.minutes for p in anonymised.participants) == 42
    assert {p.doubt for p in anonymised.participants} == {"identity"}
    japanese = read_report(CORPUS / "zoom" / "yu9824_example.csv")  # ユーザーメール: "taro1…"
    assert any("holds no e-mail address" in note for note in japanese.notes)
    assert len({p.key for p in japanese.participants}) == 204
    heroes = read_report(CORPUS / "zoom" / "zoomclass_participants_heroes_full.csv")
    assert (heroes.meeting_title, heroes.length()) == ("Heroes meeting", 120)
    assert "015_Loki: 128 minutes, more than the 120 the meeting lasted: check them." in \
        heroes.notes  # joined at 9:54, left at 12:01


def test_a_real_usage_report_with_many_meetings_reads_the_sessions_day() -> None:
    path = CORPUS / "zoom" / "farhan_meetinglistdetails_2025_05_sample.csv"
    on_the_day = read_report(path, date(2025, 9, 22))
    assert "09/22/2025" in on_the_day.meeting_title
    assert people(on_the_day)["Clark"] == pytest.approx(21.6, abs=0.1)
    assert list(people(on_the_day)) == ["Clark", "Sara", "Paul"]
    assert "Textalize AI is a note-taking bot, not a person, and was left out." in \
        on_the_day.notes
    assert "John (Host) is the meeting's host and was left out." in on_the_day.notes
    assert any("other meetings" in note for note in on_the_day.notes)
    assert "09/30/2025" in read_report(path).meeting_title  # no date: the latest


def test_a_genuine_cp1252_spanish_file() -> None:
    table = read_table(REGISTRATION / "antas_presupuesto_1985_2021_cp1252.csv")
    assert table.encoding == "cp1252"
    assert table.headers[0] == "Año"


def test_real_multi_line_cells_keep_spreadsheet_row_numbers() -> None:
    table = read_table(REGISTRATION
                       / "puzzsoc_Registration Form (Responses) - Form Responses 1.csv")
    assert table.row_numbers == tuple(range(2, 2 + len(table.rows)))
    assert all("\n" not in cell for row in table.rows for cell in row)


def test_a_real_kobo_xlsx_first_sheet_or_a_chosen_one() -> None:
    path = REGISTRATION / (
        "kobotransfer_Meeting_Form_-_latest_version_-_False_-_2024-03-14-09-51-14.xlsx")
    assert read_table(path).sheet == "Meeting Form"
    participants = read_table(path, sheet="participants")
    assert participants.headers[0] == "participants/Participant_name"
    assert len(participants.rows) == 8
    with pytest.raises(RejectedFileError, match="no sheet called"):
        read_table(path, sheet="nope")


@pytest.mark.parametrize(("name", "sheet", "count"), [
    ("kobotransfer_Kobo Test.csv", None, 5),
    ("kpi_tutorial_w_repeats.csv", None, 1),
    ("kobotransfer_GoogleDemoForm (Responses).xlsx", None, 3),
    ("kobotransfer_Meeting_Form_-_latest_version_-_False_-_2024-03-14-09-51-14.xlsx",
     "participants", 7),
])
def test_real_exports_with_a_name_column(store, workshop, name, sheet, count) -> None:
    plan = prepare_import(store, REGISTRATION / name, sheet=sheet)
    assert (len(plan.accepted), plan.rejected) == (count, [])
    assert plan.skipped == len(plan.table.rows) - count  # rows with nothing mapped in them
    assert apply_import(store, plan, workshop.id).registered == count


KOBO_MEETING = "kobotransfer_Meeting_Form_-_latest_version_-_False_-_2024-03-14-09-51-14.xlsx"


@pytest.mark.parametrize(("name", "sheet"), [
    ("kobocruncher_data.xlsx", "members"),  # _parent_table_name is not the members' name
    (KOBO_MEETING, "topics_discussed"), (KOBO_MEETING, "feedback"),
])
def test_real_kobo_repeat_sheets_without_a_name_question_are_refused(store, name,
                                                                     sheet) -> None:
    with pytest.raises(RejectedFileError, match="looks like a name") as raised:
        prepare_import(store, REGISTRATION / name, sheet=sheet)
    assert name in raised.value.message


def test_real_workbooks_stream_as_openpyxl_reads_them() -> None:
    from facilitator_app.importing.records import Limits, read_records
    from facilitator_app.importing.xlsx import sheet_names
    from tests.test_import_xlsx import openpyxl_rows

    workbooks = sorted(REGISTRATION.glob("*.xlsx"))
    assert len(workbooks) >= 4
    for path in workbooks:
        for sheet in sheet_names(path):
            _source, records = read_records(path, Limits(), sheet)
            assert list(records) == openpyxl_rows(path, sheet), (path.name, sheet)


def test_every_real_registration_file_keeps_its_header() -> None:
    from facilitator_app.importing.xlsx import sheet_names

    for path in sorted(REGISTRATION.iterdir()):
        for sheet in sheet_names(path) if path.suffix == ".xlsx" else (None,):
            assert read_table(path, sheet).header is True, (path.name, sheet)


@pytest.mark.parametrize("name", [
    "antas_Respuestas_de_formulario_1.csv", "antas_presupuesto_1985_2021_cp1252.csv",
    "puzzsoc_Registration Form (Responses) - Form Responses 1.csv",
    "ruODK_build_Flora-Quadrat-0-4_1564384341.csv", "kobocruncher_data.xlsx",
    "robotica_Formulario sin título (respuestas).xlsx",
])
def test_real_files_that_are_not_registration_lists_are_refused_clearly(store, name) -> None:
    with pytest.raises(RejectedFileError, match="looks like a name") as raised:
        prepare_import(store, REGISTRATION / name)
    assert name in raised.value.message


def test_real_formula_payloads_never_become_names(store, tmp_path) -> None:
    path = tmp_path / "payloads.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Nombre completo", "Negocio"])
        for payload in payloadbox():
            writer.writerow([payload, payload])
    plan = prepare_import(store, path)
    assert plan.accepted or plan.rejected
    assert not any(r.name.startswith(("=", "+", "-", "@")) for r in plan.accepted)


def test_real_formula_payloads_in_names_and_businesses_are_escaped(store, tmp_path) -> None:
    demo, _ = ensure_demo(store)
    payloads = [line for line in payloadbox() if line.strip()]
    with store.transaction():
        for number, payload in enumerate(payloads[:60]):
            person = store.attendees.add(Attendee(id=AttendeeId(""), given_names=payload,
                                                  business=payload + "\x07\x1b"))
            store.registrations.add(demo.id, person.id, "test")
            if number == 0:
                partner = store.partners.list()[0]
                store.consents.record(person.id, ConsentPurpose.SHARE_PARTNERS, True, "form")
    add_introduction(store, demo.id, person.id, to_partner=partner.id, purpose=payloads[1])
    first = store.attendees.for_workshop(demo.id)[0]
    add_introduction(store, demo.id, first.id, to_partner=partner.id, purpose="=HYPERLINK(1)")
    for kind, name in (("report", "r.xlsx"), ("partner-report", "p.xlsx")):
        path, _count = export(store, kind, tmp_path / name, workshop=demo.id,
                              partner=partner.id if kind == "partner-report" else None)
        assert_no_formulas(path)
        assert all("\x07" not in str(c.value) for c in all_cells(path))


def test_a_real_file_that_is_not_a_list_is_refused_with_exit_1(db_file) -> None:
    workshop = json.loads(creando("--db", str(db_file), "--json", "demo").stdout)["id"]
    result = creando("--db", str(db_file), "--lang", "en", "attendees", "import",
                     str(REGISTRATION / "antas_presupuesto_1985_2021_cp1252.csv"),
                     "--workshop", workshop)
    assert result.returncode == 1
    assert "looks like a name" in result.stderr and "Traceback" not in result.stderr
