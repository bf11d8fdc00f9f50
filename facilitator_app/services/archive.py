"""A workshop as one verifiable zip: its own SQLite snapshot (nothing secret in it), its
reports and handouts as generated then, manifest.json with the size and SHA-256 of every
file and the desk that made it, and manifest.sig: that desk's Ed25519 signature of the
exact manifest bytes. Optionally encrypted (AES, with pyzipper); encrypted or not, it is
signed, since a shared password says nothing about who made the file. File names inside
never name a person.

`verify` checks the format and versions, the signature, then every file (streamed, never
past its stated size), and says who signed it and whether this desk trusts that desk.
Archives of format 1 (before signatures) verify by their hashes alone, as unsigned.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from facilitator_app import app_version, keys
from facilitator_app.clock import iso
from facilitator_app.errors import KnownError
from facilitator_app.files import sha256_of
from facilitator_app.i18n import _
from facilitator_app.ids import uuid7
from facilitator_app.schema_version import MIGRATION_NAMES
from facilitator_app.services import desks
from facilitator_app.services.archive_zip import MAX_TOTAL, hash_member, open_zip, read_small
from facilitator_app.services.snapshot import workshop_snapshot
from facilitator_app.store import Store

MANIFEST = "manifest.json"
MANIFEST_HASH = "manifest.sha256"  # kept so older versions still check the manifest
SIGNATURE = "manifest.sig"
SNAPSHOT = "workshop.sqlite"
FORMAT = 2
SIGNED_FROM = 2
_SIGNED_CONTEXT = b"creando-archive-v2\n"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class EncryptedArchiveError(KnownError):
    """The archive is encrypted and no password (or a wrong one) was given."""


@dataclass
class VerifyResult:
    ok: bool
    problems: list[dict] = field(default_factory=list)  # {"file": ..., "reason": ...}
    manifest: dict = field(default_factory=dict)
    signer: desks.Signer | None = None
    trust: str = desks.UNSIGNED  # this_desk | pinned | unknown | unsigned
    newer: bool = False  # made by a newer version: nothing else was checked

    def signer_words(self) -> str:
        """Who signed it, and whether this desk trusts them, in words."""
        if self.signer is None:
            return _("Not signed (made by an older version): anyone could have changed it.")
        words = {desks.THIS_DESK: _("Signed by this desk: {desk}."),
                 desks.PINNED: _("Signed by {desk}, a desk this one trusts."),
                 desks.UNKNOWN: _("Signed by {desk}, a desk this one does not know yet: "
                                  "compare this fingerprint with the one that desk shows.")}
        return words[self.trust].format(desk=self.signer.label())

    def signer_json(self) -> dict | None:
        if self.signer is None:
            return None
        return {"fingerprint": self.signer.fingerprint, "desk_id": self.signer.desk_id,
                "desk_name": self.signer.desk_name}


def create_archive(store: Store, workshop_id: str, target: Path, *, made_by: str = "",
                   password: str | None = None) -> Path:
    """Write the archive to `target` (atomically), signed by this desk, and remember it
    was made. Its working copy lives beside the database, never in the system's
    temporary folder."""
    from facilitator_app.scratch import work_folder

    _refuse_plain_archive_of_encrypted(store, password)
    workshop = store.workshops.get(workshop_id)
    signer_key = desks.desk_key(store)
    with work_folder(store.path, "archive") as root:
        people = workshop_snapshot(store, workshop.id, root / SNAPSHOT)
        _reports(store, workshop.id, root)
        files = sorted(p for p in root.rglob("*") if p.is_file())
        manifest = {
            "format": FORMAT, "app_version": app_version(), "schema": list(MIGRATION_NAMES),
            "workshop_id": workshop.id, "workshop_title": workshop.title,
            "created_at": iso(store.clock()), "created_by": made_by or store.meta.desk_id(),
            "encrypted": bool(password), "signer": desks.this_desk(store).as_manifest(),
            "files": [{"path": p.relative_to(root).as_posix(), "size": p.stat().st_size,
                       "sha256": sha256_of(p)} for p in files],
        }
        text = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
        (root / MANIFEST).write_bytes(text)
        (root / MANIFEST_HASH).write_text(_sha256(text) + "\n", encoding="ascii")
        signature = keys.sign(signer_key, _SIGNED_CONTEXT + text)
        (root / SIGNATURE).write_text(keys.encode(signature) + "\n", encoding="ascii")
        _zip(root, [*files, root / MANIFEST, root / MANIFEST_HASH, root / SIGNATURE], target,
             password)
    with store.transaction():
        store.db.execute("INSERT INTO archives_made (id, workshop_id, path, created_at, "
                         "attendee_ids) VALUES (?, ?, ?, ?, ?)",
                         [uuid7(), workshop.id, str(target.resolve()), iso(store.clock()),
                          json.dumps(people)])
    from facilitator_app.services.export_log import record_export

    record_export(store, "archive", target, people, workshop_id=workshop.id)
    return target


def _refuse_plain_archive_of_encrypted(store: Store, password: str | None) -> None:
    """An encrypted database's workshop never leaves the desk in an unencrypted archive."""
    from facilitator_app.encryption import is_encrypted

    if not password and store.path is not None and is_encrypted(Path(store.path)):
        raise KnownError(_("This database is encrypted, so its archives must be too: give "
                           "the archive a password."))


