"""`creando online import`: an online attendance report into a session."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator_app.i18n import _
from facilitator_app.store import Store


def add_commands(commands: argparse._SubParsersAction) -> None:
    online = commands.add_parser("online", help=_("online attendance (Zoom, Teams, Meet)"))
    actions = online.add_subparsers(dest="action", metavar="ACTION", required=True)
    imports = actions.add_parser("import", help=_("import an attendance report into a session"))
    imports.add_argument("file", type=Path, help=_("the report exported from the platform"))
    imports.add_argument("--session", required=True, help=_("session id or prefix"))
    imports.add_argument("--min-minutes", type=int,
                         help=_("online minutes that count as attending (default: 60%% of "
                                "the session)"))


def import_online(store: Store, args: argparse.Namespace) -> tuple[dict, str]:
    from facilitator_app.services.online_attendance import import_report

    result = import_report(store, args.session, args.file, args.min_minutes)
    report = result.report
    people = [{"name": p.participant.name, "email": p.participant.email,
               "minutes": p.participant.minutes, "attendee_id": p.match.attendee_id,
               "status": p.match.status, "matched_by": p.match.by}
              for p in result.people]
    data = {"platform": report.platform, "layout": report.layout,
            "meeting": report.meeting_title, "min_minutes": result.min_minutes,
            "people": people, "notes": report.notes}
    counts = {status: sum(1 for p in people if p["status"] == status)
              for status in ("matched", "review", "unmatched", "ignored")}
    lines = [_("{file}: a {platform} report ({layout}), {n} people.").format(
        file=args.file.name, platform=report.platform.title(), layout=report.layout,
        n=len(people)),
        _("Matched {matched}, to review {review}, not found {unmatched}, ignored {ignored}. "
          "Online attendance counts from {minutes} minutes.").format(
            **counts, minutes=result.min_minutes)]
    lines += report.notes
    lines += [f"  {p['status']:9} {p['minutes']:6.1f} min  {p['name']}" for p in people]
    return data, "\n".join(lines)
