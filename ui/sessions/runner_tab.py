"""Run a session: the current module with its steps and facilitator notes, a countdown with
a calm overtime warning, next / previous / pause, a quick hand count, and the log."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from facilitator_app.clock import system_clock
from facilitator_app.decks.model import Deck, Module
from facilitator_app.i18n import _
from facilitator_app.models import Session
from facilitator_app.services.agenda import load_agenda
from facilitator_app.services.runner import (
    FINISHED,
    PAUSED,
    RUNNING,
    Delivery,
    Runner,
    store_delivery,
)
from facilitator_app.store import Store
from ui.sessions.module_text import module_markdown
from ui.sessions.presenter import PresenterWindow

TICK_MS = 500


def clock_text(seconds: float) -> str:
    sign = "+" if seconds < 0 else ""
    whole = int(abs(seconds))
    return f"{sign}{whole // 60:02d}:{whole % 60:02d}"


class RunnerTab(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None,
                 clock: Callable[[], datetime] = system_clock) -> None:
        super().__init__(parent)
        self.store, self.clock = store, clock
        self.session: Session | None = None
        self.decks: dict[str, Deck] = {}
        self.runner: Runner | None = None
        self.presenter: PresenterWindow | None = None
        layout = QVBoxLayout(self)
        layout.addLayout(self._header())
        body = QHBoxLayout()
        self.content = QTextBrowser(openExternalLinks=False)
        self.notes = QTextBrowser()
        self.notes.setObjectName("facilitatorNotes")
        self.notes.setStyleSheet("QTextBrowser#facilitatorNotes { background: #fff8e1; }")
        body.addWidget(self.content, stretch=3)
        body.addWidget(self.notes, stretch=2)
        layout.addLayout(body, stretch=1)
        layout.addLayout(self._controls())
        self.log = QListWidget()
        self.log.setMaximumHeight(110)
        layout.addWidget(self.log)
        self.ticker = QTimer(self, interval=TICK_MS)
        self.ticker.timeout.connect(self.tick)
        QShortcut(QKeySequence(Qt.Key.Key_Space), self, self.toggle)
        QShortcut(QKeySequence("Ctrl+Right"), self, self.next)
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, self.next)
        QShortcut(QKeySequence("Ctrl+Left"), self, self.previous)
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, self.previous)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.open_presenter)

    def _header(self) -> QGridLayout:
        grid = QGridLayout()
        self.position = QLabel()
        self.title = QLabel(wordWrap=True)
        self.title.setObjectName("runnerTitle")
        self.title.setStyleSheet("font-size: 20pt; font-weight: 700;")
        self.countdown = QLabel(alignment=Qt.AlignmentFlag.AlignRight)
        self.countdown.setObjectName("runnerCountdown")
        self.status = QLabel(alignment=Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.position, 0, 0)
        grid.addWidget(self.title, 1, 0)
        grid.addWidget(self.countdown, 0, 1, 2, 1)
        grid.addWidget(self.status, 2, 1)
        grid.setColumnStretch(0, 1)
        return grid

    def _controls(self) -> QVBoxLayout:
        """Two rows, so the tab fits a small laptop screen in Spanish too."""
        rows = QVBoxLayout()
        row = QHBoxLayout()
        projector = QHBoxLayout()
        self.previous_button = QPushButton(_("◀ Previous"))
        self.start_button = QPushButton()
        self.next_button = QPushButton(_("Next ▶"))
        self.previous_button.clicked.connect(self.previous)
        self.start_button.clicked.connect(self.toggle)
        self.next_button.clicked.connect(self.next)
        self.useful_yes = QSpinBox(maximum=999, prefix=_("useful: yes ") + " ")
        self.useful_no = QSpinBox(maximum=999, prefix=_("no ") + " ")
        for spin in (self.useful_yes, self.useful_no):
            spin.valueChanged.connect(self._hand_count)
        self.screen_box = QComboBox()
        self.full_screen = QCheckBox(_("Full screen"))
        self.presenter_button = QPushButton(_("Presenter screen (F5)"))
        self.presenter_button.clicked.connect(self.open_presenter)
        for widget in (self.previous_button, self.start_button, self.next_button,
                       QLabel(_("Hand count:")), self.useful_yes, self.useful_no):
            row.addWidget(widget)
        row.addStretch(1)
        projector.addStretch(1)
        for widget in (self.screen_box, self.full_screen, self.presenter_button):
            projector.addWidget(widget)
        rows.addLayout(row)
        rows.addLayout(projector)
        return rows

    def set_decks(self, decks: list[Deck]) -> None:
        self.decks = {deck.id: deck for deck in decks}

    def set_session(self, session: Session | None) -> None:
        if self.runner and self.runner.state in (RUNNING, PAUSED):
            self.runner.finish()  # switching sessions ends the run: nothing is lost
        self.session = session
        items = load_agenda(self.store, session.id) if session else []
        self.runner = Runner(items, self.clock, self._delivered) if session else None
        self.log.clear()
        self._fill_screens()
        self.tick()

    def _delivered(self, delivery: Delivery) -> None:
        if self.session is not None:
            store_delivery(self.store, self.session.id, delivery)
        start = delivery.started_at.astimezone().strftime("%H:%M")
        end = delivery.ended_at.astimezone().strftime("%H:%M")
        counts = (f" · ✔ {delivery.useful_yes} ✖ {delivery.useful_no}"
                  if delivery.useful_yes is not None else "")
        self.log.insertItem(0, _("{start}–{end}  {title}  ({minutes} of {planned} min)")
                            .format(start=start, end=end, title=delivery.item.title,
                                    minutes=round(delivery.seconds / 60),
                                    planned=delivery.item.minutes) + counts)

    def module(self) -> Module | None:
        current = self.runner.current if self.runner else None
        deck = self.decks.get(current.deck_id) if current else None
        return deck.module(current.module_id) if deck and current else None

    def toggle(self) -> None:
        if self.runner:
            self.runner.toggle()
            self._show_item()

    def next(self) -> None:
        if self.runner:
            self.runner.next()
            self._show_item()

    def previous(self) -> None:
        if self.runner:
            self.runner.previous()
            self._show_item()

    def _hand_count(self) -> None:
        if self.runner:
            self.runner.hand_count(self.useful_yes.value(), self.useful_no.value())

    def _show_item(self) -> None:
        for spin in (self.useful_yes, self.useful_no):
            spin.blockSignals(True)
            spin.setValue(0)
            spin.blockSignals(False)
        self.tick()

    def tick(self) -> None:
        runner = self.runner
        current = runner.current if runner else None
        running = bool(runner and runner.state == RUNNING)
        if running:
            self.ticker.start()
        else:
            self.ticker.stop()
        self.start_button.setText(_("Pause (Space)") if running else _("Start (Space)"))
        if runner is None or current is None or runner.state == FINISHED:
            self._show_finished(runner)
            return
        self.position.setText(_("{n} of {total}").format(n=runner.index + 1,
                                                         total=len(runner.items)))
        self.title.setText(current.title)
        remaining = runner.remaining()
        self.countdown.setText(clock_text(remaining))
        colour = "#b45309" if runner.overtime() else "#1d3557"  # amber, not alarm red
        self.countdown.setStyleSheet(f"font-size: 44pt; font-weight: 700; color: {colour};")
        self.status.setText(self._status_text(runner))
        module = self.module()
        self.content.setMarkdown(module_markdown(module, notes=False) if module else
                                 f"# {current.title}")
        self.notes.setMarkdown(("**" + _("Facilitator notes") + "**\n\n" + module.notes)
                               if module and module.notes else "")
        if self.presenter is not None:
            if self.presenter.title.text() != current.title:
                self.presenter.show_module(module, current.title)
            self.presenter.show_time(clock_text(remaining), runner.overtime())

    @staticmethod
    def _status_text(runner: Runner) -> str:
        if runner.overtime():
            return _("Over time by {time}: wrap up calmly").format(
                time=clock_text(-runner.remaining()).lstrip("+"))
        return {RUNNING: _("Running"), PAUSED: _("Paused")}.get(runner.state, _("Ready"))

    def _show_finished(self, runner: Runner | None) -> None:
        self.position.setText("")
        if runner is None:
            self.title.setText(_("Choose a session with an agenda."))
        elif not runner.items:
            self.title.setText(_("This session has no agenda yet: build it in the Agenda tab."))
        else:
            self.title.setText(_("Session finished: {n} items delivered.").format(
                n=len(runner.log)))
        self.countdown.setText("")
        self.status.setText("")
        self.content.clear()
        self.notes.clear()

    def _fill_screens(self) -> None:
        self.screen_box.clear()
        for screen in QGuiApplication.screens():
            size = screen.geometry()
            self.screen_box.addItem(f"{screen.name()} ({size.width()}×{size.height()})",
                                    screen.name())
        if self.screen_box.count() > 1:
            self.screen_box.setCurrentIndex(1)  # a second screen is usually the projector

    def open_presenter(self) -> PresenterWindow:
        if self.presenter is None:
            self.presenter = PresenterWindow()
        screens = {s.name(): s for s in QGuiApplication.screens()}
        self.presenter.show_module(self.module(), self.title.text())
        self.presenter.show_on(screens.get(self.screen_box.currentData()),
                               self.full_screen.isChecked())
        self.tick()
        return self.presenter

    def close_presenter(self) -> None:
        if self.presenter is not None:
            self.presenter.close()
            self.presenter = None
