"""The one way the app opens an SQLite file: plain sqlite3, or SQLCipher with the key.

The key of an unlocked database is kept for the process in a registry, by the database's
resolved path and by its key id, so every copy the app makes (backups, files kept aside,
snapshots, scratch copies) opens through the same `connect` without passing keys around.
SQLCipher's errors are made subclasses of sqlite3's so every `except sqlite3.…` holds.
"""

from __future__ import annotations

import json
import sqlite3
import weakref
from pathlib import Path
from typing import Any

SQLITE_MAGIC = b"SQLite format 3\x00"
_BY_PATH: dict[str, bytes] = {}
_BY_ID: dict[str, bytes] = {}
_OPENED: dict[str, weakref.WeakSet] = {}  # connections made here, by file
_ERRORS = ("InterfaceError", "DatabaseError", "DataError", "OperationalError",
           "IntegrityError", "InternalError", "ProgrammingError", "NotSupportedError")
_cipher: Any = None


def cipher() -> Any:
    """The sqlcipher3 DB-API module, loaded on first use (the plain path never loads it)."""
    global _cipher
    if _cipher is None:
        from sqlcipher3 import dbapi2

        for name in _ERRORS:
            ours, theirs = getattr(dbapi2, name), getattr(sqlite3, name)
            if not issubclass(ours, theirs):
                ours.__bases__ = (*ours.__bases__, theirs)
        _cipher = dbapi2
    return _cipher


def _key_name(path: Path | str) -> str:
    return str(Path(path).resolve())


def register(db_path: Path, data_key: bytes) -> None:
    """Remember the data key of the unlocked database at `db_path`."""
    from facilitator_app.keyfile import key_id

    _BY_PATH[_key_name(db_path)] = data_key
    _BY_ID[key_id(data_key)] = data_key


def forget(db_path: Path) -> None:
    from facilitator_app.keyfile import key_id

    key = _BY_PATH.pop(_key_name(db_path), None)
    if key is not None and key not in _BY_PATH.values():
        _BY_ID.pop(key_id(key), None)


def registered_key(db_path: Path | str) -> bytes | None:
    return _BY_PATH.get(_key_name(db_path))


def looks_encrypted(path: Path | str) -> bool:
    """A non-empty file without SQLite's header (what SQLCipher writes)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError:
        return False
    return bool(head) and not head.startswith(SQLITE_MAGIC)


def key_for(path: Path | str) -> bytes | None:
    """The key that opens `path`: its own, or that of a sidecar beside it or up to two
    folders above (backups, files kept aside, scratch copies), once that one is unlocked."""
    own = registered_key(path)
    if own is not None:
        return own
    file = Path(path)
    for folder in (file.parent, file.parent.parent, file.parent.parent.parent):
        try:
            sidecars = sorted(folder.glob("*.keys"))
        except OSError:
            continue
        for sidecar in sidecars:
            key = _key_of_sidecar(sidecar)
            if key is not None:
                return key
    return None


def _key_of_sidecar(sidecar: Path) -> bytes | None:
    try:
        body = json.loads(sidecar.read_text(encoding="utf-8"))
        return _BY_ID.get(str(body.get("key_id")))
    except (OSError, ValueError, AttributeError):
        return None


def connect(target: Path | str, key: bytes | None = None, *, file: Path | str | None = None,
            **kwargs: Any) -> sqlite3.Connection:
    """Open `target` (a path or a `file:` URI; `file` names the file behind a URI). With a
    key given, or a registered one when the file is encrypted, SQLCipher is used and the
    key applied before anything else; otherwise plain sqlite3."""
    where = file if file is not None else target
    if key is None and str(where) != ":memory:":
        key = registered_key(where)
        if key is None and looks_encrypted(where):
            key = key_for(where)
    if key is None:
        conn = sqlite3.connect(target, factory=_Plain, **kwargs)
    else:
        conn = cipher().connect(str(target), factory=_keyed_class(), **kwargs)
        apply_key(conn, key)
    if str(where) != ":memory:":
        _OPENED.setdefault(_key_name(where), weakref.WeakSet()).add(conn)
    return conn


class _Plain(sqlite3.Connection):
    """A plain connection that can be weakly referenced (open_here)."""


_KEYED: list[type] = []


def _keyed_class() -> type:
    if not _KEYED:
        _KEYED.append(type("_Keyed", (cipher().Connection,), {}))
    return _KEYED[0]


def open_here(path: Path | str) -> int:
    """How many connections this process made to `path` are still open (SQLite's locks
    do not tell connections of one process apart)."""
    count = 0
    for conn in list(_OPENED.get(_key_name(path), ())):
        try:
            conn.in_transaction  # noqa: B018 - raises on a closed connection
        except (sqlite3.ProgrammingError, cipher_errors()):
            continue
        count += 1
    return count


def cipher_errors() -> type[Exception]:
    return cipher().ProgrammingError if _cipher is not None else sqlite3.ProgrammingError


def apply_key(conn: Any, key: bytes) -> None:
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")


def attach_keyed(conn: Any, path: Path, alias: str, key: bytes | None) -> None:
    """ATTACH `path` as `alias` with `key` (None: a plain file)."""
    literal = f"x'{key.hex()}'" if key is not None else ""
    conn.execute(f"ATTACH DATABASE ? AS {alias} KEY \"{literal}\"", [str(path)])


def attach(conn: Any, path: Path, alias: str) -> None:
    """ATTACH `path` as `alias`, keyed as that file needs: on a SQLCipher connection a
    bare ATTACH would assume the main database's key and fail on a plain file (or on one
    with another key)."""
    if isinstance(conn, sqlite3.Connection):  # plain SQLite: no KEY clause
        conn.execute(f"ATTACH DATABASE ? AS {alias}", [str(path)])
    else:
        attach_keyed(conn, path, alias, key_for(path) if looks_encrypted(path) else None)
