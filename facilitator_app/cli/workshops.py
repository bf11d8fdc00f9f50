"""`creando workshops list|create|edit`: a workshop, its sessions and where it takes place."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from facilitator_app.cli.args import Commands, add_text, add_workshop, group, handles
from facilitator_app.cli.output import Reply
from facilitator_app.i18n import _

if TYPE_CHECKING:
    from facilitator_app.store import Store


def add_commands(commands: Commands) -> None:
    actions = group(commands, "workshops", _("list, create or edit workshops"))
    handles(actions.add_parser("list", help=_("list workshops with their sessions")),
            list_workshops)
    create = actions.add_parser("create", help=_("create a workshop"))
    add_text(create, "--title", _("the workshop's title"), required=True)
    add_text(create, "--venue", _("where it takes place"))
    add_text(create, "--starts-on", _("first day, YYYY-MM-DD"), metavar=_("DATE"))
    create.add_argument("--session", action="append", default=[], metavar=_("TITLE"),
                        help=_("a session title (repeatable)"))
    _add_place(create, default="")
    handles(create, create_workshop)
    edit = actions.add_parser("edit", help=_("change where a workshop takes place"))
    add_workshop(edit)
    _add_place(edit, default=None)
    handles(edit, edit_workshop)


def _add_place(parser: argparse.ArgumentParser, default: str | None) -> None:
    add_text(parser, "--department", _("the region (departamento) of Peru: its name or "
                                       "2-digit UBIGEO code, e.g. Lima or 15"),
             default=default, metavar=_("REGION"))
    add_text(parser, "--province", _("the province"), default=default)
    add_text(parser, "--district", _("the district"), default=default)


def create_workshop(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.workshops import create_workshop as create

    summary = create(store, args.title, venue=args.venue, starts_on=args.starts_on,
                     session_titles=args.session, department=args.department,
                     province=args.province, district=args.district)
    return Reply(workshop_json(summary), f"{summary.workshop.id}  {args.title}")


def edit_workshop(args: argparse.Namespace, store: Store) -> Reply:
    """Change the place fields given; the others stay as they are."""
    from facilitator_app.services.registration_fields import set_workshop_place
    from facilitator_app.services.workshops import WorkshopSummary

    before = store.workshops.get(args.workshop)
    set_workshop_place(
        store, before.id,
        department=before.department if args.department is None else args.department,
        province=before.province if args.province is None else args.province,
        district=before.district if args.district is None else args.district)
    workshop = store.workshops.get(before.id)
    summary = WorkshopSummary(workshop, store.sessions.for_workshop(workshop.id))
    return Reply(workshop_json(summary), f"{workshop.id}  {workshop.title}  {place_text(workshop)}")


def place_text(workshop: Any) -> str:
    """"San Juan de Lurigancho, Lima, Lima" (the parts given, district first)."""
    from facilitator_app.places import department_name

    parts = (workshop.district, workshop.province, department_name(workshop.department))
    return ", ".join(part for part in parts if part)


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
            "department": workshop.department, "province": workshop.province,
            "district": workshop.district,
            "sessions": [{"id": s.id, "title": s.title, "starts_at": s.starts_at}
                         for s in summary.sessions]}
