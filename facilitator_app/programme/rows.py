"""Writing many rows into either engine: insert what is new (by primary key), in batches,
and say how many were new.

SQLite takes an `INSERT OR IGNORE` through the driver's own executemany (SQLAlchemy's
per-row parameter building cost more than the insert); PostgreSQL takes the rows by COPY
into a temporary table, then one `INSERT … SELECT … ON CONFLICT DO NOTHING`. Both count
the rows really added, so a concurrent import of the same rows is counted once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from operator import itemgetter

from sqlalchemy import Connection, Table, any_, bindparam, select
from sqlalchemy.dialects.postgresql import ARRAY

BATCH = 5000
IN_CHUNK = 900  # under SQLite's bound-parameter limit
ARRAY_CHUNK = 20_000  # PostgreSQL: values sent as one array parameter


def chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def dialect_insert(conn: Connection, table: Table):
    """INSERT with ON CONFLICT support for the connection's engine."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def existing(conn: Connection, column, values: Iterable) -> set:
    """Which of `values` are already in `column`."""
    return {row[0] for row in matching(conn, column, values, column)}


def matching(conn: Connection, column, values: Iterable, *wanted) -> list[tuple]:
    """The `wanted` columns of the rows whose `column` is one of `values`, the values sent
    as one parameter per chunk (an array; in SQLite a JSON list), not a placeholder each."""
    values = list(dict.fromkeys(v for v in values if v is not None))
    found: list[tuple] = []
    if conn.dialect.name == "postgresql":
        given = bindparam("given", type_=ARRAY(column.type))
        statement = select(*wanted).where(column == any_(given))
        for part in chunks(values, ARRAY_CHUNK):
            found.extend(tuple(row) for row in conn.execute(statement, {"given": list(part)}))
        return found
    listed = ", ".join(f'"{c.name}"' for c in wanted)
    statement = (f'SELECT {listed} FROM "{column.table.name}" WHERE "{column.name}" IN '
                 "(SELECT value FROM json_each(?))")
    for part in chunks(values, ARRAY_CHUNK):
        found.extend(tuple(row) for row in conn.exec_driver_sql(
            statement, (json.dumps(list(part)),)))
    return found


def insert_new(conn: Connection, table: Table, rows: list[dict]) -> int:
    """Insert the rows whose key is not there yet; returns how many were added."""
    if not rows:
        return 0
    names = [column.name for column in table.columns]
    values = _tuples(table, names, rows)
    if conn.dialect.name == "postgresql":
        return _copy_new(conn, table, names, values)
    quoted = ", ".join(f'"{name}"' for name in names)
    statement = (f'INSERT OR IGNORE INTO "{table.name}" ({quoted}) VALUES '
                 f"({', '.join('?' * len(names))})")
    return sum(conn.exec_driver_sql(statement, list(part)).rowcount
               for part in chunks(values, BATCH))


def _tuples(table: Table, names: list[str], rows: list[dict]) -> list[tuple]:
    """Each row's values in column order, a column a row leaves out taking its default."""
    wanted = set(names)
    if all(row.keys() >= wanted for row in rows):
        pick = itemgetter(*names)
        return [pick(row) for row in rows] if len(names) > 1 else [(r[names[0]],) for r in rows]
    defaults = {c.name: c.default.arg if c.default is not None and c.default.is_scalar
                else None for c in table.columns}
    return [tuple(row.get(name, defaults[name]) for name in names) for row in rows]


def _copy_new(conn: Connection, table: Table, names: list[str],
              values: list[tuple]) -> int:
    """PostgreSQL: COPY into a temporary copy of the table, then keep what is new."""
    loading = f"programme_load_{table.name}"
    quoted = ", ".join(f'"{name}"' for name in names)
    conn.exec_driver_sql(f'CREATE TEMPORARY TABLE IF NOT EXISTS "{loading}" '
                         f'(LIKE "{table.name}") ON COMMIT DELETE ROWS')
    conn.exec_driver_sql(f'TRUNCATE "{loading}"')
    cursor = conn.connection.driver_connection.cursor()
    try:
        with cursor.copy(f'COPY "{loading}" ({quoted}) FROM STDIN') as copy:
            for row in values:
                copy.write_row(row)
    finally:
        cursor.close()
    return conn.exec_driver_sql(
        f'INSERT INTO "{table.name}" ({quoted}) SELECT {quoted} FROM "{loading}" '
        f"ON CONFLICT DO NOTHING").rowcount
