"""`creando export handout|certificates|signin-sheet|cards|report|partner-report`,
`creando certificate verify` (`creando exports log` is in exports_log)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from facilitator_app.cli.args import (
    Commands,
    add_id,
    add_output,
    add_session,
    add_text,
    add_workshop,
    group,
    handles,
)
from facilitator_app.cli.output import Reply
from facilitator_app.i18n import N_, _

if TYPE_CHECKING:
    from facilitator_app.services.certificates import Verified
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
        if kind == "certificates":
            add_output(parser, _("also write one PDF per person into this folder, each named "
                                 "by its verification code (never by the person's name)"),
                       flags=("--one-per-person",), folder=True, required=False)
        handles(parser, run_export)
    add_certificate_commands(commands)


VERIFY_HELP = N_(
    "Each certificate's code is bound to what it states: the name, the workshop, the sessions "
    "attended, held and planned, and the time attended. The check shows what the genuine "
    "certificate with this code states: if the one in hand says anything else (another name, "
    "\u201c3 of 3\u201d instead of \u201c1 of 3\u201d), it was altered. Give --name and "
    "--sessions as printed to have them compared for you. Without --workshop, every workshop "
    "of this desk is searched. Codes may be typed in any case, with spaces, any dashes or "
    "none.")


def add_certificate_commands(commands: Commands) -> None:
    actions = group(commands, "certificate", _("check a certificate; certificate settings"))
    verify = actions.add_parser("verify", help=_("is this a certificate we issued, and does "
                                                 "it say what we issued?"),
                                description=_(VERIFY_HELP))
    add_workshop(verify, required=False)
    verify.add_argument("code", metavar=_("CODE"),
                        help=_("the verification code printed on the certificate"))
    add_text(verify, "--name", _("the name printed on the certificate"), default=None,
             metavar=_("NAME"))
    add_text(verify, "--sessions", _("the sessions printed on it: attended of held, e.g. 2/3"),
             default=None, metavar=_("A/H"))
    handles(verify, verify_certificate)
    settings = actions.add_parser("settings", help=_(
        "who the workshop's certificates name: issuer, partner, facilitator and logos"))
    add_workshop(settings)
    for flag, about in (("--issuer", _("the issuing organisation")),
                        ("--partner-name", _("the partner organisation")),
                        ("--facilitator", _("the facilitator who signs")),
                        ("--issuer-logo", _("the issuer's logo (PNG or JPEG file)")),
                        ("--partner-logo", _("the partner's logo (PNG or JPEG file)"))):
        add_text(settings, flag, about + " " + _("(\"\" clears it)"), default=None,
                 metavar=_("FILE") if flag.endswith("logo") else None)
    handles(settings, certificate_settings)


def verify_certificate(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.certificates import verify_certificate as check

    found = check(store, args.code, args.workshop, name=args.name, sessions=args.sessions)
    if found is None:
        shown = " ".join(str(args.code).split())[:40]
        return Reply({"valid": False, "name": None}, _(
            "Not genuine: no certificate with the code {code} was issued here.").format(
            code=shown), 1)
    seen = found.attendance
    data = {"valid": not found.mismatches, "name": seen.name, "workshop_id": found.workshop.id,
            "workshop": found.workshop.title, "sessions_attended": seen.attended,
            "sessions_held": seen.held, "sessions_planned": seen.planned,
            "minutes_in_room": seen.minutes_in_room, "minutes_online": seen.minutes_online,
            "mismatches": list(found.mismatches)}
    return Reply(data, _verified_text(found), 1 if found.mismatches else 0)


def _verified_text(found: Verified) -> str:
    seen = found.attendance
    lines = [_("The records for this code say:"), _("  Name: {name}").format(name=seen.name),
             _("  Workshop: {title}").format(title=found.workshop.title),
             _("  Sessions: attended {attended} of {held} held ({planned} planned)").format(
                 attended=seen.attended, held=seen.held, planned=seen.planned),
             _("  Time: {in_room} in the room, {online} online").format(
                 in_room=_("not recorded") if seen.minutes_in_room is None
                 else f"{seen.minutes_in_room} min", online=f"{seen.minutes_online} min")]
    if found.mismatches:
        lines.insert(0, _("Altered: the certificate does not say what was issued with this "
                          "code ({fields} differ).").format(fields=", ".join(
                              _(FIELDS[field]) for field in found.mismatches)))
    else:
        lines.append(_("Genuine only if the certificate says exactly this; any other name or "
                       "number means it was altered."))
    return "\n".join(lines)


FIELDS = {"name": N_("the name"), "sessions": N_("the sessions")}


def certificate_settings(args: argparse.Namespace, store: Store) -> Reply:
    """Change the given settings and show them all; a blank issuer or facilitator says whom
    the certificates name instead (from `creando settings contacts`)."""
    from facilitator_app.services.certificates import (
        SETTINGS,
        certificate_wording,
        set_certificate_settings,
    )

    given = {"partner": args.partner_name}
    values = {key: given.get(key, getattr(args, key, None)) for key in SETTINGS}
    values = {key: value for key, value in values.items() if value is not None}
    settings = set_certificate_settings(store, args.workshop, **values)
    printed = certificate_wording(settings)
    unset, lines = _("(not set)"), []
    for key, value in settings.items():
        if not value and printed[key]:
            value = _("(not set: {name}, from the contact details)").format(name=printed[key])
        lines.append(f"{_(SETTINGS[key])}: {value or unset}")
    return Reply({"workshop_id": args.workshop, **settings,
                  "printed": {key: printed[key] for key in ("issuer", "facilitator")}},
                 "\n".join(lines))


def run_export(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.exports import export

    written, count = export(store, args.kind, args.output,
                            workshop=getattr(args, "workshop", None),
                            session=getattr(args, "session", None),
                            partner=getattr(args, "partner", None),
                            generated_by=store.meta.desk_id(),
                            one_per_person=getattr(args, "one_per_person", None))
    size = written.stat().st_size
    return Reply({"kind": args.kind, "file": str(written), "bytes": size, "items": count},
                 _("Wrote {file} ({size} KB).").format(file=written, size=round(size / 1024)))
