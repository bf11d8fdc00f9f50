"""The two kinds of failure: the user's or environment's (KnownError) and ours (BugError).

SQLite errors are sorted into one or the other here, in one place.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class KnownError(Exception):
    """A problem the user can understand and act on: say it kindly and carry on.

    `message` is already translated; `details` is optional extra context (a path, a row).
    """

    exit_code = 3

    def __init__(self, message: str, *, details: str = "", path: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details
        self.path = path


class RejectedFileError(KnownError):
    """A file the user gave us cannot be used as it is (exit code 1: a refused outcome)."""

    exit_code = 1


class CorruptDatabaseError(KnownError):
    """The database file is damaged or not a database; a backup may restore it."""

    def __init__(self, message: str, *, path: Path, newest_backup: Path | None) -> None:
        super().__init__(message, path=path)
        self.newest_backup = newest_backup


class NotFoundError(KnownError):
    """An id or prefix named by the user matches nothing (or more than one thing)."""


class BugError(Exception):
    """Our mistake: shown in a crash dialog with details the user can copy to us."""


_ENVIRONMENT_MESSAGES = (
    ("database is locked", "busy"),
    ("disk i/o error", "io"),
    ("database or disk is full", "full"),
    ("attempt to write a readonly database", "readonly"),
    ("unable to open database file", "open"),
    ("file is not a database", "corrupt"),
    ("database disk image is malformed", "corrupt"),
)


def classify_sqlite_error(exc: sqlite3.Error) -> str | None:
    """Return the environment problem an SQLite error stands for, or None if it is our bug."""
    text = str(exc).lower()
    for needle, kind in _ENVIRONMENT_MESSAGES:
        if needle in text:
            return kind
    return None


def sqlite_known_error(exc: sqlite3.Error, path: Path | None) -> KnownError | BugError:
    """Turn an SQLite error into the KnownError or BugError the faces show."""
    from facilitator_app.i18n import _

    kind = classify_sqlite_error(exc)
    where = str(path) if path else _("the database")
    messages = {
        "busy": _("{path} is busy in another window or program. "
                  "Close it and try again."),
        "io": _("The disk could not read or write {path}. Check the drive and try again."),
        "full": _("The disk holding {path} is full. Free some space and try again."),
        "readonly": _("{path} cannot be written (it is read-only). "
                      "Check the file's permissions."),
        "open": _("{path} cannot be opened. Check that the folder exists and can be written."),
        "corrupt": _("{path} is damaged or is not a CREANDO Desk database."),
    }
    if kind is None:
        return BugError(f"SQLite error: {exc}")
    return KnownError(messages[kind].format(path=where), details=str(exc), path=path)


@contextmanager
def mapped_sqlite_errors(path: Path | None = None) -> Iterator[None]:
    """Re-raise SQLite errors as KnownError (environment) or BugError (ours)."""
    try:
        yield
    except sqlite3.Error as exc:
        raise sqlite_known_error(exc, path) from exc
