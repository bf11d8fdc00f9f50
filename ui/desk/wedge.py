"""Tell a USB barcode scanner (a keyboard typing very fast, then Enter) from a person typing,
wherever the focus is in the window.

`ScanCatcher` filters the application's key presses while its page is shown. A key that
could begin a badge code (the letter every token begins with) is held back, and so is each key
that follows it within a scanner's pace. When Enter ends such a burst and the burst is a
badge code, it is reported as a scan and no widget ever sees those keys (the sidebar's
type-ahead, a combo box or a tab bar cannot take them). Anything else is handed to the
widget it was meant for, unchanged and in order, as soon as the pace slows to a person's:
ordinary typing is never held longer than one scanner gap (45 ms), and keys that cannot
begin a code are not held at all.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

from facilitator_app import tokens

MAX_GAP_S = 0.045  # scanners type a key every few ms; people need 80 ms or more
MIN_LENGTH = 6
STARTS = frozenset(p for prefix in tokens.PREFIXES for p in (prefix, prefix.lower()))
TOKEN_LENGTHS = (tokens.TOKEN_LENGTH, tokens.SIGNED_LENGTH)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_HOLD_TYPES = (QEvent.Type.KeyPress, QEvent.Type.KeyRelease)
_CHORDS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
           | Qt.KeyboardModifier.MetaModifier)
_MODIFIER_KEYS = frozenset({Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt,
                            Qt.Key.Key_Meta, Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock})


def looks_like_badge(text: str) -> bool:
    """Only a whole badge token is taken as a scan (what a badge's QR holds; the short code
    is for typing by hand), so quick typists never lose their Enter: "de insumos" typed fast
    is twelve letters, but it is not a token."""
    return not any(ch.isspace() for ch in text) and tokens.looks_like_token(
        tokens.normalise(text))


def _plain(event: QKeyEvent) -> bool:
    """Typed text (Shift allowed: scanners type capitals with it), not a shortcut chord."""
    return not event.modifiers() & _CHORDS


class _Visibility(QObject):
    """Tells when a widget is shown or hidden."""

    def __init__(self, widget: QWidget, changed: Callable[[bool], None]) -> None:
        super().__init__(widget)
        self.changed = changed
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.Show, QEvent.Type.Hide):
            self.changed(kind == QEvent.Type.Show)
        return False


class ScanCatcher(QObject):
    """Catches scanner bursts for `page` (while it is visible) anywhere in its window,
    including the dialogs and pop-ups that window opened."""

    scanned = Signal(str)

    def __init__(self, page: QWidget, clock: Callable[[], float] = time.monotonic,
                 accept: Callable[[str], bool] = looks_like_badge) -> None:
        super().__init__(page)
        self.page = page
        self.clock = clock
        self.accept = accept
        self.held: list[tuple[QObject, QKeyEvent]] = []
        self.text = ""
        self.last_key = 0.0
        self.replaying = False
        self.release_timer = QTimer(self, singleShot=True, interval=int(MAX_GAP_S * 1000))
        self.release_timer.timeout.connect(self.release)
        self.installed = False
        self.visibility = _Visibility(page, self._listen)  # listen only while shown
        if page.isVisible():
            self._listen(True)

    def _listen(self, on: bool) -> None:
        app = QCoreApplication.instance()
        if on and not self.installed:
            app.installEventFilter(self)
        elif not on and self.installed:
            self.release()
            app.removeEventFilter(self)
        self.installed = on

    def active_for(self, target: QObject) -> bool:
        """Is `target` inside the page's window (or a dialog or pop-up it opened)?"""
        if not self.page.isVisible() or not isinstance(target, QWidget):
            return False
        window = self.page.window()
        widget: QWidget | None = target
        while widget is not None:
            if widget is window:
                return True
            widget = widget.parentWidget()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.replaying or not isinstance(event, QKeyEvent) or \
                event.type() not in _HOLD_TYPES:
            return False
        if not self.held and event.type() == QEvent.Type.KeyRelease:
            return False
        if not self.active_for(watched):
            return False
        return self._key(watched, event)

    def _key(self, watched: QObject, event: QKeyEvent) -> bool:
        now = self.clock()
        if event.type() == QEvent.Type.KeyRelease or (
                self.held and event.key() in _MODIFIER_KEYS):
            self.held.append((watched, event.clone()))  # kept in order, pace unchanged
            return True
        if self.held and now - self.last_key > MAX_GAP_S:
            self.release()
        if event.key() in _ENTER and self.held:
            return self._burst_ends(watched, event)
        char = event.text()
        holding = bool(self.held) or char in STARTS
        if not holding or not _plain(event) or len(char) != 1 or not char.isprintable():
            self.release()
            return False
        self.last_key = now
        self.text += char
        self.held.append((watched, event.clone()))
        self.release_timer.start()
        return True

    def _burst_ends(self, watched: QObject, event: QKeyEvent) -> bool:
        """Enter after a fast burst: a scan when the burst (or its end) is a badge code."""
        code = self._code_in(self.text)
        if code is None:
            self.held.append((watched, event.clone()))
            self.release()
            return True
        keep = len(self.text) - len(code)
        self.held = self.held[:self._events_for(keep)]
        self.release()
        self.scanned.emit(code)
        return True

    def _code_in(self, text: str) -> str | None:
        if len(text) >= MIN_LENGTH and self.accept(text):
            return text
        for length in TOKEN_LENGTHS:  # someone's "c" just before the scanner started
            tail = text[-length:]
            if len(tail) == length and tail != text and self.accept(tail):
                return tail
        return None

    def _events_for(self, chars: int) -> int:
        """How many held events carry the first `chars` typed characters."""
        seen = 0
        for index, (_target, event) in enumerate(self.held):
            if event.type() == QEvent.Type.KeyPress and event.text():
                if seen == chars:
                    return index
                seen += 1
        return len(self.held)

    def release(self) -> None:
        """Hand every held key to the widget it was meant for, in order."""
        self.release_timer.stop()
        held, self.held, self.text = self.held, [], ""
        self.replaying = True
        try:
            for target, event in held:
                if shiboken6.isValid(target):
                    QCoreApplication.sendEvent(target, event)
        finally:
            self.replaying = False
