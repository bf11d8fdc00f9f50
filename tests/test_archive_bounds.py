"""Hostile archives cost bounded work: bombs are refused before anything is decompressed,
members are hashed while streaming and never read past their stated size, memory stays
flat on a large honest archive, and archives or snapshots of a newer version (format, app
version, migrations, unknown tables or columns) are refused with a clear message."""

from __future__ import annotations

import io
import json
import os
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from facilitator_app.db import open_database
from facilitator_app.errors import KnownError
from facilitator_app.services import archive_zip, desks
from facilitator_app.services.archive import SNAPSHOT, create_archive, verify_archive
from facilitator_app.services.archive_zip import ArchiveLimitError, hash_member
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.merge import restore_archive
from facilitator_app.store import Store
from tests.archive_support import edit_snapshot, forge


@pytest.fixture
def desk(tmp_path: Path):
    path = tmp_path / "desk" / "creando.db"
    path.parent.mkdir()
    store = Store(open_database(path), path=path)
    workshop, _ = ensure_demo(store)
    yield store, workshop
    store.close()


@pytest.fixture
def archive(desk, tmp_path: Path) -> Path:
    store, workshop = desk
    return create_archive(store, workshop.id, tmp_path / "taller.zip")


def never_decompress(monkeypatch: pytest.MonkeyPatch) -> list:
    calls: list = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise AssertionError("a member was decompressed")

    monkeypatch.setattr(archive_zip, "hash_member", refuse)
    monkeypatch.setattr("facilitator_app.services.archive.hash_member", refuse)
    return calls


def test_a_compression_bomb_is_refused_before_it_is_read(tmp_path, monkeypatch) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("manifest.json", json.dumps({"format": 2, "files": []}))
        with out.open("workshop.sqlite", "w") as member:
            for _ in range(64):
                member.write(bytes(1 << 20))  # 64 MiB of zeros: about 64 KiB compressed
    assert bomb.stat().st_size < 1 << 20
    never_decompress(monkeypatch)
    with pytest.raises(ArchiveLimitError, match="expand"):
        verify_archive(bomb)


def test_a_zip_with_too_many_entries_is_refused_from_its_end_record(tmp_path,
                                                                    monkeypatch) -> None:
    crowded = tmp_path / "crowded.zip"
    with zipfile.ZipFile(crowded, "w") as out:
        for number in range(60):
            out.writestr(f"f{number}.txt", "x")
    monkeypatch.setattr(archive_zip, "MAX_ENTRIES", 50)

    def no_parser(*_args, **_kwargs):
        raise AssertionError("the directory was parsed")

    monkeypatch.setattr("pyzipper.AESZipFile", no_parser)
    with pytest.raises(ArchiveLimitError, match="60 files"):
        verify_archive(crowded)


def test_overlapping_and_duplicated_members_are_refused(tmp_path) -> None:
    doubled = tmp_path / "doubled.zip"
    with zipfile.ZipFile(doubled, "w") as out, pytest.warns(UserWarning):
        out.writestr("manifest.json", "{}")
        out.writestr("manifest.json", "{}")
    with pytest.raises(ArchiveLimitError, match="appears twice"):
        verify_archive(doubled)
    overlapping = tmp_path / "overlap.zip"
    overlapping.write_bytes(overlapping_zip())
    with pytest.raises(ArchiveLimitError, match="overlaps"):
        verify_archive(overlapping)


