"""`creando followup digest|messages`: WhatsApp-ready texts and wa.me links, made on this
computer (no network call) to send from the facilitator's own phone."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from facilitator_app.cli.args import (
    Commands,
    add_output,
    add_session,
    add_workshop,
    group,
    handles,
)
from facilitator_app.cli.output import Reply
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _

if TYPE_CHECKING:
    from facilitator_app.store import Store


def add_commands(commands: Commands) -> None:
    actions = group(commands, "followup", _("low-data follow-up by WhatsApp"))
    digest = actions.add_parser("digest", help=_("a session's digest (at most 1,000 "
                                                 "characters) and its wa.me link"))
    add_session(digest)
    add_output(digest, _("also write the link's QR code as a PNG"), flags=("--qr",),
               required=False)
    handles(digest, show_digest)
    messages = actions.add_parser("messages", help=_("for each person who agreed to share "
                                                     "contacts: the people they met"))
    add_workshop(messages)
    add_output(messages, _("also write one QR code PNG per person there"),
               flags=("--qr-folder",), folder=True, required=False)
    handles(messages, show_messages)


def show_digest(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.followup import session_digest

    digest = session_digest(store, args.session)
    if args.qr:
        _write_qr(digest.url, args.qr)
    note = "" if digest.delivered else _("(Nothing delivered yet: this is the plan.)") + "\n"
    return Reply({"session": args.session, "text": digest.text,
                  "characters": len(digest.text), "url": digest.url,
                  "delivered": digest.delivered, "modules": digest.modules,
                  "qr": str(args.qr) if args.qr else None},
                 f"{note}{digest.text}\n\n{digest.url}")


def show_messages(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.followup import contact_messages

    messages = contact_messages(store, args.workshop)
    for message in messages:
        if args.qr_folder and message.url:
            written = args.qr_folder / f"{message.attendee_id}.png"
            _write_qr(message.url, written)
            _record(store, written, message.attendee_id, args.workshop)
    data = [{"id": m.attendee_id, "name": m.name, "phone": m.phone, "text": m.text,
             "url": m.url or None} for m in messages]
    no_phone = _("no phone: send it by hand")
    text = "\n\n".join(f"{m.name} ({m.phone or no_phone})\n{m.url or m.text}"
                       for m in messages)
    return Reply(data, text or _("Nobody who agreed to share contacts has met anyone yet."))


def _record(store: Store, written: Path, attendee_id: str, workshop: str) -> None:
    """The QR opens a message with the person's phone and their contacts' details: it
    left the computer, so it is logged (with the person it is for)."""
    from facilitator_app.services.export_log import record_export

    record_export(store, "followup", written, [attendee_id],
                  workshop_id=store.workshops.get(workshop).id, attendee_id=attendee_id)


def _write_qr(text: str, target: Path) -> None:
    from qrcode.exceptions import DataOverflowError

    from exports.qr_png import write_qr_png

    try:
        write_qr_png(text, target, box_size=6)
    except DataOverflowError as exc:
        raise KnownError(_("This message is too long for a QR code: send the link "
                           "instead.")) from exc
