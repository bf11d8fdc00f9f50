"""Workshop overview: what, where, and the live counts (kept by the store, so refreshing
every few seconds costs microseconds at any size)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.clock import parse_iso
from facilitator_app.i18n import _, ngettext
from facilitator_app.services.workshops import ONLINE_DEFINITION, workshop_counts
from facilitator_app.store import Store
from ui.pages.base import Page

REFRESH_MS = 5000


class CountCard(QFrame):
    """One big number with its caption."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.value = QLabel("0", alignment=Qt.AlignmentFlag.AlignCenter)
        self.value.setObjectName("countValue")
        self.caption = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)

    def show_count(self, value: int) -> None:
        self.value.setText(str(value))


class OverviewPage(Page):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        layout = QVBoxLayout(self)
        self.heading = QLabel(wordWrap=True)
        self.heading.setObjectName("pageHeading")
        self.where = QLabel(wordWrap=True)
        self.demo_note = QLabel(wordWrap=True)
        self.demo_note.setObjectName("demoNote")
        layout.addWidget(self.heading)
        layout.addWidget(self.where)
        layout.addWidget(self.demo_note)
        grid = QGridLayout()
        self.cards = {key: CountCard(self) for key in
                      ("registered", "in_room_now", "online", "introductions")}
        for column, card in enumerate(self.cards.values()):
            grid.addWidget(card, 0, column)
        layout.addLayout(grid)
        self.sessions_label = QLabel()
        self.sessions = QListWidget()
        layout.addWidget(self.sessions_label)
        layout.addWidget(self.sessions, stretch=1)
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        captions = {
            "registered": _("Registered"),
            "in_room_now": _("In the room now"),
            "online": _("Attended online"),
            "introductions": _("Introductions"),
        }
        for key, card in self.cards.items():
            card.caption.setText(captions[key])
        self.cards["online"].setToolTip(_(ONLINE_DEFINITION))
        self.sessions_label.setText(_("Sessions"))
        self.refresh()

    def showEvent(self, event) -> None:
        self.timer.start()
        self.refresh()
        super().showEvent(event)

    def hideEvent(self, event) -> None:
        self.timer.stop()
        super().hideEvent(event)

    def refresh(self) -> None:
        workshop = self.workshop
        if workshop is None:
            return
        self.heading.setText(workshop.title)
        self.where.setText(" · ".join(part for part in (workshop.venue, workshop.starts_on)
                                      if part))
        self.demo_note.setVisible(workshop.is_demo)
        self.demo_note.setText(_("Demo workshop: every person and organisation here is "
                                 "fictional. Try anything."))
        counts = workshop_counts(self.store, workshop)
        for key, card in self.cards.items():
            card.show_count(getattr(counts, key))
        self.sessions.clear()
        for session in self.store.sessions.for_workshop(workshop.id):
            when = ""
            if session.starts_at:
                when = parse_iso(session.starts_at).astimezone().strftime("%d/%m %H:%M") + "  "
            came = self.store.checkins.session_in_room(workshop.id, session.id)
            self.sessions.addItem(f"{when}{session.title}  ·  " + ngettext(
                "{n} came in person", "{n} came in person", came).format(n=came))
