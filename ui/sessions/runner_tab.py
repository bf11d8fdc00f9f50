"""Run a session: the current module with its steps and facilitator notes, a countdown with
a calm overtime warning, next / previous / pause, a quick hand count, and the log, where a
module passed over before its minimum time shows as skipped."""

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
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _, current_language, ngettext
from facilitator_app.models import Session
from facilitator_app.services.agenda import BREAK, item_label, load_agenda
from facilitator_app.services.runner import (
    FINISHED,
    MAX_MIN_MINUTES,
    PAUSED,
    RUNNING,
    Delivery,
    DeliveryRule,
    Runner,
    delivery_rule,
    save_default_rule,
    set_session_rule,
    store_delivery,
)
from facilitator_app.store import Store
from ui.dialogs.errors import show_known_error
from ui.sessions.module_text import module_markdown
from ui.sessions.presenter import PresenterWindow

TICK_MS = 500


def clock_text(seconds: float) -> str:
    sign = "+" if seconds < 0 else ""
    whole = int(abs(seconds))
    return f"{sign}{whole // 60:02d}:{whole % 60:02d}"


def log_line(delivery: Delivery) -> str:
    """One line of the log, in the current language."""
    start = delivery.started_at.astimezone().strftime("%H:%M")
    end = delivery.ended_at.astimezone().strftime("%H:%M")
    title = item_label(delivery.item)
    if not delivery.delivered:
        return _("{start}–{end}  {title}  (skipped after {time} of {planned} min)").format(
            start=start, end=end, title=title, time=clock_text(delivery.seconds),
            planned=delivery.item.minutes)
    counts = (f" · ✔ {delivery.useful_yes} ✖ {delivery.useful_no}"
              if delivery.useful_yes is not None else "")
    return _("{start}–{end}  {title}  ({minutes} of {planned} min)").format(
        start=start, end=end, title=title, minutes=round(delivery.seconds / 60),
        planned=delivery.item.minutes) + counts


