"""Sessions: per-session attendance, in the room and online side by side, and the import
of Zoom, Teams or Meet reports (button or drag and drop); the agenda, the runner and the
decks; breakout rooms for online participants and the WhatsApp follow-up. Switching the
language re-translates every tab, the notes of the last import included."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.clock import parse_iso
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.models import Session
from facilitator_app.online.reports import read_report
from facilitator_app.services.online_attendance import (
    OnlineImport,
    import_report,
    minimum_minutes,
    session_attendance,
)
from facilitator_app.store import Store
from ui.dialogs.errors import show_known_error
from ui.pages.base import Page
from ui.sessions.agenda_tab import AgendaTab
from ui.sessions.breakout_tab import BreakoutTab
from ui.sessions.decks_tab import DecksTab
from ui.sessions.followup_tab import FollowupTab
from ui.sessions.runner_tab import RunnerTab


def mode_label(mode: str) -> str:
    return {"in_room": _("in the room"), "online": _("online"), "both": _("both"),
            "none": "—"}[mode]


class SessionsPage(Page):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(store, parent)
        self.setAcceptDrops(True)
        layout = QHBoxLayout(self)
        self.session_list = QListWidget()
        self.session_list.setObjectName("sessionList")
        self.session_list.setMinimumWidth(210)
        self.session_list.setMaximumWidth(280)
        self.session_list.setWordWrap(True)
        self.session_list.setSpacing(4)
        self.session_list.currentRowChanged.connect(lambda _row: self.show_session())
        layout.addWidget(self.session_list)
        right = QVBoxLayout()
        self.heading = QLabel(wordWrap=True)
        self.heading.setObjectName("pageHeading")
        right.addWidget(self.heading)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._attendance_tab(), "")
        self.agenda = AgendaTab(store)
        self.run = RunnerTab(store)
        self.deck_library = DecksTab()
        self.breakout = BreakoutTab(store)
        self.followup = FollowupTab(store)
        self.agenda.changed.connect(self._agenda_changed)
        self.deck_library.decks_changed.connect(self._decks_loaded)
        for tab in (self.agenda, self.run, self.deck_library, self.breakout, self.followup):
            self.tabs.addTab(tab, "")
        self.tabs.currentChanged.connect(self._tab_shown)
        right.addWidget(self.tabs, stretch=1)
        layout.addLayout(right, stretch=1)
        QShortcut(QKeySequence.StandardKey.Open, self, self.choose_report)
        self.retranslate()

    def _attendance_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.choose_report)
        self.review_button = QPushButton()
        self.review_button.clicked.connect(self.review)
        self.summary = QLabel(wordWrap=True)
        row.addWidget(self.import_button)
        row.addWidget(self.review_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        self.report_notes = QLabel(wordWrap=True)  # what the last report's import noticed
        self.report_notes.setObjectName("reportNotes")
        self.report_notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_notes.setVisible(False)
        self.notes_session: str | None = None
        self.last_report: tuple[Path, OnlineImport] | None = None
        layout.addWidget(self.report_notes)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("attendanceTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setSortingEnabled(True)
        layout.addWidget(self.table, stretch=1)
        self.drop_hint = QLabel(wordWrap=True)
        layout.addWidget(self.drop_hint)
        return tab

    def _decks_loaded(self, decks) -> None:
        self.agenda.set_decks(decks)
        self.run.set_decks(decks)

    def _agenda_changed(self) -> None:
        self.run.set_session(self.current_session())
        self.followup.set_session(self.current_session())

    def _tab_shown(self, _index: int) -> None:
        """What the follow-up and breakout tabs show follows the runner and imports."""
        if self.tabs.currentWidget() in (self.followup, self.breakout):
            self.tabs.currentWidget().set_session(self.current_session())

    def retranslate(self) -> None:
        for index, title in enumerate((_("Attendance"), _("Agenda"), _("Run the session"),
                                       _("Decks"), _("Breakout rooms"), _("Follow-up"))):
            self.tabs.setTabText(index, title)
        for tab in (self.agenda, self.run, self.deck_library, self.breakout, self.followup):
            tab.retranslate()
        if self.last_report is not None:
            self._report(*self.last_report, announce=False)
        self.import_button.setText(_("Import online report…"))
        self.import_button.setToolTip(_("Zoom, Microsoft Teams or Google Meet (Ctrl+O)"))
        self.table.setHorizontalHeaderLabels([_("Name"), _("In the room"), _("Online minutes"),
                                              _("Attended")])
        self.drop_hint.setText(_("Tip: drop a Zoom, Teams or Meet report on this page to "
                                 "import it into the selected session."))
        self.refresh()

    def refresh(self) -> None:
        if not self.deck_library.decks:
            self.deck_library.reload()
        current = self.session_list.currentRow()
        self.session_list.blockSignals(True)
        self.session_list.clear()
        self.sessions: list[Session] = (self.store.sessions.for_workshop(self.workshop.id)
                                        if self.workshop else [])
        for session in self.sessions:
            when = (parse_iso(session.starts_at).astimezone().strftime("%d/%m %H:%M  ")
                    if session.starts_at else "")
            self.session_list.addItem(QListWidgetItem(when + session.title))
        self.session_list.blockSignals(False)
        if self.sessions:
            self.session_list.setCurrentRow(min(max(current, 0), len(self.sessions) - 1))
        self.show_session()

    def current_session(self) -> Session | None:
        row = self.session_list.currentRow()
        return self.sessions[row] if 0 <= row < len(self.sessions) else None

    def show_session(self) -> None:
        session = self.current_session()
        self.import_button.setEnabled(session is not None)
        # the last import's notes belong to its session
        self.report_notes.setVisible(bool(self.report_notes.text()) and self.notes_session
                                     == (session.id if session else None))
        shown = self.agenda.session.id if self.agenda.session else None
        if (session.id if session else None) != shown:  # a run in progress is never reset
            self.agenda.set_session(session)
            self.run.set_session(session)
            self.breakout.set_session(session)
            self.followup.set_session(session)
        if session is None:
            self.heading.setText(_("Sessions"))
            self.table.setRowCount(0)
            self.summary.setText(_("This workshop has no sessions yet."))
            self.review_button.setVisible(False)
            return
        self.heading.setText(session.title)
        lines = session_attendance(self.store, session.id)
        self._fill(lines)
        counts = {mode: sum(1 for line in lines if line.mode == mode)
                  for mode in ("in_room", "online", "both")}
        self.summary.setText(_(
            "In the room {in_room} · online {online} · both {both} · attended {total} of "
            "{registered}. Online counts from {minutes} minutes.").format(
            **counts, total=sum(counts.values()), registered=len(lines),
            minutes=minimum_minutes(self.store, session)))
        pending = len(self.store.online.pending(session.id))
        self.review_button.setVisible(pending > 0)
        self.review_button.setText(_("Review {n} online rows…").format(n=pending))

    def _fill(self, lines) -> None:
        self.table.setSortingEnabled(False)
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            minutes = f"{line.online_minutes:.0f}" if line.online_minutes is not None else ""
            cells = (line.attendee.name, "✔" if line.in_room else "", minutes,
                     mode_label(line.mode))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 2 and line.online_minutes is not None:
                    item.setData(Qt.ItemDataRole.DisplayRole, round(line.online_minutes))
                self.table.setItem(row, column, item)
        self.table.setSortingEnabled(True)
        self.table.sortItems(0, Qt.SortOrder.AscendingOrder)

    def choose_report(self) -> None:
        if self.current_session() is None:
            return
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Choose an attendance report"), "",
            _("Attendance reports (*.csv *.txt *.tsv *.xlsx);;All files (*)"))
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> OnlineImport | None:
        session = self.current_session()
        if session is None:
            return None
        try:
            result = import_report(self.store, session.id, path)
        except KnownError as exc:
            show_known_error(self, exc)
            return None
        self.show_session()
        self._report(path, result)
        if self.store.online.pending(session.id):
            self.review()
        return result

    def _report(self, path: Path, result: OnlineImport, announce: bool = True) -> None:
        """What the import found, in the current language (read again from the file after
        a language switch: its notes are worded when it is read)."""
        self.last_report = (path, result)
        statuses = [p.match.status for p in result.people]
        text = _("{file}: a {platform} report, {n} people: {matched} matched, {review} to "
                 "review, {unmatched} not found, {ignored} ignored.").format(
            file=path.name, platform=result.report.platform.title(), n=len(statuses),
            matched=statuses.count("matched"), review=statuses.count("review"),
            unmatched=statuses.count("unmatched"), ignored=statuses.count("ignored"))
        noticed = self._noticed(path, result, reread=not announce)
        self.last_report_text = "\n".join([text, *noticed])
        if announce:
            self.notes_session = self.current_session().id if self.current_session() else None
        self.report_notes.setText("\n".join(f"• {line}" for line in noticed))
        self.report_notes.setVisible(bool(noticed) and self.notes_session == (
            self.current_session().id if self.current_session() else None))
        window = self.window()
        if announce and hasattr(window, "statusBar"):
            window.statusBar().showMessage(text, 15000)

    def _noticed(self, path: Path, result: OnlineImport, reread: bool) -> list[str]:
        """The report's notes and each person's flags; after a language switch read from
        the file again, since they are worded as it is read."""
        report, people = result.report, [p.participant for p in result.people]
        if reread and self.notes_session:
            session = self.store.sessions.get(self.notes_session)
            day = parse_iso(session.starts_at).astimezone().date() if session.starts_at else None
            try:
                report = read_report(path, day)
                people = report.participants
            except (KnownError, OSError):
                pass  # the file moved or changed: the notes stay as they were worded
        return report.notes + [f"{p.name}: {flag}" for p in people for flag in p.flags]

    def review(self) -> None:
        from ui.dialogs.review_dialog import ReviewDialog

        session = self.current_session()
        if session is None or self.workshop is None:
            return
        ReviewDialog(self.store, self.workshop, session, self).exec()
        self.show_session()

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and self.current_session() is not None:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.import_file(Path(url.toLocalFile()))
        event.acceptProposedAction()

