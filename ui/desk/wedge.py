"""Tell a USB barcode scanner (a keyboard typing very fast, then Enter) from a person typing.

The filter watches key presses on a page and its children. Keys still reach the focused
widget; when Enter ends a fast burst, the burst is reported as a scan (and the Enter is
swallowed), so the page can take the code back out of whatever field received it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from facilitator_app import tokens

MAX_GAP_S = 0.045  # scanners type a key every few ms; people need 80 ms or more
MIN_LENGTH = 6


def looks_like_badge(text: str) -> bool:
    """Only badge codes are taken as scans: quick typists never lose their Enter."""
    return tokens.looks_like_token(tokens.normalise(text)) or tokens.as_short_code(text) \
        is not None


class WedgeDetector(QObject):
    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 accept: Callable[[str], bool] = looks_like_badge) -> None:
        super().__init__(parent)
        self.clock = clock
        self.accept = accept
        self.buffer: list[str] = []
        self.last_key = 0.0

    def watch(self, widget: QWidget) -> None:
        """Listen to key presses on `widget` and everything inside it."""
        for target in (widget, *widget.findChildren(QWidget)):
            target.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        focus = QApplication.focusWidget()
        if focus is not None and watched is not focus:
            return False  # the same key travelling up to a parent: counted once already
        assert isinstance(event, QKeyEvent)
        now = self.clock()
        if now - self.last_key > MAX_GAP_S:
            self.buffer.clear()
        self.last_key = now
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            burst = "".join(self.buffer)
            self.buffer.clear()
            if len(burst) >= MIN_LENGTH and self.accept(burst):
                self.scanned.emit(burst)
                return True
            return False
        if event.text() and event.text().isprintable():
            self.buffer.append(event.text())
        return False
