"""Archives nobody can forge, and badge keys that stay home: signed manifests, pinning by
fingerprint, snapshots without secrets, and the issue's attack (a person and a badge added
to an archive, merged, admitted) failing end to end through the command line."""

from __future__ import annotations

import base64
import json
import sqlite3
import uuid
import zipfile
from pathlib import Path

import pytest

from facilitator_app import keys, tokens
from facilitator_app.db import open_database
from facilitator_app.errors import KnownError, RejectedFileError
from facilitator_app.services import desks
from facilitator_app.services.archive import SNAPSHOT, create_archive, verify_archive
from facilitator_app.services.badges import badge_token
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.merge import (
    UnsignedArchiveError,
    UntrustedSignerError,
    restore_archive,
)
from facilitator_app.store import Store
from tests.archive_support import edit_snapshot, forge, signer_of
from tests.test_cli import creando


def open_store(path: Path) -> Store:
    path.parent.mkdir(parents=True, exist_ok=True)
    return Store(open_database(path), path=path)


@pytest.fixture
def main_desk(tmp_path: Path):
    store = open_store(tmp_path / "main" / "creando.db")
    workshop, _ = ensure_demo(store)
    yield store, workshop
    store.close()


@pytest.fixture
def archive(main_desk, tmp_path: Path) -> Path:
    store, workshop = main_desk
    for person in store.attendees.for_workshop(workshop.id)[:5]:
        badge_token(store, workshop.id, person.id)
    return create_archive(store, workshop.id, tmp_path / "taller.zip")


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as source:
        return {name: source.read(name) for name in source.namelist()}


def secrets_of(store: Store) -> list[bytes]:
    """Every secret this desk holds, in the spellings a file could carry it."""
    found = [bytes(row[0]) for row in store.db.execute("SELECT private_key FROM local_keys")]
    found += [bytes.fromhex(row[0]) for row in store.db.execute(
        "SELECT token_secret FROM workshops WHERE token_secret != ''")]
    return [spelling for raw in found for spelling in (
        raw, raw.hex().encode(), raw.hex().upper().encode(), base64.b64encode(raw),
        base64.b32encode(raw))]


def test_a_snapshot_holds_no_secret_at_all(main_desk, archive, tmp_path) -> None:
    store, workshop = main_desk
    desks.desk_key(store)
    store.workshops.secret(workshop.id)
    kinds = {row[0] for row in store.db.execute("SELECT kind FROM local_keys")}
    assert kinds >= {"desk", "mint"}
    held = secrets_of(store)
    assert len(held) >= 3 * 5
    contents = members(archive)
    for name, data in contents.items():
        assert not any(secret in data for secret in held), name
    snapshot = tmp_path / "snapshot.sqlite"
    snapshot.write_bytes(contents[SNAPSHOT])
    conn = sqlite3.connect(snapshot)
    try:
        for table in ("local_keys", "trusted_desks", "scrub_pending", "app_meta",
                      "archives_made"):
            assert conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
        assert {row[0] for row in conn.execute("SELECT token_secret FROM workshops")} == {""}
        public = conn.execute("SELECT public_key FROM badge_keys").fetchone()[0]
    finally:
        conn.close()
    assert bytes(public) == store.workshops.badge_key(workshop.id)  # the public half travels


def test_the_manifest_names_its_signer_and_verify_says_who(main_desk, archive, tmp_path) -> None:
    store, _workshop = main_desk
    me = desks.this_desk(store)
    manifest = json.loads(members(archive)["manifest.json"])
    assert manifest["format"] == 2 and manifest["signer"]["fingerprint"] == me.fingerprint
    assert keys.as_fingerprint(me.fingerprint) == me.fingerprint and len(me.fingerprint) == 19
    here = verify_archive(archive, store=store)
    assert here.ok and here.trust == desks.THIS_DESK and here.signer.public_key == me.public_key
    other = open_store(tmp_path / "other" / "creando.db")
    elsewhere = verify_archive(archive, store=other)
    assert elsewhere.ok and elsewhere.trust == desks.UNKNOWN
    other.close()


