"""The Archive page's "What left this computer": every export, newest first, with its
workshop, people and label; a person's data exported from the page is listed at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator_app.i18n import set_language
from facilitator_app.services.archive import create_archive
from facilitator_app.services.exports import export
from facilitator_app.store import Store
from tests.test_ui_archive import archive_page
from ui.pages.archive import ArchivePage


@pytest.fixture
def page(qtbot, tmp_path: Path):
    def exported(store: Store, workshop) -> None:
        export(store, "report", tmp_path / "informe.xlsx", workshop=workshop.id)
        create_archive(store, workshop.id, tmp_path / "taller.zip")

    yield from archive_page(qtbot, tmp_path, exported)


def rows(page: ArchivePage) -> list[list[str]]:
    table = page.exports.table
    return [[table.item(row, column).text() for column in range(table.columnCount())]
            for row in range(table.rowCount())]


def test_the_page_lists_what_left_newest_first(page) -> None:
    shown = rows(page)
    assert [row[5] for row in shown] == ["taller.zip", "informe.xlsx"]
    archive, report = shown
    assert archive[1] == "Workshop archive" and report[1] == "Workshop report (Excel)"
    assert archive[2] == page.workshop.title
    assert archive[3] == report[3] == str(page.store.registrations.count(page.workshop.id))
    assert archive[4] == report[4] == "Confidential: personal data"
    assert page.exports.title() == "What left this computer"


def test_a_persons_data_file_is_listed_once_written(page, tmp_path) -> None:
    page.person.setCurrentIndex(0)
    person = page.person.currentData()
    page.answers = {"save": str(tmp_path / "datos.pdf")}
    page.access_button.click()
    assert (tmp_path / "datos.pdf").exists()
    newest = rows(page)[0]
    assert newest[1] == "A person's data (access request)" and newest[3] == "1"
    assert newest[5] == "datos.pdf" and newest[2] == ""
    entry = page.store.export_log.entries()[0]
    assert entry.attendee_id == person and page.store.export_log.people(entry.id) == [person]


def test_the_box_follows_the_language(page) -> None:
    set_language("es")
    page.retranslate()
    assert page.exports.title() == "Lo que salió de esta computadora"
    assert rows(page)[0][4] == "Confidencial: datos personales"
    assert page.exports.table.horizontalHeaderItem(4).text() == "Sensibilidad"
