"""The Reports page: choose an export, write it off the GUI thread, open the folder."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from facilitator_app.db import open_database
from facilitator_app.i18n import current_language
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store
from ui.app import make_application
from ui.pages.reports import KINDS, ReportsPage


@pytest.fixture
def page(qtbot, db_file: Path):
    make_application()
    store = Store(open_database(db_file), path=db_file)
    workshop, _ = ensure_demo(store)
    reports = ReportsPage(store)
    qtbot.addWidget(reports)
    reports.set_workshop(workshop)
    reports.show()
    yield reports
    reports.runner.wait()
    store.close()


def choose(page, kind: str) -> None:
    page.kinds.setCurrentRow(list(KINDS).index(kind))


def test_options_follow_the_chosen_export(page) -> None:
    choose(page, "handout")
    assert page.session_box.isVisible() and not page.partner_box.isVisible()
    choose(page, "partner-report")
    assert page.partner_box.isVisible() and not page.session_box.isVisible()
    assert page.partner_box.itemData(0) is None
    assert page.suggested_name().startswith("partner-report-taller-creando")


def test_the_workshop_report_is_written_on_a_worker_in_the_chosen_language(
        qtbot, page, tmp_path) -> None:
    choose(page, "report")
    page.language_box.setCurrentIndex(page.language_box.findData("en"))
    target = tmp_path / "informe.xlsx"
    page.export_to(target)
    qtbot.waitUntil(lambda: page.open_button.isEnabled(), timeout=20000)
    assert openpyxl.load_workbook(target).sheetnames[0] == "Summary"
    assert str(target) in page.result.text()
    assert current_language() == "en"  # the app's own language is back (tests run in en)


def test_a_partner_report_for_one_partner(qtbot, page, tmp_path) -> None:
    choose(page, "partner-report")
    page.partner_box.setCurrentIndex(1)
    target = tmp_path / "aliado.xlsx"
    page.export_to(target)
    qtbot.waitUntil(lambda: page.open_button.isEnabled(), timeout=20000)
    assert "Contacts" in openpyxl.load_workbook(target).sheetnames


def test_every_pdf_export_from_the_page(qtbot, page, tmp_path) -> None:
    import pypdf

    for kind in ("handout", "certificates", "signin-sheet", "cards"):
        choose(page, kind)
        page.open_button.setEnabled(False)
        target = tmp_path / f"{kind}.pdf"
        page.export_to(target)
        qtbot.waitUntil(lambda: page.open_button.isEnabled(), timeout=20000)
        assert len(pypdf.PdfReader(target).pages) >= 1
