"""Append-only migrations of the programme database, the same steps on both engines.

Each step runs once, in order, inside the transaction that records it in
`programme_migrations`; a database that knows a step this version does not was made by a
newer version and is refused, never changed.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, select, text

from facilitator_app.clock import iso, system_clock
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.programme import schema

Step = Callable[[Connection], None]


def _0001_programme(conn: Connection) -> None:
    """Every table of the first programme database."""
    schema.metadata.create_all(conn, checkfirst=True)


# What a reader role may see (README: a role that sees aggregates only): people reached
# per workshop and month, rows of fewer than 5 people left out, no person-level row.
_REACH_BY_MONTH = """
CREATE VIEW reach_by_month AS
SELECT s.month AS month, s.workshop_id AS workshop_id,
       COUNT(DISTINCT a.person_id) AS people,
       COUNT(DISTINCT CASE WHEN att.in_room = TRUE THEN a.person_id END) AS in_room,
       COUNT(DISTINCT CASE WHEN att.online_minutes >= s.min_online_minutes
                           THEN a.person_id END) AS online
FROM attendance att
JOIN sessions s ON s.id = att.session_id
JOIN attendees a ON a.id = att.attendee_id
WHERE att.in_room = TRUE OR att.online_minutes >= s.min_online_minutes
GROUP BY s.month, s.workshop_id
HAVING COUNT(DISTINCT a.person_id) >= 5
"""


def _0002_reach_by_month(conn: Connection) -> None:
    """The aggregate view a reader role is granted."""
    conn.execute(text(_REACH_BY_MONTH))


STEPS: tuple[tuple[str, Step], ...] = (
    ("0001_programme", _0001_programme),
    ("0002_reach_by_month", _0002_reach_by_month),
)


def migrate(conn: Connection) -> list[str]:
    """Apply the steps not applied yet; returns their names."""
    tables = inspect(conn).get_table_names()
    if schema.migrations.name not in tables:
        if tables:  # a desk's database, or another program's: never written into
            raise KnownError(_("This database holds other data, not a programme: {tables}. "
                               "Give the programme its own database.").format(
                                   tables=", ".join(sorted(tables)[:5])))
        schema.migrations.create(conn)
    done = set(conn.scalars(select(schema.migrations.c.name)))
    known = {name for name, _step in STEPS}
    if done - known:
        raise KnownError(_("This programme database was made by a newer version of CREANDO "
                           "Desk ({steps}). Update the app to use it.").format(
                               steps=", ".join(sorted(done - known))))
    applied = []
    for name, step in STEPS:
        if name not in done:
            step(conn)
            conn.execute(schema.migrations.insert().values(name=name,
                                                           applied_at=iso(system_clock())))
            applied.append(name)
    return applied
