"""Undo and redo at the desk: only this desk's latest admission, only for a short while,
and the button says whom it would undo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.services.checkin import (
    UNDO_WINDOW,
    CheckinResult,
    Desk,
    redo_last_undo,
    undo_last_admission,
    undoable,
)
from facilitator_app.store import Store

RECHECK_MS = 10_000  # the window closes by itself: look again now and then


class UndoButtons(QWidget):
    undone = Signal(str)  # the name
    redone = Signal(object)  # CheckinResult
    refused = Signal(str, str)  # title, why

    def __init__(self, store: Store, desk: Callable[[], Desk | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store, self.desk = store, desk
        self.window_length = UNDO_WINDOW
        self.undo_button, self.redo_button = QPushButton(), QPushButton()
        self.undo_button.setObjectName("undoButton")
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.undo_button, stretch=3)
        layout.addWidget(self.redo_button, stretch=1)
        self.timer = QTimer(self, interval=RECHECK_MS)
        self.timer.timeout.connect(lambda: self.update_state() if self.isVisible() else None)
        self.timer.start()
        self.retranslate()

    def retranslate(self) -> None:
        self.redo_button.setText(_("Redo (Ctrl+Shift+Z)"))
        self.undo_button.setText(_("Undo last admission (Ctrl+Z)"))

    def update_state(self) -> None:
        """Name the person undo would reach, or say why it reaches nobody."""
        desk = self.desk()
        found = undoable(self.store, desk, self.window_length) if desk else None
        if found is not None and found.possible:
            self.undo_button.setText(_("Undo: {name} (Ctrl+Z)").format(name=found.attendee.name))
            self.undo_button.setToolTip(_("Admitted at {time}").format(time=found.time()))
        else:
            self.undo_button.setText(_("Undo last admission (Ctrl+Z)"))
            self.undo_button.setToolTip(_("Only this desk's latest admission, within {n} "
                                          "minutes, can be undone.").format(n=self._minutes()))
        self.undo_button.setEnabled(found is not None and found.possible)
        self.redo_button.setEnabled(found is not None and found.admission.undone)

    def _minutes(self) -> int:
        return int(self.window_length.total_seconds() // 60)

    def undo(self) -> None:
        if self.desk() is None:
            return
        try:
            person = undo_last_admission(self.store, self.desk(), self.window_length)
        except KnownError as exc:
            self.refused.emit(_("Nothing undone"), exc.message)
        else:
            if person is None:
                self.refused.emit(_("Nothing to undo"), _("No admission at this desk yet."))
            else:
                self.undone.emit(person.name)
        self.update_state()

    def redo(self) -> None:
        if self.desk() is None:
            return
        result: CheckinResult | None = redo_last_undo(self.store, self.desk(),
                                                      self.window_length)
        if result is None:
            self.refused.emit(_("Nothing to redo"), _("Only an admission this desk has just "
                                                      "undone can be redone."))
        else:
            self.redone.emit(result)
        self.update_state()
