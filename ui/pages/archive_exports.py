"""The Archive page's "What left this computer" box: every file exported from this desk,
newest first, with the workshop, how many people's data it carries and its sensitivity."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.i18n import _
from facilitator_app.sensitivity import label_words
from facilitator_app.services.export_log import KIND_WORDS, exports_log
from facilitator_app.services.subject_access import local
from facilitator_app.store import Store

LIMIT = 500  # the newest; the CLI lists them all


class ExportsBox(QGroupBox):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        box = QVBoxLayout(self)
        self.note = QLabel(wordWrap=True)
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("exportsLog")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        box.addWidget(self.note)
        box.addWidget(self.table, stretch=1)

    def retranslate(self) -> None:
        self.setTitle(_("What left this computer"))
        self.note.setText(_("Every file exported from this desk, newest first. Archives hold "
                            "the whole workshop."))
        self.table.setHorizontalHeaderLabels([_("Date"), _("Kind"), _("Workshop"),
                                              _("People"), _("Sensitivity"), _("File")])
        self.refresh()

    def refresh(self) -> None:
        entries = exports_log(self.store)[:LIMIT]
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            cells = (local(entry.made_at), _(KIND_WORDS.get(entry.kind, entry.kind)),
                     entry.workshop_title, str(entry.people), label_words(entry.label),
                     entry.file_name)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
