"""`creando export handout|certificates|signin-sheet|cards|report|partner-report` and
`creando certificate verify`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from facilitator_app.cli.args import (
    Commands,
    add_id,
    add_output,
    add_session,
    add_workshop,
    group,
    handles,
)
from facilitator_app.cli.output import Reply
from facilitator_app.i18n import _

if TYPE_CHECKING:
    from facilitator_app.store import Store

KINDS = ("handout", "certificates", "signin-sheet", "cards", "report", "partner-report")
BY_SESSION = ("handout", "signin-sheet")


def add_commands(commands: Commands) -> None:
    export = commands.add_parser("export", help=_("PDF and Excel exports"))
    kinds = export.add_subparsers(dest="kind", metavar=_("KIND"), required=True)
    helps = {"handout": _("session handout PDF (small enough for WhatsApp)"),
             "certificates": _("certificates of participation (PDF)"),
             "signin-sheet": _("printable sign-in sheet for a session (PDF)"),
             "cards": _("\u201cpeople you met\u201d cards (PDF)"),
             "report": _("workshop report (Excel)"),
             "partner-report": _("partner report, aggregated (Excel)")}
    for kind in KINDS:
        parser = kinds.add_parser(kind, help=helps[kind])
        if kind in BY_SESSION:
            add_session(parser)
        else:
            add_workshop(parser)
        if kind == "partner-report":
            add_id(parser, "--partner", "partner", _("partner id or prefix: adds the contacts "
                                                     "of people who agreed to share them"))
        add_output(parser, _("the file to write"))
        handles(parser, run_export)
    verify = group(commands, "certificate", _("check a certificate's code")).add_parser(
        "verify", help=_("is this code one we issued?"))
    add_workshop(verify)
    verify.add_argument("code", metavar=_("CODE"),
                        help=_("the verification code printed on the certificate"))
    handles(verify, verify_certificate)


def verify_certificate(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.export_data import verify_certificate as check

    name = check(store, args.workshop, args.code)
    if name is None:
        return Reply({"valid": False, "name": None}, _(
            "{code} is not a certificate of this workshop.").format(code=args.code), 1)
    return Reply({"valid": True, "name": name}, _("Valid: issued to {name}.").format(
        name=name))


def run_export(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.exports import export

    written, count = export(store, args.kind, args.output,
                            workshop=getattr(args, "workshop", None),
                            session=getattr(args, "session", None),
                            partner=getattr(args, "partner", None),
                            generated_by=store.meta.desk_id())
    size = written.stat().st_size
    return Reply({"kind": args.kind, "file": str(written), "bytes": size, "items": count},
                 _("Wrote {file} ({size} KB).").format(file=written, size=round(size / 1024)))
