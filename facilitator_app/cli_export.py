"""`creando export handout|certificates|signin-sheet|cards|report|partner-report`."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator_app.i18n import _
from facilitator_app.store import Store

KINDS = ("handout", "certificates", "signin-sheet", "cards", "report", "partner-report")
BY_SESSION = ("handout", "signin-sheet")


def add_commands(commands: argparse._SubParsersAction) -> None:
    export = commands.add_parser("export", help=_("PDF and Excel exports"))
    kinds = export.add_subparsers(dest="kind", metavar="KIND", required=True)
    helps = {"handout": _("session handout PDF (small enough for WhatsApp)"),
             "certificates": _("certificates of participation (PDF)"),
             "signin-sheet": _("printable sign-in sheet for a session (PDF)"),
             "cards": _("\u201cpeople you met\u201d cards (PDF)"),
             "report": _("workshop report (Excel)"),
             "partner-report": _("partner report, aggregated (Excel)")}
    for kind in KINDS:
        parser = kinds.add_parser(kind, help=helps[kind])
        if kind in BY_SESSION:
            parser.add_argument("--session", required=True, help=_("session id or prefix"))
        else:
            parser.add_argument("--workshop", required=True, help=_("workshop id or prefix"))
        if kind == "partner-report":
            parser.add_argument("--partner", help=_("partner id or prefix: adds the contacts "
                                                    "of people who agreed to share them"))
        parser.add_argument("-o", "--output", type=Path, required=True,
                            help=_("the file to write"))
    check = commands.add_parser("certificate", help=_("check a certificate's code"))
    check_actions = check.add_subparsers(dest="action", metavar="ACTION", required=True)
    verify = check_actions.add_parser("verify", help=_("is this code one we issued?"))
    verify.add_argument("--workshop", required=True, help=_("workshop id or prefix"))
    verify.add_argument("code", help=_("the verification code printed on the certificate"))


def verify_certificate(store: Store, args: argparse.Namespace) -> tuple[int, dict, str]:
    from facilitator_app.services.export_data import verify_certificate as check

    name = check(store, args.workshop, args.code)
    if name is None:
        return 1, {"valid": False, "name": None}, _("{code} is not a certificate of this "
                                                     "workshop.").format(code=args.code)
    return 0, {"valid": True, "name": name}, _("Valid: issued to {name}.").format(name=name)


def run_export(store: Store, args: argparse.Namespace) -> tuple[dict, str]:
    from facilitator_app.services.exports import export

    target = args.output
    written, count = export(store, args.kind, target,
                            workshop=getattr(args, "workshop", None),
                            session=getattr(args, "session", None),
                            partner=getattr(args, "partner", None),
                            generated_by=store.meta.desk_id())
    data = {"kind": args.kind, "file": str(written), "bytes": written.stat().st_size,
            "items": count}
    return data, _("Wrote {file} ({size} KB).").format(file=written,
                                                      size=round(written.stat().st_size / 1024))
