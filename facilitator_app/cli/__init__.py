"""The headless command line over the same services (DESIGN.md section 8).

One module per command group. This one holds the global options, parsing and `main`; the
runner turns every outcome into an exit code: 0 done, 1 a refused outcome, 2 usage,
3 a problem to fix (KnownError), 4 our bug (a crash log is written), and output cut short by
a closed pipe (`| head`) ends quietly. Starting the app parses only the global options.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from facilitator_app import APP_NAME, app_version
from facilitator_app.i18n import LANGUAGES, _, set_language

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_KNOWN, EXIT_BUG = 0, 1, 2, 3, 4
AppLauncher = Callable[[argparse.Namespace], int]


class VersionAction(argparse.Action):
    """`--version`, reading the package metadata only when asked."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        print(f"{APP_NAME} {app_version()}")
        parser.exit()


def global_parser() -> argparse.ArgumentParser:
    """The options that come before any command."""
    from facilitator_app.cli.argparse_i18n import install

    install()
    parser = argparse.ArgumentParser(
        prog="creando",
        description=_("CREANDO Desk: check-in, sessions, networking and reports for workshops."),
    )
    parser.add_argument("--db", type=Path, metavar=_("PATH"),
                        help=_("database file (default: your data folder)"))
    parser.add_argument("--json", action="store_true", help=_("machine-readable output"))
    parser.add_argument("--lang", choices=list(LANGUAGES), help=_("language (es or en)"))
    parser.add_argument("--version", action=VersionAction, nargs=0,
                        help=_("show the version and exit"))
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The global options and every command, each group added by its own module (imported
    here, not at start-up: launching the app needs none of them)."""
    from facilitator_app.cli import (
        archive,
        attendees,
        backups,
        breakout,
        decks,
        demo,
        desk,
        encryption,
        exports,
        exports_log,
        followup,
        networking,
        online,
        pairing,
        programme,
        settings_cmd,
        workshops,
    )

    parser = global_parser()
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    commands.add_parser("app", help=_("launch the desktop app (the default)"))
    for module in (demo, workshops, attendees, desk, online, decks, networking, breakout,
                   followup, exports, exports_log, archive, pairing, backups, settings_cmd,
                   encryption, programme):
        module.add_commands(commands)
    return parser


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Parse the command line, in the chosen (or saved) language."""
    from facilitator_app.settings import load_settings

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
    """Run a parsed headless command; failures become exit codes and kind messages."""
    from facilitator_app.cli.runner import run_command

    return run_command(args)


def main(argv: list[str] | None = None, launch_app: AppLauncher | None = None) -> int:
    """Entry point of `creando` and `python -m facilitator_app`: never a traceback.

    With no command, `launch_app(args)` starts the desktop app; without one (the headless
    `python -m facilitator_app`) a command is needed.
    """
    from facilitator_app.cli.runner import guarded

    return guarded(argv, lambda: _dispatch(argv, launch_app))


def _dispatch(argv: list[str] | None, launch_app: AppLauncher | None) -> int:
    args = parse(argv)
    if args.command in (None, "app"):
        if launch_app is None:
            print(_("Use the `creando` command to launch the app."), file=sys.stderr)
            return EXIT_USAGE
        return launch_app(args)
    return run(args)
