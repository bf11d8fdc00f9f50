"""What an archive's snapshot must be before anything of it is merged: made by migrations
this version knows, holding only the tables, columns, indexes, views and triggers this
version has (nothing silently dropped, nothing of its own run here), and holding only
badges that its workshop's key minted.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from facilitator_app import dbconnect, keys, tokens
from facilitator_app.dbfile import _read_only_uri
from facilitator_app.errors import KnownError, RejectedFileError
from facilitator_app.i18n import _
from facilitator_app.schema_version import MIGRATION_NAMES, MIGRATION_SET
from facilitator_app.store import Store


def check_migrations(snapshot: Path, path: Path) -> None:
    """The snapshot's own record of migrations: ours, and none newer."""
    try:
        conn = dbconnect.connect(_read_only_uri(snapshot), file=snapshot, uri=True)
        try:
            healthy = conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
            names = [row[0] for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                [MIGRATION_SET])] if healthy else []
        finally:
            conn.close()
    except sqlite3.Error:
        healthy, names = False, []
    if not healthy or not names:
        raise RejectedFileError(_("{file}: its workshop data is damaged or is not a CREANDO "
                                  "Desk database; nothing was merged.").format(file=path.name),
                                path=path)
    newer = [name for name in names if name not in MIGRATION_NAMES]
    if newer:
        raise KnownError(_("{file} was made by a newer version of CREANDO Desk. Update the app "
                           "to restore it.").format(file=path.name), details=", ".join(newer))


def check_structure(store: Store, snapshot: Path, path: Path) -> None:
    """After migrating it: every object of the snapshot is one of ours, exactly."""
    ours = _objects(store.db.conn, "main")
    conn = dbconnect.connect(_read_only_uri(snapshot), file=snapshot, uri=True)
    try:
        theirs = _objects(conn, "main")
        for (kind, name), sql in sorted(theirs.items()):
            if (kind, name) not in ours or (kind != "table" and ours[kind, name] != sql):
                raise _unknown(path, name)
            if kind == "table":
                extra = _columns(conn, name) - _columns(store.db.conn, name)
                if extra:
                    raise _unknown(path, f"{name}.{sorted(extra)[0]}")
    finally:
        conn.close()


def check_badges(store: Store, conn: sqlite3.Connection, path: Path) -> None:
    """Inside the merge, with the snapshot attached as `src`: a workshop keeps the one
    badge key it has, and every badge new to this desk was minted by its workshop's key
    (or, for an older badge, matches the workshop's secret where this desk holds it)."""
    for workshop_id, theirs in conn.execute("SELECT workshop_id, public_key FROM "
                                            "src.badge_keys"):
        ours = store.workshops.badge_key(workshop_id)
        if ours is not None and ours != bytes(theirs):
            raise RejectedFileError(_(
                "{file} gives the workshop {workshop} another badge key ({theirs}) than the "
                "one this desk has ({ours}): its badges were not made by the desk that makes "
                "this workshop's badges. Nothing was merged.").format(
                    file=path.name, workshop=workshop_id, theirs=keys.fingerprint(theirs),
                    ours=keys.fingerprint(ours)), path=path)
    forged = sum(not _genuine(store, conn, workshop_id, token) for token, workshop_id in
                 conn.execute("SELECT token, workshop_id FROM src.badge_tokens WHERE token "
                              "NOT IN (SELECT token FROM main.badge_tokens)").fetchall())
    if forged:
        raise RejectedFileError(_(
            "{file} holds {n} badges that the workshop's key did not make (forged badges). "
            "Nothing was merged; tell whoever runs the desk that made this archive.").format(
                file=path.name, n=forged), path=path)


def _genuine(store: Store, conn: sqlite3.Connection, workshop_id: str, token: str) -> bool:
    if tokens.is_signed(token):
        public_key = store.workshops.badge_key(workshop_id) or _their_key(conn, workshop_id)
        return public_key is not None and tokens.verify_signed(public_key, workshop_id, token)
    if not tokens.looks_like_token(token):
        return False
    secret = store.workshops.hmac_secret(workshop_id)
    return tokens.verify(secret, workshop_id, token) if secret else True


def _their_key(conn: sqlite3.Connection, workshop_id: str) -> bytes | None:
    found = conn.execute("SELECT public_key FROM src.badge_keys WHERE workshop_id = ?",
                         [workshop_id]).fetchone()
    return bytes(found[0]) if found else None


def _objects(conn: sqlite3.Connection, schema: str) -> dict[tuple[str, str], str]:
    return {(row[0], row[1]): " ".join((row[2] or "").split()) for row in conn.execute(
        f"SELECT type, name, sql FROM {schema}.sqlite_master WHERE name NOT LIKE "
        "'sqlite\\_%' ESCAPE '\\'")}


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in conn.execute(f"PRAGMA main.table_info({_quoted(table)})")}


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _unknown(path: Path, name: str) -> KnownError:
    return KnownError(_("{file} holds data this version of CREANDO Desk does not know ({name}): "
                        "it may come from a newer version. Update the app to restore it; "
                        "nothing was merged.").format(file=path.name, name=name[:80]),
                      path=path)
