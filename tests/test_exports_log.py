"""What left this computer: every export is recorded with its people and sensitivity label,
the label is in the file itself, a failed export records nothing, erasure unlinks the person,
the subject-access file lists the exports, and `creando exports log` prints them."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from facilitator_app.db import open_database
from facilitator_app.errors import KnownError
from facilitator_app.services.archive import create_archive
from facilitator_app.services.demo import ensure_demo
from facilitator_app.services.exports import export
from facilitator_app.services.privacy import erase_attendee
from facilitator_app.services.subject_access import subject_access_data, write_subject_access_file
from facilitator_app.store import Store
from tests.archive_support import snapshot_of
from tests.cli_support import make_demo, run_main


@pytest.fixture
def desk(tmp_path: Path):
    path = tmp_path / "desk" / "creando.db"
    store = Store(open_database(path), path=path)
    workshop, _created = ensure_demo(store)
    yield store, workshop
    store.close()


def count(store: Store, sql: str, params: list) -> int:
    return store.db.execute(sql, params).fetchone()[0]


def registered(store: Store, workshop_id: str) -> int:
    return count(store, "SELECT COUNT(*) FROM registrations WHERE workshop_id = ?", [workshop_id])


def only_entry(store: Store):
    entries = store.export_log.entries()
    assert len(entries) == 1
    return entries[0]


def pdf_label(path: Path) -> tuple[str, str]:
    info = PdfReader(path).metadata
    return str(info.subject), str(info.get("/Keywords"))


def test_the_workshop_report_carries_everyone_registered_and_says_so_on_each_sheet(
        desk, tmp_path) -> None:
    store, workshop = desk
    written, _items = export(store, "report", tmp_path / "informe.xlsx", workshop=workshop.id)
    entry = only_entry(store)
    assert (entry.kind, entry.label, entry.workshop_id) == ("report", "confidential",
                                                            workshop.id)
    assert entry.people == registered(store, workshop.id) == 60
    assert sorted(store.export_log.people(entry.id)) == sorted(
        row[0] for row in store.db.execute(
            "SELECT attendee_id FROM registrations WHERE workshop_id = ?", [workshop.id]))
    assert entry.file_name == "informe.xlsx" and str(tmp_path) not in entry.file_name
    assert entry.bytes == written.stat().st_size
    assert entry.sha256 == hashlib.sha256(written.read_bytes()).hexdigest()
    book = load_workbook(written)
    assert book.properties.category == "confidential"
    assert "sensitivity:confidential" in book.properties.keywords
    for sheet in book.worksheets:
        assert "Confidential: personal data" in sheet.oddFooter.left.text, sheet.title


def test_the_partner_report_is_restricted_until_it_names_people(desk, tmp_path) -> None:
    store, workshop = desk
    export(store, "partner-report", tmp_path / "cifras.xlsx", workshop=workshop.id)
    figures = only_entry(store)
    assert (figures.label, figures.people) == ("restricted", 0)
    book = load_workbook(tmp_path / "cifras.xlsx")
    assert book.properties.category == "restricted"
    assert "Restricted: figures only" in book.worksheets[0].oddFooter.left.text
    shown = [row for row in book.worksheets[0].iter_rows(values_only=True)]
    assert ("Sensitivity", "Restricted: figures only") in [row[:2] for row in shown]
    partner = max(store.partners.list(),
                  key=lambda p: len(store.introductions.to_partner(workshop.id, p.id)))
    _path, named = export(store, "partner-report", tmp_path / "aliado.xlsx",
                          workshop=workshop.id, partner=partner.id)
    assert named > 0, "the demo has people who agreed to share with this partner"
    entry = store.export_log.entries()[0]
    assert (entry.label, entry.people) == ("confidential", named)
    assert load_workbook(tmp_path / "aliado.xlsx").properties.category == "confidential"


def test_a_handout_is_public_and_a_signin_sheet_names_the_workshop(desk, tmp_path) -> None:
    store, workshop = desk
    session = store.sessions.for_workshop(workshop.id)[0]
    export(store, "handout", tmp_path / "material.pdf", session=session.id)
    export(store, "signin-sheet", tmp_path / "firmas.pdf", session=session.id)
    sheet, handout = store.export_log.entries()
    assert (handout.kind, handout.label, handout.people) == ("handout", "public", 0)
    assert (handout.session_id, handout.workshop_id) == (session.id, workshop.id)
    assert (sheet.label, sheet.people) == ("confidential", registered(store, workshop.id))
    subject, keywords = pdf_label(tmp_path / "material.pdf")
    assert subject == "Público"  # in the handout's own language (the demo's modules: es)
    assert "sensitivity:public" in keywords
    assert "sensitivity:confidential" in pdf_label(tmp_path / "firmas.pdf")[1]


def test_cards_certificates_and_one_file_per_person(desk, tmp_path) -> None:
    store, workshop = desk
    _cards, card_count = export(store, "cards", tmp_path / "tarjetas.pdf", workshop=workshop.id)
    cards = only_entry(store)
    owners = count(store, "SELECT COUNT(DISTINCT a.id) FROM attendees a WHERE EXISTS (SELECT 1"
                   " FROM introductions i WHERE i.workshop_id = ? AND (i.from_attendee_id = a.id"
                   " OR i.to_attendee_id = a.id))", [workshop.id])
    assert cards.label == "confidential" and cards.people == owners >= card_count > 0
    _all, certified = export(store, "certificates", tmp_path / "certificados.pdf",
                             workshop=workshop.id, one_per_person=tmp_path / "uno")
    entries = [e for e in store.export_log.entries() if e.kind == "certificates"]
    combined = [e for e in entries if e.file_name == "certificados.pdf"]
    singles = [e for e in entries if e.file_name != "certificados.pdf"]
    assert combined[0].people == certified == len(singles) > 0
    assert all(e.people == 1 and e.attendee_id for e in singles)
    assert {e.file_name for e in singles} == {p.name for p in (tmp_path / "uno").iterdir()}
    assert pdf_label(tmp_path / "certificados.pdf")[0] == "Confidential: personal data"
    for single in singles[:3]:  # each file is recorded with the person it certifies
        text = PdfReader(tmp_path / "uno" / single.file_name).pages[0].extract_text()
        assert store.attendees.get(single.attendee_id).family_names.split()[0] in text


def test_a_failed_export_records_nothing(desk, tmp_path, monkeypatch) -> None:
    store, workshop = desk
    with pytest.raises(KnownError):
        export(store, "report", tmp_path / "informe.pdf", workshop=workshop.id)
    import exports.excel.workshop_report as writer

    def broken(data, target):
        raise OSError("disk full")

    monkeypatch.setattr(writer, "write_workshop_report", broken)
    with pytest.raises(OSError):
        export(store, "report", tmp_path / "informe.xlsx", workshop=workshop.id)
    assert store.export_log.entries() == []
    assert not (tmp_path / "informe.xlsx").exists()


def test_an_archive_is_one_entry_and_its_snapshot_carries_no_log(desk, tmp_path) -> None:
    store, workshop = desk
    export(store, "report", tmp_path / "informe.xlsx", workshop=workshop.id)
    archive = create_archive(store, workshop.id, tmp_path / "taller.zip")
    entry = store.export_log.entries()[0]
    assert [e.kind for e in store.export_log.entries()] == ["archive", "report"]  # not its files
    assert (entry.label, entry.people) == ("confidential", registered(store, workshop.id))
    assert entry.sha256 == hashlib.sha256(archive.read_bytes()).hexdigest()
    (tmp_path / "out").mkdir()
    snapshot = sqlite3.connect(snapshot_of(archive, tmp_path / "out"))
    try:
        assert snapshot.execute("SELECT COUNT(*) FROM exports_log").fetchone()[0] == 0
        assert snapshot.execute("SELECT COUNT(*) FROM exports_log_people").fetchone()[0] == 0
    finally:
        snapshot.close()


def test_erasure_removes_the_persons_links_and_keeps_the_counts(desk, tmp_path) -> None:
    store, workshop = desk
    person = store.attendees.for_workshop(workshop.id)[0]
    export(store, "report", tmp_path / "informe.xlsx", workshop=workshop.id)
    write_subject_access_file(store, person.id, tmp_path / "datos.pdf")
    assert len(store.export_log.for_person(person.id)) == 2
    erase_attendee(store, person.id)
    assert store.export_log.for_person(person.id) == []
    assert count(store, "SELECT COUNT(*) FROM exports_log_people WHERE attendee_id = ?",
                 [person.id]) == 0
    report, access = sorted(store.export_log.entries(), key=lambda e: e.kind)
    assert report.people == 60 and len(store.export_log.people(report.id)) == 59
    assert access.kind == "subject-access" and access.attendee_id is None and access.people == 1


def test_the_subject_access_file_lists_the_exports_that_carried_the_person(
        desk, tmp_path) -> None:
    store, workshop = desk
    person = store.attendees.for_workshop(workshop.id)[0]
    empty = dict(subject_access_data(store, person.id, "en").sections)
    assert "No file with your data" in empty["Files with your data that left this computer"][0][1]
    export(store, "report", tmp_path / "informe.xlsx", workshop=workshop.id)
    export(store, "partner-report", tmp_path / "cifras.xlsx", workshop=workshop.id)  # no names
    create_archive(store, workshop.id, tmp_path / "taller.zip")
    lines = dict(subject_access_data(store, person.id, "en").sections)[
        "Files with your data that left this computer"]
    texts = [text for _when, text in lines]
    assert texts == ["Workshop report (Excel) · Confidential: personal data",
                     "Archive of the whole workshop, kept by the organisation · Confidential: "
                     "personal data"]
    spanish = dict(subject_access_data(store, person.id, "es").sections)
    assert any("Confidencial: datos personales" in text for _w, text in
               next(v for k, v in spanish.items() if "computadora" in k))
    written = write_subject_access_file(store, person.id, tmp_path / "datos.pdf")
    assert "sensitivity:confidential" in pdf_label(written)[1]
    assert store.export_log.entries()[0].attendee_id == person.id


def test_cli_exports_log_text_and_json(tmp_path, capsys) -> None:
    db = make_demo(tmp_path / "d.db")
    workshop = json.loads(run_main(capsys, "--db", str(db), "--json", "workshops", "list")[1])[0]
    code, _out, _err = run_main(capsys, "--db", str(db), "badges", "--workshop",
                                workshop["id"], "-o", str(tmp_path / "b.pdf"), "--png-dir",
                                str(tmp_path / "qr"))
    assert code == 0
    code, out, _err = run_main(capsys, "--db", str(db), "--lang", "en", "exports", "log")
    assert code == 0
    assert out.splitlines()[0] == "61 files left this computer:"
    assert "Badges" in out and "60 people" in out and "b.pdf" in out
    assert "Confidential: personal data" in out and str(tmp_path) not in out
    code, out, _err = run_main(capsys, "--db", str(db), "exports", "log", "--workshop",
                               workshop["id"][:8], "--json")
    found = json.loads(out)["exports"]
    assert code == 0 and len(found) == 61
    sheet = next(e for e in found if e["file"] == "b.pdf")
    assert (sheet["kind"], sheet["label"], sheet["people"]) == ("badges", "confidential", 60)
    assert all(e["people"] == 1 for e in found if e["file"].endswith(".png"))
    assert "sensitivity:confidential" in pdf_label(tmp_path / "b.pdf")[1]
    assert json.loads(run_main(capsys, "--db", str(db), "--json", "exports", "log")[1])[
        "exports"] == found


def test_cli_exports_log_when_nothing_left(tmp_path, capsys) -> None:
    db = make_demo(tmp_path / "d.db")
    code, out, _err = run_main(capsys, "--db", str(db), "--lang", "es", "exports", "log")
    assert code == 0 and "todavía" in out.lower()
