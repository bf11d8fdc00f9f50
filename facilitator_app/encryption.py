"""Encryption at rest: what the faces call (status, unlock, enable, disable, passphrase).

The database is encrypted with a random data key (SQLCipher, raw key); the sidecar
`<db>.keys` holds it wrapped under the passphrase and under the recovery key (keyfile).
Unlocking registers the key for the process (dbconnect), so every later open of the
database or of a copy of it works unchanged.
"""

from __future__ import annotations

from pathlib import Path

from facilitator_app import dbconnect, keyfile
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _

MIN_PASSPHRASE = 10
PASSPHRASE_ENV = "CREANDO_DB_PASSPHRASE"


class WrongPassphrase(KnownError):
    """The passphrase (or recovery key) does not open this database: nothing is damaged."""


class NotEncrypted(KnownError):
    """The operation needs an encrypted database."""


def is_encrypted(path: Path | str) -> bool:
    """True when `path` is an encrypted database (its sidecar beside it, no plain header)."""
    db_path = Path(path)
    return _sidecar(db_path).is_file() and dbconnect.looks_encrypted(db_path)


def is_unlocked(path: Path | str) -> bool:
    return dbconnect.registered_key(Path(path)) is not None


def unlock(path: Path | str, passphrase: str) -> None:
    """Open the key with `passphrase` and register it; WrongPassphrase if it does not fit."""
    db_path = Path(path)
    dbconnect.register(db_path, _data_key(db_path, passphrase))


def unlock_with_recovery_key(path: Path | str, recovery_key: str, new_passphrase: str) -> None:
    """Open the key with the recovery key, set `new_passphrase`, and register the key."""
    db_path = Path(path)
    _refuse_weak(new_passphrase)
    body = _sidecar_body(db_path)
    try:
        keys = keyfile.open_with_recovery(body, recovery_key)
    except keyfile.BadRecoveryKey as exc:
        raise WrongPassphrase(_("This recovery key has a typo: check every group of "
                                "letters and try again."), path=db_path) from exc
    except keyfile.BadUnwrap as exc:
        raise WrongPassphrase(_("This is not the recovery key of {path}. Nothing was "
                                "changed.").format(path=db_path), path=db_path) from exc
    _write_sidecars(db_path, keyfile.with_passphrase(body, keys.data_key, new_passphrase))
    dbconnect.register(db_path, keys.data_key)


def enable(path: Path | str, passphrase: str) -> str:
    """Encrypt the plain database at `path` in one atomic step; returns the recovery key
    text, to show once. The database must not be open anywhere."""
    from facilitator_app.encryption_convert import encrypt_file

    db_path = Path(path)
    _refuse_weak(passphrase)
    if is_encrypted(db_path):
        raise KnownError(_("{path} is already encrypted.").format(path=db_path), path=db_path)
    keys = keyfile.new_keys()
    encrypt_file(db_path, keys, passphrase)
    return keyfile.format_recovery_key(keys.recovery)


def disable(path: Path | str, passphrase: str) -> None:
    """Decrypt the database at `path` back to a plain file, in one atomic step (or finish
    an interrupted one: the file already plain, copies or the key file left)."""
    from facilitator_app.encryption_convert import decrypt_file

    db_path = Path(path)
    data_key = _data_key(db_path, passphrase, finishing=True)
    decrypt_file(db_path, data_key)
    dbconnect.forget(db_path)


def change_passphrase(path: Path | str, old: str, new: str) -> None:
    """Wrap the same data key under `new` (the database itself is not rewritten)."""
    db_path = Path(path)
    _refuse_weak(new)
    body = _sidecar_body(db_path)
    data_key = _data_key(db_path, old)
    _write_sidecars(db_path, keyfile.with_passphrase(body, data_key, new))


def lock(path: Path | str) -> None:
    """Forget the key: the database cannot be opened again until unlocked."""
    dbconnect.forget(Path(path))


def passphrase_problem(passphrase: str) -> str | None:
    """Why `passphrase` cannot be used (translated), or None when it is fine."""
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        return _("The passphrase is too short: use at least {count} characters, for "
                 "example a few words.").format(count=MIN_PASSPHRASE)
    if len(set(passphrase)) < 4:
        return _("The passphrase repeats the same few characters: choose something "
                 "harder to guess.")
    return None


def _refuse_weak(passphrase: str) -> None:
    problem = passphrase_problem(passphrase)
    if problem:
        raise KnownError(problem)


def _sidecar(db_path: Path) -> Path:
    """The key file beside the database, or (when it was lost) its copy beside the backups."""
    from facilitator_app.paths import backups_dir

    own = keyfile.sidecar_of(db_path)
    copy = backups_dir(db_path) / own.name
    return copy if not own.is_file() and copy.is_file() else own


def _sidecar_body(db_path: Path, *, finishing: bool = False) -> dict:
    sidecar = _sidecar(db_path)
    if not sidecar.is_file() or not (finishing or dbconnect.looks_encrypted(db_path)):
        raise NotEncrypted(_("{path} is not encrypted.").format(path=db_path), path=db_path)
    try:
        return keyfile.read(sidecar)
    except (OSError, ValueError, KeyError) as exc:
        raise KnownError(_("The key file {file} cannot be read, so {path} cannot be "
                           "unlocked. Use your recovery key after restoring the key file "
                           "from a copy.").format(file=sidecar, path=db_path),
                         details=str(exc), path=db_path) from exc


def _data_key(db_path: Path, passphrase: str, *, finishing: bool = False) -> bytes:
    body = _sidecar_body(db_path, finishing=finishing)
    try:
        return keyfile.open_with_passphrase(body, passphrase)
    except keyfile.BadUnwrap as exc:
        raise WrongPassphrase(_("Wrong passphrase for {path}. The database is fine; try "
                                "again, or use your recovery key.").format(path=db_path),
                              path=db_path) from exc
    except (KeyError, ValueError) as exc:
        raise KnownError(_("The key file of {path} is damaged.").format(path=db_path),
                         details=str(exc), path=db_path) from exc


def _write_sidecars(db_path: Path, body: dict) -> None:
    """The sidecar beside the database, and its copy beside the backups."""
    from facilitator_app.paths import backups_dir

    keyfile.write(keyfile.sidecar_of(db_path), body)
    copy = backups_dir(db_path) / keyfile.sidecar_of(db_path).name
    if copy.parent.is_dir():
        keyfile.write(copy, body)
