"""Per-install facts: this desk's id and name, the keys that never leave it, the desks
whose archives it trusts, erasures still being scrubbed, and the audit log.

`local_keys`, `trusted_desks`, `scrub_pending`, `app_meta`, `archives_made` and the
exports log belong to this install alone: a workshop snapshot never carries them and a
merge never reads them.
"""

from __future__ import annotations

import json
import time
from typing import Any

from facilitator_app.ids import uuid7
from facilitator_app.store.base import Repository

# This desk's own: never in a snapshot, never merged (exports_log: what left this computer).
LOCAL_TABLES = ("local_keys", "trusted_desks", "scrub_pending", "app_meta", "archives_made",
                "exports_log")


class MetaRepository(Repository):
    table = "app_meta"

    def get(self, key: str) -> str | None:
        return self.scalar("SELECT value FROM app_meta WHERE key = ?", [key])

    def set(self, key: str, value: str) -> None:
        self.db.execute("INSERT INTO app_meta (key, value) VALUES (?, ?) ON CONFLICT (key) "
                        "DO UPDATE SET value = excluded.value", [key, value])

    def desk_id(self) -> str:
        return self.get("desk_id") or ""

    def desk_name(self) -> str:
        return self.get("desk_name") or ""

    def local_key(self, kind: str, ref: str = "") -> bytes | None:
        """A private key of this install ('desk', or 'mint' for a workshop id)."""
        found = self.scalar("SELECT private_key FROM local_keys WHERE kind = ? AND ref = ?",
                            [kind, ref])
        return bytes(found) if found is not None else None

    def add_local_key(self, kind: str, ref: str, private_key: bytes) -> None:
        self.db.execute("INSERT INTO local_keys (kind, ref, private_key, created_at) "
                        "VALUES (?, ?, ?, ?)", [kind, ref, private_key, self.now()])

    def trusted_desks(self) -> list[dict]:
        """The desks whose archives this desk accepts, oldest pairing first."""
        return self.rows("SELECT fingerprint, public_key, desk_id, desk_name, pinned_at, "
                         "last_archive_at FROM trusted_desks ORDER BY pinned_at, fingerprint")

    def trusted_desk(self, fingerprint: str) -> dict | None:
        found = self.rows("SELECT fingerprint, public_key, desk_id, desk_name FROM "
                          "trusted_desks WHERE fingerprint = ?", [fingerprint])
        return found[0] if found else None

    def pin_desk(self, fingerprint: str, public_key: bytes, desk_id: str,
                 desk_name: str) -> None:
        self.db.execute(
            "INSERT INTO trusted_desks (fingerprint, public_key, desk_id, desk_name, pinned_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (fingerprint) DO UPDATE SET "
            "desk_id = excluded.desk_id, desk_name = excluded.desk_name",
            [fingerprint, public_key, desk_id, desk_name, self.now()])

    def saw_desk(self, fingerprint: str) -> None:
        self.db.execute("UPDATE trusted_desks SET last_archive_at = ? WHERE fingerprint = ?",
                        [self.now(), fingerprint])

    def forget_desk(self, fingerprint: str) -> bool:
        return self.db.execute("DELETE FROM trusted_desks WHERE fingerprint = ?",
                               [fingerprint]).rowcount > 0

    def request_scrub(self, reason: str) -> None:
        """Record, inside the caller's transaction, that copies must be scrubbed (wall-clock
        time: the copies' names carry real times, whatever clock the store runs on)."""
        self.db.execute("INSERT INTO scrub_pending (id, reason, requested_ns) VALUES (?, ?, ?)",
                        [uuid7(), reason, time.time_ns()])

    def pending_scrubs(self) -> list[dict]:
        return self.rows("SELECT id, reason, requested_ns, attempts FROM scrub_pending "
                         "ORDER BY requested_ns")

    def audit(self, action: str, subject_kind: str, subject_id: str, **detail: Any) -> None:
        """Record that something happened, without personal data in `detail`."""
        self.db.execute(
            "INSERT INTO audit_log (id, at, action, subject_kind, subject_id, detail) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [uuid7(), self.now(), action, subject_kind, subject_id, json.dumps(detail)],
        )
