"""Restore an archive into this install, merging by ids: the union of both desks' data,
idempotent (restoring twice adds nothing), never bringing an erased person back.

Only an archive this desk can authenticate is merged: one it signed itself, or one signed
by a desk it trusts. The first archive of another desk needs the person to have compared
that desk's fingerprint (`trust_signer`), and an unsigned archive of an older version
needs them to accept that anyone could have changed it (`accept_unsigned`). The snapshot
must hold only tables and columns this version knows, and no badge that its workshop's
key did not mint.
"""

from __future__ import annotations

from pathlib import Path

from facilitator_app import dbconnect, keys
from facilitator_app.db import open_database
from facilitator_app.errors import KnownError, RejectedFileError
from facilitator_app.i18n import N_, _
from facilitator_app.scratch import work_folder
from facilitator_app.services import desks
from facilitator_app.services.archive import SNAPSHOT, VerifyResult, check_entry, verify_archive
from facilitator_app.services.archive_zip import open_zip
from facilitator_app.services.merge_checks import (
    check_badges,
    check_migrations,
    check_structure,
)
from facilitator_app.store import Store
from facilitator_app.store.erasure import erase_people

NOT_ERASED = "NOT IN (SELECT attendee_id FROM main.erasures)"
ERASED = "IN (SELECT attendee_id FROM main.erasures)"
# (table, extra condition) in an order that satisfies the foreign keys.
MERGE_ORDER: tuple[tuple[str, str], ...] = (
    ("erasures", ""),
    ("workshops", ""),
    ("badge_keys", ""),
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
    ("online_review", f"(attendee_id IS NULL OR attendee_id {NOT_ERASED})"),
    ("audit_log", ""),
)
# Columns taken otherwise than as they are: a secret never arrives, and an erased person's
# side of an introduction arrives anonymous, without the words that may name them.
_PARTY = f"(from_attendee_id {ERASED} OR to_attendee_id {ERASED})"
OVERRIDES: dict[str, dict[str, str]] = {
    "workshops": {"token_secret": "''"},
    "introductions": {
        "from_attendee_id": f"CASE WHEN from_attendee_id {ERASED} THEN NULL "
                            "ELSE from_attendee_id END",
        "to_attendee_id": f"CASE WHEN to_attendee_id {ERASED} THEN NULL ELSE to_attendee_id END",
        "purpose": f"CASE WHEN {_PARTY} THEN '' ELSE purpose END",
        "note": f"CASE WHEN {_PARTY} THEN '' ELSE note END"},
}
_MORE_TABLES = {"badge_keys": N_("badge keys")}


class UntrustedSignerError(RejectedFileError):
    """Signed by a desk this one has never paired with: compare fingerprints first."""

    def __init__(self, message: str, *, signer: desks.Signer, path: Path) -> None:
        super().__init__(message, path=path)
        self.signer = signer


class UnsignedArchiveError(RejectedFileError):
    """An archive of an older version, which nobody signed."""


def restore_archive(store: Store, path: Path, password: str | None = None, *,
                    trust_signer: str | None = None,
                    accept_unsigned: bool = False) -> dict[str, int]:
    """Verify and authenticate, then merge the archive's workshop; returns rows added per
    table."""
    with work_folder(store.path, "restore") as folder:
        snapshot, signer, _checked = authenticated_snapshot(
            store, path, password, folder, trust_signer=trust_signer,
            accept_unsigned=accept_unsigned)
        added = _merge(store, snapshot, path, signer)
    from facilitator_app.scrub import finish_pending

    finish_pending(store.db, store.path)  # people erased there leave our copies too
    return added


def authenticated_snapshot(store: Store, path: Path, password: str | None, folder: Path, *,
                           trust_signer: str | None = None, accept_unsigned: bool = False,
                           trust_signers: tuple[str, ...] = (),
                           ) -> tuple[Path, desks.Signer | None, VerifyResult]:
    """The archive's workshop database, copied into `folder` once the archive verified and
    this desk authenticated who signed it, then brought up to this version's schema and
    checked to hold only what this version knows. Also the signer to pin (None: nothing
    to pin) and the verification. `trust_signers`: fingerprints any one of which may be
    the archive's (importing many desks' archives at once)."""
    checked = verify_archive(path, password, store=store)
    _refuse_unverified(checked, path)
    trust_signer = trust_signer or _matching(checked, trust_signers)
    signer = _authenticate(store, checked, path, trust_signer, accept_unsigned)
    snapshot = _extract(path, password, folder, checked.manifest)
    check_migrations(snapshot, path)
    _migrate(snapshot, path)
    check_structure(store, snapshot, path)
    return snapshot, signer, checked


def _matching(checked: VerifyResult, fingerprints: tuple[str, ...]) -> str | None:
    """The given fingerprint that is the signer's, else the first (to be refused by name)."""
    if checked.signer is not None:
        for text in fingerprints:
            if keys.as_fingerprint(text) == checked.signer.fingerprint:
                return text
    return fingerprints[0] if fingerprints else None


def _migrate(snapshot: Path, path: Path) -> None:
    """Bring an older snapshot up to this version's schema."""
    try:
        open_database(snapshot, backup_on_open=False, maintain=False).close()
    except KnownError as exc:
        raise RejectedFileError(_("{file}: its workshop data is damaged or is not a CREANDO "
                                  "Desk database; nothing was merged.").format(file=path.name),
                                details=exc.message, path=path) from exc


