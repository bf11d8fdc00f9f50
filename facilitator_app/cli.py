"""The headless command line over the same services (DESIGN.md section 8).

Exit codes: 0 done, 1 a refused outcome, 2 usage error, 3 a KnownError, 4 a bug.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from facilitator_app import (
    APP_NAME,
    app_version,
    cli_decks,
    cli_desk,
    cli_export,
    cli_networking,
    cli_online,
    cli_privacy,
)
from facilitator_app.db import list_backups, open_database, restore_backup
from facilitator_app.errors import BugError, KnownError
from facilitator_app.i18n import _, set_language
from facilitator_app.paths import default_db_path
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.workshops import (
    create_workshop,
    list_workshops,
    workshop_counts,
)
from facilitator_app.settings import load_settings
from facilitator_app.store import Store

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_KNOWN, EXIT_BUG = 0, 1, 2, 3, 4
Command = Callable[[argparse.Namespace, "Output"], int]


class Output:
    """Human text or JSON on stdout, chosen once by `--json`."""

    def __init__(self, as_json: bool) -> None:
        self.as_json = as_json

    def emit(self, data: Any, human: Callable[[], str]) -> None:
        print(json.dumps(data, ensure_ascii=False, indent=2) if self.as_json else human())


class VersionAction(argparse.Action):
    """`--version`, reading the package metadata only when asked."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"{APP_NAME} {app_version()}")
        parser.exit()


def global_parser() -> argparse.ArgumentParser:
    """The options that come before any command."""
    parser = argparse.ArgumentParser(
        prog="creando",
        description=_("CREANDO Desk: check-in, sessions, networking and reports for workshops."),
    )
    parser.add_argument("--db", type=Path, help=_("database file (default: your data folder)"))
    parser.add_argument("--json", action="store_true", help=_("machine-readable output"))
    parser.add_argument("--lang", choices=["es", "en"], help=_("language (es or en)"))
    parser.add_argument("--version", action=VersionAction, nargs=0,
                        help=_("show the version and exit"))
    return parser


def build_parser() -> argparse.ArgumentParser:
    parser = global_parser()
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("app", help=_("launch the desktop app (the default)"))
    commands.add_parser("demo", help=_("create the demo workshop (safe to run twice)"))
    _add_workshop_commands(commands)
    _add_attendee_commands(commands)
    cli_desk.add_commands(commands)
    cli_online.add_commands(commands)
    cli_decks.add_commands(commands)
    cli_networking.add_commands(commands)
    cli_export.add_commands(commands)
    cli_privacy.add_commands(commands)
    _add_backup_commands(commands)
    return parser


def _add_workshop_commands(commands: argparse._SubParsersAction) -> None:
    workshops = commands.add_parser("workshops", help=_("list or create workshops"))
    actions = workshops.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help=_("list workshops with their sessions"))
    create = actions.add_parser("create", help=_("create a workshop"))
    create.add_argument("--title", required=True, help=_("the workshop's title"))
    create.add_argument("--venue", default="", help=_("where it takes place"))
    create.add_argument("--starts-on", default="", help=_("first day, YYYY-MM-DD"))
    create.add_argument(
        "--session", action="append", default=[], help=_("a session title (repeatable)")
    )


def _add_attendee_commands(commands: argparse._SubParsersAction) -> None:
    attendees = commands.add_parser("attendees", help=_("import or list attendees"))
    actions = attendees.add_subparsers(dest="action", metavar="ACTION", required=True)
    imports = actions.add_parser("import", help=_("import a registration list (CSV or XLSX)"))
    imports.add_argument("file", type=Path, help=_("the CSV or XLSX file"))
    imports.add_argument("--workshop", required=True, help=_("workshop id or prefix"))
    imports.add_argument("--sheet", help=_("the sheet to read (XLSX; default: the first)"))
    imports.add_argument("--dry-run", action="store_true",
                         help=_("check and report without importing"))
    listing = actions.add_parser("list", help=_("list a workshop's attendees"))
    listing.add_argument("--workshop", required=True, help=_("workshop id or prefix"))
    listing.add_argument("--search", default="", help=_("name, business, email or phone"))


def _add_backup_commands(commands: argparse._SubParsersAction) -> None:
    backups = commands.add_parser("backups", help=_("list or restore rolling backups"))
    actions = backups.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help=_("list the rolling backups, newest first"))
    restore = actions.add_parser("restore", help=_("put a backup in place of the database"))
    restore.add_argument("backup", type=Path, help=_("the backup file to restore"))


def db_path(args: argparse.Namespace) -> Path:
    return args.db or default_db_path()


def open_store(args: argparse.Namespace) -> Store:
    path = db_path(args)
    return Store(open_database(path), path=path)


def cmd_demo(args: argparse.Namespace, out: Output) -> int:
    store = open_store(args)
    workshop, created = ensure_demo(store)
    counts = workshop_counts(store, workshop)
    out.emit(
        {"id": workshop.id, "title": workshop.title, "created": created, **asdict(counts)},
        lambda: (_("Demo workshop created: {title}") if created
                 else _("The demo workshop already exists: {title}")).format(
                     title=workshop.title) + f"\n{workshop.id}",
    )
    return EXIT_OK