class RunnerTab(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None,
                 clock: Callable[[], datetime] = system_clock) -> None:
        super().__init__(parent)
        self.store, self.clock = store, clock
        self.session: Session | None = None
        self.decks: dict[str, Deck] = {}
        self.runner: Runner | None = None
        self.presenter: PresenterWindow | None = None
        self._shown: tuple | None = None  # what the content pane shows (item, language)
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
        layout.addLayout(self._rule_row())
        self.log = QListWidget()
        self.log.setObjectName("runnerLog")
        self.log.setMaximumHeight(110)
        layout.addWidget(self.log)
        self.ticker = QTimer(self, interval=TICK_MS)
        self.ticker.timeout.connect(self.tick)
        for key, slot in ((Qt.Key.Key_Space, self.toggle), ("Ctrl+Right", self.next),
                          (Qt.Key.Key_PageDown, self.next), ("Ctrl+Left", self.previous),
                          (Qt.Key.Key_PageUp, self.previous),
                          (Qt.Key.Key_F5, self.open_presenter)):
            QShortcut(QKeySequence(key), self, slot)
        self.retranslate()

    def _header(self) -> QGridLayout:
        grid = QGridLayout()
        self.position = QLabel()
        self.title = QLabel(wordWrap=True)
        self.title.setObjectName("runnerTitle")
        self.title.setStyleSheet("font-size: 20pt; font-weight: 700;")
        self.countdown = QLabel(alignment=Qt.AlignmentFlag.AlignRight)
        self.countdown.setObjectName("runnerCountdown")
        self.status = QLabel(alignment=Qt.AlignmentFlag.AlignRight)
        self.status.setObjectName("runnerStatus")
        self.upcoming = QLabel()
        self.upcoming.setObjectName("runnerNext")
        grid.addWidget(self.position, 0, 0)
        grid.addWidget(self.title, 1, 0)
        grid.addWidget(self.countdown, 0, 1, 2, 1)
        grid.addWidget(self.status, 2, 1)
        grid.addWidget(self.upcoming, 2, 0)
        grid.setColumnStretch(0, 1)
        return grid

    def _controls(self) -> QVBoxLayout:
        """Two rows, so the tab fits a small laptop screen in Spanish too."""
        rows = QVBoxLayout()
        row = QHBoxLayout()
        projector = QHBoxLayout()
        self.previous_button = QPushButton()
        self.start_button = QPushButton()
        self.next_button = QPushButton()
        self.previous_button.clicked.connect(self.previous)
        self.start_button.clicked.connect(self.toggle)
        self.next_button.clicked.connect(self.next)
        self.hand_label = QLabel()
        self.useful_yes = QSpinBox(maximum=999)
        self.useful_no = QSpinBox(maximum=999)
        for spin in (self.useful_yes, self.useful_no):
            spin.valueChanged.connect(self._hand_count)
        self.screen_box = QComboBox()
        self.full_screen = QCheckBox()
        self.phone_share = QCheckBox()
        self.phone_share.setObjectName("phoneShare")
        self.phone_share.toggled.connect(self._phone_mode)
        self.presenter_button = QPushButton()
        self.presenter_button.clicked.connect(self.open_presenter)
        for widget in (self.previous_button, self.start_button, self.next_button,
                       self.hand_label, self.useful_yes, self.useful_no):
            row.addWidget(widget)
        row.addStretch(1)
        projector.addStretch(1)
        for widget in (self.screen_box, self.full_screen, self.phone_share,
                       self.presenter_button):
            projector.addWidget(widget)
        rows.addLayout(row)
        rows.addLayout(projector)
        return rows

    def _rule_row(self) -> QHBoxLayout:
        """When a module counts as delivered: minutes, or a share of its plan."""
        row = QHBoxLayout()
        self.rule_label = QLabel()
        self.rule_minutes = QSpinBox(maximum=MAX_MIN_MINUTES)
        self.rule_minutes.setObjectName("ruleMinutes")
        self.rule_or = QLabel()
        self.rule_percent = QSpinBox(maximum=100, suffix=" %")
        self.rule_percent.setObjectName("rulePercent")
        self.rule_default = QPushButton()
        for spin in (self.rule_minutes, self.rule_percent):
            spin.valueChanged.connect(self._rule_changed)
        self.rule_default.clicked.connect(self.make_rule_default)
        for widget in (self.rule_label, self.rule_minutes, self.rule_or, self.rule_percent,
                       self.rule_default):
            row.addWidget(widget)
        row.addStretch(1)
        return row

    def retranslate(self) -> None:
        self.previous_button.setText(_("◀ Previous"))
        self.next_button.setText(_("Next ▶"))
        self.hand_label.setText(_("Hand count:"))
        self.useful_yes.setPrefix(_("useful: yes ") + " ")
        self.useful_no.setPrefix(_("no ") + " ")
        self.full_screen.setText(_("Full screen"))
        self.phone_share.setText(_("Phone share"))
        self.phone_share.setToolTip(_("For a screen share people watch on a phone: very "
                                      "large type, two key points a page"))
        self.presenter_button.setText(_("Presenter screen (F5)"))
        self.rule_label.setText(_("A module counts as delivered after"))
        self.rule_minutes.setSuffix(" " + _("min"))
        self.rule_or.setText(_("or"))
        self.rule_percent.setToolTip(_("of its planned time, whichever is more"))
        self.rule_default.setText(_("Use for every session"))
        self.rule_default.setToolTip(_("Sessions without their own minimum follow this one"))
        self.log.clear()
        for delivery in reversed(self.runner.log if self.runner else []):
            self.log.addItem(log_line(delivery))
        self._shown = None
        if self.presenter is not None:
            self.presenter.retranslate()
        self.tick()

    def set_decks(self, decks: list[Deck]) -> None:
        self.decks = {deck.id: deck for deck in decks}
        self._shown = None

    def set_session(self, session: Session | None) -> None:
        if self.runner and self.runner.state in (RUNNING, PAUSED):
            self.runner.finish()  # switching sessions ends the run: nothing is lost
        self.session = session
        items = load_agenda(self.store, session.id) if session else []
        rule = delivery_rule(self.store, session.id) if session else DeliveryRule()
        self.runner = Runner(items, self.clock, self._delivered, rule) if session else None
        self._show_rule(rule)
        self.log.clear()
        self._shown = None
        self._fill_screens()
        self.tick()

    def _show_rule(self, rule: DeliveryRule) -> None:
        for spin, value in ((self.rule_minutes, rule.minutes), (self.rule_percent, rule.percent)):
            spin.blockSignals(True)
            spin.setValue(value)
            spin.blockSignals(False)
            spin.setEnabled(self.session is not None)
        self.rule_default.setEnabled(self.session is not None)

    def rule(self) -> DeliveryRule:
        return DeliveryRule(self.rule_minutes.value(), self.rule_percent.value())

    def _rule_changed(self) -> None:
        """The session's own minimum, kept at once; a run in progress follows it."""
        if self.session is None:
            return
        set_session_rule(self.store, self.session.id, self.rule())
        if self.runner:
            self.runner.rule = self.rule()

    def make_rule_default(self) -> None:
        try:
            save_default_rule(self.rule())
        except KnownError as exc:
            show_known_error(self, exc)

    def _delivered(self, delivery: Delivery) -> None:
        if self.session is not None:
            store_delivery(self.store, self.session.id, delivery)
        self.log.insertItem(0, log_line(delivery))

    def module(self) -> Module | None:
        current = self.runner.current if self.runner else None
        deck = self.decks.get(current.deck_id) if current else None
        return deck.module(current.module_id) if deck and current else None

    def toggle(self) -> None:
        if self.runner:
            self.runner.toggle()
            self._show_item()

    def next(self) -> None:
        """The next page of a phone share's key points, else the next item."""
        if self.presenter is not None and self.presenter.isVisible() and \
                self.presenter.next_page():
            return
        if self.runner:
            self.runner.next()
            self._show_item()

    def previous(self) -> None:
        if self.presenter is not None and self.presenter.isVisible() and \
                self.presenter.previous_page():
            return
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
        self.title.setText(item_label(current))
        remaining = runner.remaining()
        self.countdown.setText(clock_text(remaining))
        colour = "#b45309" if runner.overtime() else "#1d3557"  # amber, not alarm red
        self.countdown.setStyleSheet(f"font-size: 44pt; font-weight: 700; color: {colour};")
        self.status.setText(self._status_text(runner))
        upcoming = item_label(runner.upcoming) if runner.upcoming else None
        self.upcoming.setText(_("Next: {title}").format(title=upcoming) if upcoming else "")
        self._show_content(runner)
        if self.presenter is not None:
            self.presenter.show_time(clock_text(remaining), runner.overtime())
            self.presenter.show_state(runner.state == PAUSED, upcoming)

    def _show_content(self, runner: Runner) -> None:
        """Render the module only when it changes, so a scrolled pane stays where it is."""
        current = runner.current
        key = (runner.index, current, current_language())
        if key == self._shown:
            return
        self._shown = key
        module = self.module()
        self.content.setMarkdown(module_markdown(module, notes=False) if module else
                                 f"# {item_label(current)}")
        self.notes.setMarkdown(("**" + _("Facilitator notes") + "**\n\n" + module.notes)
                               if module and module.notes else "")
        if self.presenter is not None:
            self.presenter.show_module(module, item_label(current), current.kind == BREAK)

    @staticmethod
    def _status_text(runner: Runner) -> str:
        if runner.overtime():
            return _("Over time by {time}: wrap up calmly").format(
                time=clock_text(-runner.remaining()).lstrip("+"))
        return {RUNNING: _("Running"), PAUSED: _("Paused")}.get(runner.state, _("Ready"))

    def _show_finished(self, runner: Runner | None) -> None:
        self.position.setText("")
        self.upcoming.setText("")
        if runner is None:
            self.title.setText(_("Choose a session with an agenda."))
        elif not runner.items:
            self.title.setText(_("This session has no agenda yet: build it in the Agenda tab."))
        else:
            skipped = len({d.item for d in runner.log if not d.delivered} -
                          {d.item for d in runner.log if d.delivered})
            delivered = runner.delivered_count()
            self.title.setText(ngettext("Session finished: {n} module delivered, {skipped} "
                                        "skipped.", "Session finished: {n} modules delivered, "
                                        "{skipped} skipped.", delivered).format(
                n=delivered, skipped=skipped))
        self.countdown.setText("")
        self.status.setText("")
        self.content.clear()
        self.notes.clear()
        self._shown = None
        if self.presenter is not None:
            self.presenter.show_module(None, self.title.text())
            self.presenter.show_time("", False)
            self.presenter.show_state(False, None)

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
            self.presenter.next_requested.connect(self.next)
            self.presenter.previous_requested.connect(self.previous)
            self.presenter.toggle_requested.connect(self.toggle)
            self.presenter.set_phone_mode(self.phone_share.isChecked())
        screens = {s.name(): s for s in QGuiApplication.screens()}
        self._shown = None
        self.tick()
        self.presenter.show_on(screens.get(self.screen_box.currentData()),
                               self.full_screen.isChecked())
        return self.presenter

    def _phone_mode(self, on: bool) -> None:
        if self.presenter is not None:
            self.presenter.set_phone_mode(on)

    def close_presenter(self) -> None:
        if self.presenter is not None:
            self.presenter.close()
            self.presenter = None
