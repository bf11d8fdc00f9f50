"""Per-install facts (this desk's id) and the audit log."""

from __future__ import annotations

import json
from typing import Any

from facilitator_app.ids import uuid7
from facilitator_app.store.base import Repository


class MetaRepository(Repository):
    table = "app_meta"

    def get(self, key: str) -> str | None:
        return self.scalar("SELECT value FROM app_meta WHERE key = ?", [key])

    def desk_id(self) -> str:
        return self.get("desk_id") or ""

    def audit(self, action: str, subject_kind: str, subject_id: str, **detail: Any) -> None:
        """Record that something happened, without personal data in `detail`."""
        self.db.execute(
            "INSERT INTO audit_log (id, at, action, subject_kind, subject_id, detail) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [uuid7(), self.now(), action, subject_kind, subject_id, json.dumps(detail)],
        )
