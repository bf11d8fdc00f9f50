"""Run a parsed command and turn every outcome into an exit code, never a traceback.

KnownError: its message and exit code (1 refused, 3 a problem to fix). Anything unexpected:
a short message naming the crash log written in the data folder, and exit 4. A reader that
closes the pipe early (`creando ... | head`) ends the command quietly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from facilitator_app.cli.output import Output, Reply
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _

EXIT_BUG = 4
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for `yes | head`
EXIT_INTERRUPTED = 130  # 128 + SIGINT


def run_command(args: argparse.Namespace) -> int:
    """Check paths, open the store, resolve ids, run the handler, print its reply."""
    out = Output(args.json)
    try:
        return _execute(args, out)
    except (BrokenPipeError, KeyboardInterrupt):
        raise
    except KnownError as exc:
        kind = "refused" if exc.exit_code == 1 else "known_error"
        out.error(kind, exc.message, details=exc.details)
        return exc.exit_code
    except OSError as exc:
        if exc.filename is None:
            return report_bug(out, _command_name(args))
        from pathlib import Path

        from facilitator_app.files import file_error

        known = file_error(Path(exc.filename), exc, writing=None)  # the environment's problem
        out.error("known_error", known.message, details=known.details)
        return known.exit_code
    except Exception:
        return report_bug(out, _command_name(args))


def _execute(args: argparse.Namespace, out: Output) -> int:
    from facilitator_app.cli.args import check_paths, has_ids, resolve_ids

    check_paths(args)
    if getattr(args, "command", None) not in (None, "app", "encryption"):
        from facilitator_app.cli.passphrase import unlock_for_command

        unlock_for_command(db_path(args))
    store = open_store(args) if args.needs_store or has_ids(args) else None
    try:
        if store is not None:
            resolve_ids(args, store)
        reply: Reply = args.handler(args, store)
        out.emit(reply)
        return reply.code
    finally:
        if store is not None:
            store.close()


def open_store(args: argparse.Namespace):
    """The store on `--db` (default: the data folder's database)."""
    from facilitator_app.db import open_database
    from facilitator_app.store import Store

    path = db_path(args)
    return Store(open_database(path), path=path)


def db_path(args: argparse.Namespace):
    from facilitator_app.paths import default_db_path

    return args.db or default_db_path()


def _command_name(args: argparse.Namespace) -> str:
    """`attendees import`, `badges`, ...: which command, never its arguments (personal data)."""
    parts = [getattr(args, "command", None), getattr(args, "action", None),
             getattr(args, "kind", None)]
    return " ".join(str(p) for p in parts if p) or "-"


def report_bug(out: Output, command: str) -> int:
    """Write the traceback to a crash log and say where it is, briefly."""
    from facilitator_app.cli.crash import write_crash_log

    log = write_crash_log(command)
    if log is None:
        message = _("CREANDO Desk hit an internal error (it is not your fault), and no crash "
                    "log could be written. Please tell the people who support the app what "
                    "you were doing.")
    else:
        message = _("CREANDO Desk hit an internal error (it is not your fault). The details "
                    "were written to {file}. Please send that file to the people who support "
                    "the app.").format(file=log)
    out.error("bug", message, log=str(log) if log else None)
    return EXIT_BUG


def guarded(argv: list[str] | None, work: Callable[[], int]) -> int:
    """Run `work` (parse and run): bugs, a closed pipe and Ctrl+C end kindly."""
    as_json = "--json" in (sys.argv[1:] if argv is None else argv)
    try:
        code = work()
        sys.stdout.flush()
        return code
    except SystemExit as done:  # argparse: --help, --version, usage errors
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 2)
        return _flushed(code)
    except BrokenPipeError:
        return quiet_broken_pipe()
    except KeyboardInterrupt:
        print("\n" + _("Interrupted."), file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception:
        return report_bug(Output(as_json), "-")


def _flushed(code: int) -> int:
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        return quiet_broken_pipe()
    return code


def quiet_broken_pipe() -> int:
    """The reader went away: point stdout at devnull so the interpreter's final flush is
    silent (as the Python docs on SIGPIPE advise), and end."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file descriptor (tests)
        pass
    return EXIT_BROKEN_PIPE
