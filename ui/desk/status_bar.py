"""The desk's header: which session admissions count for (large), entry or exit, and the
live counts (large), read from counts the store keeps, so they refresh in microseconds."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.i18n import _
from facilitator_app.models import Workshop
from facilitator_app.services.workshops import workshop_counts
from facilitator_app.store import Store

SIZES = {False: (20, 17), True: (40, 34)}  # session line, counts (pixels)
MIN_PX = 16


class ModeSwitch(QWidget):
    """Entry or exit: at the end of the day the same scans check people out."""

    changed = Signal(bool)  # True: exit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry, self.exit = QPushButton(), QPushButton()
        self.entry.setObjectName("entryMode")
        self.exit.setObjectName("exitMode")
        group = QButtonGroup(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        for button in (self.entry, self.exit):
            button.setCheckable(True)
            group.addButton(button)
            layout.addWidget(button)
        self.entry.setChecked(True)
        self.exit.toggled.connect(self.changed)
        self.setStyleSheet("QPushButton { padding: 4px 14px; }"
                           "QPushButton#entryMode:checked { background: #15803d; color: white; }"
                           "QPushButton#exitMode:checked { background: #b45309; color: white; }")

    def retranslate(self) -> None:
        self.entry.setText(_("Entry"))
        self.exit.setText(_("Exit"))
        self.entry.setToolTip(_("Scans admit people"))
        self.exit.setToolTip(_("Scans check people out"))

    def is_exit(self) -> bool:
        return self.exit.isChecked()

    def set_exit(self, exiting: bool) -> None:
        (self.exit if exiting else self.entry).setChecked(True)


class DeskStatus(QWidget):
    """The session line and the counts line."""

    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.session = QLabel(wordWrap=True)
        self.session.setObjectName("deskSession")
        self.counts = QLabel(wordWrap=True)
        self.door = False
        self.counts.setObjectName("deskCounts")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.session)
        layout.addWidget(self.counts)
        self.set_door_mode(False)

    def set_door_mode(self, door: bool) -> None:
        self.door = door
        self._fit()

    def _fit(self) -> None:
        """Each line on one line: as large as the mode wants, smaller if it must."""
        width = max(self.width(), 300)
        for label, size in zip((self.session, self.counts), SIZES[self.door], strict=True):
            font = QFont()
            font.setBold(True)
            font.setPixelSize(size)
            while size > MIN_PX and QFontMetrics(font).horizontalAdvance(label.text()) > width:
                size -= 2
                font.setPixelSize(size)
            label.setFont(font)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def show_session(self, title: str, exiting: bool) -> None:
        if exiting:
            self.session.setText(_("Exit: scans check people out"))
        elif title:
            self.session.setText(_("Session: {session}").format(session=title))
        else:
            self.session.setText(_("No sessions: admissions count for the workshop"))
        self._fit()

    def show_counts(self, workshop: Workshop | None, session_id: str | None) -> None:
        if workshop is None:
            self.counts.setText("")
            return
        counts = workshop_counts(self.store, workshop)
        parts = [_("In the room: {n}").format(n=counts.in_room_now)]
        if session_id:
            parts.append(_("This session: {n}").format(
                n=self.store.checkins.session_in_room(workshop.id, session_id)))
        parts += [_("Online: {n}").format(n=counts.online),
                  _("Registered: {n}").format(n=counts.registered)]
        self.counts.setText(" · ".join(parts))
        self._fit()
