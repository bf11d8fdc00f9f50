"""Agendas of sessions, agenda templates, the log of modules delivered or skipped, the
minimum time a session counts a module as delivered, and its breakout rooms."""

from __future__ import annotations

import json

from facilitator_app.i18n import N_
from facilitator_app.ids import uuid7
from facilitator_app.store.base import Repository

ITEM_FIELDS = ("kind", "deck_id", "module_id", "title", "minutes")
DELIVERED, SKIPPED = "delivered", "skipped"


class AgendaRepository(Repository):
    table = "agenda_templates"
    label = N_("agenda template")

    def items(self, session_id: str) -> list[dict]:
        return self.rows(f"SELECT {', '.join(ITEM_FIELDS)} FROM agenda_items WHERE "
                         "session_id = ? ORDER BY position", [session_id])

    def replace_items(self, session_id: str, items: list[dict]) -> None:
        self.db.execute("DELETE FROM agenda_items WHERE session_id = ?", [session_id])
        for position, item in enumerate(items):
            self.db.execute(
                "INSERT INTO agenda_items (id, session_id, position, kind, deck_id, module_id, "
                "title, minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [uuid7(), session_id, position, *(item[name] for name in ITEM_FIELDS)])

    def save_template(self, name: str, items: list[dict]) -> None:
        self.db.execute(
            "INSERT INTO agenda_templates (id, name, items, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET items = excluded.items",
            [uuid7(), name.strip(), json.dumps(items, ensure_ascii=False), self.now()])

    def templates(self) -> list[dict]:
        rows = self.rows("SELECT id, name, items FROM agenda_templates ORDER BY name")
        for row in rows:
            row["items"] = json.loads(row["items"])
        return rows

    def record_delivery(self, session_id: str, item: dict, started_at: str, ended_at: str,
                        useful_yes: int | None, useful_no: int | None,
                        status: str = DELIVERED) -> str:
        new_id = uuid7()
        self.db.execute(
            "INSERT INTO module_deliveries (id, session_id, deck_id, module_id, title, "
            "planned_minutes, started_at, ended_at, useful_yes, useful_no, status) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [new_id, session_id, item["deck_id"], item["module_id"], item["title"],
             item["minutes"], started_at, ended_at, useful_yes, useful_no, status])
        return new_id

    def deliveries(self, session_id: str) -> list[dict]:
        """The modules taught: passes that reached the minimum time (never the skipped)."""
        return self.rows("SELECT * FROM module_deliveries WHERE session_id = ? AND "
                         "status = 'delivered' ORDER BY started_at, id", [session_id])

    def delivery_log(self, session_id: str) -> list[dict]:
        """Every pass of a module, delivered or skipped, in the order they ran."""
        return self.rows("SELECT * FROM module_deliveries WHERE session_id = ? "
                         "ORDER BY started_at, id", [session_id])

    def delivery_minimum(self, session_id: str) -> tuple[int | None, int | None]:
        """The session's own (minutes, percent of the plan); None where it has none."""
        row = self.db.execute("SELECT delivered_min_minutes, delivered_min_percent FROM "
                              "sessions WHERE id = ?", [session_id]).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def set_delivery_minimum(self, session_id: str, minutes: int | None,
                             percent: int | None) -> None:
        self.db.execute("UPDATE sessions SET delivered_min_minutes = ?, "
                        "delivered_min_percent = ? WHERE id = ?", [minutes, percent, session_id])

    def breakout_rooms(self, session_id: str) -> list[tuple[str, str]]:
        """(room name, attendee id) in the planned order."""
        return [(row[0], row[1]) for row in self.db.execute(
            "SELECT room, attendee_id FROM breakout_rooms WHERE session_id = ? "
            "ORDER BY position", [session_id])]

    def replace_breakout_rooms(self, session_id: str, rooms: list[tuple[str, list[str]]]) -> None:
        self.db.execute("DELETE FROM breakout_rooms WHERE session_id = ?", [session_id])
        position = 0
        for room, people in rooms:
            for attendee_id in people:
                self.db.execute(
                    "INSERT INTO breakout_rooms (id, session_id, room, position, attendee_id, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                    [uuid7(), session_id, room, position, attendee_id, self.now()])
                position += 1
