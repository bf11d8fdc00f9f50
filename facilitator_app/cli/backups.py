"""`creando backups list|restore`: the rolling backups beside the database."""

from __future__ import annotations

import argparse

from facilitator_app.cli.args import Commands, add_input, group, handles
from facilitator_app.cli.output import Reply
from facilitator_app.i18n import _


def add_commands(commands: Commands) -> None:
    actions = group(commands, "backups", _("list or restore rolling backups"))
    handles(actions.add_parser("list", help=_("list the rolling backups, newest first")),
            list_backups, store=False)
    restore = actions.add_parser("restore", help=_("put a backup in place of the database"))
    add_input(restore, "backup", _("the backup file to restore"))
    handles(restore, restore_backup, store=False)


def list_backups(args: argparse.Namespace, _store: None) -> Reply:
    from facilitator_app.cli.runner import db_path
    from facilitator_app.db import list_backups as backups_of

    backups = backups_of(db_path(args))
    return Reply([{"path": str(b.path), "created": b.created.isoformat(), "size": b.size}
                  for b in backups],
                 "\n".join(f"{b.created:%Y-%m-%d %H:%M:%S}  {b.size:>10}  {b.path}"
                           for b in backups) or _("No backups yet."))


def restore_backup(args: argparse.Namespace, _store: None) -> Reply:
    from facilitator_app.cli.runner import db_path
    from facilitator_app.db import restore_backup as restore

    path = db_path(args)
    aside = restore(args.backup, path)
    return Reply({"restored": str(args.backup), "database": str(path),
                  "previous_kept_at": str(aside) if aside else None},
                 _("Restored {backup}. The previous file was kept at {aside}.").format(
                     backup=args.backup, aside=aside or "-"))