def _reports(store: Store, workshop_id: str, root: Path) -> None:
    from facilitator_app.services.exports import write_export as export  # not logged: inside

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


def verify_archive(path: Path, password: str | None = None, *,
                   store: Store | None = None) -> VerifyResult:
    """Format and versions, signature, then every file listed with its size and hash,
    nothing missing, nothing extra. `store` (this desk) says whether the signer is trusted."""
    result = VerifyResult(ok=False)
    with open_zip(path, password) as archive:
        raw = _read_manifest(archive, path, result)
        if raw is None:
            return result
        result.problems += _version_problems(result.manifest)
        result.newer = bool(result.problems)
        if not result.newer:
            _check_signature(archive, raw, result)
            result.trust = desks.trust_of(store, result.signer)
        if not result.problems:
            result.problems += _check_files(archive, result.manifest)
    result.ok = not result.problems
    return result


def _read_manifest(archive, path: Path, result: VerifyResult) -> bytes | None:
    import pyzipper

    try:
        raw = read_small(archive, MANIFEST)
        manifest = json.loads(raw)
    except KeyError:
        result.problems.append({"file": MANIFEST, "reason": _("missing")})
        return None
    except RuntimeError as exc:  # encrypted and no (or a wrong) password
        raise EncryptedArchiveError(_("{file} is encrypted: give its password.").format(
            file=path.name), path=path) from exc
    except (ValueError, pyzipper.BadZipFile, OSError, EOFError) as exc:
        result.problems.append({"file": MANIFEST, "reason": _("unreadable: {error}")
                                .format(error=exc)})
        return None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("files"), list):
        result.problems.append({"file": MANIFEST, "reason": _("not a CREANDO Desk manifest")})
        return None
    result.manifest = manifest
    return raw


def _version_problems(manifest: dict) -> list[dict]:
    """An archive from a newer app (format, version or migrations) is not read further."""
    made = manifest.get("format")
    reasons = []
    if not isinstance(made, int) or isinstance(made, bool) or not 1 <= made <= FORMAT:
        reasons.append(_("made by a newer version of CREANDO Desk (archive format {format}); "
                         "update the app to read it").format(format=made))
    elif _newer_app(manifest.get("app_version")):
        reasons.append(_("made by a newer version of CREANDO Desk ({version}); update the app "
                         "to read it").format(version=str(manifest.get("app_version"))[:40]))
    schema = manifest.get("schema", [])
    unknown = [str(name)[:60] for name in schema if name not in MIGRATION_NAMES] if \
        isinstance(schema, list) else ["?"]
    if unknown and not reasons:
        reasons.append(_("made by a newer version of CREANDO Desk (its data has changes this "
                         "version does not know: {names}); update the app to read it").format(
                             names=", ".join(unknown[:5])))
    return [{"file": MANIFEST, "reason": reason} for reason in reasons]


