"""Shared by the encryption tests: a database with imported fixture people, what they
stored (the strings no encrypted file may show), and a fresh key registry per test."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from facilitator_app import dbconnect
from tests.cli_support import ROOT

PEOPLE = ROOT / "tests" / "fixtures" / "registration" / "headerless_name_email_id_phone.csv"
PASSPHRASE = "a long test passphrase"


@pytest.fixture(autouse=True)
def fresh_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """No key unlocked by one test is seen by the next."""
    monkeypatch.setattr(dbconnect, "_BY_PATH", {})
    monkeypatch.setattr(dbconnect, "_BY_ID", {})


def import_people(db: Path) -> str:
    """A workshop with the fixture's five fictional people; returns its id."""
    from facilitator_app.cli import main

    assert main(["--lang", "en", "--db", str(db), "workshops", "create", "--title",
                 "Taller"]) == 0
    workshop = _plain_or_keyed(db, "SELECT id FROM workshops")[0][0]
    assert main(["--lang", "en", "--db", str(db), "attendees", "import", str(PEOPLE),
                 "--workshop", workshop]) == 0
    return workshop


def stored_secrets(db: Path) -> list[str]:
    """Every stored name, phone and e-mail (read through the app's own connection)."""
    rows = _plain_or_keyed(db, "SELECT given_names, family_names, phone, email "
                               "FROM attendees")
    found = {value for row in rows for value in row if value and len(value) >= 5}
    assert len(found) >= 10, found
    return sorted(found)


def leaks(path: Path, secrets: list[str]) -> list[str]:
    """Which of `secrets` the raw bytes of `path` show, in UTF-8 or UTF-16."""
    raw = path.read_bytes()
    return [text for text in secrets for codec in ("utf-8", "utf-16-le", "utf-16-be")
            if text.encode(codec) in raw]


def _plain_or_keyed(db: Path, sql: str) -> list[tuple]:
    return plain_rows(db, sql, connect=dbconnect.connect)


def plain_rows(db: Path, sql: str, connect=sqlite3.connect) -> list[tuple]:
    """The rows of `sql`, read with plain SQLite unless told otherwise (keyed: dbconnect)."""
    conn = connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()
