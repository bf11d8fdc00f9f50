"""The deck library: browse decks and modules, read a module rendered, see problems, and
import a deck from a folder or a .zip."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMenu,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.decks.library import import_deck, load_library
from facilitator_app.decks.model import Deck
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from ui.dialogs.errors import show_known_error
from ui.sessions.module_text import module_markdown


class DecksTab(QWidget):
    decks_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.decks: list[Deck] = []
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.deck_list = QListWidget()
        self.deck_list.currentRowChanged.connect(self._show_deck)
        self.module_list = QListWidget()
        self.module_list.currentRowChanged.connect(self._show_module)
        self.import_button = QPushButton()
        menu = QMenu(self.import_button)
        self.folder_action = menu.addAction("", self.import_folder)
        self.zip_action = menu.addAction("", self.import_zip)
        self.import_button.setMenu(menu)
        self.decks_label = QLabel()
        self.modules_label = QLabel()
        left.addWidget(self.decks_label)
        left.addWidget(self.deck_list, stretch=1)
        left.addWidget(self.modules_label)
        left.addWidget(self.module_list, stretch=2)
        left.addWidget(self.import_button)
        right = QVBoxLayout()
        self.reader = QTextBrowser(openExternalLinks=True)
        self.problems = QListWidget()
        self.problems.setObjectName("deckProblems")
        self.problems.setMaximumHeight(120)
        right.addWidget(self.reader, stretch=1)
        right.addWidget(self.problems)
        layout.addLayout(left, stretch=1)
        layout.addLayout(right, stretch=2)
        self.retranslate()

    def retranslate(self) -> None:
        """Labels, and the decks read again: their problems are worded when read."""
        self.import_button.setText(_("Import a deck…"))
        self.folder_action.setText(_("From a folder…"))
        self.zip_action.setText(_("From a .zip file…"))
        self.decks_label.setText(_("Decks"))
        self.modules_label.setText(_("Modules"))
        if self.decks:
            deck_row, module_row = self.deck_list.currentRow(), self.module_list.currentRow()
            self.reload(select=self.decks[deck_row].id if 0 <= deck_row < len(self.decks)
                        else None)
            self.module_list.setCurrentRow(module_row)

    def reload(self, select: str | None = None) -> list[Deck]:
        self.decks = load_library()
        self.deck_list.clear()
        for deck in self.decks:
            marker = "  ⚠" if deck.problems else ""
            self.deck_list.addItem(f"{deck.title or deck.id} ({deck.language}){marker}")
        ids = [deck.id for deck in self.decks]
        self.deck_list.setCurrentRow(ids.index(select) if select in ids else 0)
        self.decks_changed.emit(self.decks)
        return self.decks

    def _show_deck(self, row: int) -> None:
        self.module_list.clear()
        self.problems.clear()
        if not 0 <= row < len(self.decks):
            return
        deck = self.decks[row]
        for module in deck.modules:
            self.module_list.addItem(f"{module.title} · {module.minutes} min")
        for problem in deck.problems:
            self.problems.addItem("⚠ " + str(problem))
        if not deck.problems:
            self.problems.addItem(_("✔ No problems in this deck."))
        self.module_list.setCurrentRow(0)

    def _show_module(self, row: int) -> None:
        deck_row = self.deck_list.currentRow()
        if not 0 <= deck_row < len(self.decks) or not 0 <= row < len(
                self.decks[deck_row].modules):
            self.reader.clear()
            return
        self.reader.setMarkdown(module_markdown(self.decks[deck_row].modules[row]))

    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, _("Choose a deck folder"))
        if folder:
            self.import_path(Path(folder))

    def import_zip(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, _("Choose a deck .zip"), "",
                                                    _("Zip files (*.zip)"))
        if name:
            self.import_path(Path(name))

    def import_path(self, path: Path) -> Deck | None:
        try:
            deck = import_deck(path)
        except KnownError as exc:
            show_known_error(self, exc)
            return None
        self.reload(select=deck.id)
        return deck
