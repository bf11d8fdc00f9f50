"""Which session the desk's admissions count for: the one running now, by the clock (before
the first: the first; between two: the next), unless the facilitator picks another.

The clock's choice comes from the store's one rule (`session_windows`), the same rule that
gives check-ins recorded without a session to a session, so the desk and every report agree.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from facilitator_app.clock import iso
from facilitator_app.i18n import _
from facilitator_app.models import Session, Workshop
from facilitator_app.store import Store

RECHECK_MS = 30_000
AUTO = None  # the combo's data for "by the clock"


class SessionPicker(QComboBox):
    """"By the clock" first, then every session of the workshop."""

    changed = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionBox")
        self.store = store
        self.clock = clock or store.clock
        self.workshop: Workshop | None = None
        self.sessions: list[Session] = []
        self.running_id: str | None = None
        self.currentIndexChanged.connect(lambda _index: self.changed.emit())
        self.timer = QTimer(self, interval=RECHECK_MS)
        self.timer.timeout.connect(lambda: self.recheck() if self.isVisible() else None)
        self.timer.start()

    def set_workshop(self, workshop: Workshop | None) -> None:
        self.workshop = workshop
        self.fill()

    def fill(self) -> None:
        """(Re)list the sessions, keeping the facilitator's choice when it still exists."""
        chosen = self.currentData()
        self.sessions = (self.store.sessions.for_workshop(self.workshop.id)
                         if self.workshop else [])
        self.running_id = self._running()
        self.blockSignals(True)
        self.clear()
        if self.sessions:
            self.addItem(self._auto_text(), AUTO)
        for session in self.sessions:
            self.addItem(session.title, session.id)
        index = self.findData(chosen) if chosen else 0
        self.setCurrentIndex(max(index, 0))
        self.setEnabled(bool(self.sessions))
        self.blockSignals(False)

    def _running(self) -> str | None:
        if not self.workshop or not self.sessions:
            return None
        return self.store.checkins.session_at(self.workshop.id, iso(self.clock()))

    def _auto_text(self) -> str:
        running = self.title_of(self.running_id)
        return _("By the clock: {session}").format(session=running) if running else \
            _("By the clock")

    def recheck(self) -> None:
        """Follow the clock: the running session changes as the day goes on."""
        running = self._running()
        if running != self.running_id:
            self.running_id = running
            if self.count() and self.itemData(0) is AUTO:
                self.setItemText(0, self._auto_text())
            if self.following_clock():
                self.changed.emit()

    def following_clock(self) -> bool:
        return self.currentData() is AUTO

    def chosen_id(self) -> str | None:
        """The session picked by hand, or None when following the clock."""
        return self.currentData()

    def effective_id(self) -> str | None:
        """The session admissions count for right now."""
        return self.currentData() or self._running()

    def title_of(self, session_id: str | None) -> str:
        return next((s.title for s in self.sessions if s.id == session_id), "")

    def choose(self, session_id: str | None) -> None:
        self.setCurrentIndex(max(self.findData(session_id), 0))
