"""Import workshop archives into the programme: files or a folder, off the GUI thread with a
progress bar naming the file; an encrypted archive asks its password, a desk not trusted
yet is compared by its fingerprint first; then one line per archive, refusals marked."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.programme.hub import Programme
from facilitator_app.programme.importer import ImportOutcome, archives_in, import_archives
from facilitator_app.programme.page_data import encrypted_archives, unknown_signers
from facilitator_app.programme.summary import outcome_lines
from facilitator_app.services.archive import EncryptedArchiveError
from facilitator_app.services.desks import Signer
from facilitator_app.store import Store
from ui.dialogs.errors import show_known_error
from ui.programme.work import ProgrammeWork, Progress

REFUSED = QColor("#b00020")
Unknown = list[tuple[Signer, list[Path]]]


def import_task(paths: list[Path], password: str | None, trusted: tuple[str, ...],
                progress: Progress):
    """What runs on the worker: the import, then which refused archives a desk not trusted
    yet signed."""
    def work(programme: Programme, store: Store) -> tuple[list[ImportOutcome], Unknown]:
        outcomes = import_archives(programme, store, paths, password=password,
                                   trust_signers=trusted, progress=progress.report)
        refused = {o.file for o in outcomes if o.refused}
        again = [p for p in archives_in(paths) if p.name in refused]
        return outcomes, unknown_signers(store, again, password) if again else []
    return work


class ImportBox(QGroupBox):
    def __init__(self, work: ProgrammeWork, target: Callable[[], str],
                 imported: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.work, self.target, self.imported = work, target, imported
        self.outcomes: list[ImportOutcome] = []
        self.progress = Progress(self)
        self.progress.moved.connect(self._moved)
        box = QVBoxLayout(self)
        buttons = QHBoxLayout()
        self.files_button, self.folder_button = QPushButton(), QPushButton()
        self.files_button.clicked.connect(self.choose_files)
        self.folder_button.clicked.connect(self.choose_folder)
        buttons.addWidget(self.files_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        self.bar = QProgressBar()
        self.bar.setVisible(False)
        self.current = QLabel()
        self.current.setVisible(False)
        self.results = QListWidget()
        self.results.setObjectName("importOutcomes")
        self.results.setWordWrap(True)
        box.addLayout(buttons)
        for widget in (self.bar, self.current):
            box.addWidget(widget)
        box.addWidget(self.results, stretch=1)

    def retranslate(self) -> None:
        self.setTitle(_("Import workshop archives"))
        self.files_button.setText(_("&Import archives…"))
        self.folder_button.setText(_("Import a f&older…"))
        self.results.setAccessibleName(_("What each archive added"))
        self.show_outcomes(self.outcomes)

    def choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Choose workshop archives"), "",
                                                      _("Archives (*.zip)"))
        if names:
            self.start([Path(name) for name in names])

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose a folder of archives"))
        if folder:
            self.start([Path(folder)])

    def start(self, paths: list[Path]) -> None:
        """Import `paths` (asking a password first when an archive is encrypted)."""
        try:
            locked = encrypted_archives(archives_in(paths))
        except KnownError as exc:
            show_known_error(self, exc)
            return
        password = None
        if locked:
            password = self.ask_password(_("{file} is encrypted. Its password:").format(
                file=locked[0].name))
            if password is None:
                return
        self._run(paths, password, ())

    def _run(self, paths: list[Path], password: str | None, trusted: tuple[str, ...]) -> None:
        self._busy(True)
        self.work.run(self.target(), import_task(paths, password, trusted, self.progress),
                      lambda result: self._done(paths, password, trusted, *result),
                      lambda exc, details: self._failed(exc, details, paths, trusted))

    def _moved(self, done: int, total: int, name: str) -> None:
        self.bar.setRange(0, max(total, 1))
        self.bar.setValue(done)
        self.current.setText(_("Importing {file} ({n} of {total})…").format(
            file=name, n=done + 1, total=total) if name else "")

    def _busy(self, busy: bool) -> None:
        self.bar.setVisible(busy)
        self.current.setVisible(busy)
        self.bar.setRange(0, 0)
        self.files_button.setEnabled(not busy)
        self.folder_button.setEnabled(not busy)
        if not busy:
            self.current.setText("")

    def _done(self, paths: list[Path], password: str | None, trusted: tuple[str, ...],
              outcomes: list[ImportOutcome], unknown: Unknown) -> None:
        self._busy(False)
        if trusted:  # a second round: its outcomes take the first round's refusals' place
            again = {o.file: o for o in outcomes}
            outcomes = [again.pop(o.file, o) for o in self.outcomes] + list(again.values())
        self.show_outcomes(outcomes)
        self.imported()
        fresh = [(s, files) for s, files in unknown if s.fingerprint not in trusted]
        accepted = [s.fingerprint for s, files in fresh if self.confirm_trust(s, files)]
        if accepted:
            again = [p for s, files in fresh if s.fingerprint in accepted for p in files]
            self._run(again, password, (*trusted, *accepted))

    def _failed(self, exc: Exception, details: str, paths: list[Path],
                trusted: tuple[str, ...]) -> None:
        self._busy(False)
        if isinstance(exc, EncryptedArchiveError):
            password = self.ask_password(_("That password does not open {file}. Try again:")
                                         .format(file=exc.path.name if exc.path else ""))
            if password is not None:
                self._run(paths, password, trusted)
            return
        self.imported()  # the archives before the failing one are in
        if isinstance(exc, KnownError):
            show_known_error(self, exc)
        else:
            raise exc

    def show_outcomes(self, outcomes: list[ImportOutcome]) -> None:
        self.outcomes = list(outcomes)
        self.results.clear()
        for outcome, line in zip(self.outcomes, outcome_lines(self.outcomes), strict=True):
            item = QListWidgetItem(("✗ " if outcome.refused else "✓ ") + line)
            if outcome.refused:
                item.setForeground(QBrush(REFUSED))
            self.results.addItem(item)

    def ask_password(self, text: str) -> str | None:
        value, ok = QInputDialog.getText(self, _("Encrypted archive"), text,
                                         QLineEdit.EchoMode.Password)
        return value if ok else None

    def confirm_trust(self, signer: Signer, files: list[Path]) -> bool:
        """The desk's fingerprint, large, to compare with its screen (tests answer here)."""
        from ui.dialogs.trust_dialog import TrustDialog

        dialog = TrustDialog(signer, ", ".join(p.name for p in files), self)
        return dialog.exec() == TrustDialog.DialogCode.Accepted
