"""The programme's key figures in big numbers, and the month-by-month table."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.i18n import N_, _
from facilitator_app.programme.page_data import PageFigures
from facilitator_app.programme_models import MonthLine
from ui.pages.overview import CountCard

CARDS: dict[str, str] = {
    "workshops": N_("Workshops"),
    "sessions": N_("Sessions held"),
    "reached": N_("Different people reached"),
    "new": N_("In one workshop (new)"),
    "returning": N_("In two or more (returning)"),
    "in_room": N_("In the room only"),
    "online": N_("Online only"),
    "both": N_("In the room and online"),
    "to_review": N_("Pairs to review"),
}
TIPS: dict[str, str] = {
    "reached": N_("Counted once each, however many workshops they came to."),
    "new": N_("People who took part in one workshop only."),
    "returning": N_("People who took part in two workshops or more."),
    "to_review": N_("Pairs with the same name but other contacts: decide them on the right."),
}
PER_ROW = 5
COLUMNS = (N_("Month"), N_("Workshops"), N_("Sessions"), N_("People reached"), N_("New"),
           N_("Returning"), N_("In the room"), N_("Online"))
FIELDS = ("month", "workshops", "sessions", "reached", "new", "returning", "in_room",
          "online")


def card_values(figures: PageFigures) -> dict[str, int]:
    """Each card's number: the report's figures, and the status' pairs to review."""
    report = figures.report
    room, online, both = (report.by_mode.counts.values() if len(report.by_mode.counts) == 3
                          else (0, 0, 0))
    return {"workshops": report.workshops, "sessions": report.sessions_held,
            "reached": report.reached, "new": report.new, "returning": report.returning,
            "in_room": room, "online": online, "both": both,
            "to_review": figures.status["to_review"]}


class MonthModel(QAbstractTableModel):
    """One row per month: workshops, sessions, people reached, new, returning, how."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[MonthLine] = []

    def show_lines(self, lines: list[MonthLine]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(getattr(self.lines[index.row()], FIELDS[index.column()]))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return _(COLUMNS[section])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)


class FiguresBox(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        self.cards = {key: CountCard(self) for key in CARDS}
        for n, (key, card) in enumerate(self.cards.items()):
            card.setObjectName("countCard")
            card.value.setObjectName("countValue")
            card.setAccessibleName(key)
            grid.addWidget(card, n // PER_ROW, n % PER_ROW)
        layout.addLayout(grid)
        self.months_label = QLabel()
        self.months = MonthModel(self)
        self.table = QTableView()
        self.table.setObjectName("programmeMonths")
        self.table.setModel(self.months)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for wide in ("reached", "returning"):  # the longest headers
            header.setSectionResizeMode(FIELDS.index(wide),
                                        QHeaderView.ResizeMode.ResizeToContents)
        self.months_label.setBuddy(self.table)
        layout.addWidget(self.months_label)
        layout.addWidget(self.table, stretch=1)
        self.months_note = QLabel(wordWrap=True)
        self.months_note.setObjectName("comingNote")
        layout.addWidget(self.months_note)

    def retranslate(self) -> None:
        for key, card in self.cards.items():
            card.caption.setText(_(CARDS[key]))
            card.setAccessibleName(_(CARDS[key]))
            card.setToolTip(_(TIPS[key]) if key in TIPS else "")
        self.months_label.setText(_("Month &by month"))
        self.table.setAccessibleName(_("Month by month"))
        self.months_note.setText(_("New in a month: reached by the programme for the first "
                                   "time that month. Returning: reached in an earlier month "
                                   "too. In the room and online count each person once a "
                                   "month."))
        self.months.retranslate()

    def show_figures(self, figures: PageFigures | None) -> None:
        values = card_values(figures) if figures else dict.fromkeys(CARDS, 0)
        for key, card in self.cards.items():
            card.show_count(values[key])
            card.value.setAccessibleName(f"{_(CARDS[key])}: {values[key]}")
        self.months.show_lines(figures.report.months if figures else [])
