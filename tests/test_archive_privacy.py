"""Archives (verify, merge of two desks), erasure, retention and subject access."""

from __future__ import annotations

import json
import shutil
import sqlite3
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest

from facilitator_app.db import make_backup, open_database, restore_backup
from facilitator_app.errors import KnownError, RejectedFileError
from facilitator_app.models import CheckinMethod
from facilitator_app.services.archive import create_archive, verify_archive
from facilitator_app.services.checkin import Desk, admit
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.desks import desk_key, this_desk
from facilitator_app.services.merge import restore_archive
from facilitator_app.services.privacy import (
    apply_retention,
    erase_attendee,
    set_retention,
    subject_access_data,
)
from facilitator_app.store import Store
from tests.archive_support import forge, rewrite


@pytest.fixture
def desk_a(tmp_path: Path):
    path = tmp_path / "a" / "creando.db"
    store = Store(open_database(path), path=path)
    workshop, _ = ensure_demo(store)
    yield store, workshop
    store.close()


def second_desk(store: Store, tmp_path: Path) -> Store:
    """Desk B starts as a copy of desk A (made with the backup API)."""
    path = tmp_path / "b" / "creando.db"
    path.parent.mkdir()
    source = sqlite3.connect(store.path)
    target = sqlite3.connect(path)
    source.backup(target)
    target.close()
    source.close()
    return Store(open_database(path), path=path)


def absent(store: Store, workshop) -> list:
    seen = store.checkins.presence(workshop.id)
    return [p for p in store.attendees.for_workshop(workshop.id) if p.id not in seen]


def test_an_archive_verifies_and_names_no_person_in_its_file_names(desk_a, tmp_path) -> None:
    store, workshop = desk_a
    archive = create_archive(store, workshop.id, tmp_path / "taller.zip", made_by="Equipo")
    result = verify_archive(archive)
    assert result.ok and result.problems == []
    manifest = result.manifest
    assert manifest["created_by"] == "Equipo" and manifest["workshop_id"] == workshop.id
    names = zipfile.ZipFile(archive).namelist()
    assert {"manifest.json", "workshop.sqlite", "reports/workshop-report.xlsx"} <= set(names)
    people = {word for p in store.attendees.all() for word in p.name.split() if len(word) > 3}
    assert not any(word in name for name in names for word in people)


def test_verify_reports_a_changed_byte_a_missing_and_an_extra_file(desk_a, tmp_path) -> None:
    store, workshop = desk_a
    archive = create_archive(store, workshop.id, tmp_path / "taller.zip")

    def flip(name, data):
        if name == "reports/partner-report.xlsx":
            return data[:100] + bytes([data[100] ^ 1]) + data[101:]
        return None if name == "handouts/session-02.pdf" else data

    tampered = rewrite(archive, tmp_path / "tampered.zip", flip)
    with zipfile.ZipFile(tampered, "a") as out:
        out.writestr("extra.txt", "hola")
    result = verify_archive(tampered)
    assert not result.ok
    assert {(p["file"], p["reason"]) for p in result.problems} == {
        ("reports/partner-report.xlsx", "content changed (SHA-256 differs)"),
        ("handouts/session-02.pdf", "missing"), ("extra.txt", "not in the manifest")}
    with pytest.raises(RejectedFileError, match="failed verification"):
        restore_archive(store, tampered)


def test_two_desks_merge_into_the_union_idempotently(desk_a, tmp_path) -> None:
    store_a, workshop = desk_a
    store_b = second_desk(store_a, tmp_path)
    late = absent(store_a, workshop)
    admit(store_a, Desk(workshop.id, desk_id="A"), late[0].id, CheckinMethod.SEARCH)
    admit(store_b, Desk(workshop.id, desk_id="B"), late[1].id, CheckinMethod.SEARCH)
    admit(store_b, Desk(workshop.id, desk_id="B"), late[2].id, CheckinMethod.SEARCH)
    events_a, events_b = (s.checkins.count(workshop.id) for s in (store_a, store_b))
    archive = create_archive(store_b, workshop.id, tmp_path / "desk-b.zip")
    with pytest.raises(RejectedFileError, match="does not know yet"):
        restore_archive(store_a, archive)  # desk B signed it: compare fingerprints first
    assert store_a.checkins.count(workshop.id) == events_a
    added = restore_archive(store_a, archive, trust_signer=this_desk(store_b).fingerprint)
    assert added["checkin_events"] == 2 and added["attendees"] == 0
    assert store_a.checkins.count(workshop.id) == events_a + 2 == events_b + 1
    came = set(store_a.checkins.presence(workshop.id))
    assert {late[0].id, late[1].id, late[2].id} <= came
    assert not any(restore_archive(store_a, archive).values()), "restoring twice adds nothing"
    store_b.close()


def test_an_encrypted_archive_needs_its_password(desk_a, tmp_path) -> None:
    store, workshop = desk_a
    archive = create_archive(store, workshop.id, tmp_path / "secreto.zip", password="clave-123")
    with pytest.raises(KnownError, match="encrypted"):
        verify_archive(archive)
    assert verify_archive(archive, "clave-123").ok
    assert b"workshop.sqlite" in archive.read_bytes()  # names are visible, contents are not
    assert b"SQLite format 3" not in archive.read_bytes()


def test_an_archive_from_a_newer_app_is_refused(desk_a, tmp_path) -> None:
    store, workshop = desk_a
    archive = create_archive(store, workshop.id, tmp_path / "taller.zip")

    def newer(manifest: dict) -> dict:
        manifest["schema"].append("9999_future")  # as a newer app would write it
        return manifest

    # Signed by this very desk (a newer version of it), so only the version refuses it.
    future = forge(archive, tmp_path / "future.zip", manifest=newer, key=desk_key(store))
    with pytest.raises(KnownError, match="newer version"):
        restore_archive(store, future)


