"""`creando workshops list|create`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from facilitator_app.cli.args import Commands, add_text, group, handles
from facilitator_app.cli.output import Reply
from facilitator_app.i18n import _

if TYPE_CHECKING:
    from facilitator_app.store import Store


def add_commands(commands: Commands) -> None:
    actions = group(commands, "workshops", _("list or create workshops"))
    handles(actions.add_parser("list", help=_("list workshops with their sessions")),
            list_workshops)
    create = actions.add_parser("create", help=_("create a workshop"))
    add_text(create, "--title", _("the workshop's title"), required=True)
    add_text(create, "--venue", _("where it takes place"))
    add_text(create, "--starts-on", _("first day, YYYY-MM-DD"), metavar=_("DATE"))
    create.add_argument("--session", action="append", default=[], metavar=_("TITLE"),
                        help=_("a session title (repeatable)"))
    handles(create, create_workshop)


def create_workshop(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.workshops import create_workshop as create

    summary = create(store, args.title, venue=args.venue, starts_on=args.starts_on,
                     session_titles=args.session)
    return Reply(workshop_json(summary), f"{summary.workshop.id}  {args.title}")


def list_workshops(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.workshops import list_workshops as summaries_of

    summaries = summaries_of(store)
    text = "\n".join(f"{s.workshop.id}  {s.workshop.title}" for s in summaries) or _(
        "No workshops yet. Create one with: creando workshops create --title ...")
    return Reply([workshop_json(s) for s in summaries], text)


def workshop_json(summary: Any) -> dict:
    workshop = summary.workshop
    return {"id": workshop.id, "title": workshop.title, "venue": workshop.venue,
            "starts_on": workshop.starts_on, "is_demo": workshop.is_demo,
            "sessions": [{"id": s.id, "title": s.title, "starts_at": s.starts_at}
                         for s in summary.sessions]}
