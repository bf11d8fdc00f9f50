"""Certificates an auditor accepts: codes bound to what the certificate states, checks that
forgive how people type codes and never crash, sessions held counted mid-workshop, time
attended, issuer and logos, one PDF per person, and a QR that carries the code."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image
from pypdf import PdfReader

from exports.pdf.certificates import write_certificate_files, write_certificates
from facilitator_app.clock import iso
from facilitator_app.errors import KnownError
from facilitator_app.models import (
    AttendanceMode,
    Attendee,
    AttendeeId,
    CheckinEvent,
    CheckinKind,
    CheckinMethod,
    EventId,
)
from facilitator_app.services.certificates import (
    certificates,
    content_code,
    export_certificates,
    find_certificate,
    normalise_code,
    set_certificate_settings,
    verify_certificate,
)
from facilitator_app.services.workshops import create_workshop
from tests.test_cli import creando

NINE = datetime(2026, 3, 14, 14, 0, tzinfo=UTC)  # 09:00 in Lima
NAMES = ("Ana Lucía Pérez Ñique", "Carlos Andrés Rojas", "Yuleisy Peña Ávila")


@pytest.fixture
def workshop(store):
    """Three one-hour sessions (only the first held so far), three people."""
    made = create_workshop(store, "Taller de ventas", venue="Los Olivos",
                           starts_on="2026-03-14").workshop
    with store.transaction():
        sessions = [store.sessions.add(made.id, f"Sesión {n + 1}", starts_at=iso(start),
                                       ends_at=iso(start + timedelta(hours=1)))
                    for n, start in enumerate(NINE + timedelta(days=d) for d in range(3))]
        people = []
        for name in NAMES:
            given, family = name.split(" ", 1)
            person = store.attendees.add(Attendee(id=AttendeeId(""), given_names=given,
                                                  family_names=family))
            store.registrations.add(made.id, person.id, "test")
            people.append(person)
    return made, sessions, people


def attend(store, workshop, person, session, *, online_minutes: float | None = None) -> None:
    online = online_minutes is not None
    with store.transaction():
        store.checkins.record(CheckinEvent(
            id=EventId(""), workshop_id=workshop.id, attendee_id=person.id,
            kind=CheckinKind.ADMITTED, at=session.starts_at, method=CheckinMethod.SCANNER,
            mode=AttendanceMode.ONLINE if online else AttendanceMode.IN_ROOM,
            session_id=session.id, online_minutes=online_minutes))


def text_of(pdf: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(pdf).pages]


def test_mid_workshop_certificates_count_the_sessions_held_and_say_so(store, workshop,
                                                                      tmp_path) -> None:
    made, sessions, people = workshop
    attend(store, made, people[0], sessions[0])
    attend(store, made, people[1], sessions[0], online_minutes=45)
    found = certificates(store, made.id, NINE.date())
    assert [(c.name, c.sessions_attended, c.sessions_held, c.planned) for c in found] == [
        (people[0].name, 1, 1, 3), (people[1].name, 1, 1, 3)]
    assert (found[0].minutes_in_room, found[0].minutes_online) == (60, 0)
    assert (found[1].minutes_in_room, found[1].minutes_online) == (0, 45)
    pages = text_of(write_certificates(found, tmp_path / "c.pdf"))
    assert "Attended 1 of 1 session held so far, in the room." in pages[0]
    assert "Sessions held so far: 1 of 3 planned." in " ".join(pages[0].split())
    assert "1 of 1 session, in" not in pages[0] and "1 of 1 sessions" not in pages[0]
    assert "Time attended: 1 h in the room." in pages[0]
    assert "Time attended: 45 min online." in pages[1]


def test_a_finished_workshop_says_attended_of_held_without_so_far(store, workshop,
                                                                   tmp_path) -> None:
    made, sessions, people = workshop
    for session in sessions:
        attend(store, made, people[0], session)
    attend(store, made, people[1], sessions[1])
    attend(store, made, people[1], sessions[2], online_minutes=90)  # capped at the hour
    found = certificates(store, made.id, NINE.date())
    assert [(c.sessions_attended, c.sessions_held, c.planned, c.mode, c.minutes_in_room,
             c.minutes_online) for c in found] == [(3, 3, 3, "in_room", 180, 0),
                                                   (2, 3, 3, "both", 60, 60)]
    page = text_of(write_certificates(found, tmp_path / "c.pdf"))[1]
    assert "Attended 2 of 3 sessions, in the room and online." in page
    assert "so far" not in page
    assert "Time attended: 1 h in the room and 1 h online." in page


def test_a_code_is_bound_to_what_the_certificate_states(store, workshop) -> None:
    made, sessions, people = workshop
    attend(store, made, people[0], sessions[0])
    attend(store, made, people[1], sessions[0])
    first, second = certificates(store, made.id, NINE.date())
    assert first.verification_code != second.verification_code
    seen = find_certificate(store, first.verification_code, made.id)[1]
    assert (seen.name, seen.attended, seen.held, seen.planned) == (first.name, 1, 1, 3)
    for edited in (replace(seen, attended=3, held=3), replace(seen, name=second.name),
                   replace(seen, minutes_in_room=180), replace(seen, planned=1)):
        assert content_code(store, made, edited) != first.verification_code
    assert verify_certificate(store, first.verification_code, made.id, name=first.name,
                              sessions="1/1").mismatches == ()
    assert verify_certificate(store, first.verification_code, made.id,
                              sessions="3 de 3").mismatches == ("sessions",)
    assert verify_certificate(store, first.verification_code, made.id,
                              name=second.name).mismatches == ("name",)
    assert verify_certificate(store, first.verification_code, made.id,
                              name="ana lucia PEREZ ñique").mismatches == ()


def test_a_certificate_issued_mid_workshop_still_verifies_after_more_sessions(
        store, workshop) -> None:
    made, sessions, people = workshop
    attend(store, made, people[0], sessions[0])
    early = certificates(store, made.id, NINE.date())[0]
    attend(store, made, people[0], sessions[1])
    later = certificates(store, made.id, NINE.date())[0]
    assert (later.sessions_attended, later.sessions_held) == (2, 2)
    assert later.verification_code != early.verification_code
    for code, held in ((early.verification_code, 1), (later.verification_code, 2)):
        assert find_certificate(store, code)[1].held == held  # any workshop of this desk


@pytest.mark.parametrize("typed", [
    lambda c: c.lower(), lambda c: c.replace("-", ""), lambda c: c.replace("-", " "),
    lambda c: c.replace("-", "\u2013"), lambda c: c.replace("-", "\u2014"),
    lambda c: f"  {c.lower().replace('-', ' - ')}\n", lambda c: c.replace("O", "0")
    .replace("I", "1").replace("B", "8")])
def test_typed_variants_of_a_code_verify(store, workshop, typed) -> None:
    made, sessions, people = workshop
    attend(store, made, people[0], sessions[0])
    code = certificates(store, made.id, NINE.date())[0].verification_code
    assert find_certificate(store, typed(code), made.id) is not None


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_any_text_is_either_a_code_or_none(text) -> None:
    letters = normalise_code(text)
    assert letters is None or (len(letters) == 12 and letters.isalnum())


def test_garbage_is_not_genuine_and_never_a_traceback(tmp_path) -> None:
    from tests.test_cli_attendees import demo_workshop

    db = tmp_path / "g.db"
    workshop = demo_workshop(db)
    for garbage in ("", " ", "\u2014", "AAAA-BBBB-CCCC", "🙂🙂🙂", "x" * 5000, "ÑÑÑÑ-ÑÑÑÑ-ÑÑÑÑ",
                    "AAAA\u2013BBBB\u2013CC", "0000 1111 8888", "%s%n{}"):
        for extra in ([], ["--workshop", workshop]):
            done = creando("--db", str(db), "--json", "certificate", "verify", *extra, garbage)
            assert done.returncode == 1, (garbage, done.stderr)
            assert json.loads(done.stdout) == {"valid": False, "name": None}
            assert "Traceback" not in done.stderr
    human = creando("--db", str(db), "--lang", "en", "certificate", "verify", "AAAA-BBBB-CCCC")
    assert human.returncode == 1 and "Not genuine" in human.stdout


def test_the_cli_verifies_typed_codes_and_detects_an_edited_certificate(tmp_path) -> None:
    from tests.test_cli_attendees import demo_workshop

    db = tmp_path / "c.db"
    workshop = demo_workshop(db)
    folder = tmp_path / "each"
    made = creando("--db", str(db), "--lang", "en", "--json", "export", "certificates",
                   "--workshop", workshop, "-o", str(tmp_path / "c.pdf"), "--one-per-person",
                   str(folder))
    assert made.returncode == 0, made.stderr
    files = sorted(folder.iterdir())
    assert len(files) == json.loads(made.stdout)["items"] > 0
    page = " ".join(text_of(files[0])[0].split())
    code = page.split("Verification code: ")[1].split()[0]
    name = page.split("This certifies that ")[1].split(" took part")[0]
    assert files[0].name == f"certificate-{code}.pdf"
    typed = code.lower().replace("-", "\u2013")
    good = creando("--db", str(db), "--json", "certificate", "verify", typed, "--name", name)
    assert good.returncode == 0, good.stderr
    said = json.loads(good.stdout)
    assert said["valid"] is True and said["name"] == name and said["workshop_id"] == workshop
    assert f"{said['sessions_attended']} of {said['sessions_held']}" in page
    forged = creando("--db", str(db), "--json", "certificate", "verify", "--workshop",
                     workshop, code, "--sessions", f"{said['sessions_planned']}/"
                     f"{said['sessions_planned']}")
    assert forged.returncode == 1 and json.loads(forged.stdout)["mismatches"] == ["sessions"]
    renamed = creando("--db", str(db), "--lang", "en", "certificate", "verify", code, "--name",
                      "Otra Persona")
    assert renamed.returncode == 1 and "Altered" in renamed.stdout


def test_one_pdf_per_person_named_by_code_never_by_name(store, workshop, tmp_path) -> None:
    made, sessions, people = workshop
    for person in people:
        attend(store, made, person, sessions[0])
    target, count = export_certificates(store, made.id, tmp_path / "all.pdf", tmp_path / "one")
    assert count == 3 and len(text_of(target)) == 3
    found = certificates(store, made.id, NINE.date())
    files = sorted((tmp_path / "one").iterdir())
    assert [f.name for f in files] == sorted(f"certificate-{c.verification_code}.pdf"
                                             for c in found)
    for certificate in found:
        pages = text_of(tmp_path / "one" / f"certificate-{certificate.verification_code}.pdf")
        assert len(pages) == 1 and certificate.name in pages[0]
    for file in files:
        assert not any(part.lower() in file.name.lower() for name in NAMES
                       for part in name.split())
    assert not list((tmp_path / "one").glob(".*"))  # no temporary left behind


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_the_qr_decodes_to_the_code_and_what_the_certificate_states(store, workshop,
                                                                    tmp_path) -> None:
    import zxingcpp

    made, sessions, people = workshop
    attend(store, made, people[0], sessions[0])
    certificate = certificates(store, made.id, NINE.date())[0]
    pdf = write_certificates([certificate], tmp_path / "c.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "150", str(pdf), str(tmp_path / "page")],
                   check=True)
    found = zxingcpp.read_barcodes(Image.open(tmp_path / "page-1.png"))
    assert len(found) == 1
    text = found[0].text
    assert f"Verification code: {certificate.verification_code}" in text
    assert certificate.name in text and "1 of 1 session held so far" in text
    assert "Sessions held so far: 1 of 3 planned" in text


def logo(path: Path, kind: str) -> Path:
    Image.new("RGB", (300, 100), (11, 83, 148)).save(path, kind)
    return path


def test_issuer_partner_facilitator_and_logos_appear_on_the_certificate(store, workshop,
                                                                        tmp_path) -> None:
    made, sessions, people = workshop
    attend(store, made, people[0], sessions[0])
    saved = set_certificate_settings(
        store, made.id, issuer="Programa CREANDO", partner="Caja Aliada",
        facilitator="Rosa Quispe", issuer_logo=str(logo(tmp_path / "i.png", "PNG")),
        partner_logo=str(logo(tmp_path / "p.jpg", "JPEG")))
    assert saved["issuer"] == "Programa CREANDO" and saved["partner_logo"].endswith("p.jpg")
    target, _count = export_certificates(store, made.id, tmp_path / "c.pdf")
    page = text_of(target)[0]
    for text in ("Programa CREANDO", "In partnership with Caja Aliada", "Rosa Quispe",
                 "Facilitator"):
        assert text in page
    images = PdfReader(target).pages[0].images
    assert len(images) == 2


@pytest.mark.parametrize(("content", "said"), [
    (b"not an image at all", "not a readable PNG or JPEG"),
    (None, "was not found"),
    ("gif", "is a GIF image")])
def test_a_bad_logo_is_refused_with_a_clear_message(store, workshop, tmp_path, content,
                                                    said) -> None:
    made = workshop[0]
    path = tmp_path / "logo.png"
    if content == "gif":
        Image.new("RGB", (10, 10)).save(path, "GIF")
    elif content is not None:
        path.write_bytes(content)
    with pytest.raises(KnownError) as refused:
        set_certificate_settings(store, made.id, issuer_logo=str(path))
    assert said in refused.value.message and "logo.png" in refused.value.message
    assert store.workshops.certificate_settings(made.id)["issuer_logo"] == ""


def test_a_logo_gone_since_it_was_chosen_stops_the_export_with_its_name(store, workshop,
                                                                        tmp_path) -> None:
    made, sessions, people = workshop
    attend(store, made, people[0], sessions[0])
    path = logo(tmp_path / "gone.png", "PNG")
    set_certificate_settings(store, made.id, partner_logo=str(path))
    path.unlink()
    with pytest.raises(KnownError, match=r"gone\.png"):
        export_certificates(store, made.id, tmp_path / "c.pdf")
    assert not (tmp_path / "c.pdf").exists()


def test_files_written_one_per_person_replace_an_older_file_atomically(tmp_path) -> None:
    from datetime import date

    from facilitator_app.export_models import CertificateData

    data = CertificateData("Ana", "Taller", "", "", 1, 1, "in_room", "AAAA-BBBB-CCCC",
                           date(2026, 3, 14))
    (tmp_path / "certificate-AAAA-BBBB-CCCC.pdf").write_bytes(b"old")
    written = write_certificate_files([data], tmp_path)
    assert written == [tmp_path / "certificate-AAAA-BBBB-CCCC.pdf"]
    assert written[0].read_bytes().startswith(b"%PDF")
