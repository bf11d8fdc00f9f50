"""Where the CLI gets a passphrase: `CREANDO_DB_PASSPHRASE`, else a hidden prompt (asked
twice when a new one is set). Never from a command-line argument (it would stay in the
shell's history and in the process list)."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from facilitator_app.encryption import PASSPHRASE_ENV, is_encrypted, is_unlocked, unlock
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _

NEW_PASSPHRASE_ENV = "CREANDO_DB_NEW_PASSPHRASE"


def current_passphrase(db_path: Path) -> str:
    """The passphrase of `db_path`, from the environment or asked once."""
    given = os.environ.get(PASSPHRASE_ENV)
    if given:
        return given
    return _prompt(_("Passphrase for {path}: ").format(path=db_path))


def new_passphrase(*, env: str = PASSPHRASE_ENV) -> str:
    """A passphrase to set: from `env`, or typed twice the same."""
    given = os.environ.get(env)
    if given:
        return given
    first = _prompt(_("New passphrase: "))
    if _prompt(_("The same passphrase again: ")) != first:
        raise KnownError(_("The two passphrases differ; nothing was changed."))
    return first


def unlock_for_command(db_path: Path) -> None:
    """Unlock an encrypted `db_path` before a command opens it (nothing for a plain one)."""
    if is_encrypted(db_path) and not is_unlocked(db_path):
        unlock(db_path, current_passphrase(db_path))


def _prompt(text: str) -> str:
    if not sys.stdin or not sys.stdin.isatty():
        raise KnownError(_("A passphrase is needed: set {env} or run the command in a "
                           "terminal to type it.").format(env=PASSPHRASE_ENV))
    try:
        return getpass.getpass(text)
    except EOFError as exc:
        raise KnownError(_("No passphrase was given; nothing was done.")) from exc
