"""A workshop as one verifiable zip: its own SQLite snapshot, its reports and handouts as
generated then, and manifest.json with the size and SHA-256 of every file. Optionally
encrypted (AES, with pyzipper). File names inside never name a person."""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from facilitator_app import app_version
from facilitator_app.clock import iso
from facilitator_app.errors import KnownError, RejectedFileError
from facilitator_app.i18n import _
from facilitator_app.ids import uuid7
from facilitator_app.schema_version import MIGRATION_NAMES
from facilitator_app.services.snapshot import workshop_snapshot
from facilitator_app.store import Store

MANIFEST = "manifest.json"
MANIFEST_HASH = "manifest.sha256"  # so a change inside the manifest itself is caught too
SNAPSHOT = "workshop.sqlite"
FORMAT = 1


@dataclass
class VerifyResult:
    ok: bool
    problems: list[dict] = field(default_factory=list)  # {"file": ..., "reason": ...}
    manifest: dict = field(default_factory=dict)


def create_archive(store: Store, workshop_id: str, target: Path, *, made_by: str = "",
                   password: str | None = None) -> Path:
    """Write the archive to `target` (atomically) and remember it was made."""
    workshop = store.workshops.get(workshop_id)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        people = workshop_snapshot(store, workshop.id, root / SNAPSHOT)
        _reports(store, workshop.id, root)
        files = sorted(p for p in root.rglob("*") if p.is_file())
        manifest = {
            "format": FORMAT, "app_version": app_version(), "schema": list(MIGRATION_NAMES),
            "workshop_id": workshop.id, "workshop_title": workshop.title,
            "created_at": iso(store.clock()), "created_by": made_by or store.meta.desk_id(),
            "encrypted": bool(password),
            "files": [{"path": p.relative_to(root).as_posix(), "size": p.stat().st_size,
                       "sha256": _sha256(p.read_bytes())} for p in files],
        }
        text = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        (root / MANIFEST).write_bytes(text)
        (root / MANIFEST_HASH).write_text(_sha256(text) + "\n", encoding="ascii")
        _zip(root, [*files, root / MANIFEST, root / MANIFEST_HASH], target, password)
    with store.transaction():
        store.db.execute("INSERT INTO archives_made (id, workshop_id, path, created_at, "
                         "attendee_ids) VALUES (?, ?, ?, ?, ?)",
                         [uuid7(), workshop.id, str(target.resolve()), iso(store.clock()),
                          json.dumps(people)])
    return target


def _reports(store: Store, workshop_id: str, root: Path) -> None:
    from facilitator_app.services.exports import export

    (root / "reports").mkdir()
    export(store, "report", root / "reports" / "workshop-report.xlsx", workshop=workshop_id)
    export(store, "partner-report", root / "reports" / "partner-report.xlsx",
           workshop=workshop_id)
    for number, session in enumerate(store.sessions.for_workshop(workshop_id), start=1):
        (root / "handouts").mkdir(exist_ok=True)
        export(store, "handout", root / "handouts" / f"session-{number:02d}.pdf",
               session=session.id)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _zip(root: Path, files: list[Path], target: Path, password: str | None) -> None:
    import pyzipper

    from exports.atomic import write_atomically

    def write(temporary: Path) -> None:
        options = {"compression": pyzipper.ZIP_DEFLATED}
        if password:
            options["encryption"] = pyzipper.WZ_AES
        with pyzipper.AESZipFile(temporary, "w", **options) as archive:
            if password:
                archive.setpassword(password.encode())
            for path in files:
                archive.write(path, path.relative_to(root).as_posix())

    write_atomically(target, write)


def _open(path: Path, password: str | None):
    import pyzipper

    from facilitator_app.files import readable_file

    readable_file(path)  # missing or unreadable: said as such, not as "not a valid zip"
    try:
        archive = pyzipper.AESZipFile(path)
    except (OSError, pyzipper.BadZipFile) as exc:
        raise RejectedFileError(_("{file} is not a CREANDO Desk archive (not a valid zip).")
                                .format(file=path.name), path=path) from exc
    if password:
        archive.setpassword(password.encode())
    return archive


def verify_archive(path: Path, password: str | None = None) -> VerifyResult:
    """Every file listed with its size and hash, nothing missing, nothing extra."""
    import pyzipper

    result = VerifyResult(ok=False)
    with _open(path, password) as archive:
        names = set(archive.namelist())
        try:
            raw = archive.read(MANIFEST)
            result.manifest = json.loads(raw)
        except KeyError:
            result.problems.append({"file": MANIFEST, "reason": _("missing")})
            return result
        except RuntimeError as exc:  # encrypted and no (or a wrong) password
            raise KnownError(_("{file} is encrypted: give its password.").format(
                file=path.name), path=path) from exc
        except (ValueError, pyzipper.BadZipFile, OSError) as exc:
            result.problems.append({"file": MANIFEST, "reason": _("unreadable: {error}")
                                    .format(error=exc)})
            return result
        result.problems += _check_manifest(archive, names, raw)
        listed = {entry["path"]: entry for entry in result.manifest.get("files", [])}
        for name, entry in listed.items():
            result.problems += _check_entry(archive, names, name, entry)
        for extra in sorted(names - set(listed) - {MANIFEST, MANIFEST_HASH}):
            result.problems.append({"file": extra, "reason": _("not in the manifest")})
    result.ok = not result.problems
    return result


def _check_manifest(archive, names: set[str], raw: bytes) -> list[dict]:
    if MANIFEST_HASH not in names:
        return [{"file": MANIFEST_HASH, "reason": _("missing")}]
    if archive.read(MANIFEST_HASH).decode("ascii", "replace").strip() != _sha256(raw):
        return [{"file": MANIFEST, "reason": _("content changed (SHA-256 differs)")}]
    return []


def _check_entry(archive, names: set[str], name: str, entry: dict) -> list[dict]:
    import pyzipper

    if name not in names:
        return [{"file": name, "reason": _("missing")}]
    try:
        data = archive.read(name)
    except (pyzipper.BadZipFile, OSError, ValueError) as exc:
        return [{"file": name, "reason": _("damaged: {error}").format(error=exc)}]
    if len(data) != entry.get("size"):
        return [{"file": name, "reason": _("size changed")}]
    if _sha256(data) != entry.get("sha256"):
        return [{"file": name, "reason": _("content changed (SHA-256 differs)")}]
    return []