def cmd_workshops(args: argparse.Namespace, out: Output) -> int:
    store = open_store(args)
    if args.action == "create":
        summary = create_workshop(
            store, args.title, venue=args.venue, starts_on=args.starts_on,
            session_titles=args.session,
        )
        out.emit(_workshop_json(summary), lambda: f"{summary.workshop.id}  {args.title}")
        return EXIT_OK
    summaries = list_workshops(store)
    out.emit(
        [_workshop_json(s) for s in summaries],
        lambda: "\n".join(f"{s.workshop.id}  {s.workshop.title}" for s in summaries)
        or _("No workshops yet. Create one with: creando workshops create --title ..."),
    )
    return EXIT_OK


def _workshop_json(summary: Any) -> dict:
    workshop = summary.workshop
    return {
        "id": workshop.id,
        "title": workshop.title,
        "venue": workshop.venue,
        "starts_on": workshop.starts_on,
        "is_demo": workshop.is_demo,
        "sessions": [{"id": s.id, "title": s.title, "starts_at": s.starts_at}
                     for s in summary.sessions],
    }


def cmd_attendees(args: argparse.Namespace, out: Output) -> int:
    from facilitator_app import cli_attendees

    store = open_store(args)
    if args.action == "import":
        code, data, text = cli_attendees.import_attendees(store, args)
        out.emit(data, lambda: text)
        return code
    data, text = cli_attendees.list_attendees(store, args)
    out.emit(data, lambda: text)
    return EXIT_OK


def with_store(run: Callable[[Store, argparse.Namespace], tuple]) -> Command:
    """A command whose `run(store, args)` returns (data, text) or (exit code, data, text)."""

    def command(args: argparse.Namespace, out: Output) -> int:
        result = run(open_store(args), args)
        code, data, text = result if len(result) == 3 else (EXIT_OK, *result)
        out.emit(data, lambda: text)
        return code

    return command


def cmd_deck(args: argparse.Namespace, out: Output) -> int:
    code, data, text = cli_decks.run(args)  # decks live in files: no database needed
    out.emit(data, lambda: text)
    return code


def cmd_archive(args: argparse.Namespace, out: Output) -> int:
    code, data, text = cli_privacy.run_archive(open_store, args)  # verify needs no database
    out.emit(data, lambda: text)
    return code


def cmd_backups(args: argparse.Namespace, out: Output) -> int:
    path = db_path(args)
    if args.action == "restore":
        aside = restore_backup(args.backup, path)
        out.emit(
            {"restored": str(args.backup), "database": str(path),
             "previous_kept_at": str(aside) if aside else None},
            lambda: _("Restored {backup}. The previous file was kept at {aside}.").format(
                backup=args.backup, aside=aside or "-"),
        )
        return EXIT_OK
    backups = list_backups(path)
    out.emit(
        [{"path": str(b.path), "created": b.created.isoformat(), "size": b.size}
         for b in backups],
        lambda: "\n".join(f"{b.created:%Y-%m-%d %H:%M:%S}  {b.size:>10}  {b.path}"
                          for b in backups) or _("No backups yet."),
    )
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "demo": cmd_demo,
    "workshops": cmd_workshops,
    "attendees": cmd_attendees,
    "badges": with_store(cli_desk.print_badges),
    "checkin": with_store(cli_desk.check_in),
    "online": with_store(cli_online.import_online),
    "deck": cmd_deck,
    "partners": with_store(cli_networking.run_partners),
    "intro": with_store(cli_networking.run_intro),
    "export": with_store(cli_export.run_export),
    "certificate": with_store(cli_export.verify_certificate),
    "archive": cmd_archive,
    "erase": with_store(cli_privacy.run_erase),
    "retention": with_store(cli_privacy.run_retention),
    "subject-access": with_store(cli_privacy.run_subject_access),
    "backups": cmd_backups,
}


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line, in the chosen (or saved) language."""
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_language_hint(argv) or load_settings().get("language", "es"))
    if all(arg.startswith("-") or _is_option_value(argv, i) for i, arg in enumerate(argv)) \
            and "-h" not in argv and "--help" not in argv:
        # No command: the app starts. Building every command's parser would only slow it.
        parsed = global_parser().parse_args(argv)
        parsed.command = None
        return parsed
    return build_parser().parse_args(argv)


def _is_option_value(argv: list[str], index: int) -> bool:
    return index > 0 and argv[index - 1] in ("--db", "--lang")


def _language_hint(argv: list[str]) -> str | None:
    for index, arg in enumerate(argv):
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
    return None


def run(args: argparse.Namespace) -> int:
    """Run a parsed headless command and turn failures into exit codes and kind messages."""
    out = Output(args.json)
    try:
        return COMMANDS[args.command](args, out)
    except KnownError as exc:
        _report(out, "refused" if exc.exit_code == EXIT_REFUSED else "known_error",
                exc.message, exc.details)
        return exc.exit_code
    except BugError as exc:
        _report(out, "bug", str(exc), traceback.format_exc())
        return EXIT_BUG


def _report(out: Output, kind: str, message: str, details: str) -> None:
    if out.as_json:
        print(json.dumps({"error": kind, "message": message, "details": details},
                         ensure_ascii=False))
    prefix = _("Internal error (please report it)") if kind == "bug" else _("Error")
    print(f"{prefix}: {message}", file=sys.stderr)
    if details and kind == "bug":
        print(details, file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Headless entry point (`python -m facilitator_app`); needs a command."""
    args = parse(argv)
    if args.command in (None, "app"):
        print(_("Use the `creando` command to launch the app."), file=sys.stderr)
        return EXIT_USAGE
    return run(args)
