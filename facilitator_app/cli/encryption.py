"""`creando encryption status|enable|disable|change-passphrase|recover`: the database
encrypted at rest. Passphrases come from `CREANDO_DB_PASSPHRASE` (the current one;
`CREANDO_DB_NEW_PASSPHRASE` for a new one when changing it) or a hidden prompt."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from facilitator_app.cli.args import Commands, add_output, group, handles
from facilitator_app.cli.output import Reply
from facilitator_app.i18n import _

RECOVERY_ENV = "CREANDO_RECOVERY_KEY"


def add_commands(commands: Commands) -> None:
    actions = group(commands, "encryption", _("encrypt the database at rest (passphrase, "
                                              "recovery key)"))
    handles(actions.add_parser("status", help=_("say whether the database is encrypted")),
            status, store=False)
    enable_parser = actions.add_parser("enable", help=_(
        "encrypt the database and its copies; prints the recovery key once"))
    add_output(enable_parser, _("also write the recovery key as a one-page PDF to print"),
               flags=("--recovery-pdf",), required=False)
    handles(enable_parser, enable, store=False)
    handles(actions.add_parser("disable", help=_("decrypt the database and its copies")),
            disable, store=False)
    handles(actions.add_parser("change-passphrase", help=_(
        "set a new passphrase (the recovery key stays the same)")), change, store=False)
    handles(actions.add_parser("recover", help=_(
        "set a new passphrase with the recovery key")), recover, store=False)


def status(args: argparse.Namespace, _store: None) -> Reply:
    from facilitator_app.cli.runner import db_path
    from facilitator_app.encryption import is_encrypted

    path = db_path(args)
    encrypted = is_encrypted(path)
    text = (_("{path} is encrypted.") if encrypted else _("{path} is not encrypted."))
    return Reply({"database": str(path), "encrypted": encrypted}, text.format(path=path))


def enable(args: argparse.Namespace, _store: None) -> Reply:
    from facilitator_app.cli.passphrase import new_passphrase
    from facilitator_app.cli.runner import db_path
    from facilitator_app.encryption import enable as encrypt

    path = db_path(args)
    recovery = encrypt(path, new_passphrase())
    sheet = None
    if args.recovery_pdf is not None:
        from exports.pdf.recovery_key import write_recovery_sheet

        sheet = write_recovery_sheet(recovery, path, args.recovery_pdf)
    text = _("{path} is now encrypted. Your recovery key (shown only this once; write it "
             "down or print it and keep it apart from this laptop):").format(path=path)
    text += f"\n\n    {recovery}\n"
    if sheet:
        text += "\n" + _("The recovery sheet was written to {file}.").format(file=sheet)
    return Reply({"database": str(path), "encrypted": True, "recovery_key": recovery,
                  "recovery_sheet": str(sheet) if sheet else None}, text)


def disable(args: argparse.Namespace, _store: None) -> Reply:
    from facilitator_app.cli.passphrase import current_passphrase
    from facilitator_app.cli.runner import db_path
    from facilitator_app.encryption import disable as decrypt

    path = db_path(args)
    decrypt(path, current_passphrase(path))
    return Reply({"database": str(path), "encrypted": False},
                 _("{path} is no longer encrypted.").format(path=path))


def change(args: argparse.Namespace, _store: None) -> Reply:
    from facilitator_app.cli.passphrase import (
        NEW_PASSPHRASE_ENV,
        current_passphrase,
        new_passphrase,
    )
    from facilitator_app.cli.runner import db_path
    from facilitator_app.encryption import change_passphrase

    path = db_path(args)
    old = current_passphrase(path)
    change_passphrase(path, old, new_passphrase(env=NEW_PASSPHRASE_ENV))
    return Reply({"database": str(path), "changed": True},
                 _("The passphrase of {path} was changed.").format(path=path))


def recover(args: argparse.Namespace, _store: None) -> Reply:
    from facilitator_app.cli.passphrase import NEW_PASSPHRASE_ENV, new_passphrase
    from facilitator_app.cli.runner import db_path
    from facilitator_app.encryption import unlock_with_recovery_key

    path = db_path(args)
    key = os.environ.get(RECOVERY_ENV) or _ask_recovery_key()
    unlock_with_recovery_key(path, key, new_passphrase(env=NEW_PASSPHRASE_ENV))
    return Reply({"database": str(path), "recovered": True},
                 _("A new passphrase was set for {path}.").format(path=path))


def _ask_recovery_key() -> str:
    from facilitator_app.errors import KnownError

    if not sys.stdin or not sys.stdin.isatty():
        raise KnownError(_("The recovery key is needed: set {env} or run the command in a "
                           "terminal to type it.").format(env=RECOVERY_ENV))
    return getpass.getpass(_("Recovery key: "))
