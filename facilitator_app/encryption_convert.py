"""Plain ⇄ encrypted, in one atomic step: the copy is made beside the database (its work
folder), verified (it opens, `quick_check`, the same rows in every table), synced, and
renamed into place; the sidecar is written before an encrypted file appears and removed
only after the last encrypted copy is gone. Backups and files kept aside are converted
one by one the same way, so an interruption leaves every file whole, in one form or the
other, and the next `enable`/`disable` (or open) finishes the job.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from facilitator_app import dbconnect, keyfile
from facilitator_app.durable import fsync_file, fsync_folder
from facilitator_app.errors import KnownError, mapped_sqlite_errors
from facilitator_app.i18n import _
from facilitator_app.scratch import work_folder

_SIDE = ("-wal", "-shm")


def encrypt_file(db_path: Path, keys: keyfile.KeyFile, passphrase: str) -> None:
    """Encrypt `db_path` (and its copies) with `keys`; a missing or empty file is created
    encrypted, empty."""
    sidecar = keyfile.sidecar_of(db_path)
    keyfile.write(sidecar, keyfile.new_body(keys, passphrase))  # before any encrypted file
    dbconnect.register(db_path, keys.data_key)
    if db_path.exists() and db_path.stat().st_size:
        convert(db_path, db_path, None, keys.data_key)
    else:
        _create_empty(db_path, keys.data_key)
    convert_copies(db_path, keys.data_key, encrypt=True)


def _create_empty(db_path: Path, data_key: bytes) -> None:
    conn = dbconnect.connect(db_path, data_key)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE _creando_new (x)")  # writes the first, encrypted page
        conn.execute("DROP TABLE _creando_new")
        conn.commit()
    finally:
        conn.close()
    fsync_file(db_path)
    fsync_folder(db_path.parent)


def decrypt_file(db_path: Path, data_key: bytes) -> None:
    """Put a plain `db_path` (and copies) in place of the encrypted ones; then drop the key."""
    from facilitator_app.paths import backups_dir

    dbconnect.register(db_path, data_key)
    if dbconnect.looks_encrypted(db_path):
        convert(db_path, db_path, data_key, None)
    convert_copies(db_path, data_key, encrypt=False)
    sidecar = keyfile.sidecar_of(db_path)
    (backups_dir(db_path) / sidecar.name).unlink(missing_ok=True)
    sidecar.unlink(missing_ok=True)
    fsync_folder(db_path.parent)


def convert_copies(db_path: Path, data_key: bytes, *, encrypt: bool) -> list[Path]:
    """Convert every backup and kept-aside file still in the other form; returns them."""
    done = []
    for copy in copies_of(db_path):
        if dbconnect.looks_encrypted(copy) != encrypt:
            with contextlib.suppress(KnownError):  # a damaged copy stays as it is
                convert(copy, db_path, None if encrypt else data_key,
                        data_key if encrypt else None)
                copy.with_suffix(".json").unlink(missing_ok=True)  # its hash changed
                done.append(copy)
    if encrypt:
        _copy_sidecar_beside_backups(db_path)
    return done


def copies_of(db_path: Path) -> list[Path]:
    from facilitator_app.backups import list_backups
    from facilitator_app.restore import replaced_files

    return [b.path for b in list_backups(db_path)] + replaced_files(db_path)


def plain_copies(db_path: Path) -> list[Path]:
    """Copies left plain beside an encrypted database (an interrupted `enable`)."""
    return [copy for copy in copies_of(db_path) if not dbconnect.looks_encrypted(copy)]


def convert(path: Path, db_path: Path, old_key: bytes | None, new_key: bytes | None) -> None:
    """Rewrite `path` from `old_key` to `new_key` (None: plain) through a verified copy."""
    with work_folder(db_path, "encryption") as folder:
        temporary = folder / path.name
        counts = _export(path, temporary, old_key, new_key)
        _verify(temporary, new_key, counts, path)
        fsync_file(temporary)
        for side in _SIDE:
            Path(f"{path}{side}").unlink(missing_ok=True)  # empty: checkpointed, closed
        os.replace(temporary, path)
        fsync_folder(path.parent)


def _export(path: Path, target: Path, old_key: bytes | None,
            new_key: bytes | None) -> dict[str, int]:
    if dbconnect.open_here(path):
        raise _open_elsewhere(path)
    conn = dbconnect.cipher().connect(str(path), isolation_level=None)
    try:
        with mapped_sqlite_errors(path):
            if old_key is not None:
                dbconnect.apply_key(conn, old_key)
            _checkpoint(conn, path)
            counts = _counts(conn)
            dbconnect.attach_keyed(conn, target, "converted", new_key)
            conn.execute("SELECT sqlcipher_export('converted')")
            version = conn.execute("PRAGMA main.user_version").fetchone()[0]
            conn.execute(f"PRAGMA converted.user_version = {int(version)}")
            conn.execute("DETACH DATABASE converted")
    finally:
        conn.close()
    return counts


def _checkpoint(conn, path: Path) -> None:
    """Fold the log into the file and leave WAL mode, which SQLite allows only to the one
    connection that has the file open: so no other window or program still writes to the
    file about to be replaced (its writes would be lost)."""
    try:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except sqlite3.OperationalError:
        mode = "busy"
    if str(mode).lower() != "delete":
        raise _open_elsewhere(path)


def _open_elsewhere(path: Path) -> KnownError:
    return KnownError(_("{path} is open in another window or program. Close it and try "
                        "again.").format(path=path), path=path)


def _counts(conn) -> dict[str, int]:
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")]
    return {name: conn.execute(f'SELECT count(*) FROM main."{name}"').fetchone()[0]
            for name in tables}


def _verify(temporary: Path, key: bytes | None, counts: dict[str, int], path: Path) -> None:
    """The copy opens with its key, passes quick_check and holds the same rows."""
    conn = dbconnect.cipher().connect(str(temporary), isolation_level=None)
    try:
        if key is not None:
            dbconnect.apply_key(conn, key)
        conn.execute("PRAGMA journal_mode=WAL")
        healthy = conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        same = healthy and _counts(conn) == counts
    except sqlite3.Error:
        same = False
    finally:
        conn.close()
    if not same:
        raise KnownError(_("The converted copy of {path} did not check out; {path} was left "
                           "as it was.").format(path=path), path=path)


def _copy_sidecar_beside_backups(db_path: Path) -> None:
    """So a backup folder carried away alone still opens with the passphrase."""
    from facilitator_app.paths import backups_dir

    folder = backups_dir(db_path)
    sidecar = keyfile.sidecar_of(db_path)
    if folder.is_dir() and sidecar.is_file():
        keyfile.write(folder / sidecar.name, keyfile.read(sidecar))
