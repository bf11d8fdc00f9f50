"""Agendas of sessions, agenda templates and the log of delivered modules."""

from __future__ import annotations

import json

from facilitator_app.i18n import N_
from facilitator_app.ids import uuid7
from facilitator_app.store.base import Repository

ITEM_FIELDS = ("kind", "deck_id", "module_id", "title", "minutes")


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
                        useful_yes: int | None, useful_no: int | None) -> str:
        new_id = uuid7()
        self.db.execute(
            "INSERT INTO module_deliveries (id, session_id, deck_id, module_id, title, "
            "planned_minutes, started_at, ended_at, useful_yes, useful_no) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [new_id, session_id, item["deck_id"], item["module_id"], item["title"],
             item["minutes"], started_at, ended_at, useful_yes, useful_no])
        return new_id

    def deliveries(self, session_id: str) -> list[dict]:
        return self.rows("SELECT * FROM module_deliveries WHERE session_id = ? "
                         "ORDER BY started_at, id", [session_id])
