"""Record introductions: scan two badges in a row (webcam or USB scanner), or pick the two
sides by name; type why they should talk, Enter. The list below filters as you type."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.clock import parse_iso
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.labels import FOLLOWUP_STATUSES, label
from facilitator_app.models import Attendee, Workshop
from facilitator_app.services.checkin import identify_badge
from facilitator_app.services.networking import add_introduction, introductions
from facilitator_app.store import Store
from facilitator_app.text import fold
from ui.desk.camera_panel import CameraPanel

PARTNER = "partner:"


def searchable_combo() -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    box.completer().setFilterMode(Qt.MatchFlag.MatchContains)
    box.completer().setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    box.setMinimumContentsLength(18)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return box


class IntroductionsTab(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.workshop: Workshop | None = None
        self.first_scan: Attendee | None = None
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(self._scan_box(), stretch=2)
        self.camera = CameraPanel()
        self.camera.setMaximumHeight(230)
        self.camera.code_found.connect(self.handle_code)
        top.addWidget(self.camera, stretch=1)
        layout.addLayout(top)
        layout.addLayout(self._form())
        filters = QHBoxLayout()
        self.search = QLineEdit(clearButtonEnabled=True)
        self.search.textChanged.connect(self.fill_table)
        filters.addWidget(self.search)
        layout.addLayout(filters)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("introTable")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, stretch=1)
        self.rows = []
        self.retranslate()

    def _scan_box(self) -> QFrame:
        box = QFrame()
        box.setObjectName("scanBox")
        box.setStyleSheet("QFrame#scanBox { background: #eef6ff; border-radius: 8px; }")
        layout = QVBoxLayout(box)
        self.scan_status = QLabel(wordWrap=True)
        self.scan_status.setObjectName("scanStatus")
        self.scan_status.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.cancel_scan = QPushButton()
        self.cancel_scan.clicked.connect(self.reset_scan)
        layout.addWidget(self.scan_status)
        layout.addWidget(self.cancel_scan, alignment=Qt.AlignmentFlag.AlignLeft)
        return box

    def _form(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.from_box = searchable_combo()
        self.to_box = searchable_combo()
        self.purpose = QLineEdit()
        self.purpose.returnPressed.connect(self.record)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.record)
        self.form_error = QLabel(wordWrap=True)
        self.form_error.setObjectName("formError")
        for widget in (self.from_box, QLabel("↔"), self.to_box):
            row.addWidget(widget)
        row.addWidget(self.purpose, stretch=1)
        row.addWidget(self.add_button)
        column = QVBoxLayout()
        column.addLayout(row)
        column.addWidget(self.form_error)
        wrapper = QHBoxLayout()
        wrapper.addLayout(column)
        return wrapper

    def retranslate(self) -> None:
        self.cancel_scan.setText(_("Start again"))
        self.purpose.setPlaceholderText(_("Why should they talk? (Enter records it)"))
        self.add_button.setText(_("Record introduction"))
        self.search.setPlaceholderText(_("Filter by name, organisation or purpose"))
        self.table.setHorizontalHeaderLabels([_("From"), _("To"), _("Purpose"), _("Made"),
                                              _("Follow-up")])
        self.camera.retranslate()
        if self.first_scan is None:
            self.reset_scan()

    def set_workshop(self, workshop: Workshop | None) -> None:
        self.workshop = workshop
        self.reset_scan()
        self._fill_choices()
        self.fill_table()

    def _fill_choices(self) -> None:
        people = self.store.attendees.for_workshop(self.workshop.id) if self.workshop else []
        for box, with_partners in ((self.from_box, False), (self.to_box, True)):
            box.clear()
            for person in people:
                box.addItem(person.name, person.id)
            if with_partners:
                for partner in self.store.partners.list():
                    box.addItem(_("{name} (partner)").format(name=partner.name),
                                PARTNER + partner.id)
            box.setCurrentIndex(-1)

    def reset_scan(self) -> None:
        self.first_scan = None
        self.scan_status.setText(_("Scan two badges in a row to introduce two participants, "
                                   "or choose them below."))

    def handle_code(self, code: str) -> None:
        """The two-badge flow: first scan, second scan, then the purpose and Enter."""
        if self.workshop is None:
            return
        refusal, person = identify_badge(self.store, self.workshop.id, code)
        if refusal is not None or person is None:
            from facilitator_app.services.checkin import CheckinResult

            self.scan_status.setText(CheckinResult(refusal, person).words())
            return
        if self.first_scan is None or self.first_scan.id == person.id:
            self.first_scan = person
            self.scan_status.setText(_("First: {name}. Now scan the second badge.").format(
                name=person.name))
            return
        self.from_box.setCurrentIndex(self.from_box.findData(self.first_scan.id))
        self.to_box.setCurrentIndex(self.to_box.findData(person.id))
        self.scan_status.setText(_("{a} ↔ {b}: type why they should talk, then Enter.")
                                 .format(a=self.first_scan.name, b=person.name))
        self.first_scan = None
        self.purpose.setFocus()

    def record(self) -> str | None:
        if self.workshop is None:
            return None
        from_id, to_value = self.from_box.currentData(), self.to_box.currentData()
        if not from_id or not to_value:
            self.form_error.setText(_("Choose both sides of the introduction."))
            return None
        target = {"to_partner": to_value[len(PARTNER):]} if to_value.startswith(PARTNER) \
            else {"to_attendee": to_value}
        try:
            intro_id = add_introduction(
                self.store, self.workshop.id, from_id, purpose=self.purpose.text().strip()
                or _("Met at the workshop"), made_by=self.store.meta.desk_id(), **target)
        except KnownError as exc:
            self.form_error.setText(exc.message)
            return None
        self.form_error.setText("")
        self.scan_status.setText(_("Recorded: {a} ↔ {b}.").format(
            a=self.from_box.currentText(), b=self.to_box.currentText()))
        self.purpose.clear()
        self.from_box.setCurrentIndex(-1)
        self.to_box.setCurrentIndex(-1)
        self.fill_table()
        return intro_id

    def fill_table(self) -> None:
        self.rows = introductions(self.store, self.workshop.id) if self.workshop else []
        words = fold(self.search.text()).split()
        shown = [r for r in self.rows if all(
            w in fold(f"{r.from_name} {r.to_name} {r.purpose}") for w in words)]
        self.table.setRowCount(len(shown))
        for line, row in enumerate(shown):
            made = parse_iso(row.made_at).astimezone().strftime("%d/%m %H:%M")
            follow = f"{row.due_on} · {label(FOLLOWUP_STATUSES, row.status)}" if row.due_on else ""
            for column, text in enumerate((row.from_name, row.to_name, row.purpose, made,
                                           follow)):
                self.table.setItem(line, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
