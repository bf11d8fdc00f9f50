"""Archive: archive and verify workshops, merge another desk (trusting it the first time
by its fingerprint), this desk's fingerprint and the desks it trusts, rolling backups,
erasure, retention and a person's own data."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.db import list_backups, make_backup, restore_backup
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _, ngettext
from facilitator_app.store import Store
from ui.dialogs.errors import show_known_error
from ui.pages.archive_desks import DeskBox
from ui.pages.archive_exports import ExportsBox
from ui.pages.base import Page


class ArchivePage(Page):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.ask = _ask  # dialogs go through here, so tests can answer them
        layout = QHBoxLayout(self)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self._archives_box())
        left.addWidget(self._backups_box(), stretch=1)
        self.exports = ExportsBox(store)
        left.addWidget(self.exports, stretch=2)
        self.desk = DeskBox(store, lambda: self.ask)
        right.addWidget(self.desk)
        right.addWidget(self._privacy_box())
        right.addStretch(1)
        layout.addLayout(left, stretch=3)
        layout.addLayout(right, stretch=2)
        self.retranslate()

    def _archives_box(self) -> QGroupBox:
        self.archives = QGroupBox()
        box = QVBoxLayout(self.archives)
        self.create_button = QPushButton()
        self.create_button.clicked.connect(self.create)
        self.verify_button = QPushButton()
        self.verify_button.clicked.connect(self.verify)
        self.merge_button = QPushButton()
        self.merge_button.clicked.connect(self.merge)
        self.archive_result = QLabel(wordWrap=True)
        self.archive_result.setObjectName("archiveResult")
        for widget in (self.create_button, self.verify_button, self.merge_button,
                       self.archive_result):
            box.addWidget(widget)
        return self.archives

    def _backups_box(self) -> QGroupBox:
        self.backups = QGroupBox()
        box = QVBoxLayout(self.backups)
        self.backup_list = QListWidget()
        self.restore_button = QPushButton()
        self.restore_button.clicked.connect(self.restore_selected)
        box.addWidget(self.backup_list, stretch=1)
        box.addWidget(self.restore_button)
        return self.backups

    def _privacy_box(self) -> QGroupBox:
        self.privacy = QGroupBox()
        box = QVBoxLayout(self.privacy)
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.access_button = QPushButton()
        self.access_button.clicked.connect(self.subject_access)
        self.erase_button = QPushButton()
        self.erase_button.setStyleSheet("color: #b91c1c;")
        self.erase_button.clicked.connect(self.erase)
        self.retention_label = QLabel(wordWrap=True)
        self.retention_date = QDateEdit(calendarPopup=True)
        self.retention_date.setDisplayFormat("yyyy-MM-dd")
        self.retention_button = QPushButton()
        self.retention_button.clicked.connect(self.set_retention)
        self.privacy_result = QLabel(wordWrap=True)
        for widget in (self.person, self.access_button, self.erase_button,
                       self.retention_label, self.retention_date, self.retention_button,
                       self.privacy_result):
            box.addWidget(widget)
        return self.privacy

    def retranslate(self) -> None:
        self.archives.setTitle(_("Archives"))
        self.create_button.setText(_("Archive this workshop…"))
        self.verify_button.setText(_("Verify an archive…"))
        self.merge_button.setText(_("Merge another desk's archive…"))
        self.backups.setTitle(_("Rolling backups of this computer"))
        self.restore_button.setText(_("Restore the selected backup…"))
        self.privacy.setTitle(_("A person's data"))
        self.person.lineEdit().setPlaceholderText(_("Choose a person by name"))
        self.access_button.setText(_("Export everything held about them (PDF)…"))
        self.erase_button.setText(_("Erase this person everywhere…"))
        self.retention_label.setText(_("Keep this workshop's personal data until (then names "
                                       "and contacts are replaced, counts stay):"))
        self.retention_button.setText(_("Set the retention date"))
        self.desk.retranslate()
        self.exports.retranslate()
        self.refresh()

    def refresh(self) -> None:
        self.desk.refresh(self.workshop)
        self.exports.refresh()
        self.backup_list.clear()
        for backup in list_backups(self.store.path) if self.store.path else []:
            self.backup_list.addItem(f"{backup.created.astimezone():%d/%m/%Y %H:%M:%S}  ·  "
                                     f"{backup.size // 1024} KB")
        self.person.clear()
        if self.workshop:
            for person in self.store.attendees.for_workshop(self.workshop.id):
                self.person.addItem(person.name, person.id)
            self.person.setCurrentIndex(-1)
            until = self.store.db.execute("SELECT retention_until FROM workshops WHERE id = ?",
                                          [self.workshop.id]).fetchone()[0]
            self.retention_date.setDate(QDate.fromString(until, "yyyy-MM-dd") if until else
                                        QDate.currentDate().addYears(2))

    def _slug(self) -> str:
        return re.sub(r"[^\w-]+", "-", self.workshop.title.lower()).strip("-")[:40]

    def create(self) -> None:
        if self.workshop is None:
            return
        target = self.ask("save", _("Save the archive"), f"archive-{self._slug()}.zip")
        if not target:
            return
        password = self.ask("password", _("Encrypt the archive?"),
                            _("Password (leave empty for none):"))
        self._run(lambda: self._create(Path(target), password or None))

    def _create(self, target: Path, password: str | None) -> str:
        from facilitator_app.services.archive import create_archive

        create_archive(self.store, self.workshop.id, target, password=password)
        return _("Archive written: {file}").format(file=target)

    def verify(self) -> None:
        name = self.ask("open", _("Choose an archive"), "")
        if name:
            self._run(lambda: self._verify(Path(name)))

    def _verify(self, path: Path) -> str:
        from facilitator_app.services.archive import EncryptedArchiveError, verify_archive

        password = None
        try:
            result = verify_archive(path, store=self.store)
        except EncryptedArchiveError:
            password = self.ask("password", _("Encrypted archive"), _("Password:"))
            result = verify_archive(path, password, store=self.store)
        if result.ok:
            return _("{file}: every file is intact.").format(file=path.name) + "\n" + \
                result.signer_words()
        return _("{file} has problems:").format(file=path.name) + "\n" + "\n".join(
            f"• {p['file']}: {p['reason']}" for p in result.problems)

    def merge(self) -> None:
        name = self.ask("open", _("Choose the other desk's archive"), "")
        if name:
            self._run(lambda: self._merge(Path(name)))

    def _merge(self, path: Path, password: str | None = None, **trust) -> str:
        """Merge; the first archive of a desk asks to compare its fingerprint, an unsigned
        one to accept the risk, an encrypted one for its password."""
        from facilitator_app.services.archive import EncryptedArchiveError
        from facilitator_app.services.merge import (
            UnsignedArchiveError,
            UntrustedSignerError,
            archive_summary,
            restore_archive,
        )

        try:
            added = restore_archive(self.store, path, password, **trust)
        except UntrustedSignerError as exc:
            if not self.ask("trust", path.name, exc.signer):
                return _("Not merged: the desk that signed {file} is not trusted.").format(
                    file=path.name)
            return self._merge(path, password, trust_signer=exc.signer.fingerprint)
        except UnsignedArchiveError as exc:
            if not self.ask("unsigned", _("Merge an unsigned archive?"), exc.message):
                return _("Not merged.")
            return self._merge(path, password, accept_unsigned=True)
        except EncryptedArchiveError:
            if password is not None:
                raise
            return self._merge(path, self.ask("password", _("Encrypted archive"),
                                              _("Password:")) or "", **trust)
        window = self.window()
        if hasattr(window, "reload_workshops"):
            window.reload_workshops()
        return archive_summary(added)

    def _run(self, work) -> None:
        try:
            self.archive_result.setText(work())
        except KnownError as exc:
            show_known_error(self, exc)
        self.refresh()

    def restore_selected(self) -> bool:
        """Put a backup in place of the database (the current state is backed up first);
        the app then restarts on it."""
        row = self.backup_list.currentRow()
        backups = list_backups(self.store.path) if self.store.path else []
        if not 0 <= row < len(backups) or not self.ask(
                "confirm", _("Restore the backup?"), _(
                    "The database goes back to {when}. What you did since is kept in a new "
                    "backup first.").format(when=self.backup_list.currentItem().text())):
            return False
        chosen = backups[row].path
        make_backup(self.store.path)
        self.store.close()
        restore_backup(chosen, self.store.path)
        self.ask("restart", _("Restored"), _("CREANDO Desk restarts to open the restored "
                                             "database."))
        return True

    def selected_person(self) -> str | None:
        return self.person.currentData() if self.person.currentIndex() >= 0 else None

    def subject_access(self) -> None:
        from facilitator_app.services.subject_access import write_subject_access_file

        person = self.selected_person()
        target = person and self.ask("save", _("Save the person's data"),
                                     f"data-{person[-8:]}.pdf")
        if target:
            write_subject_access_file(self.store, person, Path(target))
            self.privacy_result.setText(_("Wrote {file}.").format(file=target))
            self.exports.refresh()

    def erase(self) -> None:
        from facilitator_app.services.privacy import erase_attendee

        person = self.selected_person()
        if not person or not self.ask("confirm", _("Erase this person?"), _(
                "{name} will be removed from this computer everywhere. This cannot be "
                "undone.").format(name=self.person.currentText())):
            return
        report = erase_attendee(self.store, person)
        text = _("Erased.") + " " + ngettext("{n} file was scrubbed or removed.",
                                             "{n} files were scrubbed or removed.",
                                             len(report.files)).format(n=len(report.files))
        if report.pending:
            text += " " + _("Some copies are in use; the next start finishes them.")
        if report.archives_holding:
            text += " " + _("These archives made earlier still hold the person:") + "\n" + \
                "\n".join(report.archives_holding)
        self.privacy_result.setText(text)
        self.refresh()

    def set_retention(self) -> None:
        from facilitator_app.services.privacy import set_retention

        if self.workshop:
            set_retention(self.store, self.workshop.id, self.retention_date.date().toPython())
            self.privacy_result.setText(_("Retention date set."))


def _ask(kind: str, title: str, text):
    """The real dialogs (tests replace ArchivePage.ask)."""
    if kind == "trust":
        from ui.dialogs.trust_dialog import TrustDialog

        return TrustDialog(text, title).exec() == TrustDialog.DialogCode.Accepted
    if kind == "unsigned":
        return QMessageBox.warning(None, title, text, QMessageBox.StandardButton.Yes
                                   | QMessageBox.StandardButton.No,
                                   QMessageBox.StandardButton.No) == \
            QMessageBox.StandardButton.Yes
    if kind == "text":
        value, ok = QInputDialog.getText(None, title, text)
        return value if ok else None

    if kind == "save":
        return QFileDialog.getSaveFileName(None, title, str(Path.home() / text))[0]
    if kind == "open":
        return QFileDialog.getOpenFileName(None, title, "", "*.zip")[0]
    if kind == "password":
        value, ok = QInputDialog.getText(None, title, text, QLineEdit.EchoMode.Password)
        return value if ok else None
    if kind == "confirm":
        return QMessageBox.question(None, title, text) == QMessageBox.StandardButton.Yes
    QMessageBox.information(None, title, text)  # restart
    from ui.restart import relaunch

    relaunch()
    return True
