"""`creando demo`: the demo workshop with realistic data (safe to run twice)."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import TYPE_CHECKING

from facilitator_app.cli.args import Commands, handles
from facilitator_app.cli.output import Reply
from facilitator_app.i18n import _

if TYPE_CHECKING:
    from facilitator_app.store import Store


def add_commands(commands: Commands) -> None:
    handles(commands.add_parser("demo", help=_("create the demo workshop (safe to run twice)")),
            run_demo)


def run_demo(args: argparse.Namespace, store: Store) -> Reply:
    from facilitator_app.services.demo import ensure_demo
    from facilitator_app.services.workshops import ONLINE_DEFINITION, workshop_counts

    workshop, created = ensure_demo(store, contacts=True)
    counts = workshop_counts(store, workshop)
    text = (_("Demo workshop created: {title}") if created
            else _("The demo workshop already exists: {title}")).format(title=workshop.title)
    online = _("Attended online: {n}. ({definition})").format(
        n=counts.online, definition=_(ONLINE_DEFINITION))
    return Reply({"id": workshop.id, "title": workshop.title, "created": created,
                  **asdict(counts), "online_definition": _(ONLINE_DEFINITION)},
                 f"{text}\n{online}\n{workshop.id}")
