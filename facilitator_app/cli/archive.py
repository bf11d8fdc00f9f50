"""`creando archive create|verify|restore`, `creando erase`, `creando retention set|apply`
and `creando subject-access`."""

from __future__ import annotations

import argparse
import os
from datetime import date
from typing import TYPE_CHECKING

from facilitator_app.cli.args import (
    Commands,
    add_id,
    add_input,
    add_output,
    add_text,
    add_workshop,
    group,
    handles,
)
from facilitator_app.cli.output import Reply
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _

if TYPE_CHECKING:
    from facilitator_app.store import Store

PASSWORD_ENV = "CREANDO_ARCHIVE_PASSWORD"


def add_commands(commands: Commands) -> None:
    _add_archive_commands(group(commands, "archive", _("archive, verify and merge workshops")))
    erase = commands.add_parser("erase", help=_("erase a person everywhere"))
    add_id(erase, "--attendee", "attendee", _("attendee id or prefix"), required=True)
    handles(erase, run_erase)
    steps = group(commands, "retention", _("keep personal data only as long as needed"))
    keep = steps.add_parser("set", help=_("set a workshop's retention date"))
    add_workshop(keep)
    add_text(keep, "--until", _("YYYY-MM-DD, or 'none'"), required=True, metavar=_("DATE"))
    handles(keep, set_retention)
    handles(steps.add_parser("apply", help=_("pseudonymise people whose retention dates have "
                                             "passed")), apply_retention)
    access = commands.add_parser("subject-access", help=_("everything held about a person "
                                                          "(PDF)"))
    add_id(access, "--attendee", "attendee", _("attendee id or prefix"), required=True)
    add_output(access, _("the PDF to write"))
    handles(access, run_subject_access)


def _add_archive_commands(actions: Commands) -> None:
    create = actions.add_parser("create", help=_("archive a workshop as one zip"))
    add_workshop(create)
    add_output(create, _("the zip to write"))
    add_text(create, "--by", _("who makes it (for the manifest)"), metavar=_("NAME"))
    handles(create, create_archive)
    verify = actions.add_parser("verify", help=_("check every byte of an archive"))
    handles(verify, verify_archive, store=False)
    restore = actions.add_parser("restore", help=_("merge an archive into this install"))
    handles(restore, restore_archive)
    for parser in (verify, restore):
        add_input(parser, "file", _("the archive (.zip)"))
    for parser in actions.choices.values():
        parser.add_argument("--encrypt", action="store_true", help=_(
            "the archive is (or will be) encrypted with the password in "
            "CREANDO_ARCHIVE_PASSWORD"))


def _password(args: argparse.Namespace) -> str | None:
    if not args.encrypt:
        return None
    password = os.environ.get(PASSWORD_ENV, "")
    if not password:
        raise KnownError(_("Set the password in the CREANDO_ARCHIVE_PASSWORD variable."))
    return password


def verify_archive(args: argparse.Namespace, _store: None) -> Reply:
    from facilitator_app.services.archive import verify_archive as verify

    result = verify(args.file, _password(args))
    lines = [f"{p['file']}: {p['reason']}" for p in result.problems]
    text = "\n".join(lines) if lines else _("{file}: every file is intact.").format(
        file=args.file.name)
    return Reply({"ok": result.ok, "problems": result.problems}, text, 0 if result.ok else 1)


def create_archive(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.archive import create_archive as create

    create(store, args.workshop, args.output, made_by=args.by, password=_password(args))
    return Reply({"file": str(args.output), "bytes": args.output.stat().st_size},
                 _("Wrote {file}.").format(file=args.output))


def restore_archive(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.merge import archive_summary
    from facilitator_app.services.merge import restore_archive as restore

    added = restore(store, args.file, _password(args))
    return Reply({"added": added}, archive_summary(added))


def run_erase(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.privacy import erase_attendee

    report = erase_attendee(store, args.attendee)
    text = _("Erased. Rolling backups replaced: {n}.").format(n=report.backups_removed)
    if report.archives_holding:
        text += "\n" + _("These archives made earlier still hold the person:") + "\n" + \
            "\n".join(report.archives_holding)
    return Reply({"erased": True, "archives_holding": report.archives_holding,
                  "backups_removed": report.backups_removed}, text)


def set_retention(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.privacy import set_retention as keep_until

    try:
        until = None if args.until.strip().lower() == "none" else date.fromisoformat(
            args.until.strip())
    except ValueError as exc:
        raise KnownError(_("The date {date} is not valid; write it as YYYY-MM-DD.")
                         .format(date=args.until)) from exc
    keep_until(store, args.workshop, until)
    return Reply({"until": until.isoformat() if until else None}, _("Retention date set."))


def apply_retention(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.privacy import apply_retention as pseudonymise

    count = pseudonymise(store, store.clock().astimezone().date())
    return Reply({"pseudonymised": count}, _("People pseudonymised: {n}.").format(n=count))


def run_subject_access(args: argparse.Namespace, store: Store) -> Reply:
    from exports.pdf.subject_access import write_subject_access
    from facilitator_app.services.privacy import subject_access_data

    write_subject_access(subject_access_data(store, args.attendee), args.output)
    return Reply({"file": str(args.output)}, _("Wrote {file}.").format(file=args.output))
