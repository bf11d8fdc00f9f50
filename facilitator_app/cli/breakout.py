"""`creando breakout plan|show|record`: breakout rooms for a session's online participants
(Zoom's pre-assignment CSV, a plain list for Teams or Meet) and, after the session, the
introductions of the people who shared a room."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from facilitator_app.cli.args import Commands, add_id, add_output, add_session, group, handles
from facilitator_app.cli.output import Reply
from facilitator_app.i18n import _

if TYPE_CHECKING:
    from facilitator_app.services.breakout import Room
    from facilitator_app.store import Store


def _size(text: str) -> int:
    if not text.isdigit() or not 2 <= int(text) <= 20:
        raise argparse.ArgumentTypeError(_("A room takes from 2 to 20 people, not {value}.")
                                         .format(value=text))
    return int(text)


def add_commands(commands: Commands) -> None:
    actions = group(commands, "breakout", _("breakout rooms for online participants"))
    plan = actions.add_parser("plan", help=_("build the rooms from offers and needs and keep "
                                             "them for the session"))
    add_session(plan)
    plan.add_argument("--size", type=_size, default=2, metavar=_("N"),
                      help=_("people per room (default 2: pairs)"))
    add_id(plan, "--add", "attendee", _("also someone who joins online (repeatable)"),
           repeat=True)
    add_id(plan, "--leave-out", "attendee", _("someone who will not join online "
                                              "(repeatable)"), repeat=True)
    add_output(plan, _("write Zoom's pre-assignment CSV here"), required=False)
    add_output(plan, _("write the plain list (for Teams or Meet) here"), flags=("--list",),
               required=False)
    handles(plan, plan_rooms)
    show = actions.add_parser("show", help=_("the rooms kept for a session"))
    add_session(show)
    handles(show, show_rooms)
    record = actions.add_parser("record", help=_("after the session: introduce the people "
                                                 "who shared a room"))
    add_session(record)
    handles(record, record_rooms)


def plan_rooms(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.breakout import (
        build_rooms,
        online_participants,
        save_rooms,
        write_zoom_csv,
    )

    found = {p.id: p for p in online_participants(store, args.session).people}
    for attendee_id in args.add or []:
        found[attendee_id] = store.attendees.get(attendee_id)
    for attendee_id in args.leave_out or []:
        found.pop(attendee_id, None)
    rooms = build_rooms(store, args.session, list(found.values()), args.size)
    save_rooms(store, args.session, rooms)
    if args.output:
        write_zoom_csv(store, args.session, rooms, args.output)
    return _rooms_reply(store, args, rooms)


def show_rooms(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.breakout import saved_rooms

    return _rooms_reply(store, args, saved_rooms(store, args.session))


def _rooms_reply(store: Store, args: argparse.Namespace, rooms: list[Room]) -> Reply:
    from facilitator_app.services.breakout import room_email, room_list, zoom_rows

    language = store.workshops.get(store.sessions.get(args.session).workshop_id).language
    listing = room_list(rooms, language)
    if getattr(args, "list", None):
        from exports.atomic import write_atomically

        write_atomically(args.list, lambda path: path.write_text(listing + "\n",
                                                                 encoding="utf-8"))
        from facilitator_app.services.breakout import record_rooms_file

        record_rooms_file(store, args.session, rooms, args.list)
    data = {"session": args.session,
            "rooms": [{"name": r.name, "reasons": list(r.reasons),
                       "people": [{"id": p.id, "name": p.name, "email": room_email(p)}
                                  for p in r.people]} for r in rooms],
            "by_hand": [{"room": name, "id": p.id, "name": p.name}
                        for name, p in zoom_rows(rooms)[1]],
            "file": str(args.output) if getattr(args, "output", None) else None}
    return Reply(data, listing or _("No online participants for this session yet."))


def record_rooms(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.breakout import record_room_introductions

    done = record_room_introductions(store, args.session, made_by=store.meta.desk_id())
    text = _("Introductions recorded: {added} new, {already} already made.").format(
        added=done.added, already=done.already)
    if done.absent:
        text += "\n" + _("Not seen online, left out: {names}").format(
            names=", ".join(done.absent))
    return Reply({"added": done.added, "already": done.already, "absent": list(done.absent)},
                 text)
