"""The certificate part of the Reports page: one PDF per person, and the settings dialog that
names the issuer, partner, facilitator and logos (a bad logo refused, saying why)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from facilitator_app.db import open_database
from facilitator_app.services.demo import ensure_demo
from facilitator_app.store import Store
from ui.app import make_application
from ui.dialogs.certificate_settings_dialog import CertificateSettingsDialog
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
    reports.kinds.setCurrentRow(list(KINDS).index("certificates"))
    yield reports
    reports.runner.wait()
    store.close()


def test_one_pdf_per_person_goes_into_a_folder_beside_the_file(qtbot, page, tmp_path) -> None:
    assert page.one_per_person.isVisible() and page.certificate_settings.isVisible()
    page.one_per_person.setChecked(True)
    page.export_to(tmp_path / "certificados.pdf")
    qtbot.waitUntil(lambda: page.open_button.isEnabled(), timeout=30000)
    files = sorted((tmp_path / "certificados").glob("*.pdf"))
    assert len(files) == len(PdfReader(tmp_path / "certificados.pdf").pages) > 1
    assert str(tmp_path / "certificados") in page.result.text()
    page.kinds.setCurrentRow(list(KINDS).index("report"))
    assert not page.one_per_person.isVisible()


def test_the_settings_dialog_saves_names_and_refuses_a_bad_logo(qtbot, page, tmp_path) -> None:
    dialog = CertificateSettingsDialog(page.store, page.workshop.id, page)
    qtbot.addWidget(dialog)
    dialog.fields["issuer"].setText("Programa CREANDO")
    dialog.fields["facilitator"].setText("Rosa Quispe")
    (tmp_path / "logo.png").write_bytes(b"not a picture")
    dialog.fields["issuer_logo"].setText(str(tmp_path / "logo.png"))
    dialog.accept()
    assert "logo.png" in dialog.error.text() and dialog.result() == 0
    assert page.store.workshops.certificate_settings(page.workshop.id)["issuer"] == ""
    Image.new("RGB", (200, 80), (11, 83, 148)).save(tmp_path / "logo.png", "PNG")
    dialog.accept()
    saved = page.store.workshops.certificate_settings(page.workshop.id)
    assert (saved["issuer"], saved["facilitator"]) == ("Programa CREANDO", "Rosa Quispe")
    assert saved["issuer_logo"] == str((tmp_path / "logo.png").resolve())
