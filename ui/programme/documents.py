"""The options of the two programme documents: the programme report's months (all, or a
range) and the 5W's month and template."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from facilitator_app.i18n import _
from facilitator_app.paths import asset
from facilitator_app.programme.five_w import DEFAULT_TEMPLATE
from facilitator_app.programme.page_data import last_month

MONTH_FORMAT = "yyyy-MM"


def month_edit(month: str) -> QDateEdit:
    edit = QDateEdit(QDate.fromString(month + "-01", "yyyy-MM-dd"))
    edit.setDisplayFormat(MONTH_FORMAT)
    edit.setCalendarPopup(True)
    return edit


def month_of(edit: QDateEdit) -> str:
    return edit.date().toString(MONTH_FORMAT)


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ReportDialog(QDialog):
    """Every month, or only from one month to another."""

    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Programme report"))
        form = QFormLayout(self)
        form.addRow(QLabel(_("Workshops, people reached, new and returning, how they took "
                             "part, who they are, modules and introductions, month by month. "
                             "Counts only; small numbers are hidden."), wordWrap=True))
        self.limited = QCheckBox(_("&Only some months"))
        form.addRow(self.limited)
        month = last_month(today or date.today())
        self.first, self.last = month_edit(f"{month[:4]}-01"), month_edit(month)
        self.first_label, self.last_label = QLabel(_("&From")), QLabel(_("&To"))
        self.first_label.setBuddy(self.first)
        self.last_label.setBuddy(self.last)
        form.addRow(self.first_label, self.first)
        form.addRow(self.last_label, self.last)
        form.addRow(_buttons(self))
        self.limited.toggled.connect(self._enable)
        self._enable(False)
        self.setMinimumWidth(480)

    def _enable(self, on: bool) -> None:
        for widget in (self.first, self.last, self.first_label, self.last_label):
            widget.setEnabled(on)

    def months(self) -> tuple[str, str]:
        if not self.limited.isChecked():
            return "", ""
        first, last = sorted((month_of(self.first), month_of(self.last)))
        return first, last


class FiveWDialog(QDialog):
    """The month (last month by default) and the platform's template (the shipped one)."""

    def __init__(self, parent: QWidget | None = None, today: date | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("5W activity report"))
        form = QFormLayout(self)
        form.addRow(QLabel(_("The inter-agency 5W of one month: a row per place, partner and "
                             "activity, with total and new people, by sex and age and by "
                             "population type."), wordWrap=True))
        self.month = month_edit(last_month(today or date.today()))
        self.month.setAccessibleName(_("Month"))
        form.addRow(_("&Month"), self.month)
        self.template = QLineEdit(str(asset(*DEFAULT_TEMPLATE)))
        self.template.setAccessibleName(_("Template"))
        self.browse = QPushButton(_("C&hoose…"))
        self.browse.clicked.connect(self.choose_template)
        row = QHBoxLayout()
        row.addWidget(self.template, stretch=1)
        row.addWidget(self.browse)
        template_label = QLabel(_("&Template"))
        template_label.setBuddy(self.template)
        form.addRow(template_label, row)
        form.addRow(_buttons(self))
        self.setMinimumWidth(620)

    def choose_template(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("The platform's template"),
                                                    self.template.text(), "*.xlsx")
        if name:
            self.template.setText(name)

    def chosen(self) -> tuple[str, Path]:
        return month_of(self.month), Path(self.template.text().strip())
