"""Restore an archive into this install, merging by ids: the union of both desks' data,
idempotent (restoring twice adds nothing), never bringing an erased person back."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from facilitator_app.db import open_database
from facilitator_app.errors import KnownError, RejectedFileError
from facilitator_app.i18n import _
from facilitator_app.schema_version import MIGRATION_NAMES
from facilitator_app.services.archive import SNAPSHOT, verify_archive
from facilitator_app.store import Store

NOT_ERASED = "NOT IN (SELECT attendee_id FROM main.erasures)"
# (table, extra condition) in an order that satisfies the foreign keys.
MERGE_ORDER: tuple[tuple[str, str], ...] = (
    ("erasures", ""),
    ("workshops", ""),
    ("sessions", ""),
    ("attendees", f"id {NOT_ERASED}"),
    ("registrations", f"attendee_id {NOT_ERASED}"),
    ("consents", f"attendee_id {NOT_ERASED}"),
    ("partners", ""),
    ("checkin_events", f"attendee_id {NOT_ERASED}"),
    ("introductions", ""),
    ("introduction_followups", ""),
    ("module_deliveries", ""),
    ("agenda_items", "session_id NOT IN (SELECT session_id FROM main.agenda_items)"),
    ("agenda_templates", ""),
    ("badge_tokens", f"attendee_id {NOT_ERASED}"),
    ("online_aliases", f"(attendee_id IS NULL OR attendee_id {NOT_ERASED})"),
    ("online_review", ""),
    ("audit_log", ""),
)


def restore_archive(store: Store, path: Path, password: str | None = None) -> dict[str, int]:
    """Verify, then merge the archive's workshop; returns rows added per table."""
    checked = verify_archive(path, password)
    if not checked.ok:
        problems = "; ".join(f"{p['file']}: {p['reason']}" for p in checked.problems[:5])
        raise RejectedFileError(_("{file} failed verification and was not restored: "
                                  "{problems}").format(file=path.name, problems=problems))
    _refuse_newer(checked.manifest, path)
    with tempfile.TemporaryDirectory() as folder:
        snapshot = _extract(path, password, Path(folder))
        open_database(snapshot, backup_on_open=False).close()  # migrates an older archive
        return _merge(store, snapshot)


def _refuse_newer(manifest: dict, path: Path) -> None:
    unknown = [name for name in manifest.get("schema", []) if name not in MIGRATION_NAMES]
    if unknown:
        raise KnownError(_("{file} was made by a newer version of CREANDO Desk. Update the app "
                           "to restore it.").format(file=path.name), details=", ".join(unknown))


def _extract(path: Path, password: str | None, folder: Path) -> Path:
    from facilitator_app.services.archive import _open

    target = folder / SNAPSHOT
    with _open(path, password) as archive, archive.open(SNAPSHOT) as source, \
            target.open("wb") as out:
        shutil.copyfileobj(source, out)
    return target


def _merge(store: Store, snapshot: Path) -> dict[str, int]:
    conn = store.db.conn
    conn.execute("ATTACH DATABASE ? AS src", [str(snapshot)])
    try:
        added: dict[str, int] = {}
        with store.transaction():
            for table, condition in MERGE_ORDER:
                added[table] = _merge_table(conn, table, condition)
            _forget_erased(conn)
        return added
    finally:
        conn.execute("DETACH DATABASE src")


def _merge_table(conn, table: str, condition: str) -> int:
    columns = [row[1] for row in conn.execute(f"PRAGMA main.table_info({table})")]
    theirs = {row[1] for row in conn.execute(f"PRAGMA src.table_info({table})")}
    shared = ", ".join(c for c in columns if c in theirs)
    where = f"WHERE {condition}" if condition else ""
    before = conn.total_changes
    conn.execute(f"INSERT OR IGNORE INTO main.{table} ({shared}) SELECT {shared} "
                 f"FROM src.{table} {where}")
    return conn.total_changes - before


def _forget_erased(conn) -> None:
    """People erased on the other desk are erased here too."""
    conn.execute("DELETE FROM main.online_review WHERE attendee_id IN "
                 "(SELECT attendee_id FROM main.erasures)")
    conn.execute("DELETE FROM main.attendees WHERE id IN (SELECT attendee_id FROM main.erasures)")


def archive_summary(added: dict[str, int]) -> str:
    """What a merge added, table by table, in the current language."""
    from facilitator_app.labels import TABLES, label

    rows = ", ".join(f"{label(TABLES, table)}: {count}" for table, count in added.items()
                     if count)
    return _("Merged: {rows}.").format(rows=rows) if rows else _("Nothing new: this archive "
                                                                   "was already merged.")

