"""The core and the exports never import Qt or the UI; exports never reach for storage."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def python_files(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


def offending(package: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in python_files(package):
        for name in imported_modules(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(ROOT)} imports {name}")
    return found


@pytest.mark.parametrize("package", ["facilitator_app", "exports"])
def test_core_and_exports_never_import_qt_or_ui(package: str) -> None:
    assert python_files(package), f"{package} has no modules to check"
    assert offending(package, ("PySide6", "shiboken6", "ui")) == []


def test_exports_import_only_the_domain() -> None:
    forbidden = tuple(f"facilitator_app.{name}" for name in
                      ("store", "services", "cli", "db", "migrations", "tokens"))
    assert offending("exports", forbidden) == []


def test_the_checker_sees_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from PySide6.QtCore import QObject\nimport ui.app\n")
    assert {"PySide6.QtCore", "ui.app"} <= imported_modules(sample)


def test_the_cli_runs_without_loading_qt() -> None:
    import subprocess
    import sys

    code = ("import sys; from facilitator_app import cli; "
            "cli.run(cli.parse(['--db', ':memory:', 'workshops', 'list'])); "
            "print('PySide6' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip().splitlines()[-1] == "False"
