"""Create a workshop with its sessions and its place; or change an existing one's place."""

from __future__ import annotations

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
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
from facilitator_app.models import Workshop
from facilitator_app.places import DEPARTMENTS
from facilitator_app.services.registration_fields import set_workshop_place
from facilitator_app.services.workshops import WorkshopSummary, create_workshop
from facilitator_app.store import Store


class WorkshopDialog(QDialog):
    """A new workshop; with `workshop`, where that one takes place (its other fields stay)."""

    def __init__(self, store: Store, parent: QWidget | None = None,
                 workshop: Workshop | None = None) -> None:
        super().__init__(parent)
        self.store, self.original = store, workshop
        self.created: WorkshopSummary | None = None
        self.setWindowTitle(_("Where the workshop takes place") if workshop
                            else _("New workshop"))
        form = QFormLayout(self)
        self.title = QLineEdit(placeholderText=_("e.g. Sell more on WhatsApp — Lima Norte"))
        self.venue = QLineEdit()
        self.starts_on = QDateEdit(QDate.currentDate(), calendarPopup=True)
        self.starts_on.setDisplayFormat("yyyy-MM-dd")
        self.sessions = QPlainTextEdit(placeholderText=_("One session title per line"))
        self.sessions.setFixedHeight(90)
        self.error = QLabel(wordWrap=True)
        self.error.setObjectName("formError")
        if workshop is None:
            form.addRow(_("Title"), self.title)
            form.addRow(_("Venue"), self.venue)
            form.addRow(_("First day"), self.starts_on)
            form.addRow(_("Sessions"), self.sessions)
        self._place_rows(form)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, 320)

    def _place_rows(self, form: QFormLayout) -> None:
        """Region (one of Peru's 25, by code), province and district: for reports."""
        self.department = QComboBox()
        self.department.setObjectName("department")
        self.department.addItem(_("(not said)"), "")
        for code, name in DEPARTMENTS.items():
            self.department.addItem(f"{name} ({code})", code)
        self.province = QLineEdit(objectName="province")
        self.district = QLineEdit(objectName="district")
        if self.original is not None:
            self.department.setCurrentIndex(
                max(self.department.findData(self.original.department), 0))
            self.province.setText(self.original.province)
            self.district.setText(self.original.district)
        form.addRow(_("Region"), self.department)
        form.addRow(_("Province"), self.province)
        form.addRow(_("District"), self.district)

    def accept(self) -> None:
        place = {"department": self.department.currentData() or "",
                 "province": self.province.text(), "district": self.district.text()}
        try:
            if self.original is not None:
                set_workshop_place(self.store, self.original.id, **place)
            else:
                self.created = create_workshop(
                    self.store,
                    self.title.text(),
                    venue=self.venue.text(),
                    starts_on=self.starts_on.date().toString("yyyy-MM-dd"),
                    session_titles=self.sessions.toPlainText().splitlines(),
                    **place,
                )
        except KnownError as exc:
            self.error.setText(exc.message)
            self.title.setFocus()
            return
        super().accept()