def _version(text: object) -> tuple[int, ...] | None:
    found = re.match(r"^(\d+)\.(\d+)(?:\.(\d+))?", str(text)) if text is not None else None
    return tuple(int(part or 0) for part in found.groups()) if found else None


def _newer_app(theirs: object) -> bool:
    ours = app_version()
    if "unknown" in ours:
        return False  # a source tree never installed cannot tell
    made, here = _version(theirs), _version(ours)
    return made is None or here is None or made > here


def _check_signature(archive, raw: bytes, result: VerifyResult) -> None:
    """The signer is whoever holds the key the manifest names; the signature must be that
    key's over the exact manifest bytes."""
    names = set(archive.namelist())
    result.signer = desks.signer_from_manifest(result.manifest.get("signer"))
    if result.manifest.get("format", 1) < SIGNED_FROM and result.signer is None and \
            SIGNATURE not in names:
        result.problems += _check_manifest_hash(archive, names, raw)  # unsigned, as before
        return
    if result.signer is None:
        result.problems.append({"file": MANIFEST, "reason": _("names no signer")})
        return
    if SIGNATURE not in names:
        result.problems.append({"file": SIGNATURE, "reason": _("missing: the archive is not "
                                                               "signed")})
        return
    try:
        signature = keys.decode(read_small(archive, SIGNATURE).decode("ascii").strip(), 64)
    except (ValueError, UnicodeDecodeError, OSError):
        signature = None
    if signature is None or not keys.verify(result.signer.public_key, signature,
                                            _SIGNED_CONTEXT + raw):
        result.problems.append({"file": SIGNATURE, "reason": _(
            "the signature does not match: the archive was changed after {desk} signed it, "
            "or was not signed by it").format(desk=result.signer.label())})


def _check_manifest_hash(archive, names: set[str], raw: bytes) -> list[dict]:
    if MANIFEST_HASH not in names:
        return [{"file": MANIFEST_HASH, "reason": _("missing")}]
    if read_small(archive, MANIFEST_HASH).decode("ascii", "replace").strip() != _sha256(raw):
        return [{"file": MANIFEST, "reason": _("content changed (SHA-256 differs)")}]
    return []


def _check_files(archive, manifest: dict) -> list[dict]:
    problems: list[dict] = []
    listed: dict[str, dict] = {}
    for entry in manifest["files"]:
        if not _well_formed(entry) or entry["path"] in listed:
            return [{"file": MANIFEST, "reason": _("lists a file in a way this app never "
                                                   "writes")}]
        listed[entry["path"]] = entry
    if sum(entry["size"] for entry in listed.values()) > MAX_TOTAL:
        return [{"file": MANIFEST, "reason": _("states files larger than any archive")}]
    names = set(archive.namelist())
    for name, entry in listed.items():
        problems += check_entry(archive, names, name, entry)
    for extra in sorted(names - set(listed) - {MANIFEST, MANIFEST_HASH, SIGNATURE}):
        problems.append({"file": extra, "reason": _("not in the manifest")})
    return problems


def _well_formed(entry: object) -> bool:
    return (isinstance(entry, dict) and isinstance(entry.get("path"), str)
            and isinstance(entry.get("size"), int) and not isinstance(entry["size"], bool)
            and entry["size"] >= 0 and isinstance(entry.get("sha256"), str)
            and bool(_SHA256.match(entry["sha256"])))


def check_entry(archive, names: set[str], name: str, entry: dict, out=None) -> list[dict]:
    """One listed file: there, of its stated size, with its hash (streamed; with `out`,
    also copied there while it is checked)."""
    import pyzipper

    if name not in names:
        return [{"file": name, "reason": _("missing")}]
    if archive.getinfo(name).file_size != entry["size"]:
        return [{"file": name, "reason": _("size changed")}]
    try:
        read, digest = hash_member(archive, name, entry["size"], out)
    except (pyzipper.BadZipFile, OSError, ValueError, EOFError, RuntimeError) as exc:
        return [{"file": name, "reason": _("damaged: {error}").format(error=exc)}]
    if read != entry["size"]:
        return [{"file": name, "reason": _("size changed")}]
    if digest != entry["sha256"]:
        return [{"file": name, "reason": _("content changed (SHA-256 differs)")}]
    return []
