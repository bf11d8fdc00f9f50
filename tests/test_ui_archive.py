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


@pytest.fixture
def page(qtbot, tmp_path: Path):
    make_application()
    path = tmp_path / "desk" / "creando.db"
    store = Store(open_database(path), path=path)
    workshop, _ = ensure_demo(store)
    archive = ArchivePage(store)
    qtbot.addWidget(archive)
    archive.set_workshop(workshop)
    archive.show()
    archive.answers = {}
    archive.ask = lambda kind, title, text: archive.answers.get(kind)
    yield archive
    store.close()


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
