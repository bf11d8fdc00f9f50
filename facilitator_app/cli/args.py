"""The arguments every command shares, declared once: ids by prefix, checked file paths,
whole numbers and metavars in the chosen language.

Ids and paths are parsed into small markers; `prepare` then checks every path (a missing input
or an impossible output is exit 3, before anything runs) and resolves every id or prefix
through the store, so no command can forget either.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from facilitator_app.i18n import _

if TYPE_CHECKING:
    from facilitator_app.cli.output import Reply
    from facilitator_app.store import Store

Handler = Callable[[argparse.Namespace, "Store | None"], "Reply"]
Commands = argparse._SubParsersAction


@dataclass(frozen=True)
class IdArg:
    """An id or prefix as typed, of a `kind` the store resolves (workshop, session, ...)."""

    text: str
    kind: str


@dataclass(frozen=True)
class PathArg:
    """A path as typed, and what the command does with it."""

    text: str
    kind: str  # input_file, input_folder, output_file, output_folder


def _marker(kind: str, make: type) -> Callable[[str], Any]:
    def convert(text: str) -> Any:
        return make(text, kind)

    convert.__name__ = kind
    return convert


def handles(parser: argparse.ArgumentParser, handler: Handler, *, store: bool = True) -> None:
    """`handler(args, store)` runs this (sub)command; `store=False` opens no database."""
    parser.set_defaults(handler=handler, needs_store=store)


def group(commands: Commands, name: str, help_text: str) -> Commands:
    """A command with actions (`workshops list|create`): its sub-parsers."""
    parser = commands.add_parser(name, help=help_text)
    return parser.add_subparsers(dest="action", metavar=_("ACTION"), required=True)


def add_id(parser: Any, flag: str, kind: str, help_text: str, *, dest: str | None = None,
           required: bool = False, repeat: bool = False) -> None:
    metavars = {"workshop": _("WORKSHOP"), "session": _("SESSION"),
                "attendee": _("ATTENDEE"), "partner": _("PARTNER")}
    parser.add_argument(flag, dest=dest or flag.lstrip("-").replace("-", "_"),
                        type=_marker(kind, IdArg), metavar=metavars[kind], help=help_text,
                        required=required, action="append" if repeat else "store",
                        default=None)


def add_workshop(parser: Any, *, required: bool = True) -> None:
    add_id(parser, "--workshop", "workshop", _("workshop id or prefix"), required=required)


def add_session(parser: Any, *, required: bool = True) -> None:
    add_id(parser, "--session", "session", _("session id or prefix"), required=required)


def add_input(parser: Any, dest: str, help_text: str, *, folder: bool = False,
              metavar: str | None = None) -> None:
    """A positional file (or folder) the command reads."""
    kind = "input_folder" if folder else "input_file"
    parser.add_argument(dest, type=_marker(kind, PathArg), help=help_text,
                        metavar=metavar or (_("FOLDER") if folder else _("FILE")))


def add_output(parser: Any, help_text: str, *, flags: tuple[str, ...] = ("-o", "--output"),
               folder: bool = False, required: bool = True) -> None:
    """A file (or folder) the command writes; its folder must already exist."""
    kind = "output_folder" if folder else "output_file"
    parser.add_argument(*flags, type=_marker(kind, PathArg), required=required,
                        metavar=_("FOLDER") if folder else _("FILE"), help=help_text)


def add_text(parser: Any, flag: str, help_text: str, *, required: bool = False,
             default: str | None = "", metavar: str | None = None, **extra: Any) -> None:
    """A free-text option, with a metavar in the chosen language (TEXT by default)."""
    parser.add_argument(flag, required=required, default=None if required else default,
                        metavar=metavar or _("TEXT"), help=help_text, **extra)


def whole_number(text: str) -> int:
    """argparse type: a whole number from 0 up, with the error in the chosen language."""
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(
            _("\u201c{value}\u201d is not a whole number (0, 1, 2, …).").format(value=text))
    return value


def check_paths(args: argparse.Namespace) -> None:
    """Replace every PathArg by its Path, after checking it (KnownError, exit 3)."""
    from facilitator_app import files

    checks = {"input_file": files.readable_file, "input_folder": files.readable_folder,
              "output_file": files.writable_file, "output_folder": files.writable_folder}
    for name, value in vars(args).items():
        if isinstance(value, PathArg):
            setattr(args, name, checks[value.kind](Path(value.text)))


def has_ids(args: argparse.Namespace) -> bool:
    return any(isinstance(v, IdArg) or (isinstance(v, list) and v and isinstance(v[0], IdArg))
               for v in vars(args).values())


def resolve_ids(args: argparse.Namespace, store: Store) -> None:
    """Replace every IdArg by the one whole id it names (NotFoundError, exit 3, otherwise).

    With a workshop given, a session is looked for among that workshop's sessions."""
    repositories = {"workshop": store.workshops, "session": store.sessions,
                    "attendee": store.attendees, "partner": store.partners}
    workshop = getattr(args, "workshop", None)
    if isinstance(workshop, IdArg):
        workshop = args.workshop = store.workshops.resolve(workshop.text)

    def resolve(value: Any) -> Any:
        if isinstance(value, IdArg) and value.kind == "session" and workshop:
            return store.sessions.resolve(value.text, "workshop_id = ?", [workshop])
        if isinstance(value, IdArg):
            return repositories[value.kind].resolve(value.text)
        if isinstance(value, list):
            return [resolve(item) for item in value]
        return value

    for name, value in vars(args).items():
        setattr(args, name, resolve(value))