def test_erasure_leaves_no_trace_and_names_the_archives_that_hold_the_person(
        desk_a, tmp_path) -> None:
    store, workshop = desk_a
    person = store.attendees.for_workshop(workshop.id)[0]
    create_archive(store, workshop.id, tmp_path / "antes.zip")
    report = erase_attendee(store, person.id)
    assert report.archives_holding == [str((tmp_path / "antes.zip").resolve())]
    assert report.backups_removed >= 1
    for path in store.path.parent.rglob("*"):
        if path.is_file() and path.suffix != ".zip":
            assert person.family_names.encode() not in path.read_bytes(), path
    assert person.id not in {p.id for p in store.attendees.all()}
    assert store.registrations.count(workshop.id) == 59


def test_an_erased_person_does_not_come_back_with_an_older_archive(desk_a, tmp_path) -> None:
    store, workshop = desk_a
    older = create_archive(store, workshop.id, tmp_path / "antes.zip")
    person = store.attendees.for_workshop(workshop.id)[0]
    erase_attendee(store, person.id)
    restore_archive(store, older)
    assert person.id not in {p.id for p in store.attendees.all()}


def test_retention_pseudonymises_and_keeps_the_counts(desk_a) -> None:
    store, workshop = desk_a
    before = store.registrations.count(workshop.id)
    set_retention(store, workshop.id, date.today() - timedelta(days=1))
    assert apply_retention(store, date.today()) == 60
    people = store.attendees.for_workshop(workshop.id)
    assert all(p.given_names.startswith("P-") and not p.phone and not p.email for p in people)
    assert store.registrations.count(workshop.id) == before
    assert apply_retention(store, date.today()) == 0


def test_subject_access_lists_what_is_held(desk_a, tmp_path) -> None:
    from exports.pdf.subject_access import write_subject_access

    store, workshop = desk_a
    person = store.attendees.for_workshop(workshop.id)[0]
    data = subject_access_data(store, person.id)
    path = write_subject_access(data, tmp_path / "datos.pdf")
    text = "".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    assert person.name in text and "Consent answers" in text and workshop.title[:20] in text


def test_backup_restore_round_trip(desk_a) -> None:
    store, workshop = desk_a
    backup = make_backup(store.path)
    with store.transaction():
        store.db.execute("DELETE FROM introductions")
    store.close()
    aside = restore_backup(backup, store.path)
    restored = Store(open_database(store.path), path=store.path)
    assert restored.introductions.count(workshop.id) == 10 and aside.exists()
    restored.close()
    shutil.rmtree(store.path.parent, ignore_errors=True)


def test_the_cli_archive_commands(tmp_path) -> None:
    from tests.test_cli import creando
    from tests.test_cli_attendees import demo_workshop

    db_a = tmp_path / "a.db"
    workshop = demo_workshop(db_a)
    archive = tmp_path / "taller.zip"
    made = creando("--db", str(db_a), "--json", "archive", "create", "--workshop", workshop,
                   "-o", str(archive))
    assert made.returncode == 0, made.stderr
    verified = creando("--db", str(db_a), "--json", "archive", "verify", str(archive))
    assert verified.returncode == 0, verified.stderr
    answer = json.loads(verified.stdout)
    assert answer["ok"] is True and answer["problems"] == [] and answer["trust"] == "this_desk"
    fingerprint = answer["signer"]["fingerprint"]
    elsewhere = json.loads(creando("--json", "archive", "verify", str(archive)).stdout)
    assert elsewhere["ok"] is True and elsewhere["trust"] == "unknown"
    tampered = rewrite(archive, tmp_path / "t.zip", lambda name, data: data.replace(
        b"Taller", b"Tallar") if name == "manifest.json" else data)
    bad = creando("--json", "archive", "verify", str(tampered))
    assert bad.returncode == 1 and json.loads(bad.stdout)["ok"] is False
    db_b = tmp_path / "b.db"
    refused = creando("--db", str(db_b), "--json", "archive", "restore", str(archive))
    assert refused.returncode == 1 and fingerprint in json.loads(refused.stdout)["message"]
    merged = creando("--db", str(db_b), "--json", "archive", "restore", str(archive),
                     "--trust-signer", fingerprint.lower())
    assert merged.returncode == 0 and json.loads(merged.stdout)["added"]["attendees"] == 60
    again = creando("--db", str(db_b), "--lang", "en", "archive", "restore", str(archive))
    assert "Nothing new" in again.stdout


def test_a_badge_printed_on_the_main_desk_admits_on_a_desk_that_merged_its_archive(
        desk_a, tmp_path) -> None:
    from facilitator_app.services.badges import badge_token
    from facilitator_app.services.checkin import Outcome, check_in_code

    store_a, workshop = desk_a
    person = absent(store_a, workshop)[0]
    token = badge_token(store_a, workshop.id, person.id)
    archive = create_archive(store_a, workshop.id, tmp_path / "antes-de-abrir.zip")
    path_b = tmp_path / "b" / "creando.db"
    store_b = Store(open_database(path_b), path=path_b)  # a new laptop, empty
    assert check_in_code(store_b, Desk(workshop.id), token).outcome is not Outcome.ADMITTED
    restore_archive(store_b, archive, trust_signer=this_desk(store_a).fingerprint)
    result = check_in_code(store_b, Desk(workshop.id, desk_id="B"), token)
    assert result.outcome is Outcome.ADMITTED and result.attendee.id == person.id
    store_b.close()