def test_rehashing_every_file_and_the_manifest_no_longer_fools_verify(main_desk, archive,
                                                                        tmp_path) -> None:
    store, workshop = main_desk
    edited = edit_snapshot(archive, tmp_path, [(
        "UPDATE workshops SET title = 'Taller cambiado' WHERE id = ?", [workshop.id])])
    tampered = forge(archive, tmp_path / "tampered.zip", members={SNAPSHOT: edited})
    result = verify_archive(tampered, store=store)
    assert not result.ok
    assert [p["file"] for p in result.problems] == ["manifest.sig"]
    assert "signature does not match" in result.problems[0]["reason"]
    with pytest.raises(RejectedFileError, match="signature does not match"):
        restore_archive(store, tampered)


def test_an_archive_signed_by_another_key_needs_its_fingerprint(main_desk, archive,
                                                                 tmp_path) -> None:
    store, _workshop = main_desk
    attacker = keys.new_private_key()
    stranger = signer_of(keys.public_key_of(attacker))
    resigned = forge(archive, tmp_path / "resigned.zip", key=attacker,
                     manifest=lambda m: {**m, "signer": stranger})
    result = verify_archive(resigned, store=store)
    assert result.ok and result.trust == desks.UNKNOWN
    assert result.signer.fingerprint == stranger["fingerprint"] != desks.this_desk(
        store).fingerprint
    with pytest.raises(UntrustedSignerError) as raised:
        restore_archive(store, resigned)
    assert raised.value.signer.fingerprint in raised.value.message
    with pytest.raises(RejectedFileError, match="not by"):
        restore_archive(store, resigned, trust_signer=desks.this_desk(store).fingerprint)
    assert desks.trusted(store) == []


def test_pinning_happens_once_and_a_forgotten_desk_is_refused_again(main_desk, archive,
                                                                     tmp_path) -> None:
    _store, workshop = main_desk
    second = open_store(tmp_path / "second" / "creando.db")
    fingerprint = desks.this_desk(main_desk[0]).fingerprint
    typed = fingerprint.lower().replace("-", " ").replace("O", "0")  # read aloud, typed
    added = restore_archive(second, archive, trust_signer=typed)
    assert added["attendees"] == 60 and added["badge_keys"] == 1
    assert [d.fingerprint for d in desks.trusted(second)] == [fingerprint]
    assert verify_archive(archive, store=second).trust == desks.PINNED
    assert not any(restore_archive(second, archive).values())  # pinned: no question asked
    desks.forget(second, fingerprint)
    with pytest.raises(UntrustedSignerError):
        restore_archive(second, archive)
    assert second.workshops.get(workshop.id).title == workshop.title
    second.close()


def test_an_unsigned_archive_of_an_older_version_needs_the_risk_accepted(main_desk, archive,
                                                                          tmp_path) -> None:
    _store, _workshop = main_desk
    second = open_store(tmp_path / "second" / "creando.db")

    def older(manifest: dict) -> dict:
        manifest.pop("signer")
        return {**manifest, "format": 1}

    legacy = forge(archive, tmp_path / "legacy.zip", manifest=older, sign=False)
    result = verify_archive(legacy, store=second)
    assert result.ok and result.trust == desks.UNSIGNED and result.signer is None
    with pytest.raises(UnsignedArchiveError, match="accept-unsigned"):
        restore_archive(second, legacy)
    assert restore_archive(second, legacy, accept_unsigned=True)["attendees"] == 60
    second.close()


