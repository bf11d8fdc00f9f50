"""Create a workshop with its sessions."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.services.workshops import WorkshopSummary, create_workshop
from facilitator_app.store import Store


class WorkshopDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.created: WorkshopSummary | None = None
        self.setWindowTitle(_("New workshop"))
        form = QFormLayout(self)
        self.title = QLineEdit(placeholderText=_("e.g. Sell more on WhatsApp — Lima Norte"))
        self.venue = QLineEdit()
        self.starts_on = QDateEdit(QDate.currentDate(), calendarPopup=True)
        self.starts_on.setDisplayFormat("yyyy-MM-dd")
        self.sessions = QPlainTextEdit(placeholderText=_("One session title per line"))
        self.sessions.setFixedHeight(90)
        self.error = QLabel(wordWrap=True)
        self.error.setObjectName("formError")
        form.addRow(_("Title"), self.title)
        form.addRow(_("Venue"), self.venue)
        form.addRow(_("First day"), self.starts_on)
        form.addRow(_("Sessions"), self.sessions)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, 320)

    def accept(self) -> None:
        try:
            self.created = create_workshop(
                self.store,
                self.title.text(),
                venue=self.venue.text(),
                starts_on=self.starts_on.date().toString("yyyy-MM-dd"),
                session_titles=self.sessions.toPlainText().splitlines(),
            )
        except KnownError as exc:
            self.error.setText(exc.message)
            self.title.setFocus()
            return
        super().accept()
