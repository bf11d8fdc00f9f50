"""The idle lock: after a chosen time with no key or mouse input in the window, an
encrypted database's window hides everything behind a screen that asks for the passphrase.

Never in door mode (a lock would stop the door). The store stays open and the key stays
registered while locked (the rolling backups go on); the lock screen checks the passphrase
with the core's `unlock`, so a wrong one is said and nothing is shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.encryption import is_encrypted, unlock
from facilitator_app.i18n import _
from facilitator_app.settings import load_settings
from ui.dialogs.passphrase_fields import error_label, key_work, passphrase_field, say

IDLE_CHOICES = (0, 5, 15, 30)  # minutes; 0 is off
DEFAULT_IDLE_MINUTES = 15
IDLE_SETTING = "idle_lock_minutes"
_ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress,
                       QEvent.Type.MouseMove, QEvent.Type.Wheel,
                       QEvent.Type.TouchBegin})


def idle_minutes() -> int:
    """The chosen idle time (settings), 15 minutes when none was chosen."""
    value = load_settings().get(IDLE_SETTING, DEFAULT_IDLE_MINUTES)
    return value if value in IDLE_CHOICES else DEFAULT_IDLE_MINUTES


class LockScreen(QWidget):
    """Asks for the passphrase; `unlocked` once it fits."""

    unlocked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockScreen")
        self.path: Path | None = None
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.text = QLabel(wordWrap=True)
        self.passphrase = passphrase_field("lockPassphrase")
        self.passphrase.returnPressed.connect(self.try_unlock)
        self.unlock_button = QPushButton()
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.clicked.connect(self.try_unlock)
        self.error = error_label()
        row = QHBoxLayout()
        row.addWidget(self.passphrase)
        row.addWidget(self.unlock_button)
        column = QVBoxLayout()
        for widget in (self.heading, self.text):
            column.addWidget(widget)
        column.addLayout(row)
        column.addWidget(self.error)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(column)
        outer.addStretch(2)
        outer.setAlignment(column, Qt.AlignmentFlag.AlignHCenter)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Locked"))
        self.text.setText(_("CREANDO Desk locked itself after a while without use, so "
                            "nobody passing by can read the data. Type the passphrase to "
                            "go on."))
        self.unlock_button.setText(_("Unlock"))

    def start(self, path: Path) -> None:
        self.path = path
        self.passphrase.clear()
        say(self.error, None)
        self.retranslate()
        self.passphrase.setFocus()

    def try_unlock(self) -> None:
        if self.path is None:
            return
        if not key_work(self.error, lambda: unlock(self.path, self.passphrase.text()))[0]:
            self.passphrase.clear()
            self.passphrase.setFocus()
            return
        self.passphrase.clear()
        self.unlocked.emit()


class IdleLock(QObject):
    """Watches the window's input (an application event filter) and locks it when idle.

    `window` is the MainWindow: its `modes` stack gets the lock screen, its `door` says
    whether door mode is on, its `db_path` whether there is a passphrase to ask for.
    """

    locked_changed = Signal(bool)

    def __init__(self, window: QMainWindow, minutes: int | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.screen = LockScreen()
        self.screen.unlocked.connect(self.unlock)
        window.modes.addWidget(self.screen)
        window.modes.currentChanged.connect(self._hold)
        self.locked = False
        self.previous_mode = 0
        self.disabled_actions: list[QAction] = []
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.idle)
        self.set_minutes(idle_minutes() if minutes is None else minutes)
        QCoreApplication.instance().installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(minutes * 60_000)

    def set_interval_ms(self, interval: int) -> None:
        """0 turns the lock off."""
        self.timer.stop()
        self.timer.setInterval(interval)
        if interval > 0:
            self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Any key or mouse input to the app's widgets (this window, its dialogs, the
        presenter screen) starts the idle time again."""
        if event.type() in _ACTIVITY and isinstance(watched, QWidget) and not self.locked \
                and self.timer.interval() > 0:
            self.timer.start()
        return False

    def _hold(self, index: int) -> None:
        """While locked, a page switch behind the screen (a task finishing) is remembered
        for later instead of shown."""
        if self.locked and self.window.modes.widget(index) is not self.screen:
            self.previous_mode = index
            self.window.modes.setCurrentWidget(self.screen)

    def applies(self) -> bool:
        """A passphrase to ask for: an encrypted database on file."""
        path = self.window.db_path
        return path is not None and is_encrypted(path)

    def idle(self) -> None:
        if self.locked or not self.applies():
            return
        if self.window.door.active:
            self.timer.start()  # the door must not stop: look again later
            return
        self.lock()

    def lock(self) -> None:
        window = self.window
        self.locked = True
        self.previous_mode = window.modes.currentIndex()
        self.disabled_actions = [a for a in window.findChildren(QAction) if a.isEnabled()]
        for action in self.disabled_actions:
            action.setEnabled(False)
        window.menuBar().setEnabled(False)
        for bar in window.findChildren(QWidget, "workshopBar"):
            bar.setEnabled(False)
        window.modes.setCurrentWidget(self.screen)
        self.screen.start(window.db_path)
        self.locked_changed.emit(True)

    def unlock(self) -> None:
        window = self.window
        self.locked = False
        window.modes.setCurrentIndex(self.previous_mode)
        for action in self.disabled_actions:
            action.setEnabled(True)
        self.disabled_actions = []
        window.menuBar().setEnabled(True)
        for bar in window.findChildren(QWidget, "workshopBar"):
            bar.setEnabled(True)
        if self.timer.interval() > 0:
            self.timer.start()
        self.locked_changed.emit(False)

    def stop(self) -> None:
        self.timer.stop()
        QCoreApplication.instance().removeEventFilter(self)
