"""Erasure finishes, and nothing personal is left lying around: every copy the app made is
scrubbed (the file, rolling backups, files kept aside by restores, partial backups, killed
archives' snapshots, partial exports, copies of a damaged log), every file touched is
listed, an erasure killed right after its commit is finished by the next open, and
leftovers of killed work are swept on open."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from facilitator_app.backups import copy_database
from facilitator_app.db import make_backup, open_database, restore_backup
from facilitator_app.errors import CorruptDatabaseError
from facilitator_app.models import Attendee, AttendeeId
from facilitator_app.paths import backups_dir
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.networking import add_introduction
from facilitator_app.services.privacy import erase_attendee
from facilitator_app.store import Store

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX-only")

HELPER = Path(__file__).with_name("killed_worker.py")
ROOT = HELPER.parent.parent
GIVEN, FAMILY = "Zenobia", "Quispetupa Huarcaya"
PHONE, EMAIL = "+51987650001", "zenobia.quispetupa@example.org"
NEEDLES = ("Zenobia", "Quispetupa", "Huarcaya", "987650001", EMAIL)


def kill_during(*argv: str) -> None:
    """Run killed_worker.py; it must die by SIGKILL where it says."""
    run = subprocess.run([sys.executable, str(HELPER), *argv], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert "dying" in run.stdout


def residue(*folders: Path) -> list[str]:
    """Every file under `folders` (zip members decompressed too) that still holds one of
    the person's strings in UTF-8, UTF-16 LE or UTF-16 BE."""
    spelled = [needle.encode(codec) for needle in NEEDLES
               for codec in ("utf-8", "utf-16-le", "utf-16-be")]
    spelled += [needle.lower().encode("utf-8") for needle in NEEDLES]
    found = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            blobs = [path.read_bytes()]
            if zipfile.is_zipfile(path):
                with zipfile.ZipFile(path) as archive:
                    blobs += [archive.read(name) for name in archive.namelist()]
            if any(needle in blob for blob in blobs for needle in spelled):
                found.append(str(path))
    return found


def add_person(store: Store, workshop) -> Attendee:
    """Zenobia, registered, with a badge, a check-in, online names and introductions that
    name her (a note with her phone, a follow-up comment with her name)."""
    from facilitator_app.services.badges import badge_token
    from facilitator_app.services.checkin import Desk, admit

    with store.transaction():
        person = store.attendees.add(Attendee(id=AttendeeId(""), given_names=GIVEN,
                                              family_names=FAMILY, phone=PHONE, email=EMAIL,
                                              business="Tejidos Zenobia"))
        store.registrations.add(workshop.id, person.id, "test")
    badge_token(store, workshop.id, person.id)
    from facilitator_app.models import CheckinMethod

    admit(store, Desk(workshop.id, desk_id="A"), person.id, CheckinMethod.SEARCH)
    session = store.sessions.for_workshop(workshop.id)[0]
    with store.transaction():
        store.online.add_review(session.id, "zoom:9", "QUISPETUPA HUARCAYA, Zenobia", EMAIL,
                                42.0, [])
        store.online.remember("zenobia quispetupa huarcaya", workshop.id, None)
        store.online.remember("Zeno Q (iPhone)", workshop.id, person.id)
    other = next(p for p in store.attendees.for_workshop(workshop.id) if p.id != person.id)
    intro = add_introduction(store, workshop.id, other.id, to_attendee=person.id,
                             purpose="Crédito para Zenobia", note="llamar a 987650001")
    store.db.execute("UPDATE introduction_followups SET comment = 'Zenobia Quispetupa llamó' "
                     "WHERE introduction_id = ?", [intro])
    return person


def damage_log_with_her_in_it(db: Path, person: Attendee) -> Path:
    """Her row changed in a process that then dies, its log damaged, the database opened:
    refused, and the log kept aside (a copy that holds her)."""
    code = ("import os, signal, sqlite3, sys\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('PRAGMA journal_mode=WAL')\n"
            "for n in range(20):\n"
            "    c.execute(\"UPDATE attendees SET business = ? WHERE id = ?\",\n"
            "              [f'Tejidos Zenobia Quispetupa {n}', sys.argv[2]])\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n")
    subprocess.run([sys.executable, "-c", code, str(db), person.id], timeout=60)
    wal = db.with_name(db.name + "-wal")
    data = bytearray(wal.read_bytes())
    data[32 + 24 + 200] ^= 0xFF  # inside the first frame: every later commit is lost
    wal.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError) as raised:
        open_database(db)
    return raised.value.kept


