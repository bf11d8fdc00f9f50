"""Name search at the door: type, Up/Down through the matches, Enter admits the highlighted one.

Text that matches nobody and is not a badge code is never taken for one and never wiped:
the desk says nobody was found and offers a walk-in with that name already filled in.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.i18n import _
from facilitator_app.services.attendees import IncrementalSearch, SearchIndex
from facilitator_app.services.checkin import looks_like_code

MAX_MATCHES = 8
_MOVES = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 4, Qt.Key.Key_PageUp: -4}


class SearchBox(QLineEdit):
    """A line edit whose Up/Down (and Page keys) move the selection in the matches, and
    which leaves Ctrl+Z and Ctrl+Shift+Z to the desk (undo and redo an admission)."""

    moved = Signal(int)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
                or event.keyCombination() == QKeySequence("Ctrl+Shift+Z")[0]):
            event.ignore()
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = _MOVES.get(Qt.Key(event.key()))
        if step is not None and not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.moved.emit(step)
            return
        super().keyPressEvent(event)


class NameSearch(QWidget):
    admit_requested = Signal(str)  # attendee id
    code_entered = Signal(str)  # typed text that looks like a badge code
    walk_in_requested = Signal(str)  # the typed name
    nobody_found = Signal(str)  # typed text that matches nobody and is not a code

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = SearchBox()
        self.search.setObjectName("deskSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.show_matches)
        self.search.returnPressed.connect(self.enter)
        self.search.moved.connect(self.move_selection)
        self.matches = QListWidget()
        self.matches.setObjectName("deskMatches")
        self.matches.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the typing stays in the box
        self.matches.itemActivated.connect(lambda _item: self.enter())
        self.matches.itemClicked.connect(lambda _item: self.search.setFocus())
        self.nobody = QLabel(wordWrap=True)
        self.nobody.setObjectName("nobodyFound")
        self.walk_in_button = QPushButton()
        self.walk_in_button.clicked.connect(self.offer_walk_in)
        row = QHBoxLayout()
        row.addWidget(self.nobody, stretch=1)
        row.addWidget(self.walk_in_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(row)
        layout.addWidget(self.matches, stretch=1)
        self.index: SearchIndex | None = None
        self.searcher: IncrementalSearch | None = None
        self.total = 0
        self.loading = False
        self._set_nobody(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(
            _("Getting the name search ready… (scanning works already)") if self.loading
            else _("Name or typed badge code, then Enter (Ctrl+F)"))
        self.walk_in_button.setText(_("Register as walk-in (Ctrl+N)"))
        self.show_matches()

    def set_loading(self, loading: bool) -> None:
        self.loading = loading
        self.retranslate()

    def set_index(self, index: SearchIndex | None) -> None:
        self.loading = False
        self.search.setPlaceholderText(_("Name or typed badge code, then Enter (Ctrl+F)"))
        self.index = index
        self.searcher = IncrementalSearch(index) if index is not None else None
        self.show_matches()

    def typed_name(self) -> str:
        """The search text, when it is a name (not a badge code)."""
        text = self.search.text().strip()
        return "" if looks_like_code(text) else text

    def show_matches(self) -> None:
        self.matches.clear()
        found = self.searcher.find(self.search.text()) if self.searcher else []
        self.total = len(found)
        for position in found[:MAX_MATCHES]:
            self.matches.addItem(self._item(position))
        if self.matches.count():
            self.matches.setCurrentRow(0)
        self._set_nobody(False)

    def _item(self, position: int) -> QListWidgetItem:
        index = self.index
        text = " — ".join(p for p in (index.names[position], index.businesses[position]) if p)
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, index.ids[position])
        return item

    def move_selection(self, step: int) -> None:
        count = self.matches.count()
        if count:
            self.matches.setCurrentRow(min(max(self.matches.currentRow() + step, 0), count - 1))

    def selected_id(self) -> str | None:
        item = self.matches.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def enter(self) -> None:
        """Enter: the highlighted person, else a typed badge code, else "nobody found"."""
        chosen = self.selected_id()
        text = self.search.text().strip()
        if chosen:
            self.admit_requested.emit(chosen)
        elif text and looks_like_code(text):
            self.code_entered.emit(text)
        elif text and self.index is not None:
            self._set_nobody(True)
            self.nobody_found.emit(text)

    def _set_nobody(self, shown: bool) -> None:
        if shown:
            self.nobody.setText(_("Nobody found for “{text}”. Check the spelling, or "
                                  "register them as a walk-in.").format(
                                      text=self.search.text().strip()))
        self.nobody.setVisible(shown)
        self.walk_in_button.setVisible(shown)

    def nobody_shown(self) -> bool:
        return self.nobody.isVisibleTo(self)

    def offer_walk_in(self) -> None:
        self.walk_in_requested.emit(self.typed_name())

    def done(self) -> None:
        """After an admission: an empty box that keeps the focus."""
        self.search.clear()
        self.search.setFocus()
