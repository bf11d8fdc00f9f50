"""Helpers for the archive tests: rewriting a zip member by member, and forging an archive
as an attacker would (every hash recomputed, signed with a key of their choice or not at
all)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

from facilitator_app import keys
from facilitator_app.services.archive import MANIFEST, MANIFEST_HASH, SIGNATURE, SNAPSHOT

Change = Callable[[str, bytes], bytes | None]


def rewrite(archive: Path, target: Path, change: Change) -> Path:
    """Copy `archive` to `target`, each member through `change` (None drops it)."""
    with zipfile.ZipFile(archive) as source, zipfile.ZipFile(target, "w") as out:
        for item in source.infolist():
            data = change(item.filename, source.read(item.filename))
            if data is not None:
                out.writestr(item.filename, data)
    return target


def forge(archive: Path, target: Path, *, members: dict[str, bytes] | None = None,
          manifest: Callable[[dict], dict] | None = None, key: bytes | None = None,
          sign: bool = True) -> Path:
    """A new archive with `members` replaced, the manifest's hashes and sizes recomputed,
    `manifest` applied to it, manifest.sha256 recomputed, and manifest.sig made with `key`
    (an attacker's key, or a desk's stolen one) or, without one, left as it was (an attacker
    cannot sign); `sign=False` drops the signature."""
    members = members or {}
    with zipfile.ZipFile(archive) as source:
        data = {name: members.get(name, source.read(name)) for name in source.namelist()}
    content = json.loads(data[MANIFEST])
    for entry in content["files"]:
        entry["size"] = len(data[entry["path"]])
        entry["sha256"] = hashlib.sha256(data[entry["path"]]).hexdigest()
    content = manifest(content) if manifest else content
    text = json.dumps(content, ensure_ascii=False, indent=2).encode()
    data[MANIFEST] = text
    data[MANIFEST_HASH] = hashlib.sha256(text).hexdigest().encode() + b"\n"
    if not sign:
        data.pop(SIGNATURE, None)
    elif key is not None:
        signature = keys.sign(key, b"creando-archive-v2\n" + text)
        data[SIGNATURE] = keys.encode(signature).encode() + b"\n"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for name, body in data.items():
            out.writestr(name, body)
    return target


def snapshot_of(archive: Path, folder: Path) -> Path:
    """The archive's workshop.sqlite, extracted into `folder` to be edited."""
    target = folder / "snapshot.sqlite"
    with zipfile.ZipFile(archive) as source:
        target.write_bytes(source.read(SNAPSHOT))
    return target


def edit_snapshot(archive: Path, folder: Path, statements: list[tuple[str, list]]) -> bytes:
    """The archive's snapshot with `statements` run on it, as bytes."""
    path = snapshot_of(archive, folder)
    conn = sqlite3.connect(path)
    try:
        for sql, params in statements:
            conn.execute(sql, params)
        conn.commit()
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()
    return path.read_bytes()


def signer_of(public_key: bytes) -> dict:
    return {"public_key": keys.encode(public_key), "fingerprint": keys.fingerprint(public_key),
            "desk_id": "attacker", "desk_name": "Mesa 2"}
