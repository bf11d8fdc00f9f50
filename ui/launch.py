"""The `creando` entry point: a headless command, or the desktop app when none is given."""

from __future__ import annotations

import argparse
import sys

from facilitator_app import cli


def main(argv: list[str] | None = None) -> int:
    """`creando [options] [COMMAND]`: Qt is imported only when the app is launched."""
    return cli.main(argv, launch_app=_launch_app)


def _launch_app(args: argparse.Namespace) -> int:
    from ui.app import run_app

    return run_app(args)


def main_gui() -> int:
    """Desktop-shortcut entry point (no console window on Windows)."""
    return main(sys.argv[1:])
