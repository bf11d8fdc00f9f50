"""A consistent copy of one workshop's data in its own SQLite file (for archives).

VACUUM INTO copies the live database safely (never a file copy); then everything that
is not this workshop's is deleted with secure_delete on, and so is everything secret or
local to this desk: the workshops' HMAC secrets, every private key (`local_keys`), the
desks this one trusts, pending scrubs, this install's settings (`app_meta`) and the list
of archives made here. The file is vacuumed again so no page keeps any of it.

From an encrypted database the copy is made (and cut down) encrypted with the same key,
then exported as a plain file for the archive, which is then always password-protected
(services.archive), so another desk can open it with the archive's password.
"""

from __future__ import annotations

from pathlib import Path

from facilitator_app import dbconnect
from facilitator_app.store import Store
from facilitator_app.store.meta import LOCAL_TABLES

# Rows of other workshops go with their workshop (ON DELETE CASCADE); these do not.
_KEEP_ONLY_RELATED = (
    "DELETE FROM attendees WHERE id NOT IN (SELECT attendee_id FROM registrations)",
    "DELETE FROM partners WHERE id NOT IN (SELECT to_partner_id FROM introductions "
    "WHERE to_partner_id IS NOT NULL)",
    "DELETE FROM audit_log WHERE subject_kind = 'workshop' AND subject_id != :workshop",
    "DELETE FROM audit_log WHERE subject_kind = 'session' AND subject_id NOT IN "
    "(SELECT id FROM sessions)",
    "DELETE FROM audit_log WHERE subject_kind = 'attendee' AND subject_id NOT IN "
    "(SELECT id FROM attendees)",
    "DELETE FROM audit_log WHERE subject_kind = 'install'",
    "UPDATE workshops SET token_secret = ''",  # never leaves the desk that minted with it
)


def workshop_snapshot(store: Store, workshop_id: str, target: Path) -> list[str]:
    """Write `target` with this workshop only and nothing secret; returns the attendee ids
    it holds."""
    store.db.execute("VACUUM INTO ?", [str(target)])
    conn = dbconnect.connect(target, isolation_level=None)
    try:
        for pragma in ("foreign_keys=ON", "secure_delete=ON", "temp_store=MEMORY"):
            conn.execute(f"PRAGMA {pragma}")
        conn.execute("BEGIN")
        conn.execute("DELETE FROM workshops WHERE id != ?", [workshop_id])
        for statement in _KEEP_ONLY_RELATED:
            conn.execute(statement, {"workshop": workshop_id})
        for table in LOCAL_TABLES:
            conn.execute(f"DELETE FROM {table}")
        conn.execute("COMMIT")
        conn.execute("VACUUM")
        people = [row[0] for row in conn.execute("SELECT id FROM attendees ORDER BY id")]
    finally:
        conn.close()
    key = dbconnect.key_for(target) if dbconnect.looks_encrypted(target) else None
    if key is not None:
        from facilitator_app.encryption_convert import convert

        convert(target, Path(store.path), key, None)
    return people
