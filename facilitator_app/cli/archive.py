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
    verify = actions.add_parser("verify", help=_("check every byte of an archive, and who "
                                                 "signed it"))
    handles(verify, verify_archive, store=False)
    restore = actions.add_parser("restore", help=_("merge an archive into this install"))
    handles(restore, restore_archive)
    for parser in (verify, restore):
        add_input(parser, "file", _("the archive (.zip)"))
    add_text(restore, "--trust-signer", _("trust the desk that signed it from now on: its "
                                          "fingerprint, as that desk shows it"),
             default=None, metavar=_("FINGERPRINT"))
    restore.add_argument("--accept-unsigned", action="store_true", help=_(
        "merge an unsigned archive of an older version, which anyone could have changed"))
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

    store = _existing_store(args)
    try:
        result = verify(args.file, _password(args), store=store)
    finally:
        if store is not None:
            store.close()
    lines = [f"{p['file']}: {p['reason']}" for p in result.problems]
    text = "\n".join(lines) if lines else _("{file}: every file is intact.").format(
        file=args.file.name)
    if not result.newer:
        text += "\n" + result.signer_words()
    return Reply({"ok": result.ok, "problems": result.problems,
                  "signer": result.signer_json(), "trust": result.trust},
                 text, 0 if result.ok else 1)


def _existing_store(args: argparse.Namespace) -> Store | None:
    """This desk's database, to say whether the signer is trusted; not created for it."""
    from facilitator_app.cli.runner import db_path, open_store

    return open_store(args) if db_path(args).exists() else None


def create_archive(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.archive import create_archive as create

    create(store, args.workshop, args.output, made_by=args.by, password=_password(args))
    return Reply({"file": str(args.output), "bytes": args.output.stat().st_size},
                 _("Wrote {file}.").format(file=args.output))


def restore_archive(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.merge import archive_summary
    from facilitator_app.services.merge import restore_archive as restore

    added = restore(store, args.file, _password(args), trust_signer=args.trust_signer,
                    accept_unsigned=args.accept_unsigned)
    return Reply({"added": added}, archive_summary(added))


def run_erase(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.privacy import erase_attendee

    report = erase_attendee(store, args.attendee)
    text = _("Erased. Rolling backups replaced: {n}.").format(n=report.backups_removed)
    if report.files:
        text += "\n" + _("Files touched:") + "\n" + "\n".join(
            f"  {_action_words(t.action)}: {t.path}" for t in report.files)
    if report.pending:
        text += "\n" + _("Some copies could not be scrubbed now (another program has the "
                         "database open); the next start finishes it.")
    if report.archives_holding:
        text += "\n" + _("These archives made earlier still hold the person:") + "\n" + \
            "\n".join(report.archives_holding)
    return Reply({"erased": True, "archives_holding": report.archives_holding,
                  "backups_removed": report.backups_removed, "files": report.files_json(),
                  "pending": report.pending}, text)


def _action_words(action: str) -> str:
    return {"rewritten": _("rewritten"), "scrubbed": _("scrubbed"), "removed": _("removed"),
            "written": _("written")}.get(action, action)


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
    from facilitator_app.services.subject_access import write_subject_access_file

    write_subject_access_file(store, args.attendee, args.output)
    return Reply({"file": str(args.output)}, _("Wrote {file}.").format(file=args.output))
