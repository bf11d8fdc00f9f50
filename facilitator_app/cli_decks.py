"""`creando deck validate PATH` and `creando deck list`."""

from __future__ import annotations

import argparse
from pathlib import Path

from facilitator_app.i18n import _, ngettext


def add_commands(commands: argparse._SubParsersAction) -> None:
    deck = commands.add_parser("deck", help=_("lesson decks"))
    actions = deck.add_subparsers(dest="action", metavar="ACTION", required=True)
    validate = actions.add_parser("validate", help=_("check a deck folder"))
    validate.add_argument("path", type=Path, help=_("the deck's folder"))
    actions.add_parser("list", help=_("the decks this app has"))


def run(args: argparse.Namespace) -> tuple[int, object, str]:
    from facilitator_app.decks.library import load_library
    from facilitator_app.decks.parse import load_deck
    from facilitator_app.errors import RejectedFileError

    if args.action == "list":
        decks = load_library()
        data = [{"id": d.id, "title": d.title, "language": d.language,
                 "modules": [{"id": m.id, "title": m.title, "minutes": m.minutes}
                             for m in d.modules], "problems": len(d.problems)} for d in decks]
        text = "\n".join(f"{d.id}  {d.title}  ({len(d.modules)})" for d in decks)
        return 0, data, text
    if not args.path.is_dir():
        raise RejectedFileError(_("{path} is not a folder.").format(path=args.path))
    deck = load_deck(args.path)
    data = {"id": deck.id, "title": deck.title, "modules": len(deck.modules),
            "ok": not deck.problems,
            "problems": [{"file": p.file, "line": p.line, "message": p.message}
                         for p in deck.problems]}
    summary = ngettext("{title}: {n} module", "{title}: {n} modules", len(deck.modules)).format(
        title=deck.title or deck.id, n=len(deck.modules))
    lines = [summary, *map(str, deck.problems)] if deck.problems else [
        summary, _("No problems found.")]
    return (1 if deck.problems else 0), data, "\n".join(lines)
