"""A fast table model of a workshop's attendees with search-as-you-type and status filters."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from facilitator_app.contact import display_phone
from facilitator_app.i18n import _
from facilitator_app.labels import sector_label
from facilitator_app.models import ConsentPurpose
from facilitator_app.services.attendees import AttendeeRow, matches, query_words, search_text

Index = QModelIndex | QPersistentModelIndex


class Status(IntEnum):
    ALL = 0
    CAME = 1
    ONLINE = 2
    NOT_YET = 3


class Column(IntEnum):
    NAME = 0
    PHONE = 1
    EMAIL = 2
    BUSINESS = 3
    SECTOR = 4
    PRESENCE = 5
    CONSENT = 6


def column_titles() -> list[str]:
    return [_("Name"), _("Phone / WhatsApp"), _("Email"), _("Business"), _("Sector"),
            _("Attendance"), _("Consent")]


class AttendeeTableModel(QAbstractTableModel):
    """Rows are filtered in Python over precomputed folded text: no query per keystroke."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[AttendeeRow] = []
        self.haystacks: list[str] = []
        self.visible: list[int] = []
        self.query = ""
        self.status = Status.ALL

    def load(self, rows: list[AttendeeRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.haystacks = [search_text(row.attendee) for row in rows]
        self.visible = self._filtered(range(len(rows)))
        self.endResetModel()

    def set_filter(self, query: str, status: Status) -> None:
        """Narrow from the current rows when the new query only adds to the old one."""
        narrowing = status == self.status and query.startswith(self.query) and bool(self.query)
        candidates = self.visible if narrowing else range(len(self.rows))
        self.query, self.status = query, status
        self.beginResetModel()
        self.visible = self._filtered(candidates)
        self.endResetModel()

    def _filtered(self, candidates) -> list[int]:
        words = query_words(self.query)
        keep_status = _status_test(self.status)
        haystacks, rows = self.haystacks, self.rows
        return [i for i in candidates if keep_status(rows[i]) and
                (not words or matches(haystacks[i], words))]

    def row_at(self, row: int) -> AttendeeRow:
        return self.rows[self.visible[row]]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return column_titles()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[self.visible[index.row()]]
        if role == Qt.ItemDataRole.DisplayRole:
            return _cell(row, Column(index.column()))
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == Column.CONSENT:
            return "\n".join(f"{consent_label(p)}: {_('yes') if row.consents.get(p) else _('no')}"
                             for p in ConsentPurpose)
        return None


def _status_test(status: Status):
    return {
        Status.ALL: lambda row: True,
        Status.CAME: lambda row: row.came_in_person,
        Status.ONLINE: lambda row: row.joined_online,
        Status.NOT_YET: lambda row: not row.came_in_person and not row.joined_online,
    }[status]


def _cell(row: AttendeeRow, column: Column) -> str:
    person = row.attendee
    if column is Column.NAME:
        return person.name
    if column is Column.PHONE:
        return display_phone(person.phone)
    if column is Column.EMAIL:
        return person.email
    if column is Column.BUSINESS:
        return person.business
    if column is Column.SECTOR:
        return sector_label(person.sector)
    if column is Column.PRESENCE:
        return " + ".join(label for flag, label in (
            (row.came_in_person, _("in the room")), (row.joined_online, _("online"))) if flag)
    return consent_summary(row.consents)


def consent_label(purpose: ConsentPurpose) -> str:
    return {
        ConsentPurpose.PROCESSING: _("Data processing"),
        ConsentPurpose.SHARE_PARTICIPANTS: _("Share contact with participants"),
        ConsentPurpose.SHARE_PARTNERS: _("Share contact with partners"),
        ConsentPurpose.PHOTOS: _("Photos"),
    }[purpose]


def consent_summary(consents: dict[str, bool]) -> str:
    """Short letters for what was granted: D data, P participants, A partners, F photos."""
    letters = {ConsentPurpose.PROCESSING: _("D"), ConsentPurpose.SHARE_PARTICIPANTS: _("P"),
               ConsentPurpose.SHARE_PARTNERS: _("A"), ConsentPurpose.PHOTOS: _("F")}
    return " ".join(letter for purpose, letter in letters.items() if consents.get(purpose))
