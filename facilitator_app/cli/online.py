"""`creando online import`: an online attendance report into a session."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from facilitator_app.cli.args import Commands, add_input, add_session, group, handles, whole_number
from facilitator_app.cli.output import Reply
from facilitator_app.i18n import _
from facilitator_app.labels import MATCH_STATUSES, label

if TYPE_CHECKING:
    from facilitator_app.online.model import Report
    from facilitator_app.services.online_attendance import OnlineImport
    from facilitator_app.store import Store


def add_commands(commands: Commands) -> None:
    actions = group(commands, "online", _("online attendance (Zoom, Teams, Meet)"))
    imports = actions.add_parser(
        "import", help=_("import an attendance report into a session"),
        description=_("Reads the attendance report that Zoom, Teams or Google Meet "
                      "download: CSV or tab-separated text, or an Excel workbook (.xlsx)."))
    add_input(imports, "file", _("the report exported from the platform (.csv, .txt or "
                                 ".xlsx)"))
    add_session(imports)
    imports.add_argument("--min-minutes", type=whole_number, metavar=_("MINUTES"),
                         help=_("online minutes that count as attending (default: 60%% of "
                                "the session)"))
    handles(imports, import_online)


def import_online(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.online_attendance import import_report

    result = import_report(store, args.session, args.file, args.min_minutes)
    return Reply(_data(result), "\n".join(_lines(args.file.name, result)))


def _data(result: OnlineImport) -> dict:
    report = result.report
    people = [{"name": p.participant.name, "email": p.participant.email,
               "minutes": p.participant.minutes, "attendee_id": p.match.attendee_id,
               "status": p.match.status, "matched_by": p.match.by,
               "original_name": p.participant.original_name, "joins": p.participant.joins,
               "flags": p.participant.flags}
              for p in result.people]
    return {"platform": report.platform, "layout": report.layout,
            "meeting": report.meeting_title, "meeting_start": _iso(report.meeting_start),
            "meeting_end": _iso(report.meeting_end), "min_minutes": result.min_minutes,
            "people": people, "notes": report.notes}


def _iso(moment) -> str | None:
    return moment.isoformat(sep=" ") if moment else None


def _lines(file: str, result: OnlineImport) -> list[str]:
    report, people = result.report, result.people
    counts = {status: sum(1 for p in people if p.match.status == status)
              for status in MATCH_STATUSES}
    lines = [_("{file}: a {platform} report, {n} people.").format(
        file=file, platform=report.platform.title(), n=len(people))]
    lines += _meeting(report)
    lines.append(_("Matched {matched}, to review {review}, not found {unmatched}, ignored "
                   "{ignored}. Online attendance counts from {minutes} minutes.").format(
        **counts, minutes=result.min_minutes))
    lines += report.notes
    width = max((len(label(MATCH_STATUSES, p.match.status)) for p in people), default=0)
    for person in people:
        shown = person.participant
        email = f" <{shown.email}>" if shown.email else ""
        lines.append(f"  {label(MATCH_STATUSES, person.match.status):{width}} "
                     f"{shown.minutes:6.1f} min  {shown.name}{email}")
        lines += [f"  {'':{width}} {'':10} ! {flag}" for flag in shown.flags]
    return lines


def _meeting(report: Report) -> list[str]:
    """"Meeting: Taller CREANDO, from 2026-03-12 10:00 to 12:00 (120 minutes)."""
    parts = []
    if report.meeting_title:
        parts.append(report.meeting_title)
    if report.meeting_start:
        start = report.meeting_start.strftime("%Y-%m-%d %H:%M")
        end = report.meeting_end.strftime("%H:%M") if report.meeting_end else ""
        parts.append(_("from {start} to {end}").format(start=start, end=end) if end
                     else _("started {start}").format(start=start))
    if report.length():
        parts.append(_("{minutes:.0f} minutes").format(minutes=report.length()))
    return [_("Meeting: {details}.").format(details=", ".join(parts))] if parts else []
