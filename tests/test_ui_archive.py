"""The Archive page: archive, verify, merge another desk, erase, retention, backups."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from facilitator_app.db import list_backups, open_database
from facilitator_app.models import CheckinMethod
from facilitator_app.services.archive import create_archive
from facilitator_app.services.checkin import Desk, admit
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store
from ui.app import make_application
from ui.pages.archive import ArchivePage


def archive_page(qtbot, tmp_path: Path, prepare=None):
    """The Archive page on a demo desk (after `prepare(store, workshop)`), its questions
    answered from `page.answers`; yields it, then closes the store."""
    make_application()
    path = tmp_path / "desk" / "creando.db"
    store = Store(open_database(path), path=path)
    workshop, _ = ensure_demo(store)
    if prepare is not None:
        prepare(store, workshop)
    archive = ArchivePage(store)
    qtbot.addWidget(archive)
    archive.set_workshop(workshop)
    archive.show()
    archive.answers = {}
    archive.ask = lambda kind, title, text: archive.answers.get(kind)
    yield archive
    store.close()


@pytest.fixture
def page(qtbot, tmp_path: Path):
    yield from archive_page(qtbot, tmp_path)


def test_archive_then_verify(page, tmp_path) -> None:
    page.answers = {"save": str(tmp_path / "taller.zip"), "password": ""}
    page.create_button.click()
    assert "Archive written" in page.archive_result.text()
    page.answers = {"open": str(tmp_path / "taller.zip")}
    page.verify_button.click()
    assert "every file is intact" in page.archive_result.text()


def test_merge_another_desks_archive(page, tmp_path) -> None:
    other_path = tmp_path / "other.db"
    source = sqlite3.connect(page.store.path)
    target = sqlite3.connect(other_path)
    source.backup(target)
    target.close()
    source.close()
    other = Store(open_database(other_path), path=other_path)
    seen = other.checkins.presence(page.workshop.id)
    late = next(p for p in other.attendees.for_workshop(page.workshop.id) if p.id not in seen)
    admit(other, Desk(page.workshop.id, desk_id="B"), late.id, CheckinMethod.SEARCH)
    create_archive(other, page.workshop.id, tmp_path / "b.zip")
    other.close()
    page.answers = {"open": str(tmp_path / "b.zip")}
    page.merge_button.click()
    assert "check-in events: 1" in page.archive_result.text()  # words, not table names
    assert late.id in page.store.checkins.presence(page.workshop.id)


def test_erase_a_person_after_confirming(page) -> None:
    page.person.setCurrentIndex(0)
    chosen = page.person.currentData()
    page.answers = {"confirm": False}
    page.erase_button.click()
    assert chosen in {p.id for p in page.store.attendees.all()}
    page.answers = {"confirm": True}
    page.erase_button.click()
    assert chosen not in {p.id for p in page.store.attendees.all()}
    assert page.privacy_result.text().startswith("Erased")


def test_restore_a_backup_keeps_the_current_state_first(page) -> None:
    page.refresh()
    assert page.backup_list.count() >= 1
    before = len(list_backups(page.store.path))
    page.backup_list.setCurrentRow(0)
    page.answers = {"confirm": True, "restart": True}
    assert page.restore_selected()
    assert len(list_backups(page.store.path)) == before + 1
    page.store = Store(open_database(page.store.path), path=page.store.path)


def test_retention_date(page) -> None:
    from PySide6.QtCore import QDate

    page.retention_date.setDate(QDate(2030, 1, 31))
    page.retention_button.click()
    stored = page.store.db.execute("SELECT retention_until FROM workshops").fetchone()[0]
    assert stored == "2030-01-31"


def another_desk(tmp_path: Path, page) -> Store:
    """A second laptop that received the workshop and checked someone in."""
    from facilitator_app.services.desks import this_desk
    from facilitator_app.services.merge import restore_archive

    path = tmp_path / "mesa-2" / "creando.db"
    path.parent.mkdir()
    other = Store(open_database(path), path=path)
    first = create_archive(page.store, page.workshop.id, tmp_path / "principal.zip")
    restore_archive(other, first, trust_signer=this_desk(page.store).fingerprint)
    seen = other.checkins.presence(page.workshop.id)
    late = next(p for p in other.attendees.for_workshop(page.workshop.id) if p.id not in seen)
    admit(other, Desk(page.workshop.id, desk_id="B"), late.id, CheckinMethod.SEARCH)
    return other


def test_the_page_shows_this_desks_fingerprint(page) -> None:
    from facilitator_app.services.desks import this_desk

    page.refresh()
    assert page.desk.fingerprint.text() == this_desk(page.store).fingerprint
    assert "made on this desk" in page.desk.badges.text()
    page.answers = {"text": "Mesa principal"}
    page.desk.rename_button.click()
    assert "Mesa principal" in page.desk.name.text()


def test_merging_a_new_desk_asks_to_compare_its_fingerprint_then_pins_it(page,
                                                                         tmp_path) -> None:
    from facilitator_app.services.desks import this_desk

    other = another_desk(tmp_path, page)
    theirs = this_desk(other)
    create_archive(other, page.workshop.id, tmp_path / "mesa-2.zip")
    other.close()
    asked = []
    page.ask = lambda kind, title, text: asked.append((kind, text)) or page.answers.get(kind)
    page.answers = {"open": str(tmp_path / "mesa-2.zip"), "trust": False}
    page.merge_button.click()
    assert "Not merged" in page.archive_result.text()
    assert asked[-1] == ("trust", theirs) and page.desk.trusted.count() == 0
    page.answers = {"open": str(tmp_path / "mesa-2.zip"), "trust": True}
    page.merge_button.click()
    assert "check-in events: 1" in page.archive_result.text()
    assert [page.desk.trusted.item(0).text()] == [theirs.label()]
    asked.clear()
    page.merge_button.click()  # pinned: no question the second time
    assert "Nothing new" in page.archive_result.text() and asked[-1][0] == "open"
    page.answers = {"open": str(tmp_path / "mesa-2.zip")}
    page.verify_button.click()
    assert "a desk this one trusts" in page.archive_result.text()
    page.desk.trusted.setCurrentRow(0)
    page.answers = {"confirm": True}
    assert page.desk.forget_selected() and page.desk.trusted.count() == 0


def test_an_unsigned_archive_is_merged_only_when_the_risk_is_accepted(page, tmp_path) -> None:
    from tests.archive_support import forge

    other = another_desk(tmp_path, page)
    signed = create_archive(other, page.workshop.id, tmp_path / "mesa-2.zip")
    other.close()
    legacy = forge(signed, tmp_path / "antiguo.zip", sign=False, manifest=lambda m: {
        **{k: v for k, v in m.items() if k != "signer"}, "format": 1})
    page.answers = {"open": str(legacy), "unsigned": False}
    page.merge_button.click()
    assert page.archive_result.text() == "Not merged."
    page.answers = {"open": str(legacy), "unsigned": True}
    page.merge_button.click()
    assert "check-in events: 1" in page.archive_result.text()


def test_the_trust_dialog_shows_the_fingerprint_and_trusts_only_on_the_matching_button(
        qtbot) -> None:
    from facilitator_app.keys import new_private_key, public_key_of
    from facilitator_app.services.desks import Signer
    from ui.dialogs.trust_dialog import TrustDialog

    signer = Signer(public_key_of(new_private_key()), "desk-id", "Mesa 2")
    dialog = TrustDialog(signer, "mesa-2.zip")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.fingerprint.text() == signer.fingerprint
    assert "Mesa 2" in dialog.intro.text() and "mesa-2.zip" in dialog.intro.text()
    dialog.cancel_button.click()
    assert dialog.result() == TrustDialog.DialogCode.Rejected
    dialog.show()
    dialog.trust_button.click()
    assert dialog.result() == TrustDialog.DialogCode.Accepted


def test_erasing_from_the_page_says_how_many_files_were_scrubbed(page) -> None:
    page.person.setCurrentIndex(0)
    page.answers = {"confirm": True}
    page.erase_button.click()
    assert "files were scrubbed or removed" in page.privacy_result.text()