def overlapping_zip() -> bytes:
    """Two directory entries that point at the same compressed data (a "non-recursive"
    bomb repeats this thousands of times)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        out.writestr("a.txt", "hola " * 1000)
    data = buffer.getvalue()
    end = data.rfind(b"PK\x05\x06")
    directory = data[data.rfind(b"PK\x01\x02"):end]
    second = directory.replace(b"a.txt", b"b.txt")
    record = bytearray(data[end:end + 22])
    struct.pack_into("<HHL", record, 8, 2, 2, len(directory) * 2)
    return data[:end - len(directory)] + directory + second + bytes(record)


def test_a_member_is_never_read_past_the_size_the_manifest_states(archive, desk,
                                                                  tmp_path) -> None:
    store, _workshop = desk

    def smaller(manifest: dict) -> dict:
        for entry in manifest["files"]:
            if entry["path"] == SNAPSHOT:
                entry["size"] = 100
        return manifest

    lying = forge(archive, tmp_path / "lying.zip", manifest=smaller, key=desks.desk_key(store))
    result = verify_archive(lying)
    assert {"file": SNAPSHOT, "reason": "size changed"} in result.problems

    class Endless:
        read_total = 0

        def read(self, size: int) -> bytes:
            self.read_total += size
            return b"x" * size

        def __enter__(self):
            return self

        def __exit__(self, *exc) -> None:
            return None

    stream = Endless()

    class Archive:
        def open(self, _name: str) -> Endless:
            return stream

    read, _digest = hash_member(Archive(), "endless", 5 << 20)
    assert read == (5 << 20) + 1 and stream.read_total == (5 << 20) + 1


def test_verifying_a_large_honest_archive_keeps_memory_flat(desk, tmp_path) -> None:
    """The issue measured 3.1 GB of memory to verify a 1.6 GB archive (every member read
    whole); streaming in 1 MiB chunks keeps the peak to a few MiB whatever the size."""
    store, workshop = desk
    archive = create_archive(store, workshop.id, tmp_path / "taller.zip")
    big = os.urandom(48 << 20)  # incompressible, so the zip is as large as the member
    bulky = forge(archive, tmp_path / "bulky.zip", members={SNAPSHOT: big},
                  key=desks.desk_key(store))
    del big
    tracemalloc.start()
    try:
        result = verify_archive(bulky, store=store)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.ok, result.problems
    assert peak < 12 << 20, f"peak {peak >> 20} MiB"


@pytest.mark.parametrize(("change", "words"), [
    ({"format": 3}, "archive format 3"),
    ({"format": "2"}, "archive format 2"),
    ({"app_version": "99.0.0"}, "99.0.0"),
    ({"app_version": "garbage"}, "garbage"),
])
def test_an_archive_of_a_newer_format_or_version_is_refused(desk, archive, tmp_path, change,
                                                            words) -> None:
    store, _workshop = desk
    newer = forge(archive, tmp_path / "newer.zip", manifest=lambda m: {**m, **change},
                  key=desks.desk_key(store))
    result = verify_archive(newer, store=store)
    assert not result.ok and result.newer
    assert words in result.problems[0]["reason"] and "newer version" in result.problems[0][
        "reason"]
    with pytest.raises(KnownError, match="newer version"):
        restore_archive(store, newer)


@pytest.mark.parametrize(("statements", "named"), [
    ([("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES "
       "('creando', '0099_future', '2030-01-01')", [])], "newer version"),
    ([("CREATE TABLE future_things (id TEXT PRIMARY KEY, secret TEXT)", [])],
     "future_things"),
    ([("ALTER TABLE attendees ADD COLUMN passport TEXT", [])], "attendees.passport"),
    ([("DROP VIEW effective_checkins", []),
      ("CREATE VIEW effective_checkins AS SELECT * FROM checkin_events", [])],
     "effective_checkins"),
    ([("CREATE TRIGGER spy AFTER INSERT ON attendees BEGIN SELECT 1; END", [])], "spy"),
])
def test_a_snapshot_with_migrations_tables_or_columns_this_version_lacks_is_refused(
        desk, archive, tmp_path, statements, named) -> None:
    store, _workshop = desk
    other_path = tmp_path / "other" / "creando.db"
    other_path.parent.mkdir()
    other = Store(open_database(other_path), path=other_path)
    edited = edit_snapshot(archive, tmp_path, statements)
    newer = forge(archive, tmp_path / "newer.zip", members={SNAPSHOT: edited},
                  key=desks.desk_key(store))
    with pytest.raises(KnownError, match=named):
        restore_archive(other, newer, trust_signer=desks.this_desk(store).fingerprint)
    assert other.db.execute("SELECT COUNT(*) FROM attendees").fetchone()[0] == 0
    assert desks.trusted(other) == []  # a refused merge pins nobody
    other.close()
