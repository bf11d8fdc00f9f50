"""Running a session's agenda: one item at a time, a countdown, pauses, overtime, and a
log of every pass with its real start and end. The clock is passed in.

The log tells the truth: a module counts as delivered only once it has run for a minimum
time (1 minute or 20 % of its plan, whichever is more; changeable in the settings and per
session). A module passed over sooner is logged as skipped, and is never listed as taught.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from facilitator_app.clock import iso
from facilitator_app.errors import KnownError
from facilitator_app.i18n import _
from facilitator_app.services.agenda import MODULE, AgendaItem
from facilitator_app.store import Store
from facilitator_app.store.agendas import DELIVERED, SKIPPED

READY, RUNNING, PAUSED, FINISHED = "ready", "running", "paused", "finished"
DEFAULT_MIN_MINUTES, DEFAULT_MIN_PERCENT = 1, 20
SETTING_MINUTES, SETTING_PERCENT = "delivered_min_minutes", "delivered_min_percent"
MAX_MIN_MINUTES = 120


@dataclass(frozen=True)
class DeliveryRule:
    """A module is delivered after `minutes`, or `percent` of its plan if that is more."""

    minutes: int = DEFAULT_MIN_MINUTES
    percent: int = DEFAULT_MIN_PERCENT

    def minimum_seconds(self, planned_minutes: int) -> float:
        return max(self.minutes * 60.0, planned_minutes * 60.0 * self.percent / 100)


@dataclass(frozen=True)
class Delivery:
    item: AgendaItem
    started_at: datetime
    ended_at: datetime
    seconds: float  # time actually running in this pass (pauses left out)
    useful_yes: int | None = None
    useful_no: int | None = None
    status: str = DELIVERED  # or SKIPPED: passed over before the minimum time

    @property
    def delivered(self) -> bool:
        return self.status == DELIVERED


class Runner:
    """A state machine over the agenda; `on_delivered` stores each pass as it ends."""

    def __init__(self, items: list[AgendaItem], clock: Callable[[], datetime],
                 on_delivered: Callable[[Delivery], None] | None = None,
                 rule: DeliveryRule | None = None) -> None:
        self.items = items
        self.clock = clock
        self.on_delivered = on_delivered
        self.rule = rule or DeliveryRule()
        self.index = 0
        self.state = READY if items else FINISHED
        self.log: list[Delivery] = []
        self._started: datetime | None = None
        self._run_seconds = 0.0
        self._resumed: datetime | None = None
        self._totals: dict[int, float] = {}  # seconds each item ran over all its passes
        self.useful_yes: int | None = None
        self.useful_no: int | None = None

    @property
    def current(self) -> AgendaItem | None:
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    @property
    def upcoming(self) -> AgendaItem | None:
        """The item after the current one (None at the last)."""
        following = self.index + 1
        return self.items[following] if self.current and following < len(self.items) else None

    def delivered_count(self) -> int:
        """Modules delivered so far (skipped passes and breaks left out)."""
        return len({d.item for d in self.log if d.delivered and d.item.kind == MODULE})

    def elapsed(self) -> float:
        """Seconds the current item has been running."""
        running = (self.clock() - self._resumed).total_seconds() if self._resumed else 0.0
        return self._run_seconds + running

    def remaining(self) -> float:
        """Seconds left on the current item; negative in overtime."""
        return self.current.minutes * 60 - self.elapsed() if self.current else 0.0

    def overtime(self) -> bool:
        return self.state in (RUNNING, PAUSED) and self.remaining() < 0

    def start(self) -> None:
        if self.state == READY:
            self._begin()
        elif self.state == PAUSED:
            self._resumed = self.clock()
            self.state = RUNNING

    def pause(self) -> None:
        if self.state == RUNNING:
            self._run_seconds = self.elapsed()
            self._resumed = None
            self.state = PAUSED

    def toggle(self) -> None:
        if self.state == RUNNING:
            self.pause()
        else:
            self.start()

    def next(self) -> None:
        self._move(self.index + 1)

    def previous(self) -> None:
        self._move(max(0, self.index - 1))

    def finish(self) -> None:
        self._close()
        self.state = FINISHED

    def hand_count(self, yes: int, no: int) -> None:
        """"Was it useful?" for the current module, stored when the module ends."""
        self.useful_yes, self.useful_no = yes, no

    def _move(self, index: int) -> None:
        was_running = self.state in (RUNNING, PAUSED)
        self._close()
        if index >= len(self.items):
            self.state = FINISHED
            return
        self.index = index
        if was_running:
            self._begin()
        else:
            self.state = READY

    def _begin(self) -> None:
        self._started = self._resumed = self.clock()
        self._run_seconds = 0.0
        self.useful_yes = self.useful_no = None
        self.state = RUNNING

    def _close(self) -> None:
        """Log the current item if it ran at all: delivered once all its passes together
        reached the minimum time, skipped otherwise."""
        if self._started is None or self.current is None:
            return
        seconds = self.elapsed()
        total = self._totals[self.index] = self._totals.get(self.index, 0.0) + seconds
        enough = total >= self.rule.minimum_seconds(self.current.minutes)
        delivery = Delivery(self.current, self._started, self.clock(), seconds,
                            self.useful_yes, self.useful_no, DELIVERED if enough else SKIPPED)
        self.log.append(delivery)
        if self.on_delivered:
            self.on_delivered(delivery)
        self._started = self._resumed = None
        self._run_seconds = 0.0


def store_delivery(store: Store, session_id: str, delivery: Delivery) -> None:
    """Modules (not breaks) go to the workshop's record, delivered or skipped, for reports."""
    if delivery.item.kind != MODULE:
        return
    with store.transaction():
        store.agendas.record_delivery(session_id, asdict(delivery.item),
                                      iso(delivery.started_at), iso(delivery.ended_at),
                                      delivery.useful_yes, delivery.useful_no, delivery.status)