def test_erasure_leaves_nothing_of_the_person_in_any_file(isolated_data_dir: Path) -> None:
    db = isolated_data_dir / "creando.db"
    store = Store(open_database(db), path=db)
    workshop, _ = ensure_demo(store)
    person = add_person(store, workshop)
    make_backup(db)
    backup = make_backup(db)
    store.close()
    restore_backup(backup, db)  # the current file is kept aside: `-replaced-`
    kept = damage_log_with_her_in_it(db, person)
    assert kept.exists()
    restore_backup(backup, db)  # as the app offers: the damaged file goes aside too
    copy_database(db, backups_dir(db) / "creando-20250101T000000000000Z-abcdef.partial")
    kill_during("archive", str(db), workshop.id)
    kill_during("export", str(isolated_data_dir / "informe.xlsx"), f"{GIVEN} {FAMILY} {PHONE}")
    store = Store(open_database(db, maintain=False), path=db)  # nothing swept before
    assert residue(isolated_data_dir), "the setup must leave her in many files"
    before = set(residue(isolated_data_dir))
    assert any("-replaced-" in path for path in before)
    assert any(path.endswith(".partial") for path in before)
    assert any("creando-tmp" in path for path in before)
    assert any(path.endswith(".part") for path in before)
    assert any("damaged-log" in path for path in before)

    report = erase_attendee(store, person.id)
    store.close()
    assert residue(isolated_data_dir) == []
    touched = {str(t.path): t.action for t in report.files}
    for path in before:
        assert any(path == done or path.startswith(done + os.sep) for done in touched), path
    assert touched[str(db)] == "rewritten"
    assert sum(action == "scrubbed" for action in touched.values()) == 2  # the kept-aside
    assert not report.pending and report.backups_removed >= 2
    for aside in db.parent.glob("creando-replaced-*.db"):
        conn = sqlite3.connect(aside)
        others = conn.execute("SELECT COUNT(*) FROM attendees").fetchone()[0]
        conn.close()
        assert others == 60, "a kept-aside file keeps everyone else"


def test_introductions_lose_the_words_that_name_the_erased_person(store) -> None:
    workshop, _ = ensure_demo(store)
    person = add_person(store, workshop)
    erase_attendee(store, person.id)
    rows = store.db.execute("SELECT purpose, note FROM introductions WHERE from_attendee_id "
                            "IS NULL OR to_attendee_id IS NULL").fetchall()
    assert ("", "") in rows
    assert not store.db.execute("SELECT 1 FROM introduction_followups WHERE comment LIKE "
                                "'%Zenobia%'").fetchone()
    assert not store.db.execute("SELECT 1 FROM online_review WHERE email = ?", [EMAIL]) \
        .fetchone()
    assert not store.db.execute("SELECT 1 FROM online_aliases WHERE alias LIKE '%zeno%' "
                                "COLLATE NOCASE").fetchone()
    kept = store.db.execute("SELECT COUNT(*) FROM introductions WHERE purpose != ''") \
        .fetchone()[0]
    assert kept >= 5, "other people's introductions keep their words"


def test_an_erasure_killed_after_its_commit_is_finished_by_the_next_open(
        isolated_data_dir: Path) -> None:
    db = isolated_data_dir / "creando.db"
    store = Store(open_database(db), path=db)
    workshop, _ = ensure_demo(store)
    person = add_person(store, workshop)
    old = make_backup(db)
    store.close()
    kill_during("erase", str(db), person.id)
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT COUNT(*) FROM attendees WHERE id = ?",
                            [person.id]).fetchone()[0] == 0, "the erasure committed"
        assert conn.execute("SELECT COUNT(*) FROM scrub_pending").fetchone()[0] == 1
    finally:
        conn.close()
    assert str(old) in residue(isolated_data_dir), "the old backup still holds her"
    open_database(db, backup_on_open=False).close()  # the next start
    assert residue(isolated_data_dir) == []
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("SELECT COUNT(*) FROM scrub_pending").fetchone()[0] == 0
        finished = conn.execute("SELECT detail FROM audit_log WHERE action = "
                                "'scrub_finished'").fetchone()[0]
    finally:
        conn.close()
    assert str(old) in finished  # the files touched are recorded


