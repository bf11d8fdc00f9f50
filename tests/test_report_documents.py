"""The Excel reports as their readers get them: numbers checked against the database,
sessions not held yet, the same numbers in both languages, print setup, widths, words."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from exports.excel.print_setup import rows_per_page
from exports.excel.suppression import COMPLEMENT, SMALL
from exports.excel.workshop_report import CHART_ROWS
from facilitator_app.i18n import set_language
from facilitator_app.labels import category_label
from facilitator_app.models import (
    Attendee,
    AttendeeId,
    CheckinEvent,
    CheckinKind,
    CheckinMethod,
    EventId,
)
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.exports import export
from facilitator_app.services.networking import add_introduction
from facilitator_app.services.online_attendance import minimum_minutes

DATETIME_WIDTH = 16  # "dd/mm/yyyy hh:mm"


@pytest.fixture
def demo(store):
    workshop, _ = ensure_demo(store)
    return workshop


def truth(store, workshop_id: str) -> dict:
    """Per session: in_room / online / both counted straight from the stored presence."""
    found = {}
    for session in store.sessions.for_workshop(workshop_id):
        threshold = minimum_minutes(store, session)
        counts = {"in_room": 0, "online": 0, "both": 0}
        presence = store.checkins.session_presence(workshop_id, session.id)
        for seen in presence.values():
            online = seen["online_minutes"] is not None and seen["online_minutes"] >= threshold
            if seen["in_room"] or online:
                counts["both" if seen["in_room"] and online else
                       "in_room" if seen["in_room"] else "online"] += 1
        found[session.title] = (counts, bool(presence))
    return found


def write(store, kind: str, path: Path, workshop: str, language: str = "en",
          partner: str | None = None) -> openpyxl.Workbook:
    set_language(language)
    try:
        export(store, kind, path, workshop=workshop, partner=partner)
    finally:
        set_language("en")
    return openpyxl.load_workbook(path)


def test_workshop_numbers_match_the_database(store, demo, tmp_path) -> None:
    book = write(store, "report", tmp_path / "r.xlsx", demo.id)
    rows = {row[0]: row for row in book["Summary"].iter_rows(min_row=6, values_only=True)
            if row[0]}
    expected = truth(store, demo.id)
    registered = len(store.attendees.for_workshop(demo.id))
    for title, (counts, held) in expected.items():
        row = rows[title]
        assert row[5] == registered
        if held:
            assert row[6:11] == (counts["in_room"], counts["online"], counts["both"],
                                 sum(counts.values()), registered - sum(counts.values()))
        else:
            assert row[6:11] == (None,) * 5, "a session not held is never all absent"
    attendance = list(book["Attendance"].iter_rows(values_only=True))
    people, totals = attendance[1:-1], attendance[-1]
    first = next(counts for counts, held in expected.values() if held)
    assert sum(1 for p in people if p[1] == "in the room") == first["in_room"]
    assert sum(1 for p in people if p[1] == "online") == first["online"]
    assert totals[0] == "Attended (people)" and totals[1] == sum(first.values())
    key = {row[0]: row[1] for row in book["Summary"].iter_rows(values_only=True) if row[0]}
    assert key["Attended at least one held session"] == sum(1 for p in people if p[-1])
    assert key["Registered"] == registered


def test_sessions_not_held_yet_are_marked_and_left_out(store, demo, tmp_path) -> None:
    sessions = store.sessions.for_workshop(demo.id)
    assert store.clock() < datetime.fromisoformat(sessions[2].starts_at)
    book = write(store, "report", tmp_path / "r.xlsx", demo.id)
    status = {row[0]: row[3] for row in book["Summary"].iter_rows(min_row=6, max_row=8,
                                                                   values_only=True)}
    assert status == {sessions[0].title: "held", sessions[1].title: "no attendance recorded",
                      sessions[2].title: "not held yet"}
    header = [c.value for c in book["Attendance"][1]]
    assert not [h for h in header if h and sessions[2].title in h]
    partner = write(store, "partner-report", tmp_path / "p.xlsx", demo.id)["Report"]
    row = next(r for r in partner.iter_rows(values_only=True) if r[0] == sessions[2].title)
    assert row[2] == "not held yet" and row[3:7] == (None,) * 4


def numbers(sheet) -> list:
    """Every figure of a sheet in reading order (counts, hidden marks, minutes, dates)."""
    return [c.value for row in sheet.iter_rows() for c in row
            if isinstance(c.value, int | float | datetime) or c.value in (SMALL, COMPLEMENT)]


def test_both_languages_show_the_same_numbers(store, demo, tmp_path) -> None:
    partner = store.partners.list()[0]
    for kind, sheets in (("report", (0, 1, 2, 3)), ("partner-report", (0,))):
        english = write(store, kind, tmp_path / f"{kind}-en.xlsx", demo.id, "en", partner.id)
        spanish = write(store, kind, tmp_path / f"{kind}-es.xlsx", demo.id, "es", partner.id)
        assert english.sheetnames != spanish.sheetnames, "really two languages"
        for index in sheets:
            found = numbers(english.worksheets[index])
            assert found and found == numbers(spanish.worksheets[index]), (kind, index)


def test_the_partner_report_answers_what_the_support_achieved(store, demo, tmp_path) -> None:
    partner = next(p for p in store.partners.list() if p.name == "Caja Municipal Ejemplo")
    sharing = next(p for p in store.attendees.for_workshop(demo.id)
                   if store.consents.current(p.id)["share_partners"] and p.phone)
    add_introduction(store, demo.id, sharing.id, to_partner=partner.id, purpose="Crédito")
    book = write(store, "partner-report", tmp_path / "p.xlsx", demo.id, partner=partner.id)
    rows = list(book["Report"].iter_rows(values_only=True))
    about = {row[0]: row[1] for row in rows if row[0]}
    assert about["Partner"] == partner.name and about["Type of organisation"] == \
        "Private sector"
    assert about["Period"] and about["Venue"] == demo.venue
    assert isinstance(about["Generated"], datetime)
    expected = truth(store, demo.id)
    attended = sum(sum(c.values()) for c, held in expected.values() if held)  # one session
    assert about["Registered (signed up, whether or not they came)"] == 60
    assert about["Attended (counted in every table below)"] == attended
    totals = [row[1] for row in rows if row[0] == "Total"]
    assert totals[:4] == [attended] * 4, "every breakdown counts the people who attended"
    came = {pid for s in store.sessions.for_workshop(demo.id)
            for pid, seen in store.checkins.session_presence(demo.id, s.id).items()
            if seen["in_room"] or (seen["online_minutes"] or 0) >= minimum_minutes(store, s)}
    people = [p for p in store.attendees.for_workshop(demo.id) if p.id in came]
    start = next(n for n, row in enumerate(rows) if row[0] == "Gender")
    end = next(n for n, row in enumerate(rows) if n > start and row[0] == "Total")
    for label, shown, *_rest in rows[start + 1:end]:
        real = sum(1 for p in people if category_label("gender", p.gender) == label)
        assert shown == real if isinstance(shown, int) else (
            (shown == SMALL and 0 < real < 5) or (shown == COMPLEMENT and real >= 5)), label
    modules = [row for row in rows if row[0] in ("Tu pitch de 60 segundos",
                                                 "Costos y precio justo")]
    assert [(m[3], m[4]) for m in modules] == [(28, 3), (25, 6)]
    assert isinstance(modules[0][1], datetime)
    outcomes = {row[0]: row[1] for row in rows if row[0] in ("pending", "done", "no answer")}
    assert outcomes == {"pending": 1, "done": 0, "no answer": 1}
    assert book["Report"]._charts
    definitions = [row[0] for row in book["Definitions"].iter_rows(values_only=True)]
    assert SMALL in definitions and COMPLEMENT in definitions and "Held session" in definitions
    phone = next(c for row in book["Contacts"].iter_rows(min_row=2) for c in row
                 if c.column == 3 and c.value)
    assert phone.value.startswith("+51 ") and phone.data_type == "s"
    assert phone.quotePrefix and phone.number_format == "@"


def test_print_setup_widths_and_words(store, demo, tmp_path) -> None:
    book = write(store, "report", tmp_path / "r.xlsx", demo.id, "es")
    for sheet in book.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and setup.fitToWidth == 1
        assert setup.fitToHeight == 0 and sheet.sheet_properties.pageSetUpPr.fitToPage
        assert demo.title[:20] in sheet.oddHeader.center.text
        assert sheet.oddFooter.right.text == "Página &P de &N"
        for row in sheet.iter_rows():
            for found in row:
                width = sheet.column_dimensions[found.column_letter].width
                if isinstance(found.value, datetime):
                    assert width >= DATETIME_WIDTH, (sheet.title, found.coordinate)
                elif isinstance(found.value, str) and not found.alignment.wrap_text \
                        and sheet.title not in ("Resumen", "Acerca de") and found.row > 1:
                    assert width >= len(found.value), (sheet.title, found.coordinate)
    for name in ("Asistencia", "Módulos dictados", "Presentaciones", "Definiciones"):
        assert book[name].print_title_rows == "$1:$1" and book[name].freeze_panes == "A2"
    statuses = {row[6] for row in book["Presentaciones"].iter_rows(min_row=2,
                                                                    values_only=True)}
    assert statuses == {"pendiente", "hecho", "sin respuesta"}


def test_the_chart_never_splits_across_pages(store, tmp_path) -> None:
    from facilitator_app.clock import iso
    from facilitator_app.services.workshops import create_workshop

    made = create_workshop(store, "Taller largo & Co", session_titles=[
        f"Sesión {n}" for n in range(1, 15)])
    workshop = made.workshop
    with store.transaction():
        person = store.attendees.add(Attendee(id=AttendeeId(""), given_names="Ana"))
        store.registrations.add(workshop.id, person.id, "test")
        for session in store.sessions.for_workshop(workshop.id):
            store.checkins.record(CheckinEvent(
                id=EventId(""), workshop_id=workshop.id, attendee_id=person.id,
                kind=CheckinKind.ADMITTED, at=iso(store.clock()), method=CheckinMethod.SEARCH,
                session_id=session.id))
    book = write(store, "report", tmp_path / "r.xlsx", workshop.id)
    summary = book["Summary"]
    assert [row[3] for row in summary.iter_rows(min_row=6, max_row=19, values_only=True)] \
        == ["held"] * 14
    assert summary.oddHeader.center.text.startswith("Taller largo && Co"), "& escaped"
    top = summary._charts[0].anchor._from.row  # 0-based: the chart starts on row top + 1
    width = sum(summary.column_dimensions[c].width for c in "ABCDEFGHIJK")
    page = rows_per_page(width)
    breaks = [b.id for b in summary.row_breaks.brk]
    page_start = max([b for b in breaks if b <= top], default=0)
    assert top - page_start + CHART_ROWS <= page or top in breaks, (top, breaks, page)
