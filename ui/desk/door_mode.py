"""Door mode: the check-in desk full screen for a busy door.

The sidebar, menus, toolbar and status bar are hidden and navigation is locked, so a
participant who touches the laptop cannot wander off the desk; Esc (or F11, or closing the
window) asks before leaving. The desk shows its session, counts and answers large.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from facilitator_app.i18n import _


class DoorMode(QObject):
    def __init__(self, window: QMainWindow, page_index: int) -> None:
        super().__init__(window)
        self.window = window
        self.page_index = page_index
        self.active = False
        self.was_maximised = False
        self.hidden: list[QWidget] = []
        self.escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), window, self.ask_to_leave)
        self.escape.setEnabled(False)

    def toggle(self) -> None:
        if self.active:
            self.ask_to_leave()
        else:
            self.enter()

    def enter(self) -> None:
        window = self.window
        if self.active or window.modes.currentIndex() != 1:
            return  # no workshop yet: nothing to admit to
        window.show_page(self.page_index)
        page = window.page(self.page_index)
        self.was_maximised = window.isMaximized()
        self.hidden = [w for w in (window.nav, window.menuBar(), window.statusBar(),
                                   *window.findChildren(QWidget, "workshopBar"))
                       if w.isVisible()]
        for widget in self.hidden:
            widget.hide()
        self.active = True
        self._lock(True)
        page.set_door_mode(True)
        window.setGeometry(window.screen().geometry())  # also where no window manager runs
        window.showFullScreen()
        page.search.setFocus()

    def ask_to_leave(self) -> bool:
        """Leave door mode if the facilitator confirms; True when it was left."""
        if not self.active:
            return True
        answer = QMessageBox.question(
            self.window, _("Leave door mode?"),
            _("The desk goes back to the normal window, with the sidebar and menus."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer == QMessageBox.StandardButton.Yes:
            self.leave()
            return True
        self.window.activateWindow()  # the desk's keys (Esc, Ctrl+Z) work again at once
        self.window.page(self.page_index).search.setFocus()
        return False

    def leave(self) -> None:
        if not self.active:
            return
        self.active = False
        self._lock(False)
        for widget in self.hidden:
            widget.show()
        self.window.page(self.page_index).set_door_mode(False)
        if self.was_maximised:
            self.window.showMaximized()
        else:
            self.window.showNormal()
        self.window.activateWindow()

    def _lock(self, locked: bool) -> None:
        self.escape.setEnabled(locked)
        for action in self.window.navigation_actions():
            action.setEnabled(not locked)