def test_a_scrub_that_cannot_finish_now_stays_pending_and_is_retried(
        isolated_data_dir: Path) -> None:
    db = isolated_data_dir / "creando.db"
    store = Store(open_database(db), path=db)
    workshop, _ = ensure_demo(store)
    person = add_person(store, workshop)
    make_backup(db)
    reader = sqlite3.connect(db)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM attendees").fetchone()  # holds the log open
    report = erase_attendee(store, person.id)
    assert report.pending and report.files == []
    attempts = store.db.execute("SELECT attempts FROM scrub_pending").fetchone()[0]
    assert attempts == 1
    reader.close()
    store.close()
    open_database(db, backup_on_open=False).close()
    assert residue(isolated_data_dir) == []


def test_leftovers_of_killed_work_are_swept_on_open(isolated_data_dir: Path) -> None:
    db = isolated_data_dir / "creando.db"
    store = Store(open_database(db), path=db)
    workshop, _ = ensure_demo(store)
    store.close()
    kill_during("archive", str(db), workshop.id)
    kill_during("export", str(isolated_data_dir / "informe.xlsx"), "Rosa Chávez 987111222")
    restoring = db.with_name(f".{db.name}.999999-abc.restoring")
    restoring.write_bytes(b"a copy a killed restore left")
    live = db.parent / "creando-tmp" / f"archive-{os.getpid()}-cafe"
    live.mkdir()
    work = list((db.parent / "creando-tmp").glob("archive-*"))
    parts = list(isolated_data_dir.glob(".informe.xlsx.*.part"))
    assert len(work) == 2 and len(parts) == 1
    open_database(db, backup_on_open=False).close()
    assert [p.name for p in (db.parent / "creando-tmp").iterdir()] == [live.name]
    assert not parts[0].exists() and not restoring.exists()
    assert not list((isolated_data_dir / "scratch").iterdir())
    assert not (isolated_data_dir / "informe.xlsx").exists()


def test_archives_work_beside_the_database_never_in_the_system_temporary_folder(
        isolated_data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tempfile

    from facilitator_app.services.archive import create_archive

    db = isolated_data_dir / "creando.db"
    store = Store(open_database(db), path=db)
    workshop, _ = ensure_demo(store)
    system = tmp_path / "system-tmp"
    system.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system))
    archive = create_archive(store, workshop.id, tmp_path / "taller.zip")
    from facilitator_app.services.desks import this_desk
    from facilitator_app.services.merge import restore_archive

    other_db = tmp_path / "other" / "creando.db"
    other_db.parent.mkdir()
    other = Store(open_database(other_db), path=other_db)
    restore_archive(other, archive, trust_signer=this_desk(store).fingerprint)
    assert list(system.iterdir()) == []
    assert not list((db.parent / "creando-tmp").iterdir())
    other.close()
    store.close()


def test_an_erasure_arriving_by_archive_scrubs_this_desks_copies(
        isolated_data_dir: Path, tmp_path: Path) -> None:
    from facilitator_app.services.archive import create_archive
    from facilitator_app.services.desks import this_desk
    from facilitator_app.services.merge import restore_archive

    db = isolated_data_dir / "creando.db"
    store = Store(open_database(db), path=db)
    workshop, _ = ensure_demo(store)
    person = add_person(store, workshop)
    archive = create_archive(store, workshop.id, tmp_path / "con-ella.zip")
    other_db = tmp_path / "other" / "creando.db"
    other_db.parent.mkdir()
    other = Store(open_database(other_db), path=other_db)
    restore_archive(other, archive, trust_signer=this_desk(store).fingerprint)
    make_backup(other_db)
    assert residue(other_db.parent)
    erase_attendee(store, person.id)
    after = create_archive(store, workshop.id, tmp_path / "sin-ella.zip")
    restore_archive(other, after)
    other.close()
    store.close()
    assert residue(other_db.parent) == []