def test_an_encrypted_archive_carries_the_signature_too(main_desk, tmp_path) -> None:
    import pyzipper

    store, workshop = main_desk
    secret = create_archive(store, workshop.id, tmp_path / "cifrado.zip", password="clave-1")
    result = verify_archive(secret, "clave-1", store=store)
    assert result.ok and result.trust == desks.THIS_DESK
    with pyzipper.AESZipFile(secret) as source:
        source.setpassword(b"clave-1")
        data = {name: source.read(name) for name in source.namelist()}
    assert "manifest.sig" in data
    plain = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain, "w") as out:
        for name, body in data.items():
            out.writestr(name, body)
    edited = edit_snapshot(plain, tmp_path, [("DELETE FROM checkin_events", [])])
    forged = forge(plain, tmp_path / "forged-plain.zip", members={SNAPSHOT: edited})
    again = tmp_path / "re-encrypted.zip"  # whoever knows the password re-encrypts it
    with pyzipper.AESZipFile(again, "w", compression=pyzipper.ZIP_DEFLATED,
                             encryption=pyzipper.WZ_AES) as out:
        out.setpassword(b"clave-1")
        for name, body in members(forged).items():
            out.writestr(name, body)
    broken = verify_archive(again, "clave-1", store=store)
    assert [p["file"] for p in broken.problems] == ["manifest.sig"]


def test_a_desk_that_received_a_workshop_verifies_badges_but_cannot_mint(main_desk, archive,
                                                                         tmp_path) -> None:
    from facilitator_app.services.badges import CannotMintError, can_mint
    from facilitator_app.services.checkin import Desk, Outcome, check_in_code

    store, workshop = main_desk
    second = open_store(tmp_path / "second" / "creando.db")
    restore_archive(second, archive, trust_signer=desks.this_desk(store).fingerprint)
    printed = list(store.badges.current_by_registration(workshop.id).values())
    assert len(printed) == 5
    for number, token in enumerate(printed):
        assert tokens.is_signed(token) and len(token) == tokens.SIGNED_LENGTH
        holder = second.badges.find(token)["attendee_id"]
        code = token if number % 2 else tokens.short_code(token)  # scanned, or typed
        result = check_in_code(second, Desk(workshop.id, desk_id="B"), code)
        assert result.outcome in (Outcome.ADMITTED, Outcome.ALREADY_IN), code
        assert result.attendee.id == holder
    token = printed[0]
    assert can_mint(store, workshop.id) and not can_mint(second, workshop.id)
    without = next(p for p in second.attendees.for_workshop(workshop.id)
                   if second.badges.current(second.registrations.registration_id(
                       workshop.id, p.id)) is None)
    with pytest.raises(CannotMintError, match="cannot make them"):
        badge_token(second, workshop.id, without.id)
    holder = second.badges.find(token)["attendee_id"]
    with pytest.raises(CannotMintError):
        badge_token(second, workshop.id, holder, reissue=True)
    assert second.badges.find(token)["revoked_at"] is None  # a refused reissue revokes nothing
    second.close()


def test_badges_minted_before_signatures_keep_working_everywhere(main_desk, tmp_path) -> None:
    from facilitator_app.services.checkin import Desk, Outcome, check_in_code

    store, workshop = main_desk
    person = store.attendees.for_workshop(workshop.id)[7]
    registration = store.registrations.registration_id(workshop.id, person.id)
    old = tokens.mint(store.workshops.hmac_secret(workshop.id), workshop.id)  # as before
    with store.transaction():
        store.badges.issue(old, registration, workshop.id, person.id)
    archive = create_archive(store, workshop.id, tmp_path / "con-antiguas.zip")
    second = open_store(tmp_path / "second" / "creando.db")
    restore_archive(second, archive, trust_signer=desks.this_desk(store).fingerprint)
    assert second.workshops.hmac_secret(workshop.id) == ""  # the secret did not travel
    for desk in (store, second):
        result = check_in_code(desk, Desk(workshop.id, desk_id="x"), old)
        assert result.outcome in (Outcome.ADMITTED, Outcome.ALREADY_IN)
        assert result.attendee.id == person.id
    stranger = tokens.mint(store.workshops.hmac_secret(workshop.id), workshop.id)
    assert check_in_code(store, Desk(workshop.id), stranger).outcome is Outcome.UNKNOWN
    second.close()


