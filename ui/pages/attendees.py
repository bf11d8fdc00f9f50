"""Attendees: search as you type, filter, import lists, register walk-ins, edit, merge.

The page opens at once at any size: the first screen of people is read straight away, the
whole registry's search index arrives from a worker (`IndexLoader`), and each row's details
are read when it is first shown. Typing waits for a short pause on large registries, and
narrows the rows in place.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.i18n import _
from facilitator_app.services.attendees import SearchIndex, rows_for
from facilitator_app.store import Store
from ui.index_loader import IndexLoader
from ui.models.attendee_table import AttendeeTableModel, Status, index_of_rows
from ui.pages.base import Page

FIRST_SCREEN = 120  # people shown while the whole registry's index is read
DEBOUNCE_MS = 90  # a pause in typing, on registries large enough to need one
DEBOUNCE_FROM = 5_000


class AttendeesPage(Page):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        layout.addWidget(self.heading)
        layout.addLayout(self._toolbar())
        self.model = AttendeeTableModel(self)
        self.loader = IndexLoader(store, self)
        self.loader.ready.connect(self._index_ready)
        self.filter_timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.filter_timer.timeout.connect(self.apply_filter)
        self.table = QTableView()
        self.table.setObjectName("attendeeTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        for column, width in enumerate((230, 150, 210, 200, 110, 130)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        layout.addWidget(self.table, stretch=1)
        self.count_label = QLabel()
        layout.addWidget(self.count_label)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence("Ctrl+I"), self, self.import_list)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.register_walk_in)
        QShortcut(QKeySequence("Return"), self.table, self.edit_selected)
        self.retranslate()

    def _toolbar(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("attendeeSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.typed)
        self.status_box = QComboBox()
        self.status_box.currentIndexChanged.connect(self.apply_filter)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_list)
        self.walk_in_button = QPushButton()
        self.walk_in_button.clicked.connect(self.register_walk_in)
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(self.edit_selected)
        self.duplicates_button = QPushButton()
        self.duplicates_button.clicked.connect(self.review_duplicates)
        row.addWidget(self.search, stretch=1)
        for widget in (self.status_box, self.import_button, self.walk_in_button,
                       self.edit_button, self.duplicates_button):
            row.addWidget(widget)
        return row

    def retranslate(self) -> None:
        self.heading.setText(_("Attendees"))
        self.search.setPlaceholderText(_("Search by name, business, email or phone (Ctrl+F)"))
        current = max(self.status_box.currentIndex(), 0)
        self.status_box.blockSignals(True)
        self.status_box.clear()
        self.status_box.addItems([_("All registered"), _("Came in person"), _("Joined online"),
                                  _("Not yet arrived")])
        self.status_box.setCurrentIndex(current)
        self.status_box.blockSignals(False)
        self.import_button.setText(_("Import list…"))
        self.import_button.setToolTip("Ctrl+I")
        self.walk_in_button.setText(_("Register walk-in…"))
        self.walk_in_button.setToolTip("Ctrl+Shift+N")
        self.edit_button.setText(_("Edit…"))
        self.duplicates_button.setText(_("Duplicates…"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0,
                                          self.model.columnCount() - 1)
        self.refresh()

    def refresh(self) -> None:
        enabled = self.workshop is not None
        for widget in (self.import_button, self.walk_in_button, self.edit_button,
                       self.duplicates_button, self.search):
            widget.setEnabled(enabled)
        if self.workshop is not None and self.store.path is not None:
            self._show_first_screen()
        self.loader.load(self.workshop.id if self.workshop else None)

    def _show_first_screen(self) -> None:
        """The first people by name, read at once, until the whole index arrives."""
        workshop_id = self.workshop.id
        people = self.store.attendees.first_by_name(workshop_id, FIRST_SCREEN)
        found = rows_for(self.store, workshop_id, [p.id for p in people])
        rows = [found[p.id] for p in people if p.id in found]
        self.model.set_index(index_of_rows(rows), None, found)
        self.count_label.setText(_("Showing the first {shown} of {total}; the search is "
                                   "getting ready…").format(
            shown=len(rows), total=self.store.registrations.count(workshop_id)))

    def _index_ready(self, index: SearchIndex | None) -> None:
        workshop = self.workshop
        if index is None or workshop is None:
            self.model.set_index(SearchIndex.empty(), None)
        else:
            self.model.set_index(index, lambda ids: rows_for(self.store, workshop.id, ids,
                                                             index.presence),
                                 consents=self.store.consents.current_for)
        self.apply_filter()

    def typed(self) -> None:
        """Filter as the person types; on large registries, once they pause."""
        if self.loader.loading:
            return  # applied when the index arrives
        if self.model.total >= DEBOUNCE_FROM:
            self.filter_timer.start()
        else:
            self.apply_filter()

    def apply_filter(self) -> None:
        self.filter_timer.stop()
        chosen = self._selected_id()
        self.model.set_filter(self.search.text(), Status(max(self.status_box.currentIndex(), 0)))
        self.table.clearSelection()
        row = self.model.row_of(chosen) if chosen else None
        if row is not None:
            self.table.selectRow(row)
        self._show_count()

    def _selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).attendee.id if rows else None

    def _show_count(self) -> None:
        self.count_label.setText(_("Showing {shown} of {total}").format(
            shown=self.model.rowCount(), total=self.model.total))

    def import_list(self) -> None:
        from ui.dialogs.import_dialog import ImportDialog  # dialogs load when first used

        if self.workshop and ImportDialog(self.store, self.workshop, self).exec():
            self.refresh()

    def register_walk_in(self) -> None:
        from ui.dialogs.attendee_dialog import AttendeeDialog

        if not self.workshop:
            return
        dialog = AttendeeDialog(self.store, self.workshop, None, self)
        dialog.exec()
        if dialog.saved is not None:  # saved, even if the badge step was closed
            self.refresh()

    def edit_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not self.workshop or not rows:
            return
        person = self.model.row_at(rows[0].row()).attendee
        from ui.dialogs.attendee_dialog import AttendeeDialog

        if AttendeeDialog(self.store, self.workshop, person, self).exec():
            self.refresh()

    def review_duplicates(self) -> None:
        from ui.dialogs.merge_dialog import MergeDialog

        if self.workshop:
            dialog = MergeDialog(self.store, self.workshop, self)
            dialog.exec()
            if dialog.merged:
                self.refresh()
