"""Which schema a database file has, and bringing it up to date.

Reading the applied migrations needs only sqlite3, so an up-to-date file opens without
loading sqlite-utils; `migrations.py` (which needs it) is imported only when there is work.
"""

from __future__ import annotations

import sqlite3

from facilitator_app.schema_version import MIGRATION_NAMES, MIGRATION_SET


def applied_migration_names(conn: sqlite3.Connection) -> list[str]:
    """The migrations the file says were applied, in order."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
    ).fetchone()
    if not exists:
        return []
    return [row[0] for row in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY id",
        [MIGRATION_SET])]


def migrate(conn: sqlite3.Connection) -> list[str]:
    """Apply pending migrations; refuse a file that a newer app has migrated further.

    Returns the names applied (empty when the file was up to date). The KnownError's
    message has a `{path}` placeholder for the caller to fill.
    """
    from facilitator_app.errors import KnownError
    from facilitator_app.i18n import _

    applied = applied_migration_names(conn)
    newer = [name for name in applied if name not in MIGRATION_NAMES]
    if newer:
        raise KnownError(
            _("{path} was made by a newer version of CREANDO Desk. Update the app to open it."),
            details=", ".join(newer),
        )
    pending = [name for name in MIGRATION_NAMES if name not in applied]
    if pending:
        from sqlite_utils import Database

        from facilitator_app.migrations import migrations

        migrations.apply(Database(conn, execute_plugins=False))
    return pending
