"""Restarting the app (after a restore or an encryption change) runs what started it."""

from __future__ import annotations

import sys

from ui.restart import relaunch_command


def test_the_relaunch_runs_this_interpreter_with_this_command_line() -> None:
    program, arguments = relaunch_command()
    assert program == sys.executable  # the venv's python, not the resolved base one
    assert any("pytest" in word for word in arguments)  # how this run was started
    assert arguments[-1:] == sys.argv[-1:]  # with its own last argument


def test_a_frozen_app_relaunches_its_own_executable(monkeypatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "argv", ["/opt/creando/creando-desk", "--db", "x.db"])
    assert relaunch_command() == (sys.executable, ["--db", "x.db"])
