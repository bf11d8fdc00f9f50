"""Import a registration list: choose the file and sheet, check the column mapping, see the
rejects and duplicates, then import the valid rows in one transaction."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.importing.headers import FIELD_LABELS, Field
from facilitator_app.models import Workshop
from facilitator_app.services.registry_import import (
    ImportPlan,
    ImportResult,
    apply_import,
    prepare_import,
)
from facilitator_app.store import Store

SAMPLE_ROWS = 3


class ImportDialog(QDialog):
    def __init__(self, store: Store, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.workshop = store, workshop
        self.path: Path | None = None
        self.plan: ImportPlan | None = None
        self.result: ImportResult | None = None
        self.setWindowTitle(_("Import a registration list"))
        self.resize(900, 620)
        layout = QVBoxLayout(self)
        layout.addLayout(self._file_row())
        self.summary = QLabel(_("Choose a CSV or Excel file exported from Google Forms, "
                                "KoboToolbox or a spreadsheet."), wordWrap=True)
        self.summary.setObjectName("importSummary")
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        self.mapping_table = self._table([_("Column in the file"), _("Examples"),
                                          _("Import as")])
        self.rejects_table = self._table([_("Row"), _("Column"), _("Reason")])
        self.duplicates_table = self._table([_("Row"), _("Same as"), _("Because of"),
                                             _("What happens")])
        self.tabs.addTab(self.mapping_table, _("Columns"))
        self.tabs.addTab(self.rejects_table, _("Rejected rows"))
        self.tabs.addTab(self.duplicates_table, _("Duplicates"))
        layout.addWidget(self.tabs, stretch=1)
        self.seen_rejects = QCheckBox()
        self.seen_rejects.setVisible(False)
        self.seen_rejects.toggled.connect(self._update_buttons)
        layout.addWidget(self.seen_rejects)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(_("Import"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.run_import)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _file_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.file_label = QLabel(_("No file chosen"))
        self.choose_button = QPushButton(_("Choose file…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.sheet_box = QComboBox()
        self.sheet_box.setVisible(False)
        self.sheet_box.activated.connect(lambda _i: self.load(self.path, self.sheet_box
                                                              .currentText()))
        row.addWidget(self.choose_button)
        row.addWidget(self.file_label, stretch=1)
        row.addWidget(self.sheet_box)
        return row

    @staticmethod
    def _table(headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setHorizontalHeaderLabels(headers)
        table.horizontalHeader().setStretchLastSection(True)
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        return table

    def choose_file(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a registration list"), "",
            _("Registration lists (*.csv *.xlsx *.txt);;All files (*)"))
        if name:
            self.load(Path(name))

    def load(self, path: Path | None, sheet: str | None = None,
             mapping: dict[int, Field] | None = None) -> None:
        """Read and check the file (nothing is written); show what would happen."""
        if path is None:
            return
        self.path = path
        self.file_label.setText(str(path))
        progress = self._progress(_("Reading {file}…").format(file=path.name))
        try:
            self.plan = prepare_import(self.store, path, sheet=sheet, mapping=mapping,
                                       progress=lambda done, total: _step(progress, done, total))
        except KnownError as exc:
            self.plan = None
            self.summary.setText(exc.message)
            self._clear_tables()
        finally:
            progress.close()
        self._show_plan()

    def _progress(self, text: str) -> QProgressDialog:
        dialog = QProgressDialog(text, "", 0, 0, self)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        return dialog

    def _clear_tables(self) -> None:
        for table in (self.mapping_table, self.rejects_table, self.duplicates_table):
            table.setRowCount(0)

    def _show_plan(self) -> None:
        plan = self.plan
        if plan is None:
            self._update_buttons()
            return
        self._show_sheets(plan)
        self._fill_mapping(plan)
        self._fill_rejects(plan)
        self._fill_duplicates(plan)
        self.summary.setText(_(
            "{file}: {valid} rows ready to import, {rejected} rejected, {duplicates} "
            "duplicates, {skipped} empty rows skipped.").format(
            file=plan.table.source, valid=len(plan.accepted), rejected=len(plan.rejected),
            duplicates=len(plan.duplicates), skipped=plan.skipped))
        self.seen_rejects.setVisible(bool(plan.rejected))
        self.seen_rejects.setChecked(False)
        self.seen_rejects.setText(_("I have looked at the {n} rejected rows: import only the "
                                    "valid ones.").format(n=len(plan.rejected)))
        if plan.rejected:
            self.tabs.setCurrentWidget(self.rejects_table)
        self._update_buttons()

    def _show_sheets(self, plan: ImportPlan) -> None:
        self.sheet_box.setVisible(len(plan.table.sheets) > 1)
        self.sheet_box.blockSignals(True)
        self.sheet_box.clear()
        self.sheet_box.addItems(list(plan.table.sheets))
        self.sheet_box.setCurrentText(plan.table.sheet)
        self.sheet_box.blockSignals(False)

    def _fill_mapping(self, plan: ImportPlan) -> None:
        table = self.mapping_table
        table.setRowCount(len(plan.table.headers))
        self.field_boxes: list[QComboBox] = []
        for column, header in enumerate(plan.table.headers):
            samples = [row[column] for row in plan.table.rows if row[column]][:SAMPLE_ROWS]
            table.setItem(column, 0, QTableWidgetItem(header))
            table.setItem(column, 1, QTableWidgetItem(" · ".join(samples)))
            box = QComboBox()
            for field in Field:
                box.addItem(_(FIELD_LABELS[field]), field.value)
            box.setCurrentIndex(box.findData(plan.mapping.get(column, Field.IGNORE).value))
            box.activated.connect(self._remap)
            table.setCellWidget(column, 2, box)
            self.field_boxes.append(box)
        table.resizeColumnsToContents()

    def _remap(self) -> None:
        chosen = {column: Field(box.currentData())  # Qt hands back plain strings
                  for column, box in enumerate(self.field_boxes)}
        mapping = {column: field for column, field in chosen.items() if field != Field.IGNORE}
        self.load(self.path, self.plan.table.sheet or None if self.plan else None, mapping)

    def _fill_rejects(self, plan: ImportPlan) -> None:
        self.rejects_table.setRowCount(len(plan.rejected))
        for line, reject in enumerate(plan.rejected):
            for column, text in enumerate((str(reject.row), reject.column, _(reject.reason))):
                self.rejects_table.setItem(line, column, QTableWidgetItem(text))
        self.rejects_table.resizeColumnsToContents()
        self.tabs.setTabText(1, _("Rejected rows ({n})").format(n=len(plan.rejected)))

    def _fill_duplicates(self, plan: ImportPlan) -> None:
        actions = {"merged": _("joined with the earlier row"),
                   "linked": _("linked to the person already registered"),
                   "flagged": _("imported; review it under Duplicates")}
        self.duplicates_table.setRowCount(len(plan.duplicates))
        for line, duplicate in enumerate(plan.duplicates):
            other = duplicate.matches_name or _("row {n}").format(n=duplicate.matches_row)
            cells = (str(duplicate.row), other, _(duplicate.by), actions[duplicate.action])
            for column, text in enumerate(cells):
                self.duplicates_table.setItem(line, column, QTableWidgetItem(text))
        self.tabs.setTabText(2, _("Duplicates ({n})").format(n=len(plan.duplicates)))

    def _update_buttons(self) -> None:
        plan = self.plan
        ready = bool(plan and plan.accepted) and (not plan.rejected or
                                                  self.seen_rejects.isChecked())
        self.import_button.setEnabled(ready)
        if plan:
            self.import_button.setText(_("Import {n} rows").format(n=len(plan.accepted)))

    def run_import(self) -> None:
        if not self.import_button.isEnabled() or self.plan is None:
            return
        progress = self._progress(_("Importing…"))
        try:
            self.result = apply_import(self.store, self.plan, self.workshop.id,
                                       progress=lambda done, total: _step(progress, done, total))
        except KnownError as exc:
            self.summary.setText(exc.message)
            return
        finally:
            progress.close()
        self.accept()


def _step(progress: QProgressDialog, done: int, total: int) -> None:
    progress.setMaximum(total)
    progress.setValue(done)
