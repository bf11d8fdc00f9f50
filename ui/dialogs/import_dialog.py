"""Import a registration list: choose the file and sheet, check the column mapping, see the
rejects and duplicates, say what the answers no category code matched mean (remembered
for the next list), then import the valid rows in one transaction.

What the reader noticed (lines that were not UTF-8, a list without a header row and what
each of its columns was taken to be) is shown above the tables, where it cannot be missed.
"""

from __future__ import annotations

from itertools import islice
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
from facilitator_app.importing.headerless import DESCRIPTIONS
from facilitator_app.importing.headers import FIELD_LABELS, Field
from facilitator_app.labels import CATEGORIES, category_label
from facilitator_app.models import Workshop
from facilitator_app.services.registry_import import (
    ImportPlan,
    ImportResult,
    Proposal,
    apply_import,
    choose_category,
    plan_import,
    read_list,
)
from facilitator_app.store import Store

SAMPLE_ROWS = 3
SHOWN_LINES = 2_000  # rejects or duplicates listed in the preview


class ImportDialog(QDialog):
    def __init__(self, store: Store, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.workshop = store, workshop
        self.path: Path | None = None
        self.proposal: Proposal | None = None
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
        self._notice_widgets(layout)
        self.tabs = QTabWidget()
        self.mapping_table = self._table([_("Column in the file"), _("Looks like"),
                                          _("Examples"), _("Import as")])
        self.rejects_table = self._table([_("Row"), _("Column"), _("Reason")])
        self.duplicates_table = self._table([_("Row"), _("Same as"), _("Because of"),
                                             _("What happens")])
        self.tabs.addTab(self.mapping_table, _("Columns"))
        self.tabs.addTab(self.rejects_table, _("Rejected rows"))
        self.tabs.addTab(self.duplicates_table, _("Duplicates"))
        self.answers_table = self._table([_("Field"), _("Answer as written"), _("Rows"),
                                          _("Store as")])
        self.answer_boxes: list[tuple[str, str, QComboBox]] = []
        self.tabs.addTab(self.answers_table, _("Answers to review"))
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

    def _notice_widgets(self, layout: QVBoxLayout) -> None:
        """What the reader noticed, in plain view, and whether the first row is a header."""
        self.notes = QLabel(wordWrap=True)
        self.notes.setObjectName("importNotes")
        self.notes.setStyleSheet("QLabel { background: #fff4ce; color: #3d2f00; "
                                 "border: 1px solid #c8a400; padding: 6px; font-weight: bold; }")
        self.notes.setVisible(False)
        layout.addWidget(self.notes)
        self.header_check = QCheckBox(_("The first row holds column names"))
        self.header_check.setVisible(False)
        self.header_check.toggled.connect(self._header_toggled)
        layout.addWidget(self.header_check)

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
             mapping: dict[int, Field] | None = None, header: bool | None = None) -> None:
        """Read and check the file (nothing is written); show what would happen.

        `header`: whether the first row holds column names (None: tell from the rows)."""
        if path is None:
            return
        self.path = path
        self.file_label.setText(str(path))
        progress = self._progress(_("Reading {file}…").format(file=path.name))
        try:
            self.proposal = read_list(path, sheet=sheet, header=header)
        except KnownError as exc:
            self.proposal = self.plan = None
            self.summary.setText(exc.message)
            self._clear_tables()
        finally:
            progress.close()
        if self.proposal is not None:
            self._show_proposal(mapping)
        self._check(mapping)

    def _check(self, mapping: dict[int, Field] | None = None) -> None:
        """Validate the rows read against `mapping` (the proposed one by default); the
        column boxes stay as they are, so the person can go on choosing."""
        if self.proposal is None:
            self._show_plan()
            return
        progress = self._progress(_("Checking the rows…"))
        try:
            self.plan = plan_import(self.store, self.proposal, mapping,
                                    progress=lambda done, total: _step(progress, done, total))
        except KnownError as exc:
            self.plan = None
            self.summary.setText(exc.message)
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
        for table in (self.mapping_table, self.rejects_table, self.duplicates_table,
                      self.answers_table):
            table.setRowCount(0)
        self.notes.setVisible(False)
        self.header_check.setVisible(False)

    def _show_proposal(self, mapping: dict[int, Field] | None) -> None:
        """Sheets, notes, the header question and the columns: also when no row can be
        checked yet, so the person can say which column holds the names."""
        proposal = self.proposal
        self._show_sheets(proposal.table.sheets, proposal.table.sheet)
        self._fill_mapping(proposal, proposal.mapping if mapping is None else mapping)
        self._show_notes(proposal)
        self.header_check.blockSignals(True)
        self.header_check.setChecked(proposal.table.header)
        self.header_check.blockSignals(False)
        self.header_check.setVisible(True)

    def _show_notes(self, proposal: Proposal) -> None:
        lines = list(proposal.table.notes)
        if not proposal.table.header:
            lines.insert(0, _("No header row: the first row of the file already holds a "
                              "person's data. What each column holds was inferred from its "
                              "values; check it under Columns."))
        self.notes.setText("\n".join(f"⚠ {line}" for line in lines))
        self.notes.setVisible(bool(lines))

    def _show_plan(self) -> None:
        plan = self.plan
        if plan is None:
            self.rejects_table.setRowCount(0)
            self.duplicates_table.setRowCount(0)
            self.answers_table.setRowCount(0)
            self.seen_rejects.setVisible(False)
            self._update_buttons()
            return
        self._fill_rejects(plan)
        self._fill_duplicates(plan)
        self._fill_answers(plan)
        self.summary.setText(_(
            "{file}: {valid} rows ready to import, {rejected} rejected, {duplicates} "
            "duplicates, {skipped} empty rows skipped.").format(
            file=plan.table.source, valid=len(plan.accepted), rejected=plan.rejected_rows,
            duplicates=len(plan.duplicates), skipped=plan.skipped))
        self.seen_rejects.setVisible(bool(plan.rejected))
        self.seen_rejects.setChecked(False)
        self.seen_rejects.setText(_("I have looked at the {n} rejected rows: import only the "
                                    "valid ones.").format(n=plan.rejected_rows))
        if plan.rejected:
            self.tabs.setCurrentWidget(self.rejects_table)
        self._update_buttons()

    def _show_sheets(self, sheets: tuple[str, ...], current: str) -> None:
        self.sheet_box.setVisible(len(sheets) > 1)
        self.sheet_box.blockSignals(True)
        self.sheet_box.clear()
        self.sheet_box.addItems(list(sheets))
        self.sheet_box.setCurrentText(current)
        self.sheet_box.blockSignals(False)

    def _fill_mapping(self, proposal: Proposal, mapping: dict[int, Field]) -> None:
        table, read = self.mapping_table, proposal.table
        table.setRowCount(len(read.headers))
        table.setColumnHidden(1, read.header)
        self.field_boxes: list[QComboBox] = []
        for column, header in enumerate(read.headers):
            samples = islice((row[column] for row in read.rows if row[column]), SAMPLE_ROWS)
            looks = proposal.described.get(column)
            name = header if read.header else _("Column {letter}").format(letter=header)
            table.setItem(column, 0, QTableWidgetItem(name))
            table.setItem(column, 1, QTableWidgetItem(_(DESCRIPTIONS[looks]) if looks else ""))
            table.setItem(column, 2, QTableWidgetItem(" · ".join(samples)))
            box = QComboBox()
            for field in Field:
                box.addItem(_(FIELD_LABELS[field]), field.value)
            box.setCurrentIndex(box.findData(mapping.get(column, Field.IGNORE).value))
            box.activated.connect(self._remap)
            table.setCellWidget(column, 3, box)
            self.field_boxes.append(box)
        table.resizeColumnsToContents()

    def _remap(self) -> None:
        chosen = {column: Field(box.currentData())  # Qt hands back plain strings
                  for column, box in enumerate(self.field_boxes)}
        self._check({column: field for column, field in chosen.items()
                     if field != Field.IGNORE})

    def _header_toggled(self, checked: bool) -> None:
        sheet = self.proposal.table.sheet or None if self.proposal else None
        self.load(self.path, sheet, header=checked)

    def _fill_rejects(self, plan: ImportPlan) -> None:
        lines = [(str(reject.row), reject.column, _(reject.reason))
                 for reject in islice(plan.rejected, SHOWN_LINES)]
        _fill(self.rejects_table, lines, len(plan.rejected))
        self.rejects_table.resizeColumnsToContents()
        self.tabs.setTabText(1, _("Rejected rows ({n})").format(n=plan.rejected_rows))

    def _fill_duplicates(self, plan: ImportPlan) -> None:
        actions = {"merged": _("joined with the earlier row"),
                   "linked": _("linked to the person already registered"),
                   "flagged": _("imported; review it under Duplicates")}
        lines = [(str(duplicate.row),
                  duplicate.matches_name or _("row {n}").format(n=duplicate.matches_row),
                  _(duplicate.by), actions[duplicate.action])
                 for duplicate in islice(plan.duplicates, SHOWN_LINES)]
        _fill(self.duplicates_table, lines, len(plan.duplicates))
        self.tabs.setTabText(2, _("Duplicates ({n})").format(n=len(plan.duplicates)))

    def _fill_answers(self, plan: ImportPlan) -> None:
        """Each answer no code matched, per field, with how many rows gave it and a box
        to say what it means (left alone, it is stored as written, for a later review)."""
        lines = [(name, answer, str(count)) for name, answers in plan.unmapped.items()
                 for answer, count in answers.items()]
        lines += [(name, answer, _("{n} already stored").format(n=count))
                  for name, answers in plan.stored_unmapped.items()
                  for answer, count in answers.items()]
        self.answers_table.setRowCount(len(lines))
        self.answer_boxes = []
        for line, (name, answer, count) in enumerate(lines):
            for column, text in enumerate((_(FIELD_LABELS[Field(name)]), answer, count)):
                self.answers_table.setItem(line, column, QTableWidgetItem(text))
            box = QComboBox()
            box.addItem(_("as written, to review later"), None)
            box.addItem(_("other: {answer}").format(answer=answer), "other")
            for code in CATEGORIES[name]:
                box.addItem(f"{category_label(name, code)} ({code})", code)
            box.activated.connect(self._choose_answers)
            self.answers_table.setCellWidget(line, 3, box)
            self.answer_boxes.append((name, answer, box))
        self.answers_table.resizeColumnsToContents()
        self.tabs.setTabText(3, _("Answers to review ({n})").format(n=len(lines)))

    def _choose_answers(self) -> None:
        """The boxes' choices, as the plan's (applied and remembered on import)."""
        if self.plan is None:
            return
        self.plan.choices.clear()
        for name, answer, box in self.answer_boxes:
            if box.currentData() is not None:
                choose_category(self.plan, name, answer, box.currentData())

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


def _fill(table: QTableWidget, lines: list[tuple[str, ...]], total: int) -> None:
    """The lines of a preview table, and a last line saying how many more there are (a
    list of 200,000 rejects would cost the preview far more than it shows)."""
    more = total - len(lines)
    table.clearSpans()
    table.setRowCount(len(lines) + (1 if more > 0 else 0))
    for line, cells in enumerate(lines):
        for column, text in enumerate(cells):
            table.setItem(line, column, QTableWidgetItem(text))
    if more > 0:
        table.setItem(len(lines), 0, QTableWidgetItem(_(
            "… and {n} more (creando attendees import --dry-run --json lists them all)")
            .format(n=f"{more:,}")))
        table.setSpan(len(lines), 0, 1, table.columnCount())


def _step(progress: QProgressDialog, done: int, total: int) -> None:
    progress.setMaximum(total)
    progress.setValue(done)
