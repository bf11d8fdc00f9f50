"""`creando archive create|verify|restore`, `creando erase`, `creando retention`,
`creando subject-access`."""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

from facilitator_app.i18n import _
from facilitator_app.store import Store

PASSWORD_ENV = "CREANDO_ARCHIVE_PASSWORD"


def add_commands(commands: argparse._SubParsersAction) -> None:
    archive = commands.add_parser("archive", help=_("archive, verify and merge workshops"))
    actions = archive.add_subparsers(dest="action", metavar="ACTION", required=True)
    create = actions.add_parser("create", help=_("archive a workshop as one zip"))
    create.add_argument("--workshop", required=True, help=_("workshop id or prefix"))
    create.add_argument("-o", "--output", type=Path, required=True, help=_("the zip to write"))
    create.add_argument("--by", default="", help=_("who makes it (for the manifest)"))
    for name in ("verify", "restore"):
        action = actions.add_parser(name, help=_("check every byte of an archive") if name ==
                                    "verify" else _("merge an archive into this install"))
        action.add_argument("file", type=Path, help=_("the archive (.zip)"))
    for parser in actions.choices.values():
        parser.add_argument("--encrypt", action="store_true", help=_(
            "the archive is (or will be) encrypted with the password in "
            "CREANDO_ARCHIVE_PASSWORD"))
    erase = commands.add_parser("erase", help=_("erase a person everywhere"))
    erase.add_argument("--attendee", required=True, help=_("attendee id or prefix"))
    retention = commands.add_parser("retention", help=_("keep personal data only as long as "
                                                        "needed"))
    steps = retention.add_subparsers(dest="action", metavar="ACTION", required=True)
    keep = steps.add_parser("set", help=_("set a workshop's retention date"))
    keep.add_argument("--workshop", required=True, help=_("workshop id or prefix"))
    keep.add_argument("--until", required=True, help=_("YYYY-MM-DD, or 'none'"))
    steps.add_parser("apply", help=_("pseudonymise people whose retention dates have passed"))
    access = commands.add_parser("subject-access", help=_("everything held about a person "
                                                          "(PDF)"))
    access.add_argument("--attendee", required=True, help=_("attendee id or prefix"))
    access.add_argument("-o", "--output", type=Path, required=True, help=_("the PDF to write"))


def _password(args: argparse.Namespace) -> str | None:
    from facilitator_app.errors import KnownError

    if not getattr(args, "encrypt", False):
        return None
    password = os.environ.get(PASSWORD_ENV, "")
    if not password:
        raise KnownError(_("Set the password in the CREANDO_ARCHIVE_PASSWORD variable."))
    return password


def run_archive(open_store, args: argparse.Namespace) -> tuple[int, dict, str]:
    from facilitator_app.services.archive import create_archive, verify_archive
    from facilitator_app.services.merge import archive_summary, restore_archive

    if args.action == "verify":
        result = verify_archive(args.file, _password(args))
        lines = [f"{p['file']}: {p['reason']}" for p in result.problems]
        text = "\n".join(lines) if lines else _("{file}: every file is intact.").format(
            file=args.file.name)
        return (0 if result.ok else 1), {"ok": result.ok, "problems": result.problems}, text
    store: Store = open_store(args)
    if args.action == "create":
        create_archive(store, args.workshop, args.output, made_by=args.by,
                       password=_password(args))
        return 0, {"file": str(args.output), "bytes": args.output.stat().st_size}, \
            _("Wrote {file}.").format(file=args.output)
    added = restore_archive(store, args.file, _password(args))
    return 0, {"added": added}, archive_summary(added)


def run_erase(store: Store, args: argparse.Namespace) -> tuple[dict, str]:
    from facilitator_app.services.privacy import erase_attendee

    report = erase_attendee(store, args.attendee)
    text = _("Erased. Rolling backups replaced: {n}.").format(n=report.backups_removed)
    if report.archives_holding:
        text += "\n" + _("These archives made earlier still hold the person:") + "\n" + \
            "\n".join(report.archives_holding)
    return {"erased": True, "archives_holding": report.archives_holding,
            "backups_removed": report.backups_removed}, text


def run_retention(store: Store, args: argparse.Namespace) -> tuple[dict, str]:
    from facilitator_app.errors import KnownError
    from facilitator_app.services.privacy import apply_retention, set_retention

    if args.action == "set":
        try:
            until = None if args.until == "none" else date.fromisoformat(args.until)
        except ValueError as exc:
            raise KnownError(_("The date {date} is not valid; write it as YYYY-MM-DD.")
                             .format(date=args.until)) from exc
        set_retention(store, args.workshop, until)
        return {"until": args.until}, _("Retention date set.")
    count = apply_retention(store, store.clock().astimezone().date())
    return {"pseudonymised": count}, _("People pseudonymised: {n}.").format(n=count)


def run_subject_access(store: Store, args: argparse.Namespace) -> tuple[dict, str]:
    from exports.pdf.subject_access import write_subject_access
    from facilitator_app.services.privacy import subject_access_data

    write_subject_access(subject_access_data(store, args.attendee), args.output)
    return {"file": str(args.output)}, _("Wrote {file}.").format(file=args.output)
