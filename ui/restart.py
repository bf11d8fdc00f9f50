"""Start the app again with the same command line, then quit this one."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QProcess


def relaunch_command() -> tuple[str, list[str]]:
    """The program and arguments that started this process. Qt's applicationFilePath() is
    the resolved interpreter (outside the venv) and its arguments() only what the
    QApplication was given, so Python's own are used."""
    if getattr(sys, "frozen", False):
        return sys.executable, sys.argv[1:]
    return sys.executable, sys.orig_argv[1:]


def relaunch() -> None:
    program, arguments = relaunch_command()
    QProcess.startDetached(program, arguments)
    QCoreApplication.quit()