def test_a_trusted_desk_cannot_slip_in_badges_it_made_itself(main_desk, archive,
                                                             tmp_path) -> None:
    """A secondary desk turned hostile signs its own archive, with a person and a badge
    minted with a key of its own: the main desk refuses the merge."""
    store, workshop = main_desk
    second = open_store(tmp_path / "second" / "creando.db")
    restore_archive(second, archive, trust_signer=desks.this_desk(store).fingerprint)
    intruder = add_intruder(second.path, workshop.id,
                            tokens.mint_signed(keys.new_private_key(), workshop.id))
    theirs = create_archive(second, workshop.id, tmp_path / "mesa-2.zip")
    with pytest.raises(RejectedFileError, match="forged badges"):
        restore_archive(store, theirs, trust_signer=desks.this_desk(second).fingerprint)
    assert store.attendees.by_id(intruder) is None
    second.close()


def test_a_second_badge_key_for_a_workshop_is_refused(main_desk, archive, tmp_path) -> None:
    store, _workshop = main_desk
    edited = edit_snapshot(archive, tmp_path, [(
        "UPDATE badge_keys SET public_key = ?", [keys.public_key_of(keys.new_private_key())])])
    swapped = forge(archive, tmp_path / "swapped.zip", members={SNAPSHOT: edited},
                    key=desks.desk_key(store))
    with pytest.raises(RejectedFileError, match="another badge key"):
        restore_archive(store, swapped)


def add_intruder(db: Path, workshop_id: str, token: str) -> str:
    """A person, a registration and a badge, written straight into a database file."""
    person, registration = str(uuid.uuid4()), str(uuid.uuid4())
    conn = sqlite3.connect(db)
    try:
        conn.execute("INSERT INTO attendees (id, given_names, family_names, created_at, "
                     "updated_at) VALUES (?, 'Intruso', 'Falso', '2026-03-14', '2026-03-14')",
                     [person])
        conn.execute("INSERT INTO registrations (id, workshop_id, attendee_id, registered_at) "
                     "VALUES (?, ?, ?, '2026-03-14')", [registration, workshop_id, person])
        conn.execute("INSERT INTO badge_tokens (token, registration_id, workshop_id, "
                     "attendee_id, issued_at) VALUES (?, ?, ?, ?, '2026-03-14')",
                     [token, registration, workshop_id, person])
        conn.commit()
    finally:
        conn.close()
    return person


def intruder_statements(workshop_id: str, token: str) -> tuple[str, list[tuple[str, list]]]:
    person, registration = str(uuid.uuid4()), str(uuid.uuid4())
    return person, [
        ("INSERT INTO attendees (id, given_names, family_names, created_at, updated_at) "
         "VALUES (?, 'Intruso', 'Falso', '2026-03-14', '2026-03-14')", [person]),
        ("INSERT INTO registrations (id, workshop_id, attendee_id, registered_at) VALUES "
         "(?, ?, ?, '2026-03-14')", [registration, workshop_id, person]),
        ("INSERT INTO badge_tokens (token, registration_id, workshop_id, attendee_id, "
         "issued_at) VALUES (?, ?, ?, ?, '2026-03-14')",
         [token, registration, workshop_id, person])]


