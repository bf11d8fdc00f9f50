"""Which programme database: a file on this computer or a PostgreSQL server; a new one may
keep pseudonymous keys only (aggregate-only)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.i18n import _
from facilitator_app.programme.hub import default_target, is_server_url, shown
from facilitator_app.programme.page_data import has_password


class TargetDialog(QDialog):
    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Programme database"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        server = is_server_url(current)
        self.file_choice = QRadioButton(_("A &file on this computer"), checked=not server)
        self.path = QLineEdit(current if not server else str(default_target()))
        self.path.setAccessibleName(_("Programme database file"))
        self.browse = QPushButton(_("C&hoose…"))
        self.browse.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.addWidget(self.path, stretch=1)
        row.addWidget(self.browse)
        self.server_choice = QRadioButton(_("A &PostgreSQL server"), checked=server)
        self.current = current
        self.url = QLineEdit(shown(current) if server else "")  # a password never shown
        self.url.setPlaceholderText("postgresql://user@host/db")
        self.url.setAccessibleName(_("PostgreSQL address"))
        self.url.textChanged.connect(self._password_note)
        self.note = QLabel(wordWrap=True)
        self.note.setObjectName("comingNote")
        self.aggregate = QCheckBox(_("&Aggregate-only, when it is created new"))
        self.aggregate_note = QLabel(_("Keeps pseudonymous keys with gender, age group, "
                                       "nationality and attendance, never names or contacts: "
                                       "a hub partners may read."), wordWrap=True)
        self.aggregate_note.setObjectName("comingNote")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for item in (self.file_choice, row, self.server_choice, self.url, self.note,
                     self.aggregate, self.aggregate_note, buttons):
            if isinstance(item, QHBoxLayout):
                layout.addLayout(item)
            else:
                layout.addWidget(item)
        self.file_choice.toggled.connect(self._enable)
        self._enable()
        self._password_note()

    def _enable(self, _checked: bool = False) -> None:
        on_file = self.file_choice.isChecked()
        self.path.setEnabled(on_file)
        self.browse.setEnabled(on_file)
        self.url.setEnabled(not on_file)

    def _password_note(self, _text: str = "") -> None:
        self.note.setText(_("The password is kept only until CREANDO Desk closes; it is never "
                            "saved.") if has_password(self._url()) else "")

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Programme database file"), self.path.text() or str(default_target()),
            "*.sqlite", options=QFileDialog.Option.DontConfirmOverwrite)
        if name:
            self.path.setText(name)

    def _url(self) -> str:
        """The URL written, with the current one's password when it was left as shown."""
        text = self.url.text().strip()
        return self.current if text == shown(self.current) else text

    def target(self) -> str:
        if self.server_choice.isChecked():
            return self._url()
        return str(Path(self.path.text().strip()).expanduser())

    def aggregate_only(self) -> bool | None:
        """True when asked (refused on an existing full database), else None: as it is."""
        return True if self.aggregate.isChecked() else None

    def accept(self) -> None:
        text = self.url.text().strip() if self.server_choice.isChecked() else \
            self.path.text().strip()
        if self.server_choice.isChecked() and not is_server_url(text):
            self.note.setText(_("Write the address as postgresql://user@host/db."))
            return
        if not text:
            return
        super().accept()