def _refuse_unverified(checked: VerifyResult, path: Path) -> None:
    if checked.newer:
        raise KnownError(_("{file} was made by a newer version of CREANDO Desk. Update the app "
                           "to restore it.").format(file=path.name),
                         details="; ".join(p["reason"] for p in checked.problems))
    if not checked.ok:
        problems = "; ".join(f"{p['file']}: {p['reason']}" for p in checked.problems[:5])
        raise RejectedFileError(_("{file} failed verification and was not restored: "
                                  "{problems}").format(file=path.name, problems=problems))


def _authenticate(store: Store, checked: VerifyResult, path: Path, trust_signer: str | None,
                  accept_unsigned: bool) -> desks.Signer | None:
    """The signer to pin with this merge (None: nothing to pin), or a refusal."""
    if checked.trust == desks.UNSIGNED:
        if not accept_unsigned:
            raise UnsignedArchiveError(_(
                "{file} is not signed: it was made by an older version of CREANDO Desk, and "
                "anyone who had it could have changed it (added people, badges or "
                "check-ins). Restore it only if it came to you directly from the other "
                "desk, and say so: --accept-unsigned.").format(file=path.name), path=path)
        return None
    signer = checked.signer
    if checked.trust in (desks.THIS_DESK, desks.PINNED):
        return None if checked.trust == desks.THIS_DESK else signer
    wanted = keys.as_fingerprint(trust_signer) if trust_signer else None
    if wanted == signer.fingerprint:
        return signer
    if trust_signer:
        raise RejectedFileError(_(
            "{file} is signed by the desk {desk}, not by {wanted}: it was not restored. "
            "Check the fingerprint on the other desk's screen again.").format(
                file=path.name, desk=signer.label(), wanted=trust_signer), path=path)
    raise UntrustedSignerError(_(
        "{file} is signed by a desk this one does not know yet: {desk}. On that desk, "
        "look up its fingerprint (Archive page, or `creando desk show`); only if it is "
        "the same, restore again and trust it: --trust-signer {fingerprint}.").format(
            file=path.name, desk=signer.label(), fingerprint=signer.fingerprint),
        signer=signer, path=path)


def _extract(path: Path, password: str | None, folder: Path, manifest: dict) -> Path:
    """The snapshot, copied out while its hash is checked again (the file may have changed
    since it was verified: it is on a USB stick)."""
    entry = next((e for e in manifest["files"] if e["path"] == SNAPSHOT), None)
    if entry is None:
        raise RejectedFileError(_("{file} holds no workshop data ({name}).").format(
            file=path.name, name=SNAPSHOT), path=path)
    target = folder / SNAPSHOT
    with open_zip(path, password) as archive, target.open("wb") as out:
        problems = check_entry(archive, set(archive.namelist()), SNAPSHOT, entry, out)
    if problems:
        raise RejectedFileError(_("{file} changed while it was being restored: {problem}")
                                .format(file=path.name, problem=problems[0]["reason"]))
    return target


def _merge(store: Store, snapshot: Path, path: Path,
           signer: desks.Signer | None) -> dict[str, int]:
    conn = store.db.conn
    trusted = conn.execute("PRAGMA trusted_schema").fetchone()[0]
    conn.execute("PRAGMA trusted_schema=OFF")  # nothing of the snapshot's schema runs here
    dbconnect.attach(conn, snapshot, "src")  # keyed right when this desk is encrypted
    try:
        added: dict[str, int] = {}
        with store.transaction():
            check_badges(store, conn, path)
            for table, condition in MERGE_ORDER:
                added[table] = _merge_table(conn, table, condition)
            _forget_erased(store)
            if signer is not None:
                desks.pin(store, signer)
                store.meta.saw_desk(signer.fingerprint)
        return added
    finally:
        conn.execute("DETACH DATABASE src")
        conn.execute(f"PRAGMA trusted_schema={int(trusted)}")


def _merge_table(conn, table: str, condition: str) -> int:
    columns = [row[1] for row in conn.execute(f"PRAGMA main.table_info({table})")]
    theirs = {row[1] for row in conn.execute(f"PRAGMA src.table_info({table})")}
    shared = [c for c in columns if c in theirs]
    chosen = ", ".join(OVERRIDES.get(table, {}).get(c, c) for c in shared)
    where = f"WHERE {condition}" if condition else ""
    # rowcount, not total_changes: the rows this statement added, not those its triggers did
    return conn.execute(f"INSERT OR IGNORE INTO main.{table} ({', '.join(shared)}) SELECT "
                        f"{chosen} FROM src.{table} {where}").rowcount


def _forget_erased(store: Store) -> None:
    """People erased on the other desk are erased here too (and their copies scrubbed)."""
    ids = [row[0] for row in store.db.execute(
        "SELECT id FROM attendees WHERE id IN (SELECT attendee_id FROM erasures)")]
    if erase_people(store.db.conn, ids):
        store.meta.request_scrub("erasure")


def archive_summary(added: dict[str, int]) -> str:
    """What a merge added, table by table, in the current language."""
    from facilitator_app.labels import TABLES, label

    words = {**TABLES, **_MORE_TABLES}
    rows = ", ".join(f"{label(words, table)}: {count}" for table, count in added.items()
                     if count)
    return _("Merged: {rows}.").format(rows=rows) if rows else _("Nothing new: this archive "
                                                                   "was already merged.")
