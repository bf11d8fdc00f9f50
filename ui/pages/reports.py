"""Reports: choose an export and its options, see progress, open the folder.

Exports run on a worker thread with a connection of their own (SQLite in WAL mode lets it
read while the desk goes on working), in the language chosen here.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.errors import KnownError
from facilitator_app.i18n import LANGUAGE_NAMES, N_, _, current_language, set_language
from facilitator_app.paths import data_dir
from facilitator_app.store import Store
from ui.dialogs.errors import show_known_error
from ui.pages.base import Page
from ui.tasks import TaskRunner

KINDS: dict[str, tuple[str, str, str]] = {
    "handout": (N_("Session handout (PDF)"), N_(
        "The session's modules with what to do today, links as QR codes and partner "
        "contacts. Small enough to send by WhatsApp."), "pdf"),
    "certificates": (N_("Certificates (PDF)"), N_(
        "One page per person who attended at least half of the sessions held, in the room "
        "or online, with the issuer, the facilitator's signature line, sessions and time "
        "attended, and a verification code (text and QR). Before the workshop ends, each says "
        "how many sessions were held so far."), "pdf"),
    "signin-sheet": (N_("Sign-in sheet (PDF)"), N_(
        "A printable list of names with a column to sign, for when the laptop is not at "
        "hand."), "pdf"),
    "cards": (N_("People you met (PDF)"), N_(
        "A card per participant with the people and partners they were introduced to; "
        "contacts only where the other side agreed to share them."), "pdf"),
    "report": (N_("Workshop report (Excel)"), N_(
        "Attendance per session and mode, modules delivered, introductions and follow-ups, "
        "with a summary chart. Holds names: for the organising team."), "xlsx"),
    "partner-report": (N_("Partner report (Excel)"), N_(
        "Counts only, with small numbers hidden. Choosing a partner adds the contacts of "
        "the people who met it and agreed to share them."), "xlsx"),
}
BY_SESSION = ("handout", "signin-sheet")


class ReportsPage(Page):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.runner = TaskRunner(self)
        self.last_file: Path | None = None
        self.per_person: Path | None = None
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        layout.addWidget(self.heading)
        body = QHBoxLayout()
        self.kinds = QListWidget()
        self.kinds.setObjectName("exportKinds")
        self.kinds.setMaximumWidth(320)
        self.kinds.currentRowChanged.connect(self._show_options)
        body.addWidget(self.kinds)
        body.addLayout(self._options(), stretch=1)
        layout.addLayout(body, stretch=1)
        QShortcut(QKeySequence("Ctrl+E"), self, self.choose_and_export)
        self.retranslate()

    def _options(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.description = QLabel(wordWrap=True)
        form = QFormLayout()
        self.session_box = QComboBox()
        self.partner_box = QComboBox()
        self.language_box = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.language_box.addItem(name, code)
        self.session_label, self.partner_label = QLabel(), QLabel()
        self.language_label = QLabel()
        form.addRow(self.session_label, self.session_box)
        form.addRow(self.partner_label, self.partner_box)
        form.addRow(self.language_label, self.language_box)
        self.one_per_person = QCheckBox()
        form.addRow(self.one_per_person)
        self.certificate_settings = QPushButton()
        self.certificate_settings.clicked.connect(self.edit_certificate_settings)
        self.contacts_button = QPushButton()
        self.contacts_button.clicked.connect(self.edit_contacts)
        buttons = QHBoxLayout()
        buttons.addWidget(self.certificate_settings)
        buttons.addWidget(self.contacts_button)
        buttons.addStretch(1)
        form.addRow(buttons)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.choose_and_export)
        self.result = QLabel(wordWrap=True)
        self.result.setObjectName("exportResult")
        self.open_button = QPushButton()
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_folder)
        column.addWidget(self.description)
        column.addLayout(form)
        for widget in (self.export_button, self.result, self.open_button):
            column.addWidget(widget)
        column.addStretch(1)
        return column

    def retranslate(self) -> None:
        self.heading.setText(_("Reports"))
        row = max(self.kinds.currentRow(), 0)
        self.kinds.clear()
        for title, _about, _suffix in KINDS.values():
            self.kinds.addItem(_(title))
        self.kinds.setCurrentRow(row)
        self.session_label.setText(_("Session"))
        self.partner_label.setText(_("Partner"))
        self.language_label.setText(_("Language of the document"))
        self.one_per_person.setText(_("Also save one PDF per person (named by code) in a "
                                      "folder"))
        self.certificate_settings.setText(_("Issuer, partner, facilitator and logos…"))
        self.contacts_button.setText(_("Contact details…"))
        self.contacts_button.setToolTip(_("This laptop's organisation and facilitator, for "
                                          "every workshop"))
        self.export_button.setText(_("Export… (Ctrl+E)"))
        self.open_button.setText(_("Open the folder"))
        self.language_box.setCurrentIndex(self.language_box.findData(current_language()))
        self.refresh()

    def kind(self) -> str:
        return list(KINDS)[max(self.kinds.currentRow(), 0)]

    def refresh(self) -> None:
        self.session_box.clear()
        for session in self.store.sessions.for_workshop(self.workshop.id) if self.workshop \
                else []:
            self.session_box.addItem(session.title, session.id)
        self.partner_box.clear()
        self.partner_box.addItem(_("(counts only, no names)"), None)
        for partner in self.store.partners.list():
            self.partner_box.addItem(partner.name, partner.id)
        self._show_options()

    def _show_options(self, _row: int = 0) -> None:
        kind = self.kind()
        self.description.setText(_(KINDS[kind][1]))
        for widget in (self.session_box, self.session_label):
            widget.setVisible(kind in BY_SESSION)
        for widget in (self.partner_box, self.partner_label):
            widget.setVisible(kind == "partner-report")
        for widget in (self.one_per_person, self.certificate_settings):
            widget.setVisible(kind == "certificates")
        self.certificate_settings.setEnabled(self.workshop is not None)
        self.export_button.setEnabled(self.workshop is not None and (
            kind not in BY_SESSION or self.session_box.count() > 0))

    def edit_certificate_settings(self) -> None:
        from ui.dialogs.certificate_settings_dialog import CertificateSettingsDialog

        if self.workshop is not None:
            CertificateSettingsDialog(self.store, self.workshop.id, self).exec()

    def edit_contacts(self) -> None:
        from ui.dialogs.contacts_dialog import ContactsDialog

        ContactsDialog(self).exec()

    def suggested_name(self) -> str:
        """A file name without any person's name in it."""
        kind = self.kind()
        base = self.session_box.currentText() if kind in BY_SESSION else self.workshop.title
        slug = re.sub(r"[^\w-]+", "-", base.lower()).strip("-")[:40]
        return f"{kind}-{slug}.{KINDS[kind][2]}"

    def choose_and_export(self) -> None:
        if self.workshop is None or not self.export_button.isEnabled():
            return
        suffix = KINDS[self.kind()][2]
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the export"), str(Path.home() / self.suggested_name()),
            f"*.{suffix}")
        if name:
            self.export_to(Path(name).with_suffix(f".{suffix}"))

    def export_to(self, target: Path) -> None:
        """Write the chosen export to `target` (off the GUI thread when it can be)."""
        kind, language = self.kind(), self.language_box.currentData()
        options = {"workshop": self.workshop.id, "session": self.session_box.currentData(),
                   "partner": self.partner_box.currentData(),
                   "generated_by": self.store.meta.desk_id(),
                   "one_per_person": per_person_folder(target) if kind == "certificates"
                   and self.one_per_person.isChecked() else None}
        self.per_person = options["one_per_person"]
        self.progress = QProgressDialog(_("Writing {file}…").format(file=target.name), "", 0, 0,
                                        self)
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(300)
        self.previous_language = current_language()
        set_language(language)
        self.export_button.setEnabled(False)
        if self.store.path is None:  # an in-memory database cannot be shared with a thread
            self._run_here(kind, target, options)
            return
        self.runner.run(lambda: _export(self.store.path, kind, target, options),
                        self._done, self._failed)

    def _run_here(self, kind: str, target: Path, options: dict) -> None:
        from facilitator_app.services.exports import export

        try:
            written = export(self.store, kind, target, **options)
        except Exception as exc:  # shown like a failure on the worker thread
            self._failed(exc, "")
            return
        self._done(written)

    def _finish(self) -> None:
        set_language(self.previous_language)
        self.progress.close()
        self.export_button.setEnabled(True)

    def _done(self, written: tuple[Path, int]) -> None:
        self._finish()
        path, _items = written
        self.last_file = path
        saved = _("Saved {file} ({size} KB).").format(
            file=path, size=max(1, round(path.stat().st_size / 1024)))
        if self.per_person is not None:
            saved += " " + _("One PDF per person in {folder}.").format(folder=self.per_person)
        self.result.setText(saved)
        self.open_button.setEnabled(True)

    def _failed(self, exc: Exception, details: str) -> None:
        self._finish()
        if isinstance(exc, KnownError):
            show_known_error(self, exc)
        else:
            raise exc

    def open_folder(self) -> None:
        folder = self.last_file.parent if self.last_file else data_dir()
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def per_person_folder(target: Path) -> Path:
    """Where one PDF per person goes: a folder beside the file, named like it."""
    return target.with_suffix("")


def _export(db_path: Path | None, kind: str, target: Path, options: dict) -> tuple[Path, int]:
    """Runs on the worker thread, with its own connection to the database."""
    from facilitator_app.db import open_database
    from facilitator_app.services.exports import export

    store = Store(open_database(db_path, backup_on_open=False), path=db_path)
    try:
        return export(store, kind, target, **options)
    finally:
        store.close()
