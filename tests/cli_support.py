"""Helpers for the CLI contract tests: a demo database, in-process and real runs, the README's
command block, and shortest unambiguous id prefixes."""

from __future__ import annotations

import shlex
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_demo(path: Path) -> Path:
    """A database holding the demo workshop (closed, ready to copy)."""
    from facilitator_app.db import open_database
    from facilitator_app.services.demo import ensure_demo
    from facilitator_app.store import Store

    store = Store(open_database(path, backup_on_open=False), path=path)
    ensure_demo(store)
    store.close()
    return path


def run_main(capsys, *argv: str) -> tuple[int, str, str]:
    """`creando ARGV` in this process: (exit code, stdout, stderr)."""
    from facilitator_app.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def run_real(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    """`python -m facilitator_app ARGV` as a user runs it."""
    return subprocess.run([sys.executable, "-m", "facilitator_app", *argv],
                          capture_output=True, text=True, cwd=cwd)


def readme_commands() -> list[list[str]]:
    """Every command of the README's "Command line" block, split as a shell would."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Command line\n", 1)[1].split("\n## ", 1)[0]
    block = section.split("```bash\n", 1)[1].split("```", 1)[0].replace("\\\n", " ")
    return [shlex.split(line, comments=True) for line in block.splitlines() if line.strip()]


def ids(db: Path, table: str, where: str = "1") -> list[str]:
    with closing(sqlite3.connect(db)) as conn:  # `with conn` alone never closes it
        return [row[0] for row in conn.execute(f"SELECT id FROM {table} WHERE {where} "
                                               "ORDER BY id")]


def shortest_prefix(wanted: str, others: list[str]) -> str:
    """The shortest prefix (4 characters at least) that names `wanted` alone."""
    for size in range(4, len(wanted) + 1):
        prefix = wanted[:size]
        if sum(1 for other in others if other.startswith(prefix)) == 1:
            return prefix
    return wanted


def prefix_of(db: Path, table: str, wanted: str) -> str:
    return shortest_prefix(wanted, ids(db, table))
