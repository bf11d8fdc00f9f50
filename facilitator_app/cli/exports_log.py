"""`creando exports log [--workshop W] [--json]`: what left this computer, newest first."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from facilitator_app.cli.args import Commands, add_workshop, group, handles
from facilitator_app.cli.output import Reply
from facilitator_app.i18n import _, ngettext

if TYPE_CHECKING:
    from facilitator_app.store import Store
    from facilitator_app.store.export_log import ExportEntry


def add_commands(commands: Commands) -> None:
    actions = group(commands, "exports", _("what left this computer: the exports log"))
    log = actions.add_parser("log", help=_(
        "every file exported from this desk, newest first: date, kind, workshop, people, "
        "sensitivity and file name"))
    add_workshop(log, required=False)
    log.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                     help=_("machine-readable output (as the global --json)"))
    handles(log, exports_log)


def exports_log(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.export_log import entry_json
    from facilitator_app.services.export_log import exports_log as logged

    entries = logged(store, args.workshop)
    data = {"exports": [entry_json(entry) for entry in entries]}
    if not entries:
        return Reply(data, _("Nothing has been exported from this desk yet."))
    lines = [ngettext("{n} file left this computer:", "{n} files left this computer:",
                      len(entries)).format(n=len(entries))]
    lines += [_line(entry) for entry in entries]
    return Reply(data, "\n".join(lines))


def _line(entry: ExportEntry) -> str:
    from facilitator_app.sensitivity import label_words
    from facilitator_app.services.export_log import KIND_WORDS
    from facilitator_app.services.subject_access import local

    people = ngettext("{n} person", "{n} people", entry.people).format(n=entry.people)
    parts = [local(entry.made_at), _(KIND_WORDS.get(entry.kind, entry.kind)),
             entry.workshop_title or "—", people, label_words(entry.label), entry.file_name]
    return "  " + " · ".join(parts)
