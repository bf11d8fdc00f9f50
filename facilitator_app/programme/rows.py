"""Writing many rows into either engine: insert what is new (by primary key), in batches."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import Connection, Table, select

BATCH = 5000
IN_CHUNK = 900  # under SQLite's bound-parameter limit, also fine for PostgreSQL


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
    values = list(dict.fromkeys(v for v in values if v is not None))
    found: set = set()
    for part in chunks(values, IN_CHUNK):
        found.update(conn.scalars(select(column).where(column.in_(part))))
    return found


def insert_new(conn: Connection, table: Table, rows: list[dict], key: str = "id") -> int:
    """Insert the rows whose `key` is not there yet (a concurrent import of the same rows
    is ignored too); returns how many were new."""
    have = existing(conn, table.c[key], (row[key] for row in rows))
    fresh = [row for row in rows if row[key] not in have]
    insert_ignoring(conn, table, fresh)
    return len(fresh)


def insert_ignoring(conn: Connection, table: Table, rows: list[dict]) -> None:
    if not rows:
        return
    statement = dialect_insert(conn, table).on_conflict_do_nothing()
    for part in chunks(rows, BATCH):
        conn.execute(statement, list(part))
