"""What every repository shares: the database handle, the clock and id-prefix lookup."""

from __future__ import annotations

from typing import Any

from facilitator_app.clock import Clock, iso
from facilitator_app.errors import NotFoundError
from facilitator_app.i18n import _
from facilitator_app.sql import Connection


class Repository:
    """Base for one aggregate's SQL. Subclasses set `table` and `label`."""

    table: str = ""
    label: str = ""

    def __init__(self, db: Connection, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def now(self) -> str:
        return iso(self.clock())

    def rows(self, sql: str, params: dict[str, Any] | list[Any] | None = None) -> list[dict]:
        cursor = self.db.execute(sql, params or [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def scalar(self, sql: str, params: dict[str, Any] | list[Any] | None = None) -> Any:
        row = self.db.execute(sql, params or []).fetchone()
        return row[0] if row else None

    def resolve(self, id_or_prefix: str, where: str = "1", params: list[Any] | None = None) -> str:
        """The one id that equals or starts with `id_or_prefix`, or a NotFoundError."""
        text = id_or_prefix.strip().lower()
        if not text:
            raise NotFoundError(_("No {what} id was given.").format(what=_(self.label)))
        if self.scalar(f"SELECT 1 FROM {self.table} WHERE id = ? AND {where}",
                       [text, *(params or [])]):
            return text  # the common case: a whole id, found through the primary key
        found = [
            row[0]
            for row in self.db.execute(
                f"SELECT id FROM {self.table} WHERE id >= ? AND id < ? AND {where} LIMIT 2",
                [text, text + "\uffff", *(params or [])],
            ).fetchall()
        ]
        if len(found) == 1:
            return found[0]
        if not found:
            raise NotFoundError(
                _("No {what} has the id {id}.").format(what=_(self.label), id=id_or_prefix)
            )
        raise NotFoundError(
            _("More than one {what} starts with {id}; type more of the id.").format(
                what=_(self.label), id=id_or_prefix
            )
        )
