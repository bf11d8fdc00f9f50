"""`creando badges` and `creando checkin`: the check-in desk from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _, ngettext
from facilitator_app.models import AttendeeId, CheckinMethod
from facilitator_app.store import Store

if TYPE_CHECKING:
    from facilitator_app.services.checkin import CheckinResult

EXIT_OK, EXIT_REFUSED = 0, 1


def add_commands(commands: argparse._SubParsersAction) -> None:
    badges = commands.add_parser("badges", help=_("print QR badges (A4 PDF)"))
    badges.add_argument("--workshop", required=True, help=_("workshop id or prefix"))
    badges.add_argument("-o", "--output", type=Path, required=True, help=_("the PDF to write"))
    badges.add_argument("--attendee", action="append", default=None,
                        help=_("only this person (id or prefix; repeatable)"))
    badges.add_argument("--reissue", action="store_true",
                        help=_("new badges: the old ones stop working (lost badges)"))
    badges.add_argument("--png-dir", type=Path,
                        help=_("also write one small QR image per person, to send by WhatsApp"))
    checkin = commands.add_parser("checkin", help=_("check a person in"))
    checkin.add_argument("--workshop", required=True, help=_("workshop id or prefix"))
    what = checkin.add_mutually_exclusive_group(required=True)
    what.add_argument("--code", help=_("the badge code, scanned or typed"))
    what.add_argument("--image", type=Path, help=_("a photo of the badge (PNG or JPEG)"))
    what.add_argument("--name", help=_("the person's name"))
    checkin.add_argument("--session", help=_("session id or prefix"))


def print_badges(store: Store, args: argparse.Namespace) -> tuple[dict, str]:
    from exports.pdf.badges import BadgeData, write_badges
    from exports.qr_png import write_qr_png
    from facilitator_app.services.badges import badges_for
    from facilitator_app.tokens import short_code

    workshop = store.workshops.get(args.workshop)
    chosen = ([AttendeeId(store.attendees.resolve(a)) for a in args.attendee]
              if args.attendee else None)
    people = badges_for(store, workshop.id, chosen, reissue=args.reissue)
    write_badges([BadgeData(p.name, p.business, workshop.title, token, short_code(token))
                  for p, token in people], args.output, title=_("Badges: {workshop}").format(
                      workshop=workshop.title))
    images = []
    if args.png_dir:
        for number, (_person, token) in enumerate(people, start=1):
            # file names never carry a person's name: only a number and the short code
            images.append(write_qr_png(token, args.png_dir / f"badge-{number:04d}-"
                                       f"{short_code(token)}.png"))
    data = {"workshop_id": workshop.id, "badges": len(people), "pdf": str(args.output),
            "images": [str(path) for path in images]}
    text = ngettext("{n} badge written to {file}", "{n} badges written to {file}",
                    len(people)).format(n=len(people), file=args.output)
    return data, text


def check_in(store: Store, args: argparse.Namespace) -> tuple[int, dict, str]:
    from facilitator_app.services.checkin import Desk, admit, check_in_code

    workshop = store.workshops.get(args.workshop)
    session = store.sessions.get(args.session).id if args.session else None
    desk = Desk(workshop.id, session, desk_id=store.meta.desk_id())
    if args.name:
        result = admit(store, desk, _one_by_name(store, workshop.id, args.name),
                       CheckinMethod.SEARCH)
    else:
        code = args.code if args.code is not None else _code_from_image(args.image)
        method = CheckinMethod.SCANNER if args.code is not None else CheckinMethod.CAMERA
        result = check_in_code(store, desk, code, method)
    return (EXIT_REFUSED if result.refused else EXIT_OK), _result_json(result), \
        _result_text(result)


def _one_by_name(store: Store, workshop_id, name: str) -> AttendeeId:
    from facilitator_app.services.attendees import (
        attendee_rows,
        matches,
        query_words,
        search_text,
    )

    words = query_words(name)
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
