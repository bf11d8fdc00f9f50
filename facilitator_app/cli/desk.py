"""`creando badges` and `creando checkin`: the check-in desk from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator_app.cli.args import (
    Commands,
    add_id,
    add_input,
    add_output,
    add_session,
    add_text,
    add_workshop,
    handles,
)
from facilitator_app.cli.output import Reply
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _, ngettext

if TYPE_CHECKING:
    from facilitator_app.models import AttendeeId, WorkshopId
    from facilitator_app.services.checkin import CheckinResult
    from facilitator_app.store import Store

EXIT_OK, EXIT_REFUSED = 0, 1


def add_commands(commands: Commands) -> None:
    badges = commands.add_parser("badges", help=_("print QR badges (A4 PDF)"))
    add_workshop(badges)
    add_output(badges, _("the PDF to write"))
    add_id(badges, "--attendee", "attendee", _("only this person (id or prefix; repeatable)"),
           repeat=True)
    badges.add_argument("--reissue", action="store_true",
                        help=_("new badges: the old ones stop working (lost badges)"))
    add_output(badges, _("also write one small QR image per person, to send by WhatsApp"),
               flags=("--png-dir",), folder=True, required=False)
    handles(badges, print_badges)
    checkin = commands.add_parser("checkin", help=_("check a person in"))
    add_workshop(checkin)
    what = checkin.add_mutually_exclusive_group(required=True)
    add_text(what, "--code", _("the badge code, scanned or typed"), default=None,
             metavar=_("CODE"))
    add_input(what, "--image", _("a photo of the badge (PNG or JPEG)"))
    add_text(what, "--name", _("the person's name"), default=None, metavar=_("NAME"))
    add_session(checkin, required=False)
    handles(checkin, check_in)


def print_badges(args: argparse.Namespace, store: Store) -> Reply:
    from exports.pdf.badges import BadgeData, write_badges
    from exports.qr_png import write_qr_png
    from facilitator_app.services.badges import badges_for
    from facilitator_app.services.export_log import record_export
    from facilitator_app.tokens import short_code

    workshop = store.workshops.get(args.workshop)
    for attendee in args.attendee or []:
        if not store.registrations.is_registered(workshop.id, attendee):
            raise KnownError(_("{name} is not registered for this workshop.").format(
                name=store.attendees.get(attendee).name))
    people = badges_for(store, workshop.id, args.attendee, reissue=args.reissue)
    write_badges([BadgeData(p.name, p.business, workshop.title, token, short_code(token))
                  for p, token in people], args.output, title=_("Badges: {workshop}").format(
                      workshop=workshop.title))
    record_export(store, "badges", args.output, [p.id for p, _token in people],
                  workshop_id=workshop.id)
    images: list[Path] = []
    if args.png_dir:
        for number, (person, token) in enumerate(people, start=1):
            # file names never carry a person's name: only a number and the short code
            # (the name is printed in the image, under the QR, for the person to see)
            images.append(write_qr_png(token, args.png_dir / f"badge-{number:04d}-"
                                       f"{short_code(token)}.png", name=person.name,
                                       code=short_code(token)))
            record_export(store, "badges", images[-1], [person.id], workshop_id=workshop.id,
                          attendee_id=person.id)
    data = {"workshop_id": workshop.id, "badges": len(people), "pdf": str(args.output),
            "images": [str(path) for path in images]}
    text = ngettext("{n} badge written to {file}", "{n} badges written to {file}",
                    len(people)).format(n=len(people), file=args.output)
    return Reply(data, text)


def check_in(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.models import CheckinMethod
    from facilitator_app.services.checkin import Desk, admit, check_in_code

    desk = Desk(args.workshop, args.session, desk_id=store.meta.desk_id())
    if args.name is not None:
        result = admit(store, desk, _one_by_name(store, args.workshop, args.name),
                       CheckinMethod.SEARCH)
    else:
        code = args.code if args.code is not None else _code_from_image(args.image)
        method = CheckinMethod.SCANNER if args.code is not None else CheckinMethod.CAMERA
        result = check_in_code(store, desk, code, method)
    return Reply(_result_json(result), _result_text(result),
                 EXIT_REFUSED if result.refused else EXIT_OK)


def _one_by_name(store: Store, workshop_id: WorkshopId, name: str) -> AttendeeId:
    from facilitator_app.services.attendees import (
        attendee_rows,
        matches,
        query_words,
        search_text,
    )

    words = query_words(name)
    if not words:
        raise KnownError(_("Type at least part of the person's name."))
    found = [row.attendee for row in attendee_rows(store, workshop_id)
             if matches(search_text(row.attendee), words)]
    if len(found) != 1:
        names = ", ".join(p.name for p in found[:8])
        raise KnownError(_("Nobody registered matches {name}.").format(name=name) if not found
                         else _("{n} people match {name}: {names}. Type more of the name.")
                         .format(n=len(found), name=name, names=names))
    return found[0].id


def _code_from_image(path: Path) -> str:
    from facilitator_app.qr_decode import read_qr_texts

    texts = read_qr_texts(path)
    if not texts:
        raise KnownError(_("No QR code was found in {file}. Take the photo closer, with the "
                           "whole code in view.").format(file=path.name))
    return texts[0]


def _result_json(result: CheckinResult) -> dict:
    return {"outcome": result.outcome.value,
            "attendee_id": result.attendee.id if result.attendee else None,
            "name": result.attendee.name if result.attendee else None,
            "since": result.since}


def _result_text(result: CheckinResult) -> str:
    return f"{result.words()}: {result.attendee.name}" if result.attendee else result.words()
