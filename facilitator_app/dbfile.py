"""What a path holds, looked at without changing a byte of it: nothing, a folder, a
CREANDO Desk database, another program's SQLite database, a damaged one, an encrypted one
that needs its passphrase, or another file.

An encrypted file has no SQLite header but a key file beside it (`<db>.keys`, or one in
the folder of a backup); once unlocked it is looked at like any other, with its key.

Only read-only connections are used here, so a file that is not ours is never modified.
"""

from __future__ import annotations

import sqlite3
from enum import Enum
from pathlib import Path
from urllib.parse import quote

from facilitator_app import dbconnect
from facilitator_app.errors import KnownError, classify_sqlite_error, sqlite_known_error
from facilitator_app.i18n import _
from facilitator_app.schema_version import MIGRATION_SET

SQLITE_MAGIC = b"SQLite format 3\x00"
HEAD_BYTES = 4096
BUSY_TIMEOUT_S = 5.0
# Signatures of files people pick by mistake (PNG, JPEG, GIF, PDF, zip/xlsx/docx, gzip,
# old Office, RTF, 7z, rar): such a file is never taken for a damaged database.
_OTHER_FORMATS = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04",
                  b"PK\x05\x06", b"\x1f\x8b", b"\xd0\xcf\x11\xe0", b"{\\rtf", b"7z\xbc\xaf",
                  b"Rar!")


class FileKind(Enum):
    MISSING = "missing"        # nothing there yet: a new database is created
    EMPTY = "empty"            # 0 bytes
    BLANK = "blank"            # an SQLite database without any table
    CREANDO = "creando"        # an SQLite database with CREANDO Desk's migrations
    FOREIGN = "foreign"        # an SQLite database with another program's tables
    DAMAGED = "damaged"        # an SQLite file that fails its check or cannot be read
    NOT_SQLITE = "not_sqlite"  # any other file (text, a photo, a spreadsheet, garbage)
    ENCRYPTED = "encrypted"    # an encrypted database whose key is not unlocked yet
    FOLDER = "folder"


def inspect_file(path: Path) -> FileKind:
    """Tell what `path` holds. An unreadable or busy file is a KnownError, not 'damaged'."""
    try:
        if path.is_dir():
            return FileKind.FOLDER
        if not path.exists():
            return FileKind.MISSING
        if not path.is_file():
            return FileKind.NOT_SQLITE
        head = read_head(path)
    except OSError as exc:
        raise KnownError(_("{path} cannot be read ({error}). Check that you may read it.")
                         .format(path=path, error=exc.strerror or exc), path=path) from exc
    if not head:
        return FileKind.EMPTY
    if not head.startswith(SQLITE_MAGIC):
        return _inspect_encrypted(path)
    return _inspect_sqlite(path, head)


def has_key_file(path: Path) -> bool:
    """A key file beside `path` or beside its folder (where encrypted copies keep one)."""
    from facilitator_app.keyfile import SUFFIX, sidecar_of

    if sidecar_of(path).is_file():
        return True
    return any(folder.is_dir() and any(folder.glob(f"*{SUFFIX}"))
               for folder in (path.parent, path.parent.parent))


def _inspect_encrypted(path: Path) -> FileKind:
    """No SQLite header: an encrypted database (locked, or looked at with its key), or
    a file that is not a database at all."""
    if dbconnect.key_for(path) is not None:
        try:
            return _look(path, immutable=False)
        except sqlite3.DatabaseError as exc:
            if classify_sqlite_error(exc) not in (None, "corrupt"):
                raise sqlite_known_error(exc, path) from exc
            return FileKind.DAMAGED
    return FileKind.ENCRYPTED if has_key_file(path) else FileKind.NOT_SQLITE


def read_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(size)


def could_be_a_damaged_database(path: Path) -> bool:
    """A non-SQLite file that may be a database whose first page was destroyed: its size
    is whole pages, its start is binary (a text file has no zero bytes) and it is not a
    photo, document or archive."""
    try:
        size = path.stat().st_size
        head = read_head(path)
    except OSError:
        return False
    return (size % 512 == 0 and b"\x00" in head
            and not any(head.startswith(magic) for magic in _OTHER_FORMATS))


def quick_check(path: Path) -> bool:
    """True when `path` is an SQLite database that passes `PRAGMA quick_check`."""
    try:
        conn = dbconnect.connect(_read_only_uri(path), file=path, uri=True,
                                 timeout=BUSY_TIMEOUT_S)
        try:
            return conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        return False


def _inspect_sqlite(path: Path, head: bytes) -> FileKind:
    """Schema and `quick_check`, read-only. A WAL-mode file that nobody has open (no `-wal`)
    is first read as immutable, which creates no `-wal`/`-shm` beside another program's
    file; only a healthy or foreign answer is taken from that unlocked read, anything else
    is looked at again with a locked read-only connection."""
    if head[18:20] == b"\x02\x02" and not path.with_name(path.name + "-wal").exists():
        try:
            kind = _look(path, immutable=True)
        except sqlite3.Error:
            kind = FileKind.DAMAGED
        if kind is not FileKind.DAMAGED:
            return kind
    try:
        return _look(path, immutable=False)
    except sqlite3.DatabaseError as exc:
        if classify_sqlite_error(exc) not in (None, "corrupt"):
            raise sqlite_known_error(exc, path) from exc  # busy, unreadable: not damage
        return FileKind.DAMAGED
    except sqlite3.Error as exc:
        raise sqlite_known_error(exc, path) from exc


def _look(path: Path, *, immutable: bool) -> FileKind:
    uri = _read_only_uri(path) + ("&immutable=1" if immutable else "")
    conn = dbconnect.connect(uri, file=path, uri=True, timeout=BUSY_TIMEOUT_S)
    try:
        kind = _schema_kind(conn)
        if kind is FileKind.FOREIGN:
            return kind  # not ours: whether it is healthy is not our business
        healthy = conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    return kind if healthy else FileKind.DAMAGED


def _schema_kind(conn: sqlite3.Connection) -> FileKind:
    """CREANDO when our migrations were applied; BLANK when there is nothing at all (or
    only the empty record of migrations an interrupted first open left); else FOREIGN."""
    names = {row[0] for row in conn.execute(
        "SELECT tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")}
    sets: set[str] = set()
    if "_sqlite_migrations" in names:
        try:
            sets = {row[0] for row in conn.execute(
                "SELECT DISTINCT migration_set FROM _sqlite_migrations")}
        except sqlite3.OperationalError as exc:
            if "no such column" not in str(exc):
                raise
            sets = {""}  # another program's table of the same name
    if MIGRATION_SET in sets:
        return FileKind.CREANDO
    if not sets and names <= {"_sqlite_migrations"}:
        return FileKind.BLANK
    return FileKind.FOREIGN


def _read_only_uri(path: Path) -> str:
    """A `file:` URI opening `path` read-only. Names with `#`, `?`, `%` or spaces are
    escaped; the authority stays empty, so Windows drive and network paths work too."""
    posix = path.resolve().as_posix()
    return "file://" + quote(posix if posix.startswith("/") else "/" + posix,
                             safe="/:") + "?mode=ro"
