"""Build a session's agenda: pick modules from a deck, add breaks, reorder by dragging or
with Ctrl+Up/Down, and see each block's clock time and the planned end against the
session's slot. Saved on every change; reusable as a template. The deck offered first is
the one the agenda already uses, else one in the workshop's language."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.decks.model import Deck
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.models import Session
from facilitator_app.services.agenda import (
    BREAK,
    AgendaItem,
    AgendaTotals,
    item_label,
    load_agenda,
    preferred_deck,
    save_agenda,
    save_template,
    schedule,
    templates,
    totals,
)
from facilitator_app.store import Store
from ui.dialogs.errors import show_known_error


class AgendaTab(QWidget):
    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.session: Session | None = None
        self.decks: list[Deck] = []
        layout = QHBoxLayout(self)
        layout.addLayout(self._library_side(), stretch=1)
        layout.addLayout(self._agenda_side(), stretch=1)
        QShortcut(QKeySequence("Ctrl+Up"), self.agenda, lambda: self.move(-1))
        QShortcut(QKeySequence("Ctrl+Down"), self.agenda, lambda: self.move(1))
        QShortcut(QKeySequence.StandardKey.Delete, self.agenda, self.remove)
        QShortcut(QKeySequence("Return"), self.modules, self.add_module)
        self.retranslate()

    def _library_side(self) -> QVBoxLayout:
        side = QVBoxLayout()
        self.deck_box = QComboBox()
        self.deck_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.deck_box.setMinimumContentsLength(24)  # long deck titles must not widen the window
        self.deck_box.currentIndexChanged.connect(self._show_modules)
        self.modules = QListWidget()
        self.modules.itemDoubleClicked.connect(lambda _item: self.add_module())
        row = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_module)
        self.break_minutes = QSpinBox(minimum=5, maximum=60, value=10)
        self.break_button = QPushButton()
        self.break_button.clicked.connect(self.add_break)
        row.addWidget(self.add_button)
        row.addStretch(1)
        row.addWidget(self.break_minutes)
        row.addWidget(self.break_button)
        side.addWidget(self.deck_box)
        side.addWidget(self.modules, stretch=1)
        side.addLayout(row)
        return side

    def _agenda_side(self) -> QVBoxLayout:
        side = QVBoxLayout()
        self.total = QLabel(wordWrap=True)  # the over-the-slot warning must not widen it
        self.total.setObjectName("agendaTotal")
        self.agenda = QListWidget()
        self.agenda.setObjectName("agendaList")
        self.agenda.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.agenda.model().rowsMoved.connect(lambda *_args: self._save())
        row = QHBoxLayout()
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove)
        self.template_box = QComboBox()
        self.template_box.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.template_box.setMinimumContentsLength(10)
        self.use_template_button = QPushButton()
        self.use_template_button.clicked.connect(self.use_template)
        self.save_template_button = QPushButton()
        self.save_template_button.clicked.connect(self.ask_template_name)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        template_row = QHBoxLayout()
        for widget in (self.template_box, self.use_template_button, self.save_template_button):
            template_row.addWidget(widget)
        self.hint = QLabel(wordWrap=True)
        side.addWidget(self.total)
        side.addWidget(self.agenda, stretch=1)
        side.addWidget(self.hint)
        side.addLayout(row)
        side.addLayout(template_row)
        return side

    def retranslate(self) -> None:
        self.add_button.setText(_("Add →"))
        self.break_minutes.setSuffix(" " + _("min"))
        self.break_button.setText(_("Add a break"))
        self.remove_button.setText(_("Remove"))
        self.use_template_button.setText(_("Use template"))
        self.save_template_button.setText(_("Save as template…"))
        self.hint.setText(_("Drag to reorder, or Ctrl+Up / Ctrl+Down; Delete removes."))
        self._fill(self.items(), self.agenda.currentRow())

    def set_decks(self, decks: list[Deck]) -> None:
        """The decks to pick from; the one shown stays, or the session's is chosen."""
        shown = self.current_deck().id if self.current_deck() else None
        self.decks = decks
        self.deck_box.blockSignals(True)
        self.deck_box.clear()
        for deck in decks:
            self.deck_box.addItem(f"{deck.title} ({deck.language})", deck.id)
        self.deck_box.blockSignals(False)
        self.choose_deck(shown if shown in {d.id for d in decks} else self._session_deck())

    def _session_deck(self) -> str | None:
        language = (self.store.workshops.get(self.session.workshop_id).language
                    if self.session else "")
        return preferred_deck(self.items(), self.decks, language)

    def choose_deck(self, deck_id: str | None) -> None:
        ids = [deck.id for deck in self.decks]
        self.deck_box.blockSignals(True)
        self.deck_box.setCurrentIndex(ids.index(deck_id) if deck_id in ids else
                                      (0 if ids else -1))
        self.deck_box.blockSignals(False)
        self._show_modules()

    def _show_modules(self) -> None:
        self.modules.clear()
        deck = self.current_deck()
        for module in deck.modules if deck else []:
            item = QListWidgetItem(f"{module.title} · {module.minutes} min")
            item.setData(Qt.ItemDataRole.UserRole, AgendaItem.of_module(deck.id, module))
            self.modules.addItem(item)
        if self.modules.count():
            self.modules.setCurrentRow(0)

    def current_deck(self) -> Deck | None:
        index = self.deck_box.currentIndex()
        return self.decks[index] if 0 <= index < len(self.decks) else None

    def set_session(self, session: Session | None) -> None:
        self.session = session
        self._fill(load_agenda(self.store, session.id) if session else [])
        self.choose_deck(self._session_deck())
        self._fill_templates()
        for widget in (self.add_button, self.break_button, self.agenda):
            widget.setEnabled(session is not None)

    def items(self) -> list[AgendaItem]:
        return [self.agenda.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.agenda.count())]

    def _fill(self, items: list[AgendaItem], select: int = -1) -> None:
        self.agenda.clear()
        blocks = schedule(self.session, items) if self.session else []
        for number, entry in enumerate(items):
            when = f"{blocks[number].times()}  " if blocks else ""
            item = QListWidgetItem(f"{when}{item_label(entry)} · {entry.minutes} min")
            item.setData(Qt.ItemDataRole.UserRole, entry)
            if entry.kind == BREAK:
                font = QFont(item.font())
                font.setItalic(True)
                item.setFont(font)
            self.agenda.addItem(item)
        if 0 <= select < self.agenda.count():
            self.agenda.setCurrentRow(select)
        self._show_total()

    def _show_total(self) -> None:
        if self.session is None:
            self.total.setText("")
            return
        result = totals(self.store, self.session.id, self.items())
        text = (_("Planned {planned} of {slot} minutes").format(planned=result.planned,
                                                                slot=result.slot)
                if result.slot else _("Planned {planned} minutes").format(
                    planned=result.planned))
        ending = self._ending(result)
        if ending:
            text += " · " + ending
        if result.over:
            text += " · " + _("{n} minutes over the slot: take something out").format(
                n=result.over)
        self.total.setText(text)
        self.total.setStyleSheet("color: #b91c1c; font-weight: 600;" if result.over else "")

    @staticmethod
    def _ending(result: AgendaTotals) -> str:
        """When the agenda ends, against when the slot ends."""
        if result.ends is None:
            return ""
        if result.slot_ends is None:
            return _("ends at {time}").format(time=f"{result.ends:%H:%M}")
        return _("ends at {time}, the slot at {slot}").format(
            time=f"{result.ends:%H:%M}", slot=f"{result.slot_ends:%H:%M}")

    def _save(self, select: int = -1) -> None:
        if self.session is None:
            return
        items = self.items()
        save_agenda(self.store, self.session.id, items)
        self._fill(items, select if select >= 0 else self.agenda.currentRow())
        self.changed.emit()

    def add_module(self) -> None:
        item = self.modules.currentItem()
        if item is None or self.session is None:
            return
        self._append(item.data(Qt.ItemDataRole.UserRole))

    def add_break(self) -> None:
        if self.session is not None:
            self._append(AgendaItem.pause(self.break_minutes.value()))

    def _append(self, entry: AgendaItem) -> None:
        items = [*self.items(), entry]
        self._fill(items)
        self._save(len(items) - 1)

    def move(self, step: int) -> None:
        row = self.agenda.currentRow()
        target = row + step
        items = self.items()
        if row < 0 or not 0 <= target < len(items):
            return
        items[row], items[target] = items[target], items[row]
        self._fill(items)
        self._save(target)

    def remove(self) -> None:
        row = self.agenda.currentRow()
        if row >= 0:
            self.agenda.takeItem(row)
            self._save(min(row, self.agenda.count() - 1))

    def _fill_templates(self) -> None:
        self.template_list = templates(self.store)
        self.template_box.clear()
        for name, _items in self.template_list:
            self.template_box.addItem(name)
        self.use_template_button.setEnabled(bool(self.template_list))

    def ask_template_name(self) -> None:
        name, ok = QInputDialog.getText(self, _("Save as template"), _("Template name:"))
        if ok:
            self.save_as_template(name)

    def save_as_template(self, name: str) -> None:
        try:
            save_template(self.store, name, self.items())
        except KnownError as exc:
            show_known_error(self, exc)
            return
        self._fill_templates()

    def use_template(self) -> None:
        index = self.template_box.currentIndex()
        if self.session is not None and 0 <= index < len(self.template_list):
            self._fill(list(self.template_list[index][1]))
            self._save()