def test_the_issues_attack_fails_end_to_end_through_the_cli(tmp_path) -> None:
    """Add a person and a badge minted with the leaked key (an older archive carried the
    workshop's secret) to the main desk's archive, merge it on another desk: refused, and
    the badge is not admitted, whether the archive keeps the old signature, is re-signed by
    an attacker, or is passed off as an unsigned older archive."""
    main, other = tmp_path / "main.db", tmp_path / "other.db"
    workshop = json.loads(creando("--db", str(main), "--json", "demo").stdout)["id"]
    archive = tmp_path / "taller.zip"
    assert creando("--db", str(main), "archive", "create", "--workshop", workshop, "-o",
                   str(archive)).returncode == 0
    fingerprint = json.loads(creando("--db", str(main), "--json", "desk", "show").stdout)[
        "fingerprint"]
    paired = creando("--db", str(other), "--json", "archive", "restore", str(archive),
                     "--trust-signer", fingerprint)
    assert paired.returncode == 0, paired.stderr
    with sqlite3.connect(main) as conn:
        leaked = conn.execute("SELECT token_secret FROM workshops WHERE id = ?",
                              [workshop]).fetchone()[0]
    forged_badge = tokens.mint(leaked, workshop)
    _person, statements = intruder_statements(workshop, forged_badge)
    edited = edit_snapshot(archive, tmp_path, statements)
    attacker = keys.new_private_key()
    variants = {
        "rehashed": forge(archive, tmp_path / "rehashed.zip", members={SNAPSHOT: edited}),
        "re-signed": forge(archive, tmp_path / "resigned.zip", members={SNAPSHOT: edited},
                           key=attacker, manifest=lambda m: {
                               **m, "signer": signer_of(keys.public_key_of(attacker))}),
        "unsigned": forge(archive, tmp_path / "unsigned.zip", members={SNAPSHOT: edited},
                          sign=False, manifest=lambda m: {
                              **{k: v for k, v in m.items() if k != "signer"}, "format": 1}),
    }
    expected = {"rehashed": "signature does not match", "re-signed": "does not know yet",
                "unsigned": "accept-unsigned"}
    for name, forged in variants.items():
        for desk in (other, main):
            merged = creando("--db", str(desk), "--json", "--lang", "en", "archive", "restore",
                             str(forged))
            assert merged.returncode == 1, (name, merged.stdout, merged.stderr)
            assert expected[name] in json.loads(merged.stdout)["message"], name
    for desk in (other, main):
        scanned = creando("--db", str(desk), "--json", "checkin", "--workshop", workshop,
                          "--code", forged_badge)
        assert scanned.returncode == 1
        assert json.loads(scanned.stdout)["outcome"] in ("unknown", "forged")
        with sqlite3.connect(desk) as conn:
            assert not conn.execute("SELECT 1 FROM attendees WHERE given_names = 'Intruso'") \
                .fetchone()


def test_restore_refuses_what_it_cannot_authenticate_with_exit_1_and_badges_exit_3(
        tmp_path) -> None:
    main, other = tmp_path / "main.db", tmp_path / "other.db"
    workshop = json.loads(creando("--db", str(main), "--json", "demo").stdout)["id"]
    archive = tmp_path / "taller.zip"
    creando("--db", str(main), "archive", "create", "--workshop", workshop, "-o", str(archive))
    fingerprint = json.loads(creando("--db", str(main), "--json", "desk", "show").stdout)[
        "fingerprint"]
    wrong = creando("--db", str(other), "--lang", "en", "archive", "restore", str(archive),
                    "--trust-signer", "AAAA-BBBB-CCCC-DDDD")
    assert wrong.returncode == 1 and "not by AAAA-BBBB-CCCC-DDDD" in wrong.stderr
    assert creando("--db", str(other), "archive", "restore", str(archive), "--trust-signer",
                   fingerprint).returncode == 0
    listed = json.loads(creando("--db", str(other), "--json", "desk", "trusted").stdout)
    assert [d["fingerprint"] for d in listed] == [fingerprint]
    badges = creando("--db", str(other), "--lang", "en", "badges", "--workshop", workshop,
                     "-o", str(tmp_path / "b.pdf"))
    assert badges.returncode == 3 and "cannot make them" in badges.stderr
    assert not (tmp_path / "b.pdf").exists()
    printed = creando("--db", str(main), "badges", "--workshop", workshop, "-o",
                      str(tmp_path / "b.pdf"))
    assert printed.returncode == 0, printed.stderr
    forgot = creando("--db", str(other), "desk", "forget", fingerprint.lower())
    assert forgot.returncode == 0
    again = creando("--db", str(other), "--lang", "en", "archive", "restore", str(archive))
    assert again.returncode == 1 and "does not know yet" in again.stderr


def test_verify_and_restore_need_no_store_change_for_a_refused_archive(main_desk, archive,
                                                                       tmp_path) -> None:
    _store, _workshop = main_desk
    other = open_store(tmp_path / "other" / "creando.db")
    before = other.db.execute("SELECT COUNT(*) FROM workshops").fetchone()[0]
    with pytest.raises(KnownError):
        restore_archive(other, archive)
    assert other.db.execute("SELECT COUNT(*) FROM workshops").fetchone()[0] == before
    assert not list((other.path.parent / "creando-tmp").glob("*"))  # its work folder went
    other.close()
