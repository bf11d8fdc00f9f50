"""`creando desk show|rename|trusted|forget`: this desk's fingerprint and the desks whose
archives it trusts; `creando recover-log`: open a database whose log is damaged with what
can be read (a copy of the whole log is kept)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from facilitator_app.cli.args import Commands, group, handles
from facilitator_app.cli.output import Reply
from facilitator_app.i18n import _, ngettext

if TYPE_CHECKING:
    from facilitator_app.services.desks import Signer
    from facilitator_app.store import Store


def add_commands(commands: Commands) -> None:
    actions = group(commands, "desk", _("this desk's fingerprint, and the desks it trusts"))
    handles(actions.add_parser("show", help=_("this desk's fingerprint, to compare on the "
                                              "other desk")), show)
    rename = actions.add_parser("rename", help=_("name this desk (archives carry the name)"))
    rename.add_argument("name", metavar=_("NAME"), help=_("for example “Mesa 2”"))
    handles(rename, rename_desk)
    handles(actions.add_parser("trusted", help=_("the desks whose archives this desk "
                                                 "accepts")), list_trusted)
    forget = actions.add_parser("forget", help=_("stop trusting a desk (a lost laptop)"))
    forget.add_argument("fingerprint", metavar=_("FINGERPRINT"), help=_("the desk's "
                                                                      "fingerprint"))
    handles(forget, forget_desk)
    handles(commands.add_parser("recover-log", help=_(
        "open a database whose log is damaged with what can be read (a copy is kept)")),
        recover_log, store=False)


def _json(signer: Signer) -> dict:
    from facilitator_app import keys

    return {"fingerprint": signer.fingerprint, "desk_id": signer.desk_id,
            "desk_name": signer.desk_name, "public_key": keys.encode(signer.public_key)}


def show(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.desks import this_desk

    me = this_desk(store)
    text = _("This desk: {name}\nFingerprint: {fingerprint}\nCompare it with what the other "
             "desk shows when it restores an archive of this one.").format(
                 name=me.desk_name or me.desk_id, fingerprint=me.fingerprint)
    return Reply(_json(me), text)


def rename_desk(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.desks import rename_desk as rename

    me = rename(store, args.name)
    return Reply(_json(me), _("This desk is now called {name}.").format(name=me.desk_name))


def list_trusted(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.desks import trusted

    desks = trusted(store)
    text = "\n".join(f"{d.fingerprint}  {d.desk_name or d.desk_id}" for d in desks) or _(
        "No other desk is trusted yet.")
    return Reply([_json(d) for d in desks], text)


def forget_desk(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.desks import forget

    gone = forget(store, args.fingerprint)
    return Reply(_json(gone), _("Archives signed by {desk} are no longer trusted here.")
                 .format(desk=gone.label()))


def recover_log(args: argparse.Namespace, _store: None) -> Reply:
    from facilitator_app.cli.runner import db_path
    from facilitator_app.db import open_database
    from facilitator_app.db_check import keep_log_aside, refuse_damaged_log

    path = db_path(args)
    found = refuse_damaged_log(path, accept=True)
    if found is None or not found.damaged:
        return Reply({"damaged": False}, _("The log of {path} is whole: nothing to recover.")
                     .format(path=path))
    kept = keep_log_aside(path, found)
    open_database(path, accept_damaged_log=True).close()
    text = ngettext("{path} opened with what its log held before the damage; {n} committed "
                    "change was lost. The whole log is kept at {copy}.",
                    "{path} opened with what its log held before the damage; {n} committed "
                    "changes were lost. The whole log is kept at {copy}.",
                    found.lost_commits).format(path=path, n=found.lost_commits, copy=kept)
    return Reply({"damaged": True, "lost_commits": found.lost_commits, "kept": str(kept)}, text)
