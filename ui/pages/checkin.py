"""The check-in desk: webcam, USB scanner and name search, with a big clear answer."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTime, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.models import CheckinMethod
from facilitator_app.services.attendees import attendee_rows, matches, query_words, search_text
from facilitator_app.services.checkin import (
    CheckinResult,
    Desk,
    admit,
    check_in_code,
    check_out,
    undo_last_admission,
)
from facilitator_app.services.workshops import workshop_counts
from facilitator_app.store import Store
from ui.desk.camera_panel import CameraPanel
from ui.desk.result_panel import ResultPanel
from ui.desk.sounds import SoundPlayer
from ui.desk.wedge import WedgeDetector
from ui.pages.base import Page

MAX_MATCHES = 8
RECENT = 12


class CheckinPage(Page):
    def __init__(self, store: Store, parent: QWidget | None = None,
                 sounds: SoundPlayer | None = None) -> None:
        super().__init__(store, parent)
        self.sounds = sounds or SoundPlayer(self)
        self.rows = []
        self.haystacks: list[str] = []
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        grid = QGridLayout()
        self.camera = CameraPanel()
        self.camera.code_found.connect(lambda code: self.handle_code(code, CheckinMethod.CAMERA))
        self.result = ResultPanel()
        grid.addWidget(self.camera, 0, 0)
        grid.addWidget(self.result, 0, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        layout.addLayout(grid, stretch=3)
        layout.addLayout(self._search_row())
        layout.addLayout(self._buttons())
        self.recent_label = QLabel()
        self.recent = QListWidget()
        self.recent.setMaximumHeight(120)
        layout.addWidget(self.recent_label)
        layout.addWidget(self.recent, stretch=1)
        self.wedge = WedgeDetector(self)
        self.wedge.scanned.connect(self._scanned)
        self.wedge.watch(self)
        self.reset_timer = QTimer(self, singleShot=True, interval=8000)
        self.reset_timer.timeout.connect(self.result.show_waiting)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_last)
        QShortcut(QKeySequence.StandardKey.Find, self, self.search.setFocus)
        self.retranslate()

    def _header(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.session_box = QComboBox()
        self.session_box.setObjectName("sessionBox")
        self.session_box.currentIndexChanged.connect(lambda _i: self.update_counts())
        self.counts = QLabel()
        self.counts.setObjectName("deskCounts")
        row.addWidget(self.heading)
        row.addStretch(1)
        row.addWidget(self.session_box)
        row.addWidget(self.counts)
        return row

    def _search_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("deskSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.show_matches)
        self.search.returnPressed.connect(self.admit_selected)
        self.matches = QListWidget()
        self.matches.setMaximumHeight(150)
        self.matches.itemActivated.connect(lambda _item: self.admit_selected())
        column = QVBoxLayout()
        column.addWidget(self.search)
        column.addWidget(self.matches)
        row.addLayout(column)
        return row

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.admit_button = QPushButton()
        self.admit_button.clicked.connect(self.admit_selected)
        self.checkout_button = QPushButton()
        self.checkout_button.clicked.connect(self.check_out_selected)
        self.undo_button = QPushButton()
        self.undo_button.clicked.connect(self.undo_last)
        self.walk_in_button = QPushButton()
        self.walk_in_button.clicked.connect(self.walk_in)
        for button in (self.admit_button, self.checkout_button, self.undo_button,
                       self.walk_in_button):
            row.addWidget(button)
        return row

    def retranslate(self) -> None:
        self.heading.setText(_("Check-in"))
        self.search.setPlaceholderText(_("Name or typed badge code, then Enter (Ctrl+F)"))
        self.admit_button.setText(_("Admit"))
        self.checkout_button.setText(_("Check out"))
        self.undo_button.setText(_("Undo last admission (Ctrl+Z)"))
        self.walk_in_button.setText(_("Walk-in…"))
        self.recent_label.setText(_("Latest at this desk"))
        self.camera.retranslate()
        if self.result.outcome is None:
            self.result.show_waiting()
        self._fill_sessions()
        self.update_counts()

    def refresh(self) -> None:
        self._fill_sessions()
        self.rows = attendee_rows(self.store, self.workshop.id) if self.workshop else []
        self.haystacks = [search_text(row.attendee) for row in self.rows]
        self.show_matches()
        self.update_counts()

    def _fill_sessions(self) -> None:
        current = self.session_box.currentData()
        self.session_box.blockSignals(True)
        self.session_box.clear()
        self.session_box.addItem(_("Whole workshop"), None)
        if self.workshop:
            for session in self.store.sessions.for_workshop(self.workshop.id):
                self.session_box.addItem(session.title, session.id)
        index = self.session_box.findData(current)
        self.session_box.setCurrentIndex(max(index, 0))
        self.session_box.blockSignals(False)

    def desk(self) -> Desk:
        return Desk(self.workshop.id, self.session_box.currentData(),
                    desk_id=self.store.meta.desk_id())

    def update_counts(self) -> None:
        if not self.workshop:
            self.counts.setText("")
            return
        counts = workshop_counts(self.store, self.workshop)
        text = _("In the room: {n} · Online: {online} · Registered: {registered}").format(
            n=counts.in_room_now, online=counts.online, registered=counts.registered)
        session = self.session_box.currentData()
        if session:
            text += " · " + _("This session: {n}").format(
                n=self.store.checkins.session_in_room(self.workshop.id, session))
        self.counts.setText(text)

    def _scanned(self, code: str) -> None:
        """A scanner burst: take it out of the search box if it landed there."""
        typed = self.search.text()
        if typed.endswith(code):
            self.search.setText(typed[: -len(code)])
        self.handle_code(code, CheckinMethod.SCANNER)

    def handle_code(self, code: str, method: CheckinMethod) -> CheckinResult | None:
        if not self.workshop:
            return None
        return self.present(check_in_code(self.store, self.desk(), code, method))

    def present(self, result: CheckinResult) -> CheckinResult:
        """Only called after the store has committed: the colour means it is saved."""
        self.sounds.play(self.result.show_result(result))
        when = QTime.currentTime().toString("HH:mm")
        who = result.attendee.name if result.attendee else ""
        self.recent.insertItem(0, QListWidgetItem(f"{when}  {result.words()}  {who}".strip()))
        while self.recent.count() > RECENT:
            self.recent.takeItem(self.recent.count() - 1)
        self.reset_timer.start()
        self.update_counts()
        return result

    def show_matches(self) -> None:
        self.matches.clear()
        words = query_words(self.search.text())
        if not words:
            return
        for index, haystack in enumerate(self.haystacks):
            if matches(haystack, words):
                row = self.rows[index]
                item = QListWidgetItem(" — ".join(p for p in (row.attendee.name,
                                                             row.attendee.business) if p))
                item.setData(Qt.ItemDataRole.UserRole, row.attendee.id)
                self.matches.addItem(item)
                if self.matches.count() >= MAX_MATCHES:
                    break
        self.matches.setCurrentRow(0)

    def admit_selected(self) -> None:
        """Enter in the search box: a typed badge code, or the highlighted person."""
        if not self.workshop:
            return
        item = self.matches.currentItem()
        if item is None:
            if self.search.text().strip():
                self.handle_code(self.search.text(), CheckinMethod.SEARCH)
                self.search.clear()
            return
        self.present(admit(self.store, self.desk(), item.data(Qt.ItemDataRole.UserRole),
                        CheckinMethod.SEARCH))
        self.search.clear()

    def check_out_selected(self) -> None:
        item = self.matches.currentItem()
        if not self.workshop or item is None:
            return
        try:
            self.present(check_out(self.store, self.desk(), item.data(Qt.ItemDataRole.UserRole)))
        except KnownError as exc:
            self.result.show_note(_("Not checked out"), exc.message)
        self.search.clear()

    def undo_last(self) -> None:
        if not self.workshop:
            return
        person = undo_last_admission(self.store, self.desk())
        if person is None:
            self.result.show_note(_("Nothing to undo"), _("No admission at this desk yet."))
        else:
            self.result.show_note(_("Admission undone"), person.name)
            self.recent.insertItem(0, _("Undone: {name}").format(name=person.name))
        self.update_counts()

    def walk_in(self) -> None:
        """Register someone on the spot and admit them in the same step."""
        from ui.dialogs.attendee_dialog import AttendeeDialog

        if not self.workshop:
            return
        dialog = AttendeeDialog(self.store, self.workshop, None, self)
        if dialog.exec() and dialog.saved is not None:
            self.refresh()
            self.present(admit(self.store, self.desk(), dialog.saved.id, CheckinMethod.WALK_IN))

    def hideEvent(self, event) -> None:
        self.camera.stop()
        super().hideEvent(event)