def default_rule(settings: dict[str, Any] | None = None) -> DeliveryRule:
    """The rule in the settings (a bad value there means the built-in default)."""
    if settings is None:
        from facilitator_app.settings import load_settings

        settings = load_settings()
    minutes = settings.get(SETTING_MINUTES, DEFAULT_MIN_MINUTES)
    percent = settings.get(SETTING_PERCENT, DEFAULT_MIN_PERCENT)
    ok_minutes = isinstance(minutes, int) and 0 <= minutes <= MAX_MIN_MINUTES
    ok_percent = isinstance(percent, int) and 0 <= percent <= 100
    return DeliveryRule(minutes if ok_minutes else DEFAULT_MIN_MINUTES,
                        percent if ok_percent else DEFAULT_MIN_PERCENT)


def delivery_rule(store: Store, session_id: str,
                  settings: dict[str, Any] | None = None) -> DeliveryRule:
    """The session's own minimum where it has one, else the settings' (or the default)."""
    base = default_rule(settings)
    minutes, percent = store.agendas.delivery_minimum(session_id)
    return DeliveryRule(base.minutes if minutes is None else minutes,
                        base.percent if percent is None else percent)


def check_rule(minutes: int, percent: int) -> DeliveryRule:
    if not 0 <= minutes <= MAX_MIN_MINUTES:
        raise KnownError(_("The minimum time goes from 0 to {most} minutes.").format(
            most=MAX_MIN_MINUTES))
    if not 0 <= percent <= 100:
        raise KnownError(_("The share of the plan goes from 0 to 100 %."))
    return DeliveryRule(minutes, percent)


def set_session_rule(store: Store, session_id: str, rule: DeliveryRule | None) -> None:
    """Give the session its own minimum (None: follow the settings again)."""
    if rule is not None:
        check_rule(rule.minutes, rule.percent)
    with store.transaction():
        store.agendas.set_delivery_minimum(session_id, rule.minutes if rule else None,
                                           rule.percent if rule else None)


def save_default_rule(rule: DeliveryRule) -> None:
    """The minimum for every session without one of its own (in the settings file)."""
    from facilitator_app.settings import save_setting

    check_rule(rule.minutes, rule.percent)
    save_setting(SETTING_MINUTES, rule.minutes)
    save_setting(SETTING_PERCENT, rule.percent)
