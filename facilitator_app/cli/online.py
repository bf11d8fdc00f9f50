"""`creando online import`: an online attendance report into a session."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from facilitator_app.cli.args import Commands, add_input, add_session, group, handles, whole_number
from facilitator_app.cli.output import Reply
from facilitator_app.i18n import _
from facilitator_app.labels import MATCH_STATUSES, label

if TYPE_CHECKING:
    from facilitator_app.store import Store


def add_commands(commands: Commands) -> None:
    actions = group(commands, "online", _("online attendance (Zoom, Teams, Meet)"))
    imports = actions.add_parser("import", help=_("import an attendance report into a session"))
    add_input(imports, "file", _("the report exported from the platform"))
    add_session(imports)
    imports.add_argument("--min-minutes", type=whole_number, metavar=_("MINUTES"),
                         help=_("online minutes that count as attending (default: 60%% of "
                                "the session)"))
    handles(imports, import_online)


def import_online(args: argparse.Namespace, store: Store) -> Reply:
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
              for status in MATCH_STATUSES}
    lines = [_("{file}: a {platform} report, {n} people.").format(
        file=args.file.name, platform=report.platform.title(), n=len(people)),
        _("Matched {matched}, to review {review}, not found {unmatched}, ignored {ignored}. "
          "Online attendance counts from {minutes} minutes.").format(
            **counts, minutes=result.min_minutes)]
    lines += report.notes
    width = max((len(label(MATCH_STATUSES, p["status"])) for p in people), default=0)
    lines += [f"  {label(MATCH_STATUSES, p['status']):{width}} {p['minutes']:6.1f} min  "
              f"{p['name']}" for p in people]
    return Reply(data, "\n".join(lines))
