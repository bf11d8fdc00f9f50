"""A fast table model of a workshop's attendees with search-as-you-type and status filters.

The model holds the search index (ids, folded text, what a line shows, presence); consent
answers are read only for the lines on screen, a block at a time, and a whole record only
when one is opened, so 100,000 people cost what one screen costs. A new filter changes the
rows in place (the tail removed or added, the rest re-read), never with a full reset.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from facilitator_app.contact import display_phone
from facilitator_app.i18n import _
from facilitator_app.labels import sector_label
from facilitator_app.models import ConsentPurpose
from facilitator_app.services.attendees import (
    AttendeeRow,
    IncrementalSearch,
    SearchIndex,
    search_text,
)

Index = QModelIndex | QPersistentModelIndex
Fetch = Callable[[list[str]], dict[str, AttendeeRow]]
Consents = Callable[[list[str]], dict[str, dict[str, bool]]]
BLOCK = 60  # lines whose consent answers are read together (about two screens)


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


COLUMNS = tuple(Column)
DISPLAY, TOOLTIP = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole


def column_titles() -> list[str]:
    return [_("Name"), _("Phone / WhatsApp"), _("Email"), _("Business"), _("Sector"),
            _("Attendance"), _("Consent")]


def index_of_rows(rows: list[AttendeeRow]) -> SearchIndex:
    """An index of rows already in memory (small lists, tests, benchmarks)."""
    return SearchIndex([r.attendee.id for r in rows], [r.attendee.name for r in rows],
                       [r.attendee.business for r in rows],
                       [search_text(r.attendee) for r in rows],
                       {r.attendee.id: (r.came_in_person, r.joined_online) for r in rows},
                       [(r.attendee.phone, r.attendee.email, r.attendee.sector) for r in rows])


class AttendeeTableModel(QAbstractTableModel):
    """Rows are filtered in Python over precomputed folded text: no query per keystroke."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.registry = SearchIndex.empty()
        self.fetch: Fetch | None = None
        self.read_consents: Consents | None = None
        self.cache: dict[str, AttendeeRow] = {}
        self.consents: dict[str, dict[str, bool]] = {}
        self.visible: list[int] = []
        self.searcher = IncrementalSearch(self.registry)
        self.query = ""
        self.status = Status.ALL

    @property
    def total(self) -> int:
        return len(self.registry)

    def load(self, rows: list[AttendeeRow]) -> None:
        """Show these rows (all of them already read)."""
        self.set_index(index_of_rows(rows), None, {row.attendee.id: row for row in rows})

    def set_index(self, index: SearchIndex, fetch: Fetch | None,
                  cache: dict[str, AttendeeRow] | None = None,
                  consents: Consents | None = None) -> None:
        """Show a registry: its index now, consent answers as lines are shown, a whole
        record (`row_at`) when one is opened."""
        self.beginResetModel()
        self.registry, self.fetch, self.cache = index, fetch, dict(cache or {})
        self.read_consents = consents
        self.consents = {pid: row.consents for pid, row in self.cache.items()}
        self.searcher = IncrementalSearch(index)
        self.visible = self._filtered()
        self.endResetModel()

    def set_filter(self, query: str, status: Status) -> None:
        if status != self.status:
            self.searcher = IncrementalSearch(self.registry)  # no narrowing across statuses
        self.query, self.status = query, status
        self._replace_visible(self._filtered())

    def _filtered(self) -> list[int]:
        found = self.searcher.find(self.query) if self.query.strip() else \
            range(len(self.registry))
        if self.status is Status.ALL:
            return list(found)
        keep, ids, presence = _status_test(self.status), self.registry.ids, self.registry.presence
        return [i for i in found if keep(presence.get(ids[i], (False, False)))]

    def _replace_visible(self, new: list[int]) -> None:
        """Remove or add rows at the end only, then say the rest changed: the view keeps
        its scroll position and its columns, and only repaints what it shows."""
        old, root = len(self.visible), QModelIndex()
        if len(new) < old:
            self.beginRemoveRows(root, len(new), old - 1)
            self.visible = new
            self.endRemoveRows()
        elif len(new) > old:
            self.beginInsertRows(root, old, len(new) - 1)
            self.visible = new
            self.endInsertRows()
        else:
            self.visible = new
        kept = min(len(new), old)
        if kept:
            self.dataChanged.emit(self.createIndex(0, 0),
                                  self.createIndex(kept - 1, len(Column) - 1))

    def row_at(self, row: int) -> AttendeeRow:
        position = self.visible[row]
        found = self.cache.get(self.registry.ids[position])
        if found is None:
            self._fetch_around(row)
            found = self.cache[self.registry.ids[position]]
        return found

    def row_of(self, attendee_id: str) -> int | None:
        """Where a person is shown now, or None."""
        ids = self.registry.ids
        return next((row for row, position in enumerate(self.visible)
                     if ids[position] == attendee_id), None)

    def _fetch_around(self, row: int) -> None:
        if self.fetch is not None:
            self.cache.update(self.fetch([self.registry.ids[self.visible[row]]]))

    def _consents_of(self, row: int) -> dict[str, bool]:
        """A line's consent answers, read with those of the lines around it."""
        pid = self.registry.ids[self.visible[row]]
        found = self.consents.get(pid)
        if found is None and self.read_consents is not None:
            start = max(0, row - BLOCK // 3)
            wanted = [self.registry.ids[p] for p in self.visible[start:start + BLOCK]]
            read = self.read_consents([w for w in wanted if w not in self.consents])
            for other in wanted:
                self.consents[other] = read.get(other, {})
            found = self.consents[pid]
        return found or {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return column_titles()[section]
        return None

    def data(self, index: Index, role: int = DISPLAY):
        """Called a few hundred times per repaint: other roles leave at the first test."""
        if (role != DISPLAY and role != TOOLTIP) or not index.isValid():
            return None
        column = COLUMNS[index.column()]
        if role == DISPLAY:
            return self._cell(index.row(), column)
        if column is Column.CONSENT:
            consents = self._consents_of(index.row())
            return "\n".join(f"{consent_label(p)}: {_('yes') if consents.get(p) else _('no')}"
                             for p in ConsentPurpose)
        return None

    def _cell(self, row: int, column: Column) -> str:
        """What a line shows, from the index (consent answers read in blocks)."""
        registry, position = self.registry, self.visible[row]
        if column is Column.NAME:
            return registry.names[position]
        if column is Column.BUSINESS:
            return registry.businesses[position]
        if column is Column.CONSENT:
            return consent_summary(self._consents_of(row))
        if column is Column.PRESENCE:
            came, online = registry.presence.get(registry.ids[position], (False, False))
            return presence_text(came, online)
        phone, email, sector = registry.contacts[position]
        if column is Column.PHONE:
            return display_phone(phone)
        return email if column is Column.EMAIL else sector_label(sector)


def _status_test(status: Status) -> Callable[[tuple[bool, bool]], bool]:
    return {
        Status.ALL: lambda seen: True,
        Status.CAME: lambda seen: seen[0],
        Status.ONLINE: lambda seen: seen[1],
        Status.NOT_YET: lambda seen: not seen[0] and not seen[1],
    }[status]


def presence_text(came: bool, online: bool) -> str:
    return " + ".join(label for flag, label in ((came, _("in the room")), (online, _("online")))
                      if flag)


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
