"""`creando deck validate PATH` and `creando deck list`: decks live in files, no database."""

from __future__ import annotations

import argparse

from facilitator_app.cli.args import Commands, add_input, group, handles
from facilitator_app.cli.output import Reply
from facilitator_app.i18n import _, ngettext


def add_commands(commands: Commands) -> None:
    actions = group(commands, "deck", _("lesson decks"))
    validate = actions.add_parser("validate", help=_("check a deck folder"))
    add_input(validate, "path", _("the deck's folder"), folder=True)
    handles(validate, validate_deck, store=False)
    handles(actions.add_parser("list", help=_("the decks this app has")), list_decks,
            store=False)


def list_decks(args: argparse.Namespace, _store: None) -> Reply:
    from facilitator_app.decks.library import load_library

    decks = load_library()
    data = [{"id": d.id, "title": d.title, "language": d.language,
             "modules": [{"id": m.id, "title": m.title, "minutes": m.minutes}
                         for m in d.modules], "problems": len(d.problems)} for d in decks]
    return Reply(data, "\n".join(f"{d.id}  {d.title}  ({len(d.modules)})" for d in decks))


def validate_deck(args: argparse.Namespace, _store: None) -> Reply:
    from facilitator_app.decks.parse import load_deck

    deck = load_deck(args.path)
    data = {"id": deck.id, "title": deck.title, "modules": len(deck.modules),
            "ok": not deck.problems,
            "problems": [{"file": p.file, "line": p.line, "message": p.message}
                         for p in deck.problems]}
    summary = ngettext("{title}: {n} module", "{title}: {n} modules", len(deck.modules)).format(
        title=deck.title or deck.id, n=len(deck.modules))
    lines = [summary, *map(str, deck.problems)] if deck.problems else [
        summary, _("No problems found.")]
    return Reply(data, "\n".join(lines), 1 if deck.problems else 0)
