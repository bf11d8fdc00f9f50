"""Review possible duplicates and merge two records, choosing which value of each field stays."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.i18n import _
from facilitator_app.models import Attendee, Workshop
from facilitator_app.services.attendees import EDITABLE_FIELDS, duplicate_pairs, merge_attendees
from facilitator_app.store import Store
from ui.dialogs.attendee_dialog import field_labels


def _shown(person: Attendee, name: str) -> str:
    value = getattr(person, name)
    return ", ".join(value) if isinstance(value, tuple) else value


class MergeDialog(QDialog):
    def __init__(self, store: Store, workshop: Workshop, parent: QWidget | None = None):
        super().__init__(parent)
        self.store, self.workshop = store, workshop
        self.merged = 0
        self.setWindowTitle(_("Possible duplicates"))
        self.resize(760, 560)
        layout = QVBoxLayout(self)
        self.intro = QLabel(wordWrap=True)
        layout.addWidget(self.intro)
        self.pairs_list = QListWidget()
        self.pairs_list.currentRowChanged.connect(self._show_pair)
        layout.addWidget(self.pairs_list, stretch=1)
        self.grid_holder = QWidget()
        self.grid = QGridLayout(self.grid_holder)
        layout.addWidget(self.grid_holder, stretch=2)
        self.merge_button = QPushButton(_("Merge these two"))
        self.merge_button.clicked.connect(self.merge_current)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.merge_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        self.pairs = duplicate_pairs(self.store, self.workshop.id)
        self.pairs_list.clear()
        for first, second, by in self.pairs:
            self.pairs_list.addItem(_("{a}  ↔  {b}   (same {by})").format(
                a=first.name, b=second.name, by=_(by)))
        self.intro.setText(_("{n} possible duplicates. For each field choose the value to "
                             "keep; everything else (registrations, consent history, "
                             "check-ins, introductions) moves to the merged record.")
                           .format(n=len(self.pairs)) if self.pairs
                           else _("No possible duplicates in this workshop."))
        self.merge_button.setEnabled(bool(self.pairs))
        if self.pairs:
            self.pairs_list.setCurrentRow(0)
        else:
            self._clear_grid()

    def _clear_grid(self) -> None:
        while self.grid.count():
            self.grid.takeAt(0).widget().deleteLater()

    def _show_pair(self, row: int) -> None:
        self._clear_grid()
        if row < 0 or row >= len(self.pairs):
            return
        first, second, _by = self.pairs[row]
        self.choices: dict[str, QButtonGroup] = {}
        labels = field_labels()
        for line, name in enumerate(n for n in EDITABLE_FIELDS if n in labels):
            self.grid.addWidget(QLabel(labels[name]), line, 0)
            group = QButtonGroup(self)
            for column, person in enumerate((first, second), start=1):
                button = QRadioButton(_shown(person, name) or "—")
                button.setObjectName(f"{name}_{column}")
                group.addButton(button, column)
                self.grid.addWidget(button, line, column)
            keep_second = not getattr(first, name) and bool(getattr(second, name))
            group.button(2 if keep_second else 1).setChecked(True)
            self.choices[name] = group

    def merge_current(self) -> None:
        row = self.pairs_list.currentRow()
        if row < 0:
            return
        first, second, _by = self.pairs[row]
        take = {name for name, group in self.choices.items() if group.checkedId() == 2}
        merge_attendees(self.store, first.id, second.id, take)
        self.merged += 1
        self.reload()
