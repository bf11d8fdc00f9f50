"""Suggestions (with why), follow-ups (overdue and this week) and partner organisations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.labels import FOLLOWUP_STATUSES, PARTNER_TYPES, label
from facilitator_app.models import FollowupStatus, Workshop
from facilitator_app.services.networking import (
    IntroductionView,
    add_introduction,
    followups_due,
    update_followup,
)
from facilitator_app.services.suggestions import suggest
from facilitator_app.store import Store
from ui.networking.partner_dialog import PartnerDialog


class SuggestionsTab(QWidget):
    introduced = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.workshop: Workshop | None = None
        self.found = []
        layout = QVBoxLayout(self)
        self.intro = QLabel(wordWrap=True)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda _item: self.introduce())
        self.button = QPushButton()
        self.button.clicked.connect(self.introduce)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, stretch=1)
        layout.addWidget(self.button, alignment=Qt.AlignmentFlag.AlignRight)
        self.retranslate()

    def retranslate(self) -> None:
        self.intro.setText(_("Who could help whom, from what people need and what others "
                             "offer. Pairs already introduced are not shown."))
        self.button.setText(_("Introduce them"))
        if self.workshop is not None:  # the reasons are sentences in the language shown
            row = self.list.currentRow()
            self.refresh()
            if 0 <= row < self.list.count():
                self.list.setCurrentRow(row)

    def set_workshop(self, workshop: Workshop | None) -> None:
        self.workshop = workshop
        self.refresh()

    def refresh(self) -> None:
        self.found = suggest(self.store, self.workshop.id) if self.workshop else []
        self.list.clear()
        for suggestion in self.found:
            text = f"{suggestion.person.name}  ↔  {suggestion.other_name}\n    " + \
                "; ".join(suggestion.reasons)
            self.list.addItem(QListWidgetItem(text))
        if self.found:
            self.list.setCurrentRow(0)
        self.button.setEnabled(bool(self.found))

    def introduce(self) -> None:
        row = self.list.currentRow()
        if self.workshop is None or not 0 <= row < len(self.found):
            return
        chosen = self.found[row]
        target = ({"to_partner": chosen.partner.id} if chosen.partner
                  else {"to_attendee": chosen.other.id})
        add_introduction(self.store, self.workshop.id, chosen.person.id,
                         purpose=chosen.reasons[0], made_by=self.store.meta.desk_id(), **target)
        self.refresh()
        self.introduced.emit()


class FollowupsTab(QWidget):
    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(parent)
        self.store, self.today = store, today
        self.workshop: Workshop | None = None
        self.items: list[IntroductionView] = []
        layout = QVBoxLayout(self)
        self.overdue_label = QLabel()
        self.overdue_label.setStyleSheet("color: #b91c1c; font-weight: 600;")
        self.week_label = QLabel()
        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show)
        layout.addWidget(self.overdue_label)
        layout.addWidget(self.week_label)
        layout.addWidget(self.list, stretch=1)
        row = QHBoxLayout()
        self.status = QComboBox()
        for value in FollowupStatus:
            self.status.addItem(label(FOLLOWUP_STATUSES, value.value), value.value)
        self.rating = QSpinBox(minimum=0, maximum=5, specialValueText="—")
        self.comment = QLineEdit()
        self.save = QPushButton()
        self.save.clicked.connect(self.save_current)
        for widget in (self.status, self.rating):
            row.addWidget(widget)
        row.addWidget(self.comment, stretch=1)
        row.addWidget(self.save)
        layout.addLayout(row)
        self.error = QLabel(objectName="formError")
        layout.addWidget(self.error)
        self.retranslate()

    def retranslate(self) -> None:
        self.comment.setPlaceholderText(_("What came of it?"))
        self.rating.setPrefix(_("rating ") + " ")
        self.save.setText(_("Save follow-up"))
        for index in range(self.status.count()):
            self.status.setItemText(index, label(FOLLOWUP_STATUSES, self.status.itemData(index)))
        self.refresh()

    def set_workshop(self, workshop: Workshop | None) -> None:
        self.workshop = workshop
        self.refresh()

    def refresh(self) -> None:
        overdue, week = followups_due(self.store, self.workshop.id, self.today()) \
            if self.workshop else ([], [])
        self.items = overdue + week
        self.overdue_label.setText(_("Overdue: {n}").format(n=len(overdue)))
        self.week_label.setText(_("Due in the next seven days: {n}").format(n=len(week)))
        self.list.clear()
        for item in self.items:
            marker = "⚠ " if item in overdue else ""
            self.list.addItem(f"{marker}{item.due_on}  {item.from_name} ↔ {item.to_name}: "
                              f"{item.purpose}")
        self.save.setEnabled(bool(self.items))

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.items):
            item = self.items[row]
            self.status.setCurrentIndex(self.status.findData(item.status))
            self.rating.setValue(item.rating or 0)
            self.comment.setText(item.comment)

    def save_current(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.items):
            return
        try:
            update_followup(self.store, self.items[row].followup_id,
                            FollowupStatus(self.status.currentData()),
                            self.rating.value() or None, self.comment.text())
        except KnownError as exc:
            self.error.setText(exc.message)
            return
        self.refresh()
        self.changed.emit()


class PartnersTab(QWidget):
    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.edit())
        row = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.edit(new=True))
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self.edit)
        row.addWidget(self.add_button)
        row.addWidget(self.edit_button)
        row.addStretch(1)
        layout.addWidget(self.table, stretch=1)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_("Organisation"), _("Type"), _("Contact"),
                                              _("What they offer")])
        self.add_button.setText(_("New partner…"))
        self.edit_button.setText(_("Edit…"))
        self.refresh()

    def refresh(self) -> None:
        self.partners = self.store.partners.list()
        self.table.setRowCount(len(self.partners))
        for line, partner in enumerate(self.partners):
            contact = " · ".join(p for p in (partner.contact_name, partner.contact_email,
                                             partner.contact_phone) if p)
            for column, text in enumerate((partner.name, label(PARTNER_TYPES, partner.type.value),
                                           contact, partner.offers)):
                self.table.setItem(line, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()

    def edit(self, new: bool = False) -> None:
        row = self.table.currentRow()
        partner = None if new or not 0 <= row < len(self.partners) else self.partners[row]
        if not new and partner is None:
            return
        if PartnerDialog(self.store, partner, self).exec():
            self.refresh()
            self.changed.emit()
