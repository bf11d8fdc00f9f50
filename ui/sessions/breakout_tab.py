"""Breakout rooms for the session's online participants: tick who joins online, choose
pairs or groups, build the rooms from offers and needs, save Zoom's pre-assignment CSV or
copy the plain list for Teams or Meet, and after the session record the introductions of
the people who shared a room, in one step."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.models import Attendee, Session
from facilitator_app.services.breakout import (
    Candidates,
    Room,
    build_rooms,
    online_participants,
    record_room_introductions,
    room_list,
    save_rooms,
    saved_rooms,
    write_zoom_csv,
    zoom_rows,
)
from facilitator_app.store import Store
from facilitator_app.text import fold
from ui.dialogs.errors import show_known_error


class BreakoutTab(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.session: Session | None = None
        self.rooms: list[Room] = []
        self.candidates = Candidates()
        self.last_outcome: Callable[[], str] | None = None  # worded again on a switch
        layout = QVBoxLayout(self)
        self.intro = QLabel(wordWrap=True)
        layout.addWidget(self.intro)
        body = QHBoxLayout()
        body.addLayout(self._people_side(), stretch=2)
        body.addLayout(self._rooms_side(), stretch=3)
        layout.addLayout(body, stretch=1)
        self.outcome = QLabel(wordWrap=True)
        self.outcome.setObjectName("breakoutOutcome")
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.outcome)
        self.retranslate()

    def _people_side(self) -> QVBoxLayout:
        side = QVBoxLayout()
        self.people_label = QLabel(wordWrap=True)
        self.people = QListWidget()
        self.people.setObjectName("breakoutPeople")
        row = QHBoxLayout()
        self.size_label = QLabel()
        self.size = QSpinBox(minimum=2, maximum=20, value=2)
        self.build_button = QPushButton()
        self.build_button.clicked.connect(self.build)
        for widget in (self.size_label, self.size, self.build_button):
            row.addWidget(widget)
        row.addStretch(1)
        side.addWidget(self.people_label)
        side.addWidget(self.people, stretch=1)
        side.addLayout(row)
        return side

    def _rooms_side(self) -> QVBoxLayout:
        side = QVBoxLayout()
        self.rooms_label = QLabel()
        self.room_view = QListWidget()
        self.room_view.setObjectName("breakoutRooms")
        self.room_view.setWordWrap(True)
        row, after = QHBoxLayout(), QHBoxLayout()  # two rows: a small laptop, in Spanish too
        self.zoom_button = QPushButton()
        self.zoom_button.clicked.connect(self.choose_zoom_file)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy_list)
        self.record_button = QPushButton()
        self.record_button.clicked.connect(self.record)
        for widget in (self.zoom_button, self.copy_button):
            row.addWidget(widget)
        row.addStretch(1)
        after.addWidget(self.record_button)
        after.addStretch(1)
        side.addWidget(self.rooms_label)
        side.addWidget(self.room_view, stretch=1)
        side.addLayout(row)
        side.addLayout(after)
        return side

    def retranslate(self) -> None:
        self.intro.setText(_(
            "Pairs or small groups of the people joining online, from what one needs and "
            "another offers. Zoom takes the CSV when you schedule the meeting (Breakout Room "
            "pre-assign → Import from CSV); for Teams or Meet, copy the list."))
        self.size_label.setText(_("People per room:"))
        self.build_button.setText(_("Build the rooms"))
        self.rooms_label.setText(_("Rooms"))
        self.zoom_button.setText(_("Save Zoom CSV…"))
        self.copy_button.setText(_("Copy the list (Teams, Meet)"))
        self.record_button.setText(_("After the session: record introductions"))
        self.record_button.setToolTip(_("Everyone who shared a room is introduced to the "
                                        "others in it (never twice)"))
        self.set_session(self.session)
        self._say(self.last_outcome)

    def _say(self, outcome: Callable[[], str] | None) -> None:
        """Show what the last action did, in the current language (again after a switch)."""
        self.last_outcome = outcome
        self.outcome.setText(outcome() if outcome else "")

    def set_session(self, session: Session | None) -> None:
        if session != self.session:
            self.last_outcome = None
            self.outcome.setText("")
        self.session = session
        self.people.clear()
        self.candidates = (online_participants(self.store, session.id) if session
                           else Candidates())
        if session is not None:
            self._fill_people(session)
        self._show_rooms(saved_rooms(self.store, session.id) if session else [])
        self.build_button.setEnabled(session is not None)

    def _fill_people(self, session: Session) -> None:
        """Everyone registered; those joining online are ticked."""
        online = {p.id for p in self.candidates.people}
        for person in sorted(self.store.attendees.for_workshop(session.workshop_id),
                             key=lambda p: (p.id not in online, fold(p.name))):
            why = (_("online in this session") if person.id in self.candidates.online_now
                   else _("online in an earlier session")
                   if person.id in self.candidates.online_before else "")
            item = QListWidgetItem(person.name)
            item.setToolTip(why)
            item.setData(Qt.ItemDataRole.UserRole, person)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person.id in online
                               else Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.people_label.setText(_("{n} joining online, first in the list (tick anyone "
                                    "else who registered to join online):").format(
            n=len(online)))

    def chosen(self) -> list[Attendee]:
        return [self.people.item(row).data(Qt.ItemDataRole.UserRole)
                for row in range(self.people.count())
                if self.people.item(row).checkState() == Qt.CheckState.Checked]

    def build(self) -> list[Room]:
        if self.session is None:
            return []
        try:
            rooms = build_rooms(self.store, self.session.id, self.chosen(), self.size.value())
            save_rooms(self.store, self.session.id, rooms)
        except KnownError as exc:
            show_known_error(self, exc)
            return self.rooms
        self._show_rooms(rooms)
        return rooms

    def _show_rooms(self, rooms: list[Room]) -> None:
        self.rooms = rooms
        self.room_view.clear()
        for room in rooms:
            text = f"{room.name}: " + ", ".join(p.name for p in room.people)
            if room.reasons:
                text += "\n   " + "; ".join(room.reasons[:3])
            self.room_view.addItem(text)
        by_hand = zoom_rows(rooms)[1]
        if by_hand:
            self.room_view.addItem(_("Without an e-mail Zoom knows (assign them by hand): "
                                     "{names}").format(names=", ".join(
                                         f"{p.name} ({name})" for name, p in by_hand)))
        for button in (self.zoom_button, self.copy_button, self.record_button):
            button.setEnabled(bool(rooms))

    def choose_zoom_file(self) -> None:
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save Zoom's breakout rooms"), "breakout-rooms.csv",
            _("CSV files (*.csv)"))
        if name:
            self.save_zoom_csv(Path(name))

    def save_zoom_csv(self, target: Path) -> Path | None:
        try:
            by_hand = write_zoom_csv(self.store, self.session.id, self.rooms, target)
        except KnownError as exc:
            show_known_error(self, exc)
            return None
        except OSError as exc:
            from facilitator_app.files import file_error

            show_known_error(self, file_error(target, exc, writing=True))
            return None
        count = sum(len(r.people) for r in self.rooms) - len(by_hand)
        self._say(lambda: _("Saved {file}: {n} people for Zoom, {hand} to assign by hand.")
                  .format(file=target.name, n=count, hand=len(by_hand)))
        return target

    def list_text(self) -> str:
        language = (self.store.workshops.get(self.session.workshop_id).language
                    if self.session else None)
        return room_list(self.rooms, language)

    def copy_list(self) -> None:
        QGuiApplication.clipboard().setText(self.list_text())
        self._say(lambda: _("The list is on the clipboard: paste it in the meeting chat."))

    def record(self) -> None:
        if self.session is None:
            return
        try:
            done = record_room_introductions(self.store, self.session.id,
                                             made_by=self.store.meta.desk_id())
        except KnownError as exc:
            show_known_error(self, exc)
            return
        def words() -> str:
            text = _("Introductions recorded: {added} new, {already} already made.").format(
                added=done.added, already=done.already)
            if done.absent:
                text += " " + _("Not seen online, left out: {names}").format(
                    names=", ".join(done.absent))
            return text

        self._say(words)
