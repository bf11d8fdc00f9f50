"""The check-in desk: webcam, USB scanner and name search, with a big clear answer.

A scanner burst is taken wherever the focus is in the window while the desk is shown
(`ScanCatcher`); every admission counts for a session (the one running now, or the one
chosen); undo reaches only this desk's latest admission, for a short while, and can be
redone; at the end of the day the Exit switch makes the same scans check people out.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTime, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.models import CheckinMethod
from facilitator_app.services.checkin import (
    CheckinResult,
    Desk,
    admit,
    check_in_code,
    check_out,
    check_out_code,
)
from facilitator_app.store import Store
from ui.desk.camera_panel import CameraPanel
from ui.desk.icons import Icon
from ui.desk.name_search import NameSearch
from ui.desk.result_panel import ResultPanel
from ui.desk.session_picker import SessionPicker
from ui.desk.sounds import SoundPlayer
from ui.desk.status_bar import DeskStatus, ModeSwitch
from ui.desk.undo_buttons import UndoButtons
from ui.desk.wedge import ScanCatcher
from ui.index_loader import IndexLoader
from ui.pages.base import Page

RECENT = 12


class CheckinPage(Page):
    door_mode_requested = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None,
                 sounds: SoundPlayer | None = None) -> None:
        super().__init__(store, parent)
        self.sounds = sounds or SoundPlayer(self)
        self.door = False
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        self.status = DeskStatus(store)
        self.counts = self.status.counts
        self.walk_in_dialog = None
        layout.addWidget(self.status)
        layout.addLayout(self._answer_row(), stretch=5)
        layout.addLayout(self._search_row(), stretch=3)
        layout.addWidget(self.camera.controls)
        self.loader = IndexLoader(store, self)
        self.loader.ready.connect(self.finder.set_index)
        self.wedge = ScanCatcher(self)
        self.wedge.scanned.connect(self._scanned)
        self.reset_timer = QTimer(self, singleShot=True, interval=8000)
        self.reset_timer.timeout.connect(self.result.show_waiting)
        self._shortcuts()
        self.retranslate()

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.session_box = SessionPicker(self.store)
        self.session_box.changed.connect(self.show_status)
        self.mode = ModeSwitch()
        self.mode.changed.connect(lambda _exit: self.show_status())
        self.door_button = QPushButton()
        self.door_button.setObjectName("doorButton")
        self.door_button.clicked.connect(self.door_mode_requested)
        self.door_hint = QLabel()
        self.door_hint.setObjectName("doorHint")
        self.door_hint.hide()
        row.addWidget(self.heading)
        row.addWidget(self.door_hint)
        row.addStretch(1)
        for widget in (self.session_box, self.mode, self.door_button):
            row.addWidget(widget)
        return row

    def _answer_row(self) -> QHBoxLayout:
        """The preview (only while a camera runs) and the answer, which takes its room."""
        row = QHBoxLayout()
        self.camera = CameraPanel(detached_controls=True)
        self.camera.code_found.connect(lambda code: self.handle_code(code, CheckinMethod.CAMERA))
        self.camera.hide()
        self.result = ResultPanel()
        row.addWidget(self.camera, stretch=2)
        row.addWidget(self.result, stretch=3)
        return row

    def _search_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.finder = NameSearch()
        self.search, self.matches = self.finder.search, self.finder.matches
        self.finder.admit_requested.connect(self.admit_person)
        self.finder.code_entered.connect(lambda code: self.handle_code(code,
                                                                       CheckinMethod.SEARCH))
        self.finder.walk_in_requested.connect(self.walk_in)
        self.finder.nobody_found.connect(lambda text: self.result.show_note(
            _("Nobody found"), _("Check the spelling, or register them now (Ctrl+N)."),
            text, icon=Icon.SEARCH))
        row.addWidget(self.finder, stretch=3)
        row.addLayout(self._side_column(), stretch=2)
        return row

    def _side_column(self) -> QVBoxLayout:
        column = QVBoxLayout()
        buttons = QHBoxLayout()
        self.admit_button = QPushButton()
        self.admit_button.clicked.connect(self.admit_selected)
        self.checkout_button = QPushButton()
        self.checkout_button.clicked.connect(self.check_out_selected)
        self.walk_in_button = QPushButton()
        self.walk_in_button.clicked.connect(lambda: self.walk_in(self.finder.typed_name()))
        for button in (self.admit_button, self.checkout_button, self.walk_in_button):
            buttons.addWidget(button)
        column.addLayout(buttons)
        self.undo = UndoButtons(self.store, lambda: self.desk() if self.workshop else None)
        self.undo.undone.connect(self._undone)
        self.undo.redone.connect(self.present)
        self.undo.refused.connect(lambda title, text: self.result.show_note(title, text))
        self.undo_button, self.redo_button = self.undo.undo_button, self.undo.redo_button
        column.addWidget(self.undo)
        self.recent_label = QLabel()
        self.recent = QListWidget()
        self.recent.setObjectName("deskRecent")
        self.recent.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.recent.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.recent.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        column.addWidget(self.recent_label)
        column.addWidget(self.recent, stretch=1)
        column.addStretch(0)  # takes the room when door mode hides the list
        return column

    def _shortcuts(self) -> None:
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo.undo)
        QShortcut(QKeySequence("Ctrl+Shift+Z"), self, self.undo.redo)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        QShortcut(QKeySequence("Ctrl+N"), self, lambda: self.walk_in(self.finder.typed_name()))

    def retranslate(self) -> None:
        self.heading.setText(_("Check-in"))
        self.admit_button.setText(_("Admit"))
        self.checkout_button.setText(_("Check out"))
        self.walk_in_button.setText(_("Walk-in…"))
        self.door_button.setText(_("Door mode (F11)"))
        self.door_hint.setText(_("Door mode · Esc to leave"))
        self.recent_label.setText(_("Latest at this desk"))
        for part in (self.camera, self.finder, self.mode, self.undo):
            part.retranslate()
        if self.result.outcome is None:
            self.result.show_waiting()
        self.session_box.fill()
        self.show_status()

    def refresh(self) -> None:
        self.session_box.set_workshop(self.workshop)
        self.finder.set_loading(self.workshop is not None)
        self.loader.load(self.workshop.id if self.workshop else None)
        self.show_status()

    def set_door_mode(self, door: bool) -> None:
        """Large everything; the facilitator's extras make room for the answer."""
        self.door = door
        self.result.set_door_mode(door)
        self.status.set_door_mode(door)
        for widget in (self.heading, self.door_button, self.recent_label, self.recent):
            widget.setVisible(not door)
        self.door_hint.setVisible(door)

    def desk(self) -> Desk:
        return Desk(self.workshop.id, self.session_box.chosen_id(),
                    desk_id=self.store.meta.desk_id())

    def show_status(self) -> None:
        """The session line, the counts, and what undo would reach."""
        session = self.session_box.effective_id()
        self.status.show_session(self.session_box.title_of(session), self.mode.is_exit())
        self.status.show_counts(self.workshop, session)
        self.undo.update_state()

    def update_counts(self) -> None:
        self.show_status()

    def _scanned(self, code: str) -> None:
        self.handle_code(code, CheckinMethod.SCANNER)

    def handle_code(self, code: str, method: CheckinMethod | None) -> CheckinResult | None:
        if not self.workshop:
            return None
        method = method or CheckinMethod.SCANNER
        record = check_out_code if self.mode.is_exit() else check_in_code
        result = self.present(record(self.store, self.desk(), code, method))
        if method is CheckinMethod.SEARCH and result.refused:
            self.search.selectAll()  # a mistyped code stays, to correct or retype
        elif method is CheckinMethod.SEARCH:
            self.finder.done()
        return result

    def present(self, result: CheckinResult) -> CheckinResult:
        """Only called after the store has committed: the colour means it is saved."""
        self.sounds.play(self.result.show_result(result))
        when = QTime.currentTime().toString("HH:mm")
        who = result.attendee.name if result.attendee else ""
        self.recent.insertItem(0, "  ".join(p for p in (when, who, result.words()) if p))
        while self.recent.count() > RECENT:
            self.recent.takeItem(self.recent.count() - 1)
        self.reset_timer.start()
        self.show_status()
        return result

    def admit_person(self, attendee_id: str) -> None:
        """Enter on a highlighted match (or Exit mode: check them out)."""
        if not self.workshop:
            return
        if self.mode.is_exit():
            self._check_out(attendee_id)
        else:
            self.present(admit(self.store, self.desk(), attendee_id, CheckinMethod.SEARCH))
        self.finder.done()

    def admit_selected(self) -> None:
        """The Admit button, or Enter in the search box."""
        self.finder.enter()

    def check_out_selected(self) -> None:
        chosen = self.finder.selected_id()
        if not self.workshop:
            return
        if chosen is None:
            self.result.show_note(_("Nobody checked out"), _(
                "Search a name and highlight the person first, or switch to Exit and scan "
                "their badge."), icon=Icon.SEARCH)
            return
        self._check_out(chosen)
        self.finder.done()

    def _check_out(self, attendee_id: str) -> None:
        try:
            self.present(check_out(self.store, self.desk(), attendee_id))
        except KnownError as exc:
            self.result.show_note(_("Not checked out"), exc.message, icon=Icon.NOT_IN)

    def _undone(self, name: str) -> None:
        self.result.show_note(_("Admission undone"), _("Redo it with Ctrl+Shift+Z."), name)
        self.recent.insertItem(0, _("Undone: {name}").format(name=name))
        self.show_status()

    def walk_in(self, name: str = "") -> None:
        """Register someone on the spot; they are admitted as soon as they are saved."""
        from ui.dialogs.attendee_dialog import AttendeeDialog

        if not self.workshop:
            return
        dialog = AttendeeDialog(self.store, self.workshop, None, self, name=name)
        dialog.walk_in_saved.connect(self._walked_in)
        self.walk_in_dialog = dialog
        dialog.exec()
        self.walk_in_dialog = None
        self.search.setFocus()

    def _walked_in(self, person) -> None:
        self.refresh()
        self.present(admit(self.store, self.desk(), person.id, CheckinMethod.WALK_IN))
        self.finder.done()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.search.setFocus()
        QTimer.singleShot(0, self.search.setFocus)  # after the click that brought us here

    def hideEvent(self, event) -> None:
        self.camera.stop()
        super().hideEvent(event)
